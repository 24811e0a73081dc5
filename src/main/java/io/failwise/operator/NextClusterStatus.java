package io.failwise.operator;

import io.failwise.api.Cluster;
import io.failwise.api.ClusterStatus;
import io.failwise.api.validation.Problem;
import io.failwise.model.HealthAssessment;
import io.failwise.model.HealthThresholds;
import io.failwise.operator.observe.Observation;
import io.failwise.operator.status.Heartbeats;
import java.time.Instant;
import java.util.List;

/**
 * The status a Cluster should show, from its spec problems or its latest observation. Pure, and the
 * one place both the reconciler (to write) and the signal poller (to decide whether a reconcile is
 * worth asking for) compute it, so they cannot disagree.
 */
public final class NextClusterStatus {
  private NextClusterStatus() {}

  public static ClusterStatus of(
      Cluster cluster, List<Problem> problems, Observation observation, HealthThresholds thresholds, Instant now) {
    ClusterStatus next;
    if (!problems.isEmpty()) {
      next = ClusterStatusFactory.invalid(cluster, problems, now);
    } else if (observation instanceof Observation.Quorum q) {
      next = ClusterStatusFactory.detected(cluster, q.verdict(), now);
    } else {
      var reading = ((Observation.Reading) observation).reading();
      next =
          reading
              .observation()
              .map(obs -> ClusterStatusFactory.observed(cluster, obs, HealthAssessment.of(obs, thresholds), now))
              .orElseGet(() -> ClusterStatusFactory.unknownSignal(cluster, reading, now));
    }
    // The runs' calibration is written by the run side (RunCalibration); the cluster's own status keeps it.
    next.calibration = cluster.getStatus() == null ? null : cluster.getStatus().calibration;
    return Heartbeats.withoutHeartbeat(cluster.getStatus(), next);
  }
}
