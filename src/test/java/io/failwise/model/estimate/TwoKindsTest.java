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
}
