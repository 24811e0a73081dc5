package io.failwise.model.estimate;

import java.util.OptionalDouble;

/**
 * The remaining duration R = T - t of an outage that has lasted t minutes, when its total duration T
 * follows a lognormal prior: the prior conditioned on T > t. Everything is closed-form.
 *
 * <ul>
 *   <li>P(R > r) = Q(b) / Q(a), with a = (ln t - mu)/sigma, b = (ln(t + r) - mu)/sigma and Q the
 *       standard normal upper tail;
 *   <li>E[R] = e^(mu + sigma^2/2) Q(a - sigma) / Q(a) - t (the lognormal's partial expectation);
 *   <li>the q-quantile solves Q(b) = (1 - q) Q(a) for b, then r = e^(mu + sigma b) - t.
 * </ul>
 *
 * Ratios are taken in log space so that an outage far in the prior's tail still gets an answer.
 */
public final class RemainingOutage {
  private final double mu;
  private final double sigma;
  private final double elapsedMinutes;
  private final double logSurvivedSoFar;

  RemainingOutage(double mu, double sigma, double elapsedMinutes) {
    if (!(elapsedMinutes >= 0) || !Double.isFinite(elapsedMinutes)) {
      throw new IllegalArgumentException("elapsed minutes must be 0 or more, got " + elapsedMinutes);
    }
    this.mu = mu;
    this.sigma = sigma;
    this.elapsedMinutes = elapsedMinutes;
    this.logSurvivedSoFar = Normal.logUpperTail(z(elapsedMinutes));
  }

  public double elapsedMinutes() {
    return elapsedMinutes;
  }

  /** E[T - t | T > t] in minutes. */
  public double meanMinutes() {
    return meanRemaining(elapsedMinutes, logSurvivedSoFar);
  }

  /**
   * The least elapsed time, from now up to {@code horizonMinutes} later, at which the expected remainder
   * reaches {@code minutes}; empty if it does not. The lognormal's mean residual life first falls, then
   * rises for ever, so the times where it is at least {@code minutes} form one interval from the first
   * such time on: a geometric scan finds the interval and bisection its start, to a second.
   */
  public OptionalDouble elapsedWhenMeanReaches(double minutes, double horizonMinutes) {
    double before = elapsedMinutes;
    if (mean(before) >= minutes) {
      return OptionalDouble.of(before);
    }
    for (double step = 1; before < elapsedMinutes + horizonMinutes; step *= 1.25) {
      double after = Math.min(before + step, elapsedMinutes + horizonMinutes);
      if (mean(after) >= minutes) {
        double low = before;
        double high = after;
        while (high - low > 1.0 / 60) {
          double mid = 0.5 * (low + high);
          if (mean(mid) >= minutes) {
            high = mid;
          } else {
            low = mid;
          }
        }
        return OptionalDouble.of(high);
      }
      before = after;
    }
    return OptionalDouble.empty();
  }

  /** E[T - e | T > e] for another elapsed time e under the same prior. */
  double meanAt(double elapsed) {
    return mean(elapsed);
  }

  /** ln P(T > e) under the prior (unconditioned). */
  double logSurvival(double elapsed) {
    return Normal.logUpperTail(z(elapsed));
  }

  private double mean(double elapsed) {
    return meanRemaining(elapsed, Normal.logUpperTail(z(elapsed)));
  }

  private double meanRemaining(double elapsed, double logSurvived) {
    double logTailMean = mu + 0.5 * sigma * sigma + Normal.logUpperTail(z(elapsed) - sigma);
    return Math.max(0.0, Math.exp(logTailMean - logSurvived) - elapsed);
  }

  /** The remaining minutes that the outage outlasts with probability 1 - q. */
  public double quantileMinutes(double q) {
    if (!(q >= 0 && q < 1)) {
      throw new IllegalArgumentException("a quantile lies in [0, 1), got " + q);
    }
    double b = Normal.inverseLogUpperTail(Math.log1p(-q) + logSurvivedSoFar);
    return Math.max(0.0, Math.exp(mu + sigma * b) - elapsedMinutes);
  }

  public double medianMinutes() {
    return quantileMinutes(0.5);
  }

  public double p90Minutes() {
    return quantileMinutes(0.9);
  }

  /** P(R > r): the probability that the outage lasts more than another {@code minutes}. */
  public double probabilityLongerThan(double minutes) {
    if (minutes <= 0) {
      return 1.0;
    }
    if (minutes == Double.POSITIVE_INFINITY) {
      return 0.0;
    }
    return Math.min(1.0, Math.exp(Normal.logUpperTail(z(elapsedMinutes + minutes)) - logSurvivedSoFar));
  }

  /** The standard score of ln(minutes); -Infinity at 0, where the whole prior is still ahead. */
  private double z(double minutes) {
    return (Math.log(minutes) - mu) / sigma;
  }
}
