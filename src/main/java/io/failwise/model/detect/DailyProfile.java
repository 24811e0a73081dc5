package io.failwise.model.detect;

import java.time.Duration;
import java.time.Instant;

/**
 * The usual level of a series by time of day (UTC, 15-minute buckets), learned across days from
 * samples taken while nothing was wrong. It tells how much the daily rhythm alone moves the level
 * between two moments, which a baseline frozen at an outage's onset cannot know.
 */
final class DailyProfile {
  private static final long BUCKET_SECONDS = 15 * 60;
  private static final int BUCKETS = (int) (86_400 / BUCKET_SECONDS);
  /** Weight of the newest day: about a week of memory, so one odd day does not redraw the rhythm. */
  private static final double DAY_WEIGHT = 0.3;
  /** A bucket seen for less than a third of its samples on a day is not folded in. */
  private static final double MIN_COVERAGE = 1.0 / 3;

  private final double[] mean = new double[BUCKETS];
  private final boolean[] known = new boolean[BUCKETS];
  private final long samplesPerBucket;
  private long currentDayBucket = Long.MIN_VALUE;
  private double sum;
  private long count;

  DailyProfile(Duration step) {
    this.samplesPerBucket = Math.max(1, BUCKET_SECONDS * 1000 / step.toMillis());
  }

  /** Takes a value observed at a normal time. */
  void add(Instant at, double value) {
    long dayBucket = Math.floorDiv(at.getEpochSecond(), BUCKET_SECONDS);
    if (dayBucket != currentDayBucket) {
      fold();
      currentDayBucket = dayBucket;
    }
    sum += value;
    count++;
  }

  private void fold() {
    if (currentDayBucket == Long.MIN_VALUE || count < samplesPerBucket * MIN_COVERAGE) {
      sum = 0;
      count = 0;
      return;
    }
    int b = (int) Math.floorMod(currentDayBucket, (long) BUCKETS);
    double dayMean = sum / count;
    mean[b] = known[b] ? (1 - DAY_WEIGHT) * mean[b] + DAY_WEIGHT * dayMean : dayMean;
    known[b] = true;
    sum = 0;
    count = 0;
  }

  /**
   * How much the rhythm moves the level from {@code from} to {@code to}, or NaN when the profile
   * does not know both moments yet.
   */
  double change(Instant from, Instant to) {
    double a = at(from);
    double b = at(to);
    return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : b - a;
  }

  /** The profile at a moment, linear between bucket centres. */
  private double at(Instant t) {
    double position = (Math.floorMod(t.getEpochSecond(), 86_400L) - BUCKET_SECONDS / 2.0) / BUCKET_SECONDS;
    int lo = (int) Math.floor(position);
    double f = position - lo;
    int i = Math.floorMod(lo, BUCKETS);
    int j = (i + 1) % BUCKETS;
    if (!known[i] || !known[j]) {
      return Double.NaN;
    }
    return mean[i] * (1 - f) + mean[j] * f;
  }
}
