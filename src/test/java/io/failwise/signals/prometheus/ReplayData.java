package io.failwise.signals.prometheus;

import io.failwise.signals.replay.FleetSeries;
import io.failwise.signals.replay.FleetSeriesGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The series the integration tests backfill: the incident cluster and a quiet one, week and incident night. */
public final class ReplayData {
  public static final String INCIDENT_CLUSTER = "go-eu-west-1";
  public static final String QUIET_CLUSTER = "go-eu-north-1";
  public static final Duration STEP = FleetSeriesGenerator.STEP;

  private ReplayData() {}

  public static List<FleetSeries> fleet() {
    return FleetSeriesGenerator.fleet().stream()
        .filter(c -> c.name().equals(INCIDENT_CLUSTER) || c.name().equals(QUIET_CLUSTER))
        .map(c -> FleetSeriesGenerator.generate(
            c, FleetSeriesGenerator.WEEK_START, FleetSeriesGenerator.END, FleetSeriesGenerator.DEFAULT_SEED,
            FleetSeriesGenerator.Incident.march12()))
        .toList();
  }

  /** The step boundary at or before {@code t}, as the controller reads it. */
  public static Instant align(Instant t) {
    long step = STEP.toMillis();
    return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), step) * step);
  }
}
