package io.failwise.operator.run;

import io.failwise.api.Cluster;
import io.failwise.operator.estimate.TargetHealth;
import io.failwise.api.FailoverSpec;
import io.failwise.model.DeviceObservation;
import io.failwise.model.Health;
import io.failwise.model.HealthAssessment;
import io.failwise.model.HealthThresholds;
import java.util.Optional;

/**
 * What planning and prechecks need of one cluster: its spec's capacity and admission rate, and its
 * device counts from a signal (null when unknown) with the health they mean, and its region (empty when
 * unknown).
 *
 * @param affected the devices an intermittent outage touches, when stated (an estimate Scenario's
 *     affectedDevices, more than are offline at once); empty: the offline ones, all a signal shows
 */
public record ClusterFacts(
    String name,
    String region,
    long capacity,
    double devicesPerSecond,
    Optional<DeviceObservation> devices,
    Health health,
    String healthMessage,
    FailoverSpec failover,
    java.util.OptionalLong affected) {

  public ClusterFacts(
      String name, String region, long capacity, double devicesPerSecond, Optional<DeviceObservation> devices, Health health,
      String healthMessage, FailoverSpec failover) {
    this(name, region, capacity, devicesPerSecond, devices, health, healthMessage, failover, java.util.OptionalLong.empty());
  }

  /** These facts with {@code affected} devices touched by the outage (never fewer than those offline). */
  public ClusterFacts withAffected(long affected) {
    return new ClusterFacts(name, region, capacity, devicesPerSecond, devices, health, healthMessage, failover,
        java.util.OptionalLong.of(Math.max(affected, offline())));
  }

  /** The devices a move of the affected ones moves: those the outage touches, else those offline now. */
  public long affectedDevices() {
    return affected.orElse(offline());
  }

  /** From a Cluster and a reading of its signals (empty when unknown, with why). */
  public static ClusterFacts of(Cluster c, Optional<DeviceObservation> devices, String unknownWhy, HealthThresholds thresholds) {
    var spec = c.getSpec();
    long capacity = spec == null || spec.capacity == null || spec.capacity.devices == null ? 0 : spec.capacity.devices;
    double rate = spec == null || spec.admission == null || spec.admission.devicesPerSecond == null ? 0 : spec.admission.devicesPerSecond;
    Health health = null;
    String message = unknownWhy;
    if (devices.isPresent()) {
      HealthAssessment verdict = HealthAssessment.of(devices.get(), thresholds);
      health = verdict.health();
      message = verdict.message();
    }
    String region = spec == null || spec.region == null ? "" : spec.region;
    return new ClusterFacts(c.getMetadata().getName(), region, capacity, rate, devices, health, message, spec == null ? null : spec.failover);
  }

  public long expected() {
    return devices.map(DeviceObservation::expected).orElse(0L);
  }

  public long connected() {
    return devices.map(DeviceObservation::connected).orElse(0L);
  }

  public long offline() {
    return devices.map(DeviceObservation::offline).orElse(0L);
  }

  public boolean healthy() {
    return health == Health.HEALTHY;
  }

  /**
   * These facts with the health a failover target is judged by ({@link TargetHealth}: a fresh
   * status.health, else these counts), as the estimate judges it when it chooses the target: the
   * precheck and the choice never disagree. Unknown counts stay unknown.
   */
  public ClusterFacts asTarget(Cluster c, java.time.Instant now) {
    if (devices.isEmpty() || c == null) {
      return this;
    }
    TargetHealth judged = TargetHealth.judge(c, expected(), connected(), now);
    return new ClusterFacts(name, region, capacity, devicesPerSecond, devices, judged.health(), judged.precheckMessage(), failover, affected);
  }
}
