package io.failwise.signals.replay;

import io.failwise.model.detect.DetectionState;
import io.failwise.model.detect.DetectorSettings;
import io.failwise.model.detect.MaintenanceSchedule;
import io.failwise.model.detect.DetectionVerdict;
import io.failwise.model.detect.OfflineDetector;
import io.failwise.model.detect.Sample;
import io.failwise.model.detect.SignalFreshness;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Replays one observer's series the way the controller reads it (PrometheusObservers): at every
 * step of data time it takes the points up to that step (a missing point is no sample; with an
 * expected count, a point without one is skipped), feeds the production detector with the
 * maintenance flag of each point, and judges freshness at that step (a series that stopped is
 * SignalLost or Stale after {@code staleAfter}). What it returns is what the Cluster's conditions
 * would show over time.
 */
public final class SeriesReplay {
  /** A stretch of time in one condition; {@code to} is null when it lasts to the end of the series. */
  public record Interval(String condition, String reason, Instant from, Instant to) {}

  /** The conditions over the series and when the first Outage came (null if none). */
  public record Result(List<Interval> intervals, Instant firstOutageAt) {
    /** Outage intervals that began in [from, to). */
    public List<Interval> outages(Instant from, Instant to) {
      return intervals.stream()
          .filter(i -> i.condition().equals(OUTAGE) && !i.from().isBefore(from) && i.from().isBefore(to))
          .toList();
    }

    /** The interval in force at {@code t}, or null when the cluster was healthy then. */
    public Interval at(Instant t) {
      for (Interval i : intervals) {
        if (!t.isBefore(i.from()) && (i.to() == null || t.isBefore(i.to()))) {
          return i;
        }
      }
      return null;
    }
  }

  public static final String OUTAGE = "Outage";
  public static final String DEGRADED = "Degraded";
  public static final String UNKNOWN = "Unknown";

  private SeriesReplay() {}

  public static Result replay(List<SeriesCsv.Row> rows, DetectorSettings settings, Duration staleAfter, MaintenanceSchedule windows) {
    OfflineDetector detector = new OfflineDetector(settings);
    boolean withExpected = rows.stream().anyMatch(r -> r.expected() != null);
    long step = settings.step().toMillis();
    Instant first = rows.get(0).at();
    Instant last = rows.get(rows.size() - 1).at();
    Instant due = Instant.ofEpochMilli(Math.floorDiv(first.toEpochMilli() + step - 1, step) * step);
    List<Interval> intervals = new ArrayList<>();
    Instant firstOutage = null;
    String condition = null;
    String reason = null;
    Instant since = null;
    int next = 0;
    for (; !due.isAfter(last.plusMillis(step - 1)); due = due.plusMillis(step)) {
      for (; next < rows.size() && !rows.get(next).at().isAfter(due); next++) {
        SeriesCsv.Row r = rows.get(next);
        if (r.connected() == null || (withExpected && r.expected() == null)) {
          continue;
        }
        detector.step(new Sample(r.at(), r.connected(), r.expected()), windows.covers(r.at()));
      }
      // The controller's judgement (SignalFreshness.judge) without building its messages.
      String unknown = SignalFreshness.unknownReason(detector, due, staleAfter);
      String c;
      String why;
      if (unknown != null) {
        c = UNKNOWN;
        why = unknown;
      } else {
        DetectionVerdict v = detector.verdict();
        DetectionState s = v.state();
        c = switch (s) {
          case LEARNING -> UNKNOWN;
          case NORMAL -> null;
          case DEGRADED -> DEGRADED;
          case OUTAGE -> OUTAGE;
        };
        why = c == null ? null : v.reason();
      }
      if (!Objects.equals(c, condition) || !Objects.equals(why, reason)) {
        if (condition != null) {
          intervals.add(new Interval(condition, reason, since, due));
        }
        condition = c;
        reason = why;
        since = due;
        if (OUTAGE.equals(c) && firstOutage == null) {
          firstOutage = due;
        }
      }
    }
    if (condition != null) {
      intervals.add(new Interval(condition, reason, since, null));
    }
    return new Result(List.copyOf(intervals), firstOutage);
  }

  /** A generated series as rows, with {@code missing} samples left out (their connected is null). */
  public static List<SeriesCsv.Row> rows(FleetSeries s) {
    List<SeriesCsv.Row> rows = new ArrayList<>(s.size());
    for (int i = 0; i < s.size(); i++) {
      rows.add(new SeriesCsv.Row(s.time(i), s.connected()[i] < 0 ? null : s.connected()[i], s.expected()[i]));
    }
    return rows;
  }
}
