package io.failwise.model.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Telling a fleet's blips from its incidents (TwoKinds): a mixture of two normals of ln(minutes), or one. */
class TwoKindsTest {
  /** n logarithms: a share from N(muA, sA), the rest from N(muB, sB). */
  private static double[] drawn(int n, double share, double muA, double sA, double muB, double sB, long seed) {
    Random random = new Random(seed);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = random.nextDouble() < share ? muA + sA * random.nextGaussian() : muB + sB * random.nextGaussian();
    }
    return x;
  }

  @Test
  void findsTheTwoKindsItWasDrawnFrom() {
    // 3,000 outages, 30% around 12 min (ln 12 = 2.48, spread 0.3), the rest around 2 h (ln 120 = 4.79,
    // spread 1): expectation-maximisation recovers the shares, centres and spreads within sampling error.
    TwoKinds.Fit fit = TwoKinds.of(drawn(3000, 0.3, Math.log(12), 0.3, Math.log(120), 1.0, 1)).orElseThrow();
    assertEquals(900, fit.shorter().outages(), 60);
    assertEquals(2100, fit.longer().outages(), 60);
    assertEquals(Math.log(12), fit.shorter().mu(), 0.05);
    assertEquals(0.3, fit.shorter().sigma(), 0.05);
    assertEquals(Math.log(120), fit.longer().mu(), 0.1);
    assertEquals(1.0, fit.longer().sigma(), 0.08);
  }

  @Test
  void oneKindIsOneKind() {
    // The criterion charges 1.5 ln n of log-likelihood for the three extra parameters: over many samples
    // of one lognormal, a second kind is found seldom (it would be a chance split of one hump).
    int found = 0;
    for (long seed = 0; seed < 200; seed++) {
      if (TwoKinds.of(drawn(200, 0, 0, 1, Math.log(60), 1.1, seed)).isPresent()) {
        found++;
      }
    }
    assertTrue(found <= 10, found + " of 200 samples of one lognormal were split in two");
  }

  @Test
  void tooFewOrTooSmallAKindIsNoKind() {
    // Nine outages cannot show two kinds of five each.
    assertTrue(TwoKinds.of(drawn(9, 0.5, 1, 0.1, 5, 0.1, 2)).isEmpty());
    // Three blips among 200 incidents are outliers, not a kind (fewer than 5 outages).
    double[] x = drawn(200, 0, 0, 1, Math.log(120), 0.5, 3);
    x[0] = x[1] = x[2] = Math.log(2);
    assertTrue(TwoKinds.of(x).isEmpty());
  }

  @Test
  void repeatedDurationsGiveFiniteKinds() {
    // Detection's resolution is a minute, and durations clamp at it: many outages of exactly 1 min.
    double[] x = new double[60];
    Arrays.fill(x, 0, 30, 0.0);
    Arrays.fill(x, 30, 60, Math.log(180));
    TwoKinds.Fit fit = TwoKinds.of(x).orElseThrow();
    assertEquals(TwoKinds.NARROWEST_SIGMA, fit.shorter().sigma(), 1e-12);
    assertEquals(0, fit.shorter().mu(), 1e-9);
    assertEquals(30, fit.shorter().outages(), 1e-6);
    assertEquals(Math.log(180), fit.longer().mu(), 1e-9);
  }

  @Test
  void theSameDurationsGiveTheSameFitInAnyOrder() {
    double[] x = drawn(300, 0.2, 2.5, 0.3, 4.8, 1, 4);
    double[] reversed = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      reversed[i] = x[x.length - 1 - i];
    }
    assertEquals(TwoKinds.of(x), TwoKinds.of(reversed));
  }

  @Test
  void theFitIsWhereTheLikelihoodPeaks() {
    // Expectation-maximisation climbs to a maximum of the mixture's likelihood; whatever the arithmetic of
    // its steps, no small move of a share, a centre or a spread from where it stops may explain the
    // durations better. The likelihood is computed here from its definition, not by TwoKinds.
    int checked = 0;
    for (long seed = 1; seed <= 30; seed++) {
      Random r = new Random(seed);
      int n = 40 + r.nextInt(400);
      double share = 0.15 + 0.6 * r.nextDouble();
      double[] x = drawn(n, share, r.nextDouble() * 3, 0.1 + r.nextDouble(), 2.5 + r.nextDouble() * 3, 0.2 + r.nextDouble(), seed);
      var fit = TwoKinds.of(x);
      if (fit.isEmpty()) {
        continue;
      }
      checked++;
      TwoKinds.Kind a = fit.get().shorter();
      TwoKinds.Kind b = fit.get().longer();
      double[] at = {a.outages() / n, a.mu(), a.sigma(), b.mu(), b.sigma()};
      double peak = mixtureLogLikelihood(x, at);
      for (int p = 0; p < at.length; p++) {
        for (double step : new double[] {-1e-3, 1e-3}) {
          double[] moved = at.clone();
          moved[p] += step;
          boolean atTheFloor = (p == 2 || p == 4) && moved[p] < TwoKinds.NARROWEST_SIGMA;
          if (atTheFloor || moved[0] <= 0 || moved[0] >= 1) {
            continue;
          }
          double gain = mixtureLogLikelihood(x, moved) - peak;
          assertTrue(gain <= 1e-6 * n, "seed " + seed + ": moving parameter " + p + " by " + step + " gains " + gain);
        }
      }
    }
    assertTrue(checked >= 15, "fits checked: " + checked);
  }

  /** ln of the likelihood of x under w N(mu0, s0) + (1 - w) N(mu1, s1); p = {w, mu0, s0, mu1, s1}. */
  private static double mixtureLogLikelihood(double[] x, double[] p) {
    double sum = 0;
    for (double v : x) {
      double d0 = Math.exp(-0.5 * Math.pow((v - p[1]) / p[2], 2)) / (p[2] * Math.sqrt(2 * Math.PI));
      double d1 = Math.exp(-0.5 * Math.pow((v - p[3]) / p[4], 2)) / (p[4] * Math.sqrt(2 * Math.PI));
      sum += Math.log(p[0] * d0 + (1 - p[0]) * d1);
    }
    return sum;
  }
}
