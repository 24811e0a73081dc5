package io.failwise.model.estimate;

import java.util.Optional;

/**
 * A cluster the source can fail over to.
 *
 * @param priority lower numbers win a tie between targets that cost the same
 * @param region its region; the source's own region is refused (no regional failover)
 * @param connectedDevices devices connected to it now: they use part of its capacity
 * @param offlineDevices its own devices offline now: they will come back, so they are not room
 * @param admissionDevicesPerSecond new connections per second it accepts: paces the devices that move
 * @param refused why it must not be chosen now (its status or its counts say it is in trouble, or another run
 *     holds it); empty when it may be
 */
public record TargetCluster(
    String name,
    int priority,
    String region,
    long capacityDevices,
    long connectedDevices,
    long offlineDevices,
    double admissionDevicesPerSecond,
    Optional<String> refused) {
  public TargetCluster {
    Checks.name(name, "target cluster");
    region = region == null ? "" : region;
    Checks.count(capacityDevices, "target " + name + ": capacityDevices");
    Checks.count(connectedDevices, "target " + name + ": connectedDevices");
    Checks.count(offlineDevices, "target " + name + ": offlineDevices");
    Checks.rate(admissionDevicesPerSecond, "target " + name + ": admissionDevicesPerSecond");
    refused = refused == null ? Optional.empty() : refused;
  }

  /** Region unknown, no devices of its own offline; {@code healthy} false reads as "not healthy". */
  public TargetCluster(
      String name, int priority, long capacityDevices, long connectedDevices, double admissionDevicesPerSecond, boolean healthy) {
    this(name, priority, "", capacityDevices, connectedDevices, 0, admissionDevicesPerSecond,
        healthy ? Optional.empty() : Optional.of(name + " is not healthy"));
  }

  /**
   * The same target, refused for {@code why} (another run holds it, say): a reason it already has stands,
   * one is enough to pass it over.
   */
  public TargetCluster refusedFor(String why) {
    return refused.isPresent()
        ? this
        : new TargetCluster(name, priority, region, capacityDevices, connectedDevices, offlineDevices, admissionDevicesPerSecond, Optional.of(why));
  }

  /**
   * Devices it can take on: its capacity times the utilisation cap, minus the devices it expects (the
   * connected ones and its own offline ones, which will come back); never negative.
   */
  public long freeDevices(double maxUtilization) {
    return Math.max(0, (long) Math.floor(capacityDevices * maxUtilization) - connectedDevices - offlineDevices);
  }
}
