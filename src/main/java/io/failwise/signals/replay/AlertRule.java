package io.failwise.signals.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A Prometheus alerting rule on a cluster's connected-devices series, re-implemented the way
 * Prometheus 2.x evaluates it at every step of the series: the expression is either true at a step
 * or not (an absent operand is not true), and the alert fires once it has been true for
 * {@link #holdFor()} without a break ({@code for:}). A missing sample (connected below 0) stands for
 * a stale series: Prometheus writes a staleness marker when a series leaves a scrape, so an instant
 * selector sees nothing there. {@code PromtoolRulesIT} checks each rule against {@code promtool test
 * rules} on the same series.
 */
public interface AlertRule {
  /** A short name for tables, such as {@code 95% of 1h ago, for 5m}. */
  String describe();

  /** The alert's name in a rule file. */
  String alertName();

  /** The PromQL expression on {@code metric}, a selector such as {@code connected{cluster="a"}}. */
  String expr(String metric);

  Duration holdFor();

  /** Whether the expression has a result at step {@code i} of {@code series}. */
  boolean[] active(FleetSeries series);

  /** Whether the alert is firing at each step. */
  default boolean[] firing(FleetSeries series) {
    boolean[] active = active(series);
    boolean[] firing = new boolean[active.length];
    long hold = holdFor().toMillis();
    long step = series.step().toMillis();
    int since = -1;
    for (int i = 0; i < active.length; i++) {
      if (!active[i]) {
        since = -1;
        continue;
      }
      since = since < 0 ? i : since;
      firing[i] = (long) (i - since) * step >= hold;
    }
    return firing;
  }

  /** Times at which the alert starts firing, one per episode. */
  default List<Instant> firings(FleetSeries series) {
    boolean[] firing = firing(series);
    List<Instant> starts = new ArrayList<>();
    for (int i = 0; i < firing.length; i++) {
      if (firing[i] && (i == 0 || !firing[i - 1])) {
        starts.add(series.time(i));
      }
    }
    return starts;
  }

  /** The alerting rule as a Prometheus rule-file entry, indented for a group's rule list. */
  default String ruleYaml(String metric) {
    return "  - alert: " + alertName() + "\n"
        + "    expr: '" + expr(metric).replace("'", "''") + "'\n"
        + "    for: " + holdFor().toSeconds() + "s\n";
  }
}
