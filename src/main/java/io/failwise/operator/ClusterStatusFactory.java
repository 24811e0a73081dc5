package io.failwise.operator;

import io.failwise.api.Cluster;
import io.failwise.api.ClusterStatus;
import io.failwise.api.DeviceCounts;
import io.failwise.api.validation.ClusterValidator;
import io.failwise.api.validation.Problem;
import io.failwise.model.DeviceObservation;
import io.failwise.model.Health;
import io.failwise.model.HealthAssessment;
import io.failwise.operator.status.Conditions;
import io.failwise.signals.SignalReading;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Builds the next ClusterStatus from what was observed: spec problems, or a signal reading and the
 * model's verdict on it. Pure: no I/O, so every combination is unit-tested.
 */
public final class ClusterStatusFactory {
  public static final String READY = "Ready";
  public static final String DEGRADED = "Degraded";
  public static final String OUTAGE = "Outage";
  /**
   * The Outage condition's reason (status False) for an outage in progress that a maintenance window
   * (failwise silence) began during: not over, only silenced until the window ends.
   */
  public static final String SILENCED = "Silenced";

  private ClusterStatusFactory() {}

  /** A spec the controller cannot act on: Ready=False, the rest Unknown, the last counts kept. */
  public static ClusterStatus invalid(Cluster cluster, List<Problem> problems, Instant now) {
    ClusterStatus previous = previous(cluster);
    ClusterStatus next = copyCounts(previous);
    Long generation = cluster.getMetadata().getGeneration();
    String message = "The spec is invalid: " + ClusterValidator.summary(problems);
    next.health = Health.UNKNOWN.displayName();
    next.conditions = Conditions.set(previous.conditions, READY, Conditions.FALSE, "InvalidSpec", message, generation, now);
    next.conditions = Conditions.set(next.conditions, DEGRADED, Conditions.UNKNOWN, "InvalidSpec", message, generation, now);
    next.conditions = Conditions.set(next.conditions, OUTAGE, Conditions.UNKNOWN, "InvalidSpec", message, generation, now);
    next.observedGeneration = generation;
    return next;
  }

  /** The signal could not be read: never reported as healthy. */
  public static ClusterStatus unknownSignal(Cluster cluster, SignalReading reading, Instant now) {
    ClusterStatus previous = previous(cluster);
    ClusterStatus next = copyCounts(previous);
    Long generation = cluster.getMetadata().getGeneration();
    String message = "Device counts are unknown: " + reading.unknownMessage();
    next.health = Health.UNKNOWN.displayName();
    next.onsetTime = onsetKeptWhileUnknown(previous);
    String reason = reading.unknownReason();
    next.conditions = Conditions.set(previous.conditions, READY, Conditions.FALSE, reason, message, generation, now);
    next.conditions = Conditions.set(next.conditions, DEGRADED, Conditions.UNKNOWN, reason, message, generation, now);
    next.conditions = Conditions.set(next.conditions, OUTAGE, Conditions.UNKNOWN, reason, message, generation, now);
    next.observedGeneration = generation;
    return next;
  }

  /**
   * The controller could not reconcile the cluster ({@link io.failwise.operator.status.ReconcileFailure}):
   * as for a signal it cannot read, Ready=False, health Unknown, Degraded and Outage Unknown, the last
   * counts kept. A policy watching it then says its counts cannot be read, and a Region leaves them out,
   * instead of both trusting a verdict nobody updates.
   */
  public static ClusterStatus reconcileFailed(Cluster cluster, String message, Instant now) {
    ClusterStatus previous = previous(cluster);
    ClusterStatus next = copyCounts(previous);
    Long generation = cluster.getMetadata().getGeneration();
    String reason = io.failwise.operator.status.ReconcileFailure.REASON;
    next.health = Health.UNKNOWN.displayName();
    next.onsetTime = onsetKeptWhileUnknown(previous);
    next.conditions = Conditions.set(previous.conditions, READY, Conditions.FALSE, reason, message, generation, now);
    next.conditions = Conditions.set(next.conditions, DEGRADED, Conditions.UNKNOWN, reason, message, generation, now);
    next.conditions = Conditions.set(next.conditions, OUTAGE, Conditions.UNKNOWN, reason, message, generation, now);
    next.observedGeneration = generation;
    return next;
  }

  /** Prometheus observers' verdicts combined by quorum: see {@link DetectionStatus}. */
  public static ClusterStatus detected(Cluster cluster, io.failwise.model.detect.QuorumVerdict verdict, Instant now) {
    return DetectionStatus.of(cluster, verdict, now);
  }

  /**
   * A reading with its verdict. {@code lastSignalTime} is the time of this reading; the caller keeps
   * the previous one when nothing else changed (see {@link io.failwise.operator.status.Heartbeats}).
   */
  public static ClusterStatus observed(Cluster cluster, DeviceObservation obs, HealthAssessment verdict, Instant now) {
    ClusterStatus previous = previous(cluster);
    ClusterStatus next = new ClusterStatus();
    Long generation = cluster.getMetadata().getGeneration();
    next.devices = new DeviceCounts(obs.expected(), obs.connected(), obs.offline());
    next.health = verdict.health().displayName();
    next.observedGeneration = generation;
    next.conditions =
        Conditions.set(
            previous.conditions,
            READY,
            Conditions.TRUE,
            "SignalRead",
            "Device counts read; " + verdict.message(),
            generation,
            now);
    boolean outage = verdict.health() == Health.OUTAGE;
    boolean degraded = verdict.health() == Health.DEGRADED || outage;
    next.conditions =
        Conditions.set(next.conditions, DEGRADED, Conditions.status(degraded), verdict.reason(), verdict.message(), generation, now);
    next.conditions =
        Conditions.set(next.conditions, OUTAGE, Conditions.status(outage), verdict.reason(), verdict.message(), generation, now);
    next.lastSignalTime = obs.at().truncatedTo(ChronoUnit.SECONDS).toString();
    return next;
  }

  /**
   * The onset an Unknown status keeps: an outage whose signal is lost has not ended as far as anyone
   * knows, and the status says so by keeping its onset (the Outage condition's turn to True when
   * detection gave none), as long as the signal stays unknown. None after a Healthy or Degraded verdict.
   * {@code failwise_cluster_outage} stays 1 meanwhile, so the outage page does not resolve in silence.
   */
  static String onsetKeptWhileUnknown(ClusterStatus previous) {
    if (Health.OUTAGE.displayName().equals(previous.health)) {
      return previous.onsetTime != null ? previous.onsetTime
          : Conditions.find(previous.conditions, OUTAGE).filter(c -> Conditions.TRUE.equals(c.getStatus())).map(c -> c.getLastTransitionTime()).orElse(null);
    }
    return Health.UNKNOWN.displayName().equals(previous.health) ? previous.onsetTime : null;
  }

  /** Whether the status shows an outage whose end is not known: in Outage, or its signal lost during one. */
  public static boolean outageNotOver(ClusterStatus status) {
    return status != null
        && (Health.OUTAGE.displayName().equals(status.health) || (Health.UNKNOWN.displayName().equals(status.health) && status.onsetTime != null));
  }

  /** Whether the status shows an outage silenced by a maintenance window (not over; see {@link #SILENCED}). */
  public static boolean outageSilenced(ClusterStatus status) {
    return status != null
        && Conditions.find(status.conditions, OUTAGE)
            .filter(c -> Conditions.FALSE.equals(c.getStatus()) && SILENCED.equals(c.getReason()))
            .isPresent();
  }

  private static ClusterStatus previous(Cluster cluster) {
    return cluster.getStatus() == null ? new ClusterStatus() : cluster.getStatus();
  }

  private static ClusterStatus copyCounts(ClusterStatus previous) {
    ClusterStatus next = new ClusterStatus();
    next.devices = previous.devices;
    next.lastSignalTime = previous.lastSignalTime;
    return next;
  }
}
