package io.failwise.model.estimate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the offline count is heading, from the monitor's recent readings: a least-squares line through
 * the readings of the last {@link #WINDOW} and the current count. docs/estimator.md states the model.
 *
 * <ul>
 *   <li>A trend counts only when it is material: it would move the count by at least a tenth within
 *       {@link #WINDOW}, and the readings span at least {@link #MIN_SPAN}. Anything less is noise, and
 *       the count is taken as steady.
 *   <li>A falling count is projected down along the line to zero ("back by about 21:53").
 *   <li>A rising count is projected up along the line for at most {@link #GROWTH_HORIZON}, then held,
 *       never above the cluster's devices: a ramp is extrapolated only as far as it has been seen.
 * </ul>
 *
 * @param devicesPerMinute the slope; 0 when steady
 */
public record Trend(Kind kind, double offlineNow, double devicesPerMinute, double cap) {
  /** Readings older than this are not part of the trend. */
  public static final Duration WINDOW = Duration.ofMinutes(15);
  /** The readings must span at least this long to show a trend. */
  public static final Duration MIN_SPAN = Duration.ofMinutes(2);
  /** How far a rising count is extrapolated. */
  public static final double GROWTH_HORIZON_MINUTES = 30;
  /** A trend is material when it moves the count by this share of itself within the window. */
  private static final double MATERIAL = 0.10;

  /** Direction of the offline count. */
  public enum Kind {
    STEADY,
    RECOVERING,
    GROWING
  }

  static Trend steady(double offline) {
    return new Trend(Kind.STEADY, offline, 0, offline);
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
    if (points.isEmpty() || -points.get(0)[0] < MIN_SPAN.toMillis() / 60_000.0) {
      return steady(now);
    }
    points.add(new double[] {0, now});
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
    double slope = sxy / sxx;
    double windowMinutes = WINDOW.toMillis() / 60_000.0;
    if (Math.abs(slope) * windowMinutes < MATERIAL * Math.max(now, 1)) {
      return steady(now);
    }
    if (slope < 0) {
      return now == 0 ? steady(now) : new Trend(Kind.RECOVERING, now, slope, now);
    }
    return new Trend(Kind.GROWING, now, slope, Math.min(devices, now + slope * GROWTH_HORIZON_MINUTES));
  }

  /** The projected offline count {@code minutes} from now. */
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
