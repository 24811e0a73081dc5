package io.failwise.signals.replay;

import io.failwise.model.Format;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * A robust rule with a daily baseline, the one a careful SRE writes after the 1-hour comparison
 * proved blind to slow ramps and noisy at dusk: {@code connected < ratio * quantile_over_time(0.5,
 * connected[window] offset 1d)}, held for {@code for}. The median of the same time yesterday ignores
 * yesterday's dips and glitches and follows the daily rhythm.
 *
 * <p>Evaluated as Prometheus 2.x does: the range holds every sample with a time in [t - offset -
 * window, t - offset] (both ends included; stale samples left out), the quantile interpolates
 * linearly between the two nearest ranks.
 */
public record DailyBaselineRule(double ratio, Duration window, Duration offset, Duration holdFor) implements AlertRule {

  /** {@code connected < 0.98 * quantile_over_time(0.5, connected[1h] offset 1d)}, {@code for: 2m}. */
  public static DailyBaselineRule robust() {
    return new DailyBaselineRule(0.98, Duration.ofHours(1), Duration.ofDays(1), Duration.ofMinutes(2));
  }

  @Override
  public boolean[] active(FleetSeries series) {
    long[] c = series.connected();
    int offsetSteps = (int) (offset.toMillis() / series.step().toMillis());
    int windowSteps = (int) (window.toMillis() / series.step().toMillis());
    boolean[] active = new boolean[c.length];
    // A sorted sliding window of the present samples in [i - offset - window, i - offset].
    long[] sorted = new long[windowSteps + 1];
    int n = 0;
    for (int i = 0; i < c.length; i++) {
      int enter = i - offsetSteps;
      int leave = enter - windowSteps - 1;
      if (leave >= 0 && c[leave] >= 0) {
        int at = Arrays.binarySearch(sorted, 0, n, c[leave]);
        System.arraycopy(sorted, at + 1, sorted, at, n - at - 1);
        n--;
      }
      if (enter >= 0 && c[enter] >= 0) {
        int at = Arrays.binarySearch(sorted, 0, n, c[enter]);
        at = at < 0 ? -at - 1 : at;
        System.arraycopy(sorted, at, sorted, at + 1, n - at);
        sorted[at] = c[enter];
        n++;
      }
      active[i] = n > 0 && c[i] >= 0 && c[i] < ratio * median(sorted, n);
    }
    return active;
  }

  /** Prometheus' quantile(0.5, ...): rank 0.5 * (n - 1), linear between its neighbours. */
  static double median(long[] sorted, int n) {
    double rank = 0.5 * (n - 1);
    int lower = (int) Math.floor(rank);
    int upper = Math.min(n - 1, lower + 1);
    double weight = rank - Math.floor(rank);
    return sorted[lower] * (1 - weight) + sorted[upper] * weight;
  }

  @Override
  public String alertName() {
    return String.format(Locale.ROOT, "Connected%.0fPercentOfYesterdaysMedian", ratio * 100);
  }

  @Override
  public String expr(String metric) {
    return String.format(
        Locale.ROOT, "%s < %s * quantile_over_time(0.5, %s[%s] offset %s)",
        metric, ratio, metric, ThresholdRule.promDuration(window), ThresholdRule.promDuration(offset));
  }

  @Override
  public String describe() {
    return String.format(
        Locale.ROOT, "connected < %.0f%% of the median of %s a day ago, for: %s",
        ratio * 100, Format.duration(window), Format.duration(holdFor));
  }
}
