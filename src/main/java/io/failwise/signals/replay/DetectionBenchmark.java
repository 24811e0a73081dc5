package io.failwise.signals.replay;

import io.failwise.model.detect.DetectionState;
import io.failwise.model.detect.DetectionVerdict;
import io.failwise.model.detect.DetectorSettings;
import io.failwise.model.detect.OfflineDetector;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Replays generated fleet series through the detector and through the usual threshold rule, and
 * counts what an on-call engineer would feel: how long after the onset the Outage condition comes,
 * and how many times it comes without an incident.
 */
public final class DetectionBenchmark {
  private DetectionBenchmark() {}

  /** Figures of one method. {@code onsetToOutageSeconds} is null when the incident was never detected. */
  public record Figures(Long onsetToOutageSeconds, int falseAlarms, List<String> falseAlarmsAt) {}

  /** Delay to Outage for a gentler onset than the generated incident's. */
  public record Sensitivity(double onsetFactor, long devicesOfflineAfterOneMinute, Long failwiseSeconds, Long baselineSeconds) {}

  /**
   * Everything the bench prints.
   *
   * @param degradedEpisodes Degraded (not Outage) episodes over the normal week, beside the dips
   */
  public record Report(
      long seed,
      int clusters,
      int normalWeekDips,
      Figures failwise,
      Figures baseline,
      String baselineRule,
      int degradedEpisodes,
      List<Sensitivity> sensitivity) {}

  public static Report run(long seed, DetectorSettings settings, ThresholdRule rule) {
    return run(seed, settings, rule, 1.0, true);
  }

  /**
   * The same on a fleet whose daily rhythm is {@code rhythmScale} times as deep; the slower-onset
   * runs only when {@code withSensitivity}.
   */
  public static Report run(long seed, DetectorSettings settings, ThresholdRule rule, double rhythmScale, boolean withSensitivity) {
    List<FleetSeries> fleet = FleetSeriesGenerator.generateFleet(seed, rhythmScale);
    List<Instant> fwFalse = new ArrayList<>();
    List<Instant> blFalse = new ArrayList<>();
    Long fwDelay = null;
    Long blDelay = null;
    int degraded = 0;
    int dips = 0;
    for (FleetSeries s : fleet) {
      dips += (int) s.dips().stream().filter(d -> inWeek(d.start())).count();
      Replay r = replay(s, settings);
      degraded += (int) r.degradedEntries.stream().filter(DetectionBenchmark::inWeek).count();
      for (Instant t : r.outageEntries) {
        if (isIncident(s, t)) {
          fwDelay = fwDelay != null ? fwDelay : Duration.between(s.onset(), t).toSeconds();
        } else {
          fwFalse.add(t);
        }
      }
      for (Instant t : rule.firings(s)) {
        if (isIncident(s, t)) {
          blDelay = blDelay != null ? blDelay : Duration.between(s.onset(), t).toSeconds();
        } else {
          blFalse.add(t);
        }
      }
    }
    List<Sensitivity> sensitivity = new ArrayList<>();
    for (double factor : withSensitivity ? new double[] {0.5, 0.25, 0.1} : new double[0]) {
      sensitivity.add(sensitivity(seed, settings, rule, factor));
    }
    return new Report(
        seed, fleet.size(), dips, figures(fwDelay, fwFalse), figures(blDelay, blFalse), rule.describe(), degraded,
        sensitivity);
  }

  /** Outage entries of a detector replayed over a whole series. */
  public static Replay replay(FleetSeries s, DetectorSettings settings) {
    OfflineDetector detector = new OfflineDetector(settings);
    Replay r = new Replay(new ArrayList<>(), new ArrayList<>());
    DetectionState previous = DetectionState.LEARNING;
    for (int i = 0; i < s.size(); i++) {
      DetectionVerdict v = detector.step(s.sample(i));
      if (v.state() == DetectionState.OUTAGE && previous != DetectionState.OUTAGE) {
        r.outageEntries.add(v.at());
      }
      if (v.state() == DetectionState.DEGRADED && previous == DetectionState.NORMAL) {
        r.degradedEntries.add(v.at());
      }
      previous = v.state();
    }
    return r;
  }

  /** When a replay entered Outage, and Degraded from Normal. */
  public record Replay(List<Instant> outageEntries, List<Instant> degradedEntries) {}

  private static Sensitivity sensitivity(long seed, DetectorSettings settings, ThresholdRule rule, double factor) {
    FleetSeriesGenerator.ClusterProfile affected = FleetSeriesGenerator.fleet().get(0);
    FleetSeriesGenerator.Incident incident = FleetSeriesGenerator.Incident.march12().slower(factor);
    Instant from = incident.onset().minus(Duration.ofHours(3));
    FleetSeries s = FleetSeriesGenerator.generate(affected, from, FleetSeriesGenerator.END, seed, incident);
    int at = s.indexOf(incident.onset());
    long lost = s.connected()[at - 1] - s.connected()[Math.min(s.size() - 1, at + 4)];
    Long fw = replay(s, settings).outageEntries.stream().filter(t -> isIncident(s, t)).findFirst()
        .map(t -> Duration.between(incident.onset(), t).toSeconds()).orElse(null);
    Long bl = rule.firings(s).stream().filter(t -> isIncident(s, t)).findFirst()
        .map(t -> Duration.between(incident.onset(), t).toSeconds()).orElse(null);
    return new Sensitivity(factor, lost, fw, bl);
  }

  private static boolean isIncident(FleetSeries s, Instant t) {
    return s.onset() != null && !t.isBefore(s.onset());
  }

  private static boolean inWeek(Instant t) {
    return !t.isBefore(FleetSeriesGenerator.WEEK_START) && t.isBefore(FleetSeriesGenerator.WEEK_END);
  }

  private static Figures figures(Long delay, List<Instant> falseAlarms) {
    return new Figures(delay, falseAlarms.size(), falseAlarms.stream().map(Instant::toString).toList());
  }
}
