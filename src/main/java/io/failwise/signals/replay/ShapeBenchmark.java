package io.failwise.signals.replay;

import io.failwise.model.Format;
import io.failwise.model.detect.DetectorSettings;
import io.failwise.signals.replay.DetectionShapes.Measure;
import io.failwise.signals.replay.DetectionShapes.Shape;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every method on every shape of {@link DetectionShapes}, over one or more generated weeks: the
 * production detector fed as the controller feeds it (SeriesReplay, with the declared maintenance
 * windows) beside the Prometheus rules an SRE would write instead.
 */
public final class ShapeBenchmark {
  private ShapeBenchmark() {}

  /** The rules the detector is compared with, in the order of the table. */
  public static List<AlertRule> rules() {
    return List.of(ThresholdRule.usual(), ThresholdRule.tight(), DailyBaselineRule.robust(), AbsentRule.usual());
  }

  public static final String FAILWISE = "failwise";

  /**
   * What one method did on one shape over the weeks.
   *
   * @param seconds per week, the time to the alert or notice (null: never), for the timed measures
   * @param count alerts in all weeks, for FALSE_ALERTS
   * @param visible weeks in which the loss was still shown after 6 h, for VISIBLE_AFTER_6H
   */
  public record Cell(Measure measure, List<Long> seconds, int count, int visible, int weeks) {
    /** The median of the timed measure, never counted as the longest. */
    public Long median() {
      return order(seconds.size() / 2);
    }

    /** The longest time among the weeks in which the method did alert (null when it never did). */
    public Long max() {
      return seconds.stream().filter(s -> s != null).max(Long::compare).orElse(null);
    }

    public long never() {
      return seconds.stream().filter(s -> s == null).count();
    }

    private Long order(int k) {
      List<Long> sorted = seconds.stream().map(s -> s == null ? Long.MAX_VALUE : s).sorted().toList();
      long v = sorted.isEmpty() ? Long.MAX_VALUE : sorted.get(k);
      return v == Long.MAX_VALUE ? null : v;
    }

    /** The cell as the table prints it. */
    public String text() {
      return switch (measure) {
        case FALSE_ALERTS -> Integer.toString(count);
        case VISIBLE_AFTER_6H -> weeks == 1 ? (visible == 1 ? "yes" : "no") : visible + " of " + weeks;
        case TIME_TO_ALERT, TIME_TO_NOTICE -> timed();
      };
    }

    private String timed() {
      if (weeks == 1) {
        return delay(seconds.get(0));
      }
      if (never() == weeks) {
        return "never";
      }
      String s = delay(median()) + " (max " + delay(max()) + ")";
      return never() > 0 ? s + ", never in " + never() + " of " + weeks : s;
    }

    public Map<String, Object> json() {
      Map<String, Object> m = new LinkedHashMap<>();
      switch (measure) {
        case FALSE_ALERTS -> m.put("alerts", count);
        case VISIBLE_AFTER_6H -> m.put("visibleAfter6h", visible);
        case TIME_TO_ALERT, TIME_TO_NOTICE -> {
          m.put("medianSeconds", median());
          m.put("maxSeconds", max());
          m.put("never", never());
        }
      }
      return m;
    }
  }

  /** One shape's row: its cells by method, failwise first. */
  public record Row(Shape shape, Map<String, Cell> cells) {}

  /** Every shape on {@code weeks} generated weeks (seeds {@code seed}, {@code seed + 1}, ...). */
  public static List<Row> run(long seed, int weeks, DetectorSettings settings, Duration staleAfter) {
    List<Row> rows = new ArrayList<>();
    for (Shape shape : Shape.values()) {
      Map<String, List<Long>> seconds = new LinkedHashMap<>();
      Map<String, int[]> counts = new LinkedHashMap<>();
      for (int w = 0; w < weeks; w++) {
        DetectionShapes.Case c = DetectionShapes.generate(shape, seed + w);
        SeriesReplay.Result r = SeriesReplay.replay(SeriesReplay.rows(c.series()), settings, staleAfter, c.windows());
        record(seconds, counts, FAILWISE, failwise(c, r));
        for (AlertRule rule : rules()) {
          record(seconds, counts, rule.describe(), rule(c, rule));
        }
      }
      Map<String, Cell> cells = new LinkedHashMap<>();
      for (String method : seconds.keySet()) {
        int[] k = counts.get(method);
        cells.put(method, new Cell(shape.measure(), seconds.get(method), k[0], k[1], weeks));
      }
      rows.add(new Row(shape, cells));
    }
    return rows;
  }

  /** One week's outcome of one method: a time (null: never), a count, or whether the loss showed. */
  private record Outcome(Long seconds, int count, boolean visible) {}

  private static void record(Map<String, List<Long>> seconds, Map<String, int[]> counts, String method, Outcome o) {
    seconds.computeIfAbsent(method, m -> new ArrayList<>()).add(o.seconds());
    int[] k = counts.computeIfAbsent(method, m -> new int[2]);
    k[0] += o.count();
    k[1] += o.visible() ? 1 : 0;
  }

  private static Outcome failwise(DetectionShapes.Case c, SeriesReplay.Result r) {
    Instant onset = c.onset();
    return switch (c.shape().measure()) {
      case TIME_TO_ALERT -> new Outcome(first(r, SeriesReplay.OUTAGE, onset, c.until()), 0, false);
      case TIME_TO_NOTICE -> new Outcome(first(r, SeriesReplay.UNKNOWN, onset, c.until()), 0, false);
      case FALSE_ALERTS -> new Outcome(null, r.outages(onset, c.until()).size(), false);
      case VISIBLE_AFTER_6H -> {
        SeriesReplay.Interval i = r.at(onset.plus(Duration.ofHours(6)));
        boolean shown = i != null && (i.condition().equals(SeriesReplay.DEGRADED) || i.condition().equals(SeriesReplay.OUTAGE));
        yield new Outcome(null, 0, shown);
      }
    };
  }

  private static Long first(SeriesReplay.Result r, String condition, Instant from, Instant until) {
    return r.intervals().stream()
        .filter(i -> i.condition().equals(condition) && !i.from().isBefore(from) && i.from().isBefore(until))
        .findFirst()
        .map(i -> Duration.between(from, i.from()).toSeconds())
        .orElse(null);
  }

  private static Outcome rule(DetectionShapes.Case c, AlertRule rule) {
    FleetSeries s = c.series();
    Instant onset = c.onset();
    if (c.shape().measure() == Measure.VISIBLE_AFTER_6H) {
      int at = s.indexOf(onset.plus(Duration.ofHours(6)));
      return new Outcome(null, 0, at < s.size() && rule.firing(s)[at]);
    }
    List<Instant> starts = rule.firings(s).stream().filter(t -> !t.isBefore(onset) && t.isBefore(c.until())).toList();
    return c.shape().measure() == Measure.FALSE_ALERTS
        ? new Outcome(null, starts.size(), false)
        : new Outcome(starts.isEmpty() ? null : Duration.between(onset, starts.get(0)).toSeconds(), 0, false);
  }

  static String delay(Long seconds) {
    return seconds == null ? "never" : Format.duration(Duration.ofSeconds(seconds));
  }
}
