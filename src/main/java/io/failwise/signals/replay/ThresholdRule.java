package io.failwise.signals.replay;

import java.time.Duration;
import java.util.Locale;

/**
 * The usual Prometheus alert the detector is compared with: {@code connected < ratio * (connected
 * offset <offset>)} that must hold for {@code for}.
 */
public record ThresholdRule(double ratio, Duration offset, Duration holdFor) implements AlertRule {

  /** {@code connected < 0.95 * (connected offset 1h)}, {@code for: 5m}. */
  public static ThresholdRule usual() {
    return new ThresholdRule(0.95, Duration.ofHours(1), Duration.ofMinutes(5));
  }

  /** {@code connected < 0.98 * (connected offset 1h)}, {@code for: 1m}: the tighter rule people try next. */
  public static ThresholdRule tight() {
    return new ThresholdRule(0.98, Duration.ofHours(1), Duration.ofMinutes(1));
  }

  @Override
  public boolean[] active(FleetSeries series) {
    long[] c = series.connected();
    int offsetSteps = (int) (offset.toMillis() / series.step().toMillis());
    boolean[] active = new boolean[c.length];
    for (int i = offsetSteps; i < c.length; i++) {
      long then = c[i - offsetSteps];
      active[i] = c[i] >= 0 && then >= 0 && c[i] < ratio * then;
    }
    return active;
  }

  @Override
  public String alertName() {
    return String.format(Locale.ROOT, "Connected%.0fPercentOf%s", ratio * 100, promDuration(offset));
  }

  @Override
  public String expr(String metric) {
    return String.format(Locale.ROOT, "%s < %s * (%s offset %s)", metric, ratio, metric, promDuration(offset));
  }

  /** How the rule reads in a Prometheus alerting rule. */
  @Override
  public String describe() {
    return String.format(
        Locale.ROOT,
        "connected < %.0f%% of %s ago, for: %s",
        ratio * 100,
        io.failwise.model.Format.duration(offset),
        io.failwise.model.Format.duration(holdFor));
  }

  /** A duration in PromQL's notation: 1h, 1d, 90s. */
  static String promDuration(Duration d) {
    long s = d.toSeconds();
    if (s % 86_400 == 0) {
      return s / 86_400 + "d";
    }
    if (s % 3600 == 0) {
      return s / 3600 + "h";
    }
    if (s % 60 == 0) {
      return s / 60 + "m";
    }
    return s + "s";
  }
}
