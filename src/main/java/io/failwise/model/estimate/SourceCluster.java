package io.failwise.model.estimate;

import java.time.Duration;
import java.util.Objects;

/**
 * The cluster with the outage, as the estimator needs it. The losses use the expected devices and the
 * outage's offline count; the connected and capacity counts are carried for callers' reports.
 *
 * @param expectedDevices devices that normally connect here; a whole-cluster failover moves them all
 * @param connectedDevices devices connected now
 * @param capacityDevices most concurrent connections it holds
 * @param admissionDevicesPerSecond new connections per second it accepts: paces the failback
 * @param cutover how long a switch to or from another cluster disconnects the devices that move
 * @param failbackRequired whether devices that moved must move back after the outage
 */
public record SourceCluster(
    String name,
    long expectedDevices,
    long connectedDevices,
    long capacityDevices,
    double admissionDevicesPerSecond,
    Duration cutover,
    Granularity granularity,
    boolean failbackRequired) {
  public SourceCluster {
    Checks.name(name, "source cluster");
    Checks.count(expectedDevices, "source " + name + ": expectedDevices");
    Checks.count(connectedDevices, "source " + name + ": connectedDevices");
    Checks.count(capacityDevices, "source " + name + ": capacityDevices");
    Checks.rate(admissionDevicesPerSecond, "source " + name + ": admissionDevicesPerSecond");
    Objects.requireNonNull(cutover, "source " + name + ": cutover");
    if (cutover.isNegative()) {
      throw new IllegalArgumentException("source " + name + ": cutover cannot be negative, got " + cutover);
    }
    Objects.requireNonNull(granularity, "source " + name + ": granularity");
  }

  double cutoverMinutes() {
    return cutover.toNanos() / 60e9;
  }
}
