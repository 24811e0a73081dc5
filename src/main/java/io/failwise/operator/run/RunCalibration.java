package io.failwise.operator.run;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.failwise.api.Cluster;
import io.failwise.api.ClusterCalibration;
import io.failwise.api.ClusterStatus;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunSpec;
import io.failwise.api.FailoverRunStatus;
import io.failwise.model.calibration.Calibration;
import io.failwise.operator.estimate.Calibrations;
import io.failwise.model.calibration.RunMeasurement;
import io.failwise.model.run.RunPhase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.jboss.logging.Logger;

/**
 * When a Drill or Failover run finishes, records what its waves measured (RunArrivals) in the source
 * Cluster's {@code status.calibration}: the run's own measurement, kept with the latest ones, and their
 * summary (io.failwise.model.calibration.Calibration). A failure to write is logged and never stops the run.
 */
@ApplicationScoped
public class RunCalibration {
  private static final Logger LOG = Logger.getLogger(RunCalibration.class);

  /** Records nothing: for tests of other things. */
  public static final RunCalibration NONE = new RunCalibration(null);

  private final KubernetesClient client;

  public RunCalibration(KubernetesClient client) {
    this.client = client;
  }

  /** Called with the status a run is about to get. */
  public void beforeWrite(FailoverRun run, FailoverRunStatus next) {
    if (client == null || run.getSpec() == null || next.phase == null || next.plan == null || next.finishedAt == null) {
      return;
    }
    boolean wasTerminal = run.getStatus() != null && run.getStatus().phase != null && RunStatuses.phase(run).isTerminal();
    RunPhase phase = RunPhase.parse(next.phase).orElse(RunPhase.PENDING);
    FailoverRunSpec.Mode mode = run.getSpec().mode;
    if (wasTerminal || !phase.isTerminal() || (mode != FailoverRunSpec.Mode.Drill && mode != FailoverRunSpec.Mode.Failover)) {
      return;
    }
    Optional<RunMeasurement> m =
        RunMeasurement.of(run.getMetadata().getName(), next.plan.target, RunArrivals.timings(next), Instant.parse(next.finishedAt));
    if (m.isEmpty()) {
      return;
    }
    String ns = run.getMetadata().getNamespace();
    for (int attempt = 1; ; attempt++) {
      try {
        Cluster source = client.resources(Cluster.class).inNamespace(ns).withName(next.plan.source).get();
        if (source == null) {
          return;
        }
        ClusterStatus status = source.getStatus() == null ? new ClusterStatus() : source.getStatus();
        status.calibration = with(status.calibration, m.get(), mode.name());
        source.setStatus(status);
        client.resources(Cluster.class).inNamespace(ns).resource(source).updateStatus();
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() == 409 && attempt < 3) {
          continue; // the cluster's own status moved meanwhile: read it again
        }
        // The API server is unreachable or keeps conflicting: this run's measurement is lost, the run is not.
        LOG.warnf("Could not record run %s's calibration on Cluster %s: %s", run.getMetadata().getName(), next.plan.source, e.getMessage());
        return;
      }
    }
  }

  /** {@code before} with {@code m} added (replacing an earlier record of the same run), the latest kept, summarised. */
  static ClusterCalibration with(ClusterCalibration before, RunMeasurement m, String mode) {
    List<ClusterCalibration.Measurement> kept = new ArrayList<>();
    if (before != null && before.measurements != null) {
      // A measurement out of its bounds (written by hand: the controller writes none) is dropped, not computed with.
      before.measurements.stream().filter(x -> x != null && !m.run().equals(x.run)).filter(RunCalibration::valid).forEach(kept::add);
    }
    ClusterCalibration.Measurement added = new ClusterCalibration.Measurement();
    added.run = m.run();
    added.mode = mode;
    added.target = m.target();
    // Within the CRD's bounds, or the API server refuses the whole status: a cutover of more than a day
    // counts as a day, an admission rate that rounds below 0.001 a second as not measured.
    added.cutoverSeconds = Math.min(Calibrations.LONGEST_CUTOVER_SECONDS, Math.max(0, round(m.cutoverSeconds())));
    double rate = m.admissionDevicesPerSecond().isPresent() ? round(m.admissionDevicesPerSecond().getAsDouble()) : 0;
    added.admissionDevicesPerSecond = rate >= Calibrations.SLOWEST_ADMISSION && Double.isFinite(rate) ? rate : null;
    added.at = RunStatuses.time(m.at());
    kept.add(added);
    kept.sort((a, b) -> Instant.parse(a.at).compareTo(Instant.parse(b.at)));
    while (kept.size() > Calibration.KEPT) {
      kept.remove(0);
    }
    List<RunMeasurement> model = new ArrayList<>();
    for (ClusterCalibration.Measurement x : kept) {
      model.add(
          new RunMeasurement(
              x.run, x.target, x.cutoverSeconds == null ? 0 : x.cutoverSeconds,
              x.admissionDevicesPerSecond == null ? OptionalDouble.empty() : OptionalDouble.of(x.admissionDevicesPerSecond), Instant.parse(x.at)));
    }
    Calibration c = Calibration.of(model).orElseThrow();
    ClusterCalibration out = new ClusterCalibration();
    out.measurements = kept;
    out.cutoverSeconds = Math.min(Calibrations.LONGEST_CUTOVER_SECONDS, Math.max(1, round(c.cutoverSeconds())));
    out.cutoverP90Seconds =
        c.cutoverP90Seconds().isPresent()
            ? Math.min(Calibrations.LONGEST_CUTOVER_SECONDS, Math.max(out.cutoverSeconds, round(c.cutoverP90Seconds().getAsDouble())))
            : null;
    out.admissionDevicesPerSecond = c.admissionDevicesPerSecond().isPresent() ? round(c.admissionDevicesPerSecond().getAsDouble()) : null;
    out.runs = c.runs();
    out.at = RunStatuses.time(c.at());
    return out;
  }

  /** Whether a kept measurement is within the bounds the estimator accepts (Calibrations.problems). */
  private static boolean valid(ClusterCalibration.Measurement x) {
    try {
      Instant.parse(x.at);
    } catch (RuntimeException e) {
      return false;
    }
    return (x.cutoverSeconds == null || (x.cutoverSeconds >= 0 && x.cutoverSeconds <= Calibrations.LONGEST_CUTOVER_SECONDS))
        && (x.admissionDevicesPerSecond == null
            || (x.admissionDevicesPerSecond >= Calibrations.SLOWEST_ADMISSION && Double.isFinite(x.admissionDevicesPerSecond)));
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
