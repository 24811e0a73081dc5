package io.failwise.model.estimate;

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
    double logTailMean = mu + 0.5 * sigma * sigma + Normal.logUpperTail(z(elapsedMinutes) - sigma);
    return Math.max(0.0, Math.exp(logTailMean - logSurvivedSoFar) - elapsedMinutes);
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
