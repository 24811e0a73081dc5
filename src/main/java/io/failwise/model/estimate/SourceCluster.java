package io.failwise.model.estimate;

import java.time.Duration;
import java.util.Objects;

/**
 * The cluster with the outage, as the estimator needs it. The losses use the expected devices and the
 * outage's offline count; the connected and capacity counts are carried for callers' reports.
 *
 * @param region the region it runs in; a target in the same region is no regional failover (empty: unknown)
 * @param expectedDevices devices that normally connect here; a whole-cluster failover moves them all
 * @param connectedDevices devices connected now
 * @param capacityDevices most concurrent connections it holds
 * @param admissionDevicesPerSecond new connections per second it accepts: paces the failback
 * @param cutover the median time a switch to or from another cluster disconnects the devices that move
 * @param cutoverP90 the switch's 90th percentile; cutovers are lognormal between the two
 * @param failbackRequired whether devices that moved must move back after the outage
 */
public record SourceCluster(
    String name,
    String region,
    long expectedDevices,
    long connectedDevices,
    long capacityDevices,
    double admissionDevicesPerSecond,
    Duration cutover,
    Duration cutoverP90,
    Granularity granularity,
    boolean failbackRequired) {
  /**
   * When no p90 is stated, twice the median: measured IoT Hub failovers of one size varied by 5% (518-543 s
   * for 80k devices), but Azure documents 10 minutes to 2 hours for a manual failover, so a guess of one
   * number is uncertain by a factor; docs/estimator.md.
   */
  public static final double DEFAULT_CUTOVER_P90_FACTOR = 2.0;

  public SourceCluster {
    Checks.name(name, "source cluster");
    region = region == null ? "" : region;
    Checks.count(expectedDevices, "source " + name + ": expectedDevices");
    Checks.count(connectedDevices, "source " + name + ": connectedDevices");
    Checks.count(capacityDevices, "source " + name + ": capacityDevices");
    Checks.rate(admissionDevicesPerSecond, "source " + name + ": admissionDevicesPerSecond");
    Objects.requireNonNull(cutover, "source " + name + ": cutover");
    if (cutover.isNegative()) {
      throw new IllegalArgumentException("source " + name + ": cutover cannot be negative, got " + cutover);
    }
    if (cutoverP90 == null) {
      cutoverP90 = Duration.ofNanos(Math.round(cutover.toNanos() * DEFAULT_CUTOVER_P90_FACTOR));
    }
    if (cutoverP90.compareTo(cutover) < 0) {
      throw new IllegalArgumentException(
          "source " + name + ": cutoverP90 (" + cutoverP90 + ") cannot be below the median cutover (" + cutover + ")");
    }
    Objects.requireNonNull(granularity, "source " + name + ": granularity");
  }

  /** Region unknown, the default cutover p90. */
  public SourceCluster(
      String name,
      long expectedDevices,
      long connectedDevices,
      long capacityDevices,
      double admissionDevicesPerSecond,
      Duration cutover,
      Granularity granularity,
      boolean failbackRequired) {
    this(name, "", expectedDevices, connectedDevices, capacityDevices, admissionDevicesPerSecond, cutover, null, granularity,
        failbackRequired);
  }

  double cutoverMinutes() {
    return cutover.toNanos() / 60e9;
  }

  double cutoverP90Minutes() {
    return cutoverP90.toNanos() / 60e9;
  }

  /** The expected cutover: a lognormal's mean, median x e^(sigma^2/2), sigma from the median and p90. */
  double cutoverMeanMinutes() {
    double median = cutoverMinutes();
    if (median == 0 || cutoverP90.equals(cutover)) {
      return median;
    }
    return DurationPrior.meanOf(median, cutoverP90Minutes());
  }
}
