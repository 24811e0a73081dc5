package io.failwise.model.estimate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the offline count is heading, from the monitor's recent readings: a least-squares line through
 * the readings of the last {@link #LATEST} and the current count (of the last {@link #WINDOW} when the
 * latest span less than {@link #MIN_SPAN}). docs/estimator.md states the model.
 *
 * <ul>
 *   <li>A trend counts only when it is material: it would move the count by at least a tenth within
 *       {@link #WINDOW}, and the readings span at least {@link #MIN_SPAN}. Anything less is noise, and
 *       the count is taken as steady.
 *   <li>A falling count is projected down along the line to zero ("back by about 21:53").
 *   <li>A rising count is projected up along the line, never above the cluster's devices, for as long as
 *       the rise goes on, which nobody knows: a rise seen for a minutes goes on for another s with
 *       probability a / (a + s) ({@link #goesOn}), as likely as not for as long again as it has been seen.
 *       A young rise, such as the few minutes a keep-alive based monitor takes to notice a sudden loss,
 *       is likely to level off soon; an old one to go on. The sequential decision weighs both.
 * </ul>
 *
 * @param devicesPerMinute the slope; 0 when steady
 * @param cap the projection's bound: a rise stops at the cluster's devices, a fall at zero (the count now)
 * @param riseMinutes how long a rising count has been rising, from the readings: since the lowest
 *     reading of the window when a reading before it is higher, else since the onset but no longer than
 *     the first reading would have taken to rise from zero at the slope; and, when the readings before
 *     the latest minutes were level, no longer than the climb from the lowest reading at the slope (0
 *     unless growing)
 */
public record Trend(Kind kind, double offlineNow, double devicesPerMinute, double cap, double riseMinutes) {
  /** How an explanation begins when its estimate followed a trend (Explanation says the rest). */
  static final String SAID_RECOVERING = "Recovering at";
  static final String SAID_RECOVERED = "Recovered:";
  static final String SAID_GROWING = "Growing by";

  /**
   * Whether an explanation begins with a trend: its decision followed the readings' trend, not a steady
   * count, so a chart of the steady count (the console's) is not the decision's.
   */
  public static boolean said(String explanation) {
    return explanation != null && java.util.stream.Stream.of(SAID_RECOVERING, SAID_RECOVERED, SAID_GROWING)
        .anyMatch(p -> explanation.startsWith(p + " "));
  }

  /** Readings older than this are not part of the trend. */
  public static final Duration WINDOW = Duration.ofMinutes(15);
  /** The slope is fitted to the readings of this last part of the window when they span enough. */
  public static final Duration LATEST = Duration.ofMinutes(5);
  /** The readings must span at least this long to show a trend. */
  public static final Duration MIN_SPAN = Duration.ofMinutes(2);
  private static final double MIN_SPAN_MINUTES = MIN_SPAN.toMillis() / 60_000.0;
  /** A trend is material when it moves the count by this share of itself within the window. */
  private static final double MATERIAL = 0.10;

  /** Direction of the offline count. */
  public enum Kind {
    STEADY,
    RECOVERING,
    GROWING
  }

  static Trend steady(double offline) {
    return new Trend(Kind.STEADY, offline, 0, offline, 0);
  }

  /** The trend of {@code outage}'s readings up to {@code at}, for a cluster of {@code devices}. */
  static Trend of(Outage outage, Instant at, double devices) {
    double now = outage.offlineDevices();
    List<double[]> points = new ArrayList<>();
    Instant from = at.minus(WINDOW);
    for (OfflineSample s : outage.recent()) {
      if (!s.at().isBefore(from) && s.at().isBefore(at)) {
        points.add(new double[] {-Duration.between(s.at(), at).toMillis() / 60_000.0, s.offlineDevices()});
      }
    }
    if (points.isEmpty() || -points.get(0)[0] < MIN_SPAN_MINUTES) {
      return steady(now);
    }
    points.add(new double[] {0, now});
    List<double[]> fitted = latest(points);
    double slope = slope(fitted);
    double windowMinutes = WINDOW.toMillis() / 60_000.0;
    if (Math.abs(slope) * windowMinutes < MATERIAL * Math.max(now, 1)) {
      return steady(now);
    }
    if (slope < 0) {
      return new Trend(Kind.RECOVERING, now, slope, now, 0);
    }
    return new Trend(Kind.GROWING, now, slope, Math.max(devices, now), riseMinutes(points, fitted, outage.since(), at, slope));
  }

  /**
   * The readings younger than {@link #LATEST} when they span at least {@link #MIN_SPAN}, else all of the
   * window: the count's direction now. A count that rose and then levelled off has a rising line through
   * the whole window for many minutes after it stopped; the latest minutes show that it stopped.
   */
  private static List<double[]> latest(List<double[]> points) {
    double latest = -LATEST.toMillis() / 60_000.0;
    List<double[]> recent = points.stream().filter(p -> p[0] > latest).toList();
    return recent.size() >= 2 && -recent.get(0)[0] >= MIN_SPAN_MINUTES ? recent : points;
  }

  /** The least-squares slope through the points, devices a minute. */
  private static double slope(List<double[]> points) {
    double mx = 0;
    double my = 0;
    for (double[] p : points) {
      mx += p[0];
      my += p[1];
    }
    mx /= points.size();
    my /= points.size();
    double sxy = 0;
    double sxx = 0;
    for (double[] p : points) {
      sxy += (p[0] - mx) * (p[1] - my);
      sxx += (p[0] - mx) * (p[0] - mx);
    }
    return sxy / sxx;
  }

  /**
   * How long the count has been rising ({@link #datedFromReadings}), but, when the slope is the latest
   * minutes' and the readings before them do not rise by a material amount of their own, no longer than
   * the count takes to climb from the window's lowest reading to now at the slope (and at least
   * {@link #MIN_SPAN}). A count level at 49,900 for ten minutes that reads 100,000 now rose about 4
   * minutes at 12,525 a minute, not for the 19 the readings' span and the climb from zero would give: a
   * young rise is more likely to level off soon, and the explanation says how long it has been seen.
   */
  private static double riseMinutes(List<double[]> points, List<double[]> fitted, Instant since, Instant at, double slope) {
    double dated = datedFromReadings(points, since, at, slope);
    if (fitted.size() == points.size() || olderReadingsRise(points, fitted)) {
      return dated;
    }
    double lowest = points.stream().mapToDouble(p -> p[1]).min().orElseThrow();
    double climb = (points.get(points.size() - 1)[1] - lowest) / slope;
    return Math.min(dated, Math.max(MIN_SPAN_MINUTES, climb));
  }

  /**
   * Whether the readings before the latest ones (with the first of the latest, where they join) rise by
   * a material amount of their own, as a trend must: the count was rising before the slope's minutes.
   */
  private static boolean olderReadingsRise(List<double[]> points, List<double[]> fitted) {
    List<double[]> older = new ArrayList<>(points.subList(0, points.size() - fitted.size()));
    older.add(fitted.get(0));
    if (older.size() < 2 || older.get(older.size() - 1)[0] - older.get(0)[0] <= 0) {
      return false;
    }
    double now = points.get(points.size() - 1)[1];
    return slope(older) * (WINDOW.toMillis() / 60_000.0) >= MATERIAL * Math.max(now, 1);
  }

  /**
   * How long the count has been rising, from the readings alone: since the lowest reading (the latest of
   * equal ones) when an earlier reading of the window is higher, the rise having begun there. Otherwise
   * the readings rise from the first, and the rise began before it, at the onset at the earliest, but no
   * earlier than the first reading would have taken to rise from zero at the slope: a rise of s a minute
   * from a first reading of L cannot have gone on for more than L / s minutes before it (the count would
   * have been below zero). At least as long as the readings span, which is how long it has been seen.
   */
  private static double datedFromReadings(List<double[]> points, Instant since, Instant at, double slope) {
    int low = 0;
    for (int i = 1; i < points.size() - 1; i++) {
      if (points.get(i)[1] <= points.get(low)[1]) {
        low = i;
      }
    }
    double span = -points.get(0)[0];
    if (low > 0) {
      return Math.max(MIN_SPAN_MINUTES, -points.get(low)[0]);
    }
    double fromOnset = Math.max(0, Duration.between(since, at).toMillis() / 60_000.0);
    double fromZero = span + Math.max(0, points.get(0)[1]) / slope;
    return Math.max(span, Math.min(fromOnset, fromZero));
  }

  /** The chance that the rise levels off within the next {@code minutes}: 1 - {@link #goesOn}(0, minutes). */
  public double levelsOffWithin(double minutes) {
    return 1 - goesOn(0, minutes);
  }

  /**
   * The chance that a rise, seen going on {@code from} minutes from now, still goes on {@code step}
   * minutes later: (a + from) / (a + from + step) for a rise of age a. This is the rule "a thing seen for
   * a minutes lasts another a as likely as not" (Gott's delta-t argument, a Pareto tail of index 1): it
   * assumes nothing about why the count rises, only how long it has been seen to.
   */
  public double goesOn(double from, double step) {
    if (kind != Kind.GROWING) {
      return 1;
    }
    double age = riseMinutes + from;
    return age <= 0 ? 0 : age / (age + step);
  }

  /** The projected offline count {@code minutes} from now (a rise: if it goes on that long). */
  public double offlineAfter(double minutes) {
    return switch (kind) {
      case STEADY -> offlineNow;
      case RECOVERING -> Math.max(0, offlineNow + devicesPerMinute * minutes);
      case GROWING -> Math.min(cap, offlineNow + devicesPerMinute * minutes);
    };
  }

  /** Projected device-minutes offline from {@code a} to {@code b} minutes from now (exact for the line). */
  public double deviceMinutesBetween(double a, double b) {
    if (kind == Kind.STEADY) {
      return offlineNow * (b - a);
    }
    // The projection is piecewise linear with one kink (zero, or the cap): integrate each piece.
    double kink = kind == Kind.RECOVERING ? offlineNow / -devicesPerMinute : (cap - offlineNow) / devicesPerMinute;
    if (b <= kink || a >= kink) {
      return 0.5 * (offlineAfter(a) + offlineAfter(b)) * (b - a);
    }
    return 0.5 * (offlineAfter(a) + offlineAfter(kink)) * (kink - a) + 0.5 * (offlineAfter(kink) + offlineAfter(b)) * (b - kink);
  }

  /** Minutes until a recovering count reaches zero; +Infinity otherwise. */
  public double minutesToZero() {
    return kind == Kind.RECOVERING ? offlineNow / -devicesPerMinute : Double.POSITIVE_INFINITY;
  }
}
