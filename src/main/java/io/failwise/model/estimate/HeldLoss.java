package io.failwise.model.estimate;

import java.util.function.DoubleUnaryOperator;

/**
 * What holding until the outage ends costs under the trend's projection, for HOLD's row, curve and
 * break-even: the device-minutes offline until the end, then the offline devices' reconnection queue at
 * the source, {@code L = ∫_0^R c(t) dt + c(R)² / (2 rate)} with R the remaining outage and c the projected
 * count. Its 90th percentile:
 *
 * <ul>
 *   <li>Steady: c is the count now, and L rises with R: the p90 is L at R's p90.
 *   <li>Falling: c falls along the line to zero. L rises with R while the count falls no faster than the
 *       source admits devices (dL/dR = c (1 - fall / rate)) and falls with it otherwise, until the count is
 *       zero: the p90 is L at R's p90, or at R's 10th percentile in the second case. Exact either way.
 *   <li>Rising: c rises along the line, never above the cluster's devices, until the rise levels off at a
 *       time S of its own, independent of R, with P(S &gt; s) = a / (a + s) for a rise seen for a minutes
 *       ({@link Trend#goesOn}). L rises with both R and S, and P(L ≤ x) = E_S[P(R ≤ r_x(S))] with r_x(s)
 *       the remaining outage at which L reaches x when the rise stops at s (a quadratic's root while the
 *       count rises, linear after). The expectation over S is taken at {@link #RISE_POINTS} equally likely
 *       points (the midpoints of S's quantiles), and x is found by regula falsi to a relative 1e-4.
 * </ul>
 *
 * The expected loss of holding ({@link Waiting#holdForeverMean}) comes from the sequential decision's
 * induction, which follows a rise in the policy's steps; this percentile follows the rise continuously, so
 * the two may differ by the step's discretisation. The estimate shows the larger of the two as the p90.
 */
final class HeldLoss {
  /** Equally likely points of the rise's duration. */
  static final int RISE_POINTS = 32;
  private static final double Q = 0.9;

  private HeldLoss() {}

  /** The p90 of holding until the end, in device-minutes, for a source that admits {@code rate} devices a minute. */
  static double p90(Trend trend, RemainingOutage remaining, double rate) {
    return switch (trend.kind()) {
      case STEADY -> ended(trend, remaining.quantileMinutes(Q), rate);
      case RECOVERING -> ended(trend, remaining.quantileMinutes(-trend.devicesPerMinute() <= rate ? Q : 1 - Q), rate);
      case GROWING -> rising(trend, remaining, rate);
    };
  }

  /**
   * Expected minutes until every device is connected again when holding: the outage's end, or a falling
   * count's reaching zero if that comes first, then the reconnection queue of the devices offline at that
   * moment, c_end / rate. With g(t) the projected count while it moves and E[g(min(R, z))] = g(0) +
   * E[∫_0^min(R, z) g'(t) dt]: falling at v to zero at z, E[min(R, z)] = ∫_0^z P(R &gt; t) dt and E[c_end] =
   * offline - v E[min(R, z)]; rising at v until it levels off (at S) or reaches the devices (at z),
   * E[c_end] = offline + v ∫_0^z P(R &gt; t) P(S &gt; t) dt. Steady: the mean remainder and the queue of
   * the count now.
   */
  static double recoveryMinutes(Trend trend, RemainingOutage remaining, double rate) {
    double offline = trend.offlineNow();
    double v = Math.abs(trend.devicesPerMinute());
    return switch (trend.kind()) {
      case STEADY -> remaining.meanMinutes() + offline / rate;
      case RECOVERING -> {
        double untilZero = integral(remaining, trend.minutesToZero(), t -> 1);
        yield untilZero + Math.max(0, offline - v * untilZero) / rate;
      }
      case GROWING -> {
        double toDevices = (trend.cap() - offline) / v;
        double a = trend.riseMinutes();
        double rise = a <= 0 ? 0 : integral(remaining, toDevices, t -> a / (a + t));
        yield remaining.meanMinutes() + Math.min(trend.cap(), offline + v * rise) / rate;
      }
    };
  }

  /** ∫_0^z P(R > t) w(t) dt by Simpson's rule, z cut where the outage has a chance below 1e-6 of lasting. */
  private static double integral(RemainingOutage remaining, double z, DoubleUnaryOperator w) {
    double end = Math.min(z, remaining.quantileMinutes(1 - 1e-6));
    if (!(end > 0)) {
      return 0;
    }
    int n = INTEGRAL_INTERVALS;
    double h = end / n;
    double sum = 0;
    for (int i = 0; i <= n; i++) {
      double t = i * h;
      double f = remaining.probabilityLongerThan(t) * w.applyAsDouble(t);
      sum += (i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2) * f;
    }
    return sum * h / 3;
  }

  /**
   * The least remaining outage beyond which an option costs less than holding while the count moves along
   * the trend: +Infinity when it never does. The option's loss, {@code fixed + per r} for a steady count,
   * is its switching cost and the queue of the devices it leaves offline, {@code fixed - per² / (2 rate)},
   * and those devices, a share λ = per / offline of the count, move with it: the option costs {@code
   * switching + λ L(r)} at the source's rate over λ ({@link #expectedAt(Trend, double, double, double)}),
   * the very curve the decision chart draws for it ({@link HoldCurve#optionAt}), and HOLD costs L(r). A
   * steady count gives {@link DeviceMinuteLoss#breakEvenAgainst}'s answer.
   */
  static double breakEvenAlong(DeviceMinuteLoss option, Trend trend, RemainingOutage remaining, double rate) {
    return crossing(r -> optionAt(option, trend, r, rate) - expectedAt(trend, r, rate), trend, remaining);
  }

  /**
   * An option's expected loss if the outage ends {@code r} minutes from now, the devices it leaves offline
   * following the trend: {@code switching + λ L(r)} at the rate over λ, from its steady form {@code fixed +
   * per r} (switching = fixed - per² / (2 rate), λ = per / offline). A steady count gives the straight line.
   */
  static double optionAt(DeviceMinuteLoss option, Trend trend, double r, double rate) {
    double offline = trend.offlineNow();
    double held = offline <= 0 ? 0 : Math.min(1, option.perOutageMinute() / offline);
    double switching = option.fixed() - OptionCosts.queue(option.perOutageMinute(), rate);
    return switching + expectedAt(trend, r, rate, held);
  }

  /**
   * The least remaining outage beyond which moving the first of {@code affected} devices, at {@code
   * switchPerDevice} device-minutes of cutovers, costs less than leaving it to the outage along the trend:
   * the derivative of {@code λ ∫c + λ² queue(c(R))} at λ = 1 per device is {@code (∫c + 2 queue(c)) / a}.
   * A steady count gives (switch - s² a / rate) / s, s the offline share.
   */
  static double firstDeviceAlong(double switchPerDevice, double affected, Trend trend, RemainingOutage remaining, double rate) {
    return crossing(r -> switchPerDevice - savedByFirstDevice(trend, r, rate) / affected, trend, remaining);
  }

  /** ∫_0^r c + 2 queue(c(r)), averaged over where a rise levels off. */
  private static double savedByFirstDevice(Trend trend, double r, double rate) {
    if (trend.kind() != Trend.Kind.GROWING) {
      return ended(trend, r, rate) + OptionCosts.queue(trend.offlineAfter(r), rate);
    }
    double sum = 0;
    for (double s : stops(trend)) {
      sum += loss(trend, s, r, rate) + OptionCosts.queue(trend.offlineAfter(Math.min(r, s)), rate);
    }
    return sum / RISE_POINTS;
  }

  /**
   * The least r at which {@code gap} (an option's loss minus holding's, both along the trend) is at most
   * zero; +Infinity when it never is. Rising, the gap only falls (the count only grows), so its root is found
   * up to where the outage has a chance below 1e-6 of lasting. Falling, it is searched on a grid up to the
   * count's zero (it is constant after) and its first crossing refined by bisection.
   */
  private static double crossing(DoubleUnaryOperator gap, Trend trend, RemainingOutage remaining) {
    if (gap.applyAsDouble(0) <= 0) {
      return 0;
    }
    if (trend.kind() == Trend.Kind.GROWING) {
      double end = remaining.quantileMinutes(1 - 1e-6);
      return gap.applyAsDouble(end) > 0 ? Double.POSITIVE_INFINITY : root(r -> -gap.applyAsDouble(r), 0, end, 1e-9);
    }
    double zero = trend.kind() == Trend.Kind.RECOVERING ? trend.minutesToZero() : remaining.quantileMinutes(1 - 1e-6);
    double before = 0;
    for (int i = 1; i <= BREAK_EVEN_POINTS; i++) {
      double r = zero * i / BREAK_EVEN_POINTS;
      if (gap.applyAsDouble(r) <= 0) {
        return firstCrossing(gap, before, r);
      }
      before = r;
    }
    return Double.POSITIVE_INFINITY;
  }

  /** Where the gap turns from positive (at lo) to at most zero (at hi), by bisection. */
  private static double firstCrossing(DoubleUnaryOperator gap, double lo, double hi) {
    for (int k = 0; k < 60 && hi - lo > 1e-9 * Math.max(1, hi); k++) {
      double mid = 0.5 * (lo + hi);
      if (gap.applyAsDouble(mid) <= 0) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return hi;
  }

  /** Points of the break-even's search between now and a falling count's zero. */
  private static final int BREAK_EVEN_POINTS = 512;

  /** Simpson's intervals over [0, z]: even. */
  private static final int INTEGRAL_INTERVALS = 128;

  /** L when the outage ends r minutes from now and the count follows the projection to then. */
  private static double ended(Trend trend, double r, double rate) {
    return trend.deviceMinutesBetween(0, r) + OptionCosts.queue(trend.offlineAfter(r), rate);
  }

  /**
   * The expected loss of leaving the share {@code held} of the offline devices to the outage, if it ends
   * {@code r} minutes from now: {@code λ ∫c + λ² queue(c(r))}, which is λ times HOLD's loss at the rate
   * over λ (the queue is quadratic in the devices queuing). 0 when nothing is left.
   */
  static double expectedAt(Trend trend, double r, double rate, double held) {
    return held <= 0 ? 0 : held * expectedAt(trend, r, rate / held);
  }

  /**
   * HOLD's expected loss if the outage ends {@code r} minutes from now: along the projection, and for a
   * rise averaged over where it levels off (the decision chart's HOLD curve).
   */
  static double expectedAt(Trend trend, double r, double rate) {
    if (trend.kind() != Trend.Kind.GROWING) {
      return ended(trend, r, rate);
    }
    double sum = 0;
    for (double s : stops(trend)) {
      sum += loss(trend, s, r, rate);
    }
    return sum / RISE_POINTS;
  }

  /** The rise's duration at {@link #RISE_POINTS} equally likely points. */
  private static double[] stops(Trend trend) {
    double a = trend.riseMinutes();
    double[] stops = new double[RISE_POINTS];
    for (int j = 0; j < RISE_POINTS; j++) {
      double u = (j + 0.5) / RISE_POINTS;
      // P(S <= s) = s / (a + s): the u-quantile is a u / (1 - u); a rise not yet seen to go on stops now.
      stops[j] = a <= 0 ? 0 : a * u / (1 - u);
    }
    return stops;
  }

  private static double rising(Trend trend, RemainingOutage remaining, double rate) {
    double[] stops = stops(trend);
    // Bracket x with R's p90: L rises with S, so at the shortest rise P(L <= x) <= 0.9 and at the longest
    // (every point of S at most it) P(L <= x) >= 0.9.
    double r90 = remaining.quantileMinutes(Q);
    double low = loss(trend, stops[0], r90, rate);
    double high = loss(trend, stops[RISE_POINTS - 1], r90, rate);
    return root(x -> below(trend, remaining, rate, stops, x) - Q, low, high, 1e-4);
  }

  /**
   * The root of an increasing {@code f} between {@code lo} (f at most 0) and {@code hi} (f at least 0),
   * to {@code relative} of hi, by regula falsi with the Illinois modification: a few evaluations where
   * bisection takes dozens, each of which here averages over the rise's points.
   */
  static double root(DoubleUnaryOperator f, double lo, double hi, double relative) {
    double flo = f.applyAsDouble(lo);
    double fhi = f.applyAsDouble(hi);
    if (flo >= 0) {
      return lo;
    }
    if (fhi <= 0) {
      return hi;
    }
    int side = 0;
    for (int i = 0; i < 100 && hi - lo > relative * Math.max(Math.abs(hi), 1e-12); i++) {
      double x = hi - fhi * (hi - lo) / (fhi - flo);
      if (!(x > lo && x < hi)) {
        x = 0.5 * (lo + hi);
      }
      double fx = f.applyAsDouble(x);
      if (fx == 0) {
        return x;
      }
      if (fx < 0) {
        lo = x;
        flo = fx;
        if (side == -1) {
          fhi /= 2;
        }
        side = -1;
      } else {
        hi = x;
        fhi = fx;
        if (side == 1) {
          flo /= 2;
        }
        side = 1;
      }
    }
    return hi;
  }

  /** P(L ≤ x), averaged over the rise's stopping points. */
  private static double below(Trend trend, RemainingOutage remaining, double rate, double[] stops, double x) {
    double sum = 0;
    for (double s : stops) {
      double r = outageAt(trend, s, rate, x);
      sum += 1 - remaining.probabilityLongerThan(r);
    }
    return sum / stops.length;
  }

  /** L when the rise stops s minutes from now and the outage ends r minutes from now. */
  static double loss(Trend trend, double s, double r, double rate) {
    if (r <= s) {
      return ended(trend, r, rate);
    }
    double level = trend.offlineAfter(s);
    return trend.deviceMinutesBetween(0, s) + level * (r - s) + OptionCosts.queue(level, rate);
  }

  /** The remaining outage r at which L reaches x when the rise stops at s (+Infinity if never; L rises with r). */
  private static double outageAt(Trend trend, double s, double rate, double x) {
    if (loss(trend, s, 0, rate) >= x) {
      return 0;
    }
    double o = trend.offlineNow();
    double v = trend.devicesPerMinute();
    double toDevices = (trend.cap() - o) / v;
    double rising = Math.min(s, toDevices);
    if (loss(trend, s, rising, rate) >= x) {
      // While the count rises, L = o r + v r^2 / 2 + (o + v r)^2 / (2 rate): the root of a quadratic, in
      // the form that does not cancel (C < 0 here).
      double a = v / 2 + v * v / (2 * rate);
      double b = o + o * v / rate;
      double c = o * o / (2 * rate) - x;
      return -2 * c / (b + Math.sqrt(b * b - 4 * a * c));
    }
    // Then the count stays where the rise stopped (or at the devices): L rises linearly.
    double level = trend.offlineAfter(rising);
    return level <= 0 ? Double.POSITIVE_INFINITY : rising + (x - loss(trend, s, rising, rate)) / level;
  }
}
