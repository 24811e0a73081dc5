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
 * @param unhealthy why it must not be chosen (its status or its counts say it is in trouble); empty when healthy
 */
public record TargetCluster(
    String name,
    int priority,
    String region,
    long capacityDevices,
    long connectedDevices,
    long offlineDevices,
    double admissionDevicesPerSecond,
    Optional<String> unhealthy) {
  public TargetCluster {
    Checks.name(name, "target cluster");
    region = region == null ? "" : region;
    Checks.count(capacityDevices, "target " + name + ": capacityDevices");
    Checks.count(connectedDevices, "target " + name + ": connectedDevices");
    Checks.count(offlineDevices, "target " + name + ": offlineDevices");
    Checks.rate(admissionDevicesPerSecond, "target " + name + ": admissionDevicesPerSecond");
    unhealthy = unhealthy == null ? Optional.empty() : unhealthy;
  }

  /** Region unknown, no devices of its own offline; {@code healthy} false reads as "not healthy". */
  public TargetCluster(
      String name, int priority, long capacityDevices, long connectedDevices, double admissionDevicesPerSecond, boolean healthy) {
    this(name, priority, "", capacityDevices, connectedDevices, 0, admissionDevicesPerSecond,
        healthy ? Optional.empty() : Optional.of(name + " is not healthy"));
  }

  public boolean healthy() {
    return unhealthy.isEmpty();
  }

  /**
   * Devices it can take on: its capacity times the utilisation cap, minus the devices it expects (the
   * connected ones and its own offline ones, which will come back); never negative.
   */
  public long freeDevices(double maxUtilization) {
    return Math.max(0, (long) Math.floor(capacityDevices * maxUtilization) - connectedDevices - offlineDevices);
  }
}
