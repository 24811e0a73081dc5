package io.failwise.model.estimate;

import java.util.Arrays;
import java.util.Optional;

/**
 * Whether a fleet's past outages are of two kinds, and which: a mixture of two normal distributions of
 * ln(duration), fitted by expectation-maximisation, kept only when it explains the durations better
 * than one normal by more than the Bayesian information criterion charges for its three extra
 * parameters (k ln n / 2 in log-likelihood), and when each kind stands for at least
 * {@link #FEWEST_PER_KIND} outages. Typically the blips a fleet's detection sees and the incidents that
 * reach a status page.
 *
 * <p>Deterministic: it starts from the lower and upper halves of the sorted durations and stops when an
 * iteration gains less than 1e-9 per outage in log-likelihood, or after {@link #MAX_ITERATIONS}.
 */
final class TwoKinds {
  /** Fewer outages than this per kind, and one kind is what they are. */
  static final double FEWEST_PER_KIND = 5;
  /** The narrowest spread of a kind in ln(minutes): durations are clamped at a minute and often repeat. */
  static final double NARROWEST_SIGMA = 0.1;
  static final int MAX_ITERATIONS = 500;
  private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

  /** One kind: its share of the outages (as a number of them), and the normal of its ln(minutes). */
  record Kind(double outages, double mu, double sigma) {}

  /** The shorter kind first. */
  record Fit(Kind shorter, Kind longer) {}

  private TwoKinds() {}

  /** The two kinds the logarithms {@code x} of the durations in minutes fall into, or empty if one fits. */
  static Optional<Fit> of(double[] x) {
    int n = x.length;
    if (n < 2 * FEWEST_PER_KIND) {
      return Optional.empty();
    }
    double[] sorted = x.clone();
    Arrays.sort(sorted);
    double oneLogLikelihood = logLikelihoodOfOne(sorted);
    double[] w = {0.5, 0.5};
    double[] mu = {mean(sorted, 0, n / 2), mean(sorted, n / 2, n)};
    double[] sigma = {spread(sorted, 0, n / 2, mu[0]), spread(sorted, n / 2, n, mu[1])};
    double[] r = new double[n];
    double previous = Double.NEGATIVE_INFINITY;
    double logLikelihood = previous;
    for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
      // E: each outage's responsibility r of the shorter kind, and the log-likelihood of the mixture.
      logLikelihood = 0;
      double c0 = Math.log(w[0]) - Math.log(sigma[0]) - LOG_SQRT_2PI;
      double c1 = Math.log(w[1]) - Math.log(sigma[1]) - LOG_SQRT_2PI;
      for (int j = 0; j < n; j++) {
        double z0 = (sorted[j] - mu[0]) / sigma[0];
        double z1 = (sorted[j] - mu[1]) / sigma[1];
        double a = c0 - 0.5 * z0 * z0;
        double b = c1 - 0.5 * z1 * z1;
        // ln(e^a + e^b) and a's share, with one exponential.
        double e = Math.exp(-Math.abs(a - b));
        double total = Math.max(a, b) + Math.log1p(e);
        r[j] = a >= b ? 1 / (1 + e) : e / (1 + e);
        logLikelihood += total;
      }
      // M: the weighted mean and spread of each kind.
      double n0 = 0;
      double s0 = 0;
      double s1 = 0;
      for (int j = 0; j < n; j++) {
        n0 += r[j];
        s0 += r[j] * sorted[j];
        s1 += (1 - r[j]) * sorted[j];
      }
      double n1 = n - n0;
      if (n0 < 1e-9 || n1 < 1e-9) {
        return Optional.empty();
      }
      mu[0] = s0 / n0;
      mu[1] = s1 / n1;
      double v0 = 0;
      double v1 = 0;
      for (int j = 0; j < n; j++) {
        v0 += r[j] * (sorted[j] - mu[0]) * (sorted[j] - mu[0]);
        v1 += (1 - r[j]) * (sorted[j] - mu[1]) * (sorted[j] - mu[1]);
      }
      sigma[0] = Math.max(NARROWEST_SIGMA, Math.sqrt(v0 / n0));
      sigma[1] = Math.max(NARROWEST_SIGMA, Math.sqrt(v1 / n1));
      w[0] = n0 / n;
      w[1] = n1 / n;
      if (logLikelihood - previous < 1e-9 * n) {
        break;
      }
      previous = logLikelihood;
    }
    boolean better = logLikelihood - oneLogLikelihood > 1.5 * Math.log(n);
    if (!better || w[0] * n < FEWEST_PER_KIND || w[1] * n < FEWEST_PER_KIND) {
      return Optional.empty();
    }
    Kind a = new Kind(w[0] * n, mu[0], sigma[0]);
    Kind b = new Kind(w[1] * n, mu[1], sigma[1]);
    return Optional.of(a.mu() <= b.mu() ? new Fit(a, b) : new Fit(b, a));
  }

  private static double logLikelihoodOfOne(double[] x) {
    double mu = mean(x, 0, x.length);
    double sigma = spread(x, 0, x.length, mu);
    double sum = 0;
    for (double v : x) {
      sum += logDensity(v, mu, sigma);
    }
    return sum;
  }

  private static double logDensity(double x, double mu, double sigma) {
    double z = (x - mu) / sigma;
    return -0.5 * z * z - Math.log(sigma) - LOG_SQRT_2PI;
  }

  private static double mean(double[] x, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += x[i];
    }
    return sum / (to - from);
  }

  private static double spread(double[] x, int from, int to, double mean) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += (x[i] - mean) * (x[i] - mean);
    }
    return Math.max(NARROWEST_SIGMA, Math.sqrt(sum / (to - from)));
  }
}
