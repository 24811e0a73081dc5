package io.failwise.monitoring;

import io.failwise.api.FailoverRun;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Runs on /q/metrics, for the alerts in manifests/monitoring: {@code failwise_run_info} (1 per run,
 * with its phase: a run AwaitingApproval for 10 minutes alerts) and
 * {@code failwise_run_finished_timestamp_seconds} (when a run ended, with its outcome: a Failed or
 * RolledBack run alerts for an hour). Rebuilt from the informer cache on every run event, so a
 * restarted controller exports the same series.
 */
@ApplicationScoped
public class RunMetrics {
  private static final Set<String> TERMINAL = Set.of("Succeeded", "RolledBack", "Aborted", "Failed", "Refused");
  private final MultiGauge info;
  private final MultiGauge finished;

  public RunMetrics(MeterRegistry registry) {
    this.info =
        MultiGauge.builder("failwise_run_info").description("1 for each FailoverRun, labelled with its mode and phase").register(registry);
    this.finished =
        MultiGauge.builder("failwise_run_finished_timestamp_seconds")
            .description("When a FailoverRun reached its terminal phase (Unix seconds), labelled with the outcome")
            .register(registry);
  }

  public synchronized void refresh(List<FailoverRun> runs) {
    List<MultiGauge.Row<?>> infoRows = new ArrayList<>();
    List<MultiGauge.Row<?>> finishedRows = new ArrayList<>();
    for (FailoverRun r : runs) {
      String phase = r.getStatus() == null || r.getStatus().phase == null ? "Pending" : r.getStatus().phase;
      Tags tags =
          Tags.of(
              "namespace", r.getMetadata().getNamespace(),
              "run", r.getMetadata().getName(),
              "mode", r.getSpec() == null ? "" : String.valueOf(r.getSpec().mode));
      infoRows.add(MultiGauge.Row.of(tags.and("phase", phase), 1));
      Double at = r.getStatus() == null ? null : epochSeconds(r.getStatus().finishedAt);
      if (TERMINAL.contains(phase) && at != null) {
        finishedRows.add(MultiGauge.Row.of(tags.and("outcome", phase), at));
      }
    }
    info.register(infoRows, true);
    finished.register(finishedRows, true);
  }

  private static Double epochSeconds(String time) {
    if (time == null) {
      return null;
    }
    try {
      return (double) Instant.parse(time).getEpochSecond();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
