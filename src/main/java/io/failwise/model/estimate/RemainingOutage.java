package io.failwise.model.estimate;

/**
 * The remaining duration R = T - t of an outage that has lasted t minutes, when its total duration T
 * follows the prior, a lognormal or a mixture of lognormals (weights w_i, log-parameters mu_i and
 * sigma_i): the prior conditioned on T > t. With z_i(x) = (ln x - mu_i)/sigma_i and Q the standard
 * normal upper tail,
 *
 * <ul>
 *   <li>P(T > x) = sum w_i Q(z_i(x)), and P(R > r) = P(T > t + r) / P(T > t);
 *   <li>E[R] = sum w_i e^(mu_i + sigma_i^2/2) Q(z_i(t) - sigma_i) / P(T > t) - t (the lognormals' partial
 *       expectations: a mixture's is the weighted sum of its parts');
 *   <li>the q-quantile solves P(T > t + r) = (1 - q) P(T > t) for r: in closed form for one lognormal,
 *       by bisection on ln(t + r) for a mixture, whose survival falls monotonically.
 * </ul>
 *
 * Sums and ratios are taken in log space so that an outage far in the prior's tail still gets an
 * answer.
 */
public final class RemainingOutage {
  private final double[] logWeight;
  private final double[] mu;
  private final double[] sigma;
  private final double[] inverseSigma;
  private final double elapsedMinutes;
  private final double logSurvivedSoFar;

  /** One lognormal. */
  RemainingOutage(double mu, double sigma, double elapsedMinutes) {
    this(new double[] {1}, new double[] {mu}, new double[] {sigma}, elapsedMinutes);
  }

  /** A mixture of lognormals; the weights sum to 1. */
  RemainingOutage(double[] weight, double[] mu, double[] sigma, double elapsedMinutes) {
    if (!(elapsedMinutes >= 0) || !Double.isFinite(elapsedMinutes)) {
      throw new IllegalArgumentException("elapsed minutes must be 0 or more, got " + elapsedMinutes);
    }
    this.logWeight = new double[weight.length];
    for (int i = 0; i < weight.length; i++) {
      logWeight[i] = Math.log(weight[i]);
    }
    this.mu = mu.clone();
    this.sigma = sigma.clone();
    this.inverseSigma = new double[sigma.length];
    for (int i = 0; i < sigma.length; i++) {
      inverseSigma[i] = 1 / sigma[i];
    }
    this.elapsedMinutes = elapsedMinutes;
    this.logSurvivedSoFar = logSurvival(elapsedMinutes);
  }

  public double elapsedMinutes() {
    return elapsedMinutes;
  }

  /** E[T - t | T > t] in minutes. */
  public double meanMinutes() {
    return meanRemaining(elapsedMinutes, logSurvivedSoFar);
  }

  /** E[T - e | T > e] for another elapsed time e under the same prior. */
  double meanAt(double elapsed) {
    return meanRemaining(elapsed, logSurvival(elapsed));
  }

  /** ln P(T > e) under the prior (unconditioned). */
  double logSurvival(double elapsed) {
    double logElapsed = Math.log(elapsed);
    if (mu.length == 1) {
      return Normal.logUpperTail(z(0, logElapsed));
    }
    double[] terms = new double[mu.length];
    for (int i = 0; i < mu.length; i++) {
      terms[i] = logWeight[i] + Normal.logUpperTail(z(i, logElapsed));
    }
    return logSumExp(terms);
  }

  /**
   * The outage at the policy's re-decisions from now on: at e_k = t + k step (k = 0, 1, ...), the chance
   * P(T > e_k | T > t) that it is still going and the mean remainder E[T - e_k | T > e_k]; up to
   * {@code maxSteps}, or to the first step where that chance is below {@code negligible}.
   *
   * <p>The sequential decision's hot loop. Each part's tail and partial expectation is taken on the scale
   * of the survival so far, e^(ln w_i - ln P(T > t)): the sums need no logarithm, and a step costs one
   * logarithm and two exponentials per part (against five in log space).
   */
  Steps steps(double stepMinutes, int maxSteps, double negligible) {
    int parts = mu.length;
    double[] survivalScale = new double[parts];
    double[] partialScale = new double[parts];
    for (int i = 0; i < parts; i++) {
      survivalScale[i] = logWeight[i] - logSurvivedSoFar;
      partialScale[i] = survivalScale[i] + mu[i] + 0.5 * sigma[i] * sigma[i];
    }
    double[] alive = new double[maxSteps + 1];
    double[] mean = new double[maxSteps + 1];
    int horizon = maxSteps;
    for (int k = 0; k <= maxSteps; k++) {
      double e = elapsedMinutes + k * stepMinutes;
      double logE = Math.log(e);
      double survival = 0;
      double partial = 0;
      for (int i = 0; i < parts; i++) {
        double z = z(i, logE);
        survival += Normal.upperTailTimesExp(z, survivalScale[i]);
        partial += Normal.upperTailTimesExp(z - sigma[i], partialScale[i]);
      }
      alive[k] = k == 0 ? 1.0 : Math.min(1.0, survival);
      mean[k] = survival > 0 ? Math.max(0.0, partial / survival - e) : meanRemaining(e, logSurvival(e));
      if (k > 0 && alive[k] < negligible) {
        horizon = k;
        break;
      }
    }
    return new Steps(horizon, alive, mean);
  }

  /**
   * @param horizon the last step computed
   * @param alive P(T > e_k | T > t), 1 at step 0
   * @param mean E[T - e_k | T > e_k]
   */
  record Steps(int horizon, double[] alive, double[] mean) {}

  private double meanRemaining(double elapsed, double logSurvived) {
    return meanRemaining(elapsed, Math.log(elapsed), logSurvived);
  }

  private double meanRemaining(double elapsed, double logElapsed, double logSurvived) {
    if (mu.length == 1) {
      double logTailMean = mu[0] + 0.5 * sigma[0] * sigma[0] + Normal.logUpperTail(z(0, logElapsed) - sigma[0]);
      return Math.max(0.0, Math.exp(logTailMean - logSurvived) - elapsed);
    }
    double[] terms = new double[mu.length];
    for (int i = 0; i < mu.length; i++) {
      terms[i] = logWeight[i] + mu[i] + 0.5 * sigma[i] * sigma[i] + Normal.logUpperTail(z(i, logElapsed) - sigma[i]);
    }
    return Math.max(0.0, Math.exp(logSumExp(terms) - logSurvived) - elapsed);
  }

  /** The remaining minutes that the outage outlasts with probability 1 - q. */
  public double quantileMinutes(double q) {
    if (!(q >= 0 && q < 1)) {
      throw new IllegalArgumentException("a quantile lies in [0, 1), got " + q);
    }
    double target = Math.log1p(-q) + logSurvivedSoFar;
    if (mu.length == 1) {
      double b = Normal.inverseLogUpperTail(target);
      return Math.max(0.0, Math.exp(mu[0] + sigma[0] * b) - elapsedMinutes);
    }
    if (q == 0) {
      return 0.0;
    }
    // ln T where the survival falls to the target: between now (or the least double) and where every
    // part's survival is below it.
    double low = Math.log(Math.max(elapsedMinutes, Double.MIN_NORMAL));
    double high = low;
    for (int i = 0; i < mu.length; i++) {
      high = Math.max(high, mu[i] + sigma[i] * Normal.inverseLogUpperTail(target));
    }
    for (int iteration = 0; iteration < 200 && high - low > 1e-13 * Math.max(1, Math.abs(high)); iteration++) {
      double mid = 0.5 * (low + high);
      if (logSurvival(Math.exp(mid)) > target) {
        low = mid;
      } else {
        high = mid;
      }
    }
    return Math.max(0.0, Math.exp(0.5 * (low + high)) - elapsedMinutes);
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
    return Math.min(1.0, Math.exp(logSurvival(elapsedMinutes + minutes) - logSurvivedSoFar));
  }

  /** The standard score in part i of ln(minutes); -Infinity at 0, where the whole prior is still ahead. */
  private double z(int i, double logMinutes) {
    return (logMinutes - mu[i]) * inverseSigma[i];
  }

  /** ln(sum e^x_i), without overflow or underflow; -Infinity when every term is. */
  static double logSumExp(double[] x) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : x) {
      max = Math.max(max, v);
    }
    if (max == Double.NEGATIVE_INFINITY || x.length == 1) {
      return max;
    }
    double sum = 0;
    for (double v : x) {
      sum += Math.exp(v - max);
    }
    return max + Math.log(sum);
  }
}
