package io.failwise.model.estimate;

/**
 * A cluster the source can fail over to.
 *
 * @param priority lower numbers are tried first
 * @param connectedDevices devices connected to it now: they use part of its capacity
 * @param admissionDevicesPerSecond new connections per second it accepts: paces the devices that move
 * @param healthy false when it is degraded or in an outage itself: it is then never chosen
 */
public record TargetCluster(
    String name,
    int priority,
    long capacityDevices,
    long connectedDevices,
    double admissionDevicesPerSecond,
    boolean healthy) {
  public TargetCluster {
    Checks.name(name, "target cluster");
    Checks.count(capacityDevices, "target " + name + ": capacityDevices");
    Checks.count(connectedDevices, "target " + name + ": connectedDevices");
    Checks.rate(admissionDevicesPerSecond, "target " + name + ": admissionDevicesPerSecond");
  }

  /** Devices it can take on: capacity minus what is connected, never negative. */
  public long freeDevices() {
    return Math.max(0, capacityDevices - connectedDevices);
  }
}
