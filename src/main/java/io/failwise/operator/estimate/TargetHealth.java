package io.failwise.operator.estimate;

import io.failwise.api.Cluster;
import io.failwise.api.ClusterStatus;
import io.failwise.model.DeviceObservation;
import io.failwise.model.Health;
import io.failwise.model.HealthAssessment;
import io.failwise.model.HealthThresholds;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a failover target is healthy, by one rule for the estimate's choice of target and the
 * playbook's TargetHealthy precheck (the controller's and {@code failwise plan}'s): a fresh
 * status.health decides (Unknown is unhealthy: its signals are lost); when it is missing or stale, the
 * counts are judged with the thresholds a Cluster's health uses. One rule, so that one output never
 * chooses a target and fails it on health.
 *
 * @param health the verdict
 * @param byCounts whether the counts were judged (no fresh status.health)
 * @param staleStatus whether a status.health was there but stale
 * @param message the counts' assessment when judged by them ("54,000 of 90,000 devices are offline (60%)"), what an
 *     undated status.health is taken as, else empty
 */
public record TargetHealth(Health health, boolean byCounts, boolean staleStatus, String message) {
  /** A target's status.health older than this is stale: its counts are judged instead. */
  static final Duration STALE_HEALTH = Duration.ofMinutes(5);

  public boolean healthy() {
    return health == Health.HEALTHY;
  }

  /** Why target {@code name} is not healthy, as the estimate's "passed over" list says it. */
  public String unhealthyReason(String name) {
    return byCounts
        ? name + " is not healthy by its counts (" + health.displayName() + ": " + message + (staleStatus ? "; its status.health is stale" : "") + ")"
        : name + " is not healthy (" + health.displayName() + ")";
  }

  /** The verdict as the TargetHealthy precheck says it after "go-eu-north-1 is Degraded: ". */
  public String precheckMessage() {
    return byCounts
        ? message + (staleStatus ? " (its status.health is stale: judged by its counts)" : "")
        : message.isEmpty()
            ? "its status.health says so (the controller's verdict, fresher than " + STALE_HEALTH.toMinutes() + " min)"
            : message;
  }

  /** The verdict on target {@code c} whose signal reads {@code expected} and {@code connected} devices at {@code at}. */
  public static TargetHealth judge(Cluster c, long expected, long connected, Instant at) {
    ClusterStatus status = c.getStatus();
    String health = status == null ? null : status.health;
    boolean fresh =
        health != null
            && status.lastSignalTime != null
            && !parse(status.lastSignalTime).map(t -> t.plus(STALE_HEALTH).isBefore(at)).orElse(true);
    if (health != null && (fresh || status.lastSignalTime == null)) {
      Health h = Health.parse(health).orElse(Health.UNKNOWN);
      // Without a status.lastSignalTime nothing dates the verdict: it is taken as it stands, and said so.
      return new TargetHealth(h, false, false,
          fresh ? "" : "its status.health says so (the controller's verdict; no status.lastSignalTime dates it, so it is taken as it stands)");
    }
    HealthAssessment judged = HealthAssessment.of(new DeviceObservation(expected, connected, at), HealthThresholds.defaults());
    return new TargetHealth(judged.health(), true, health != null, judged.message().replaceAll("\\.$", ""));
  }

  private static Optional<Instant> parse(String time) {
    try {
      return Optional.of(Instant.parse(time));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
