package io.failwise.model.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Reference values computed with mpmath at 40 digits (ncdf, log, and findroot on the log of the tail); a wrong
 * digit here would move every probability and percentile the estimator prints.
 */
class NormalTest {
  /** x, Phi(x), Q(x) = 1 - Phi(x), ln Q(x). */
  private static final double[][] TABLE = {
    {-8, 6.2209605742717841e-16, 0.99999999999999938, -6.2209605742717861e-16},
    {-3, 0.0013498980316300945, 0.99865010196836991, -0.0013508099647481938},
    {-1.5, 0.066807201268858066, 0.93319279873114193, -0.069143455612233983},
    {-1, 0.15865525393145705, 0.84134474606854295, -0.17275377902344989},
    {-0.5, 0.3085375387259869, 0.6914624612740131, -0.36894641528865639},
    {0, 0.5, 0.5, -0.69314718055994531},
    {0.25, 0.59870632568292372, 0.40129367431707628, -0.91306176481113506},
    {0.5, 0.6914624612740131, 0.3085375387259869, -1.1759117615936186},
    {1, 0.84134474606854295, 0.15865525393145705, -1.8410216450092635},
    {1.5, 0.93319279873114193, 0.066807201268858066, -2.7059444008238898},
    {1.96, 0.97500210485177956, 0.024997895148220436, -3.6889636517296386},
    {2.5, 0.99379033467422386, 0.0062096653257761352, -5.0816482772786905},
    {3, 0.99865010196836991, 0.0013498980316300945, -6.6077262215103495},
    {5, 0.99999971334842812, 2.8665157187919391e-7, -15.064998393988726},
    {8, 0.99999999999999938, 6.2209605742717841e-16, -35.01343715991455},
    {10, 1.0, 7.6198530241605261e-24, -53.231285150512471},
    {15, 1.0, 3.6709661993127509e-51, -116.1313848457117},
    {20, 1.0, 2.7536241186062337e-89, -203.91715537109726},
    {30, 1.0, 4.9067139271481871e-198, -454.3212439563432},
    {37, 1.0, 5.7255712225245768e-300, -689.03058557689059},
  };

  @Test
  void cdfAndUpperTailMatchReferenceValuesToRelativePrecision() {
    for (double[] row : TABLE) {
      double x = row[0];
      assertRelative(row[1], Normal.cdf(x), 1e-14, "Phi(" + x + ")");
      // Q's condition number is x^2: one ulp of x moves Q(30) by 1e-13, so no method does better.
      double conditioned = 1e-14 * Math.max(1, x * x);
      assertRelative(row[2], Normal.upperTail(x), conditioned, "Q(" + x + ")");
      assertRelative(row[3], Normal.logUpperTail(x), 1e-14, "ln Q(" + x + ")");
    }
  }

  @Test
  void logUpperTailKeepsGoingWhereTheTailUnderflows() {
    assertEquals(0.0, Normal.upperTail(40));
    assertRelative(-804.60844201375379, Normal.logUpperTail(40), 1e-13, "ln Q(40)");
    assertRelative(-1254.8313611394199, Normal.logUpperTail(50), 1e-13, "ln Q(50)");
    assertRelative(-5005.5242086942051, Normal.logUpperTail(100), 1e-13, "ln Q(100)");
    // Either side of the switch to the asymptotic series at 37.
    assertRelative(-685.33288316535061, Normal.logUpperTail(36.9), 1e-13, "ln Q(36.9)");
    assertRelative(-692.73828071562329, Normal.logUpperTail(37.1), 1e-13, "ln Q(37.1)");
    assertRelative(-726.55721601882013, Normal.logUpperTail(38), 1e-13, "ln Q(38)");
  }

  @Test
  void inverseCdfMatchesReferenceValues() {
    double[][] table = {
      {1e-300, -37.047096299361199},
      {1e-100, -21.273453560965324},
      {1e-20, -9.2623400897984076},
      {1e-10, -6.3613409024040562},
      {0.001, -3.0902323061678135},
      {0.025, -1.9599639845400542},
      {0.1, -1.2815515655446005},
      {0.3, -0.52440051270804078},
      {0.7, 0.52440051270804078},
      {0.9, 1.2815515655446005},
      {0.975, 1.9599639845400542},
      {0.999, 3.0902323061678135},
    };
    for (double[] row : table) {
      assertRelative(row[1], Normal.inverseCdf(row[0]), 1e-14, "inverseCdf(" + row[0] + ")");
    }
    assertEquals(0.0, Normal.inverseCdf(0.5), 1e-300);
    assertEquals(Double.NEGATIVE_INFINITY, Normal.inverseCdf(0));
    assertEquals(Double.POSITIVE_INFINITY, Normal.inverseCdf(1));
    assertThrows(IllegalArgumentException.class, () -> Normal.inverseCdf(1.5));
    assertThrows(IllegalArgumentException.class, () -> Normal.inverseCdf(Double.NaN));
  }

  @Test
  void inverseLogUpperTailInvertsTheTailEverywhere() {
    assertRelative(39.884694838256678, Normal.inverseLogUpperTail(-800), 1e-13, "ln Q^-1(-800)");
    assertRelative(54.682340595465148, Normal.inverseLogUpperTail(-1500), 1e-13, "ln Q^-1(-1500)");
    assertRelative(99.944748174841092, Normal.inverseLogUpperTail(-5000), 1e-13, "ln Q^-1(-5000)");
    for (double x = -8; x <= 60; x += 0.37) {
      double back = Normal.inverseLogUpperTail(Normal.logUpperTail(x));
      assertEquals(x, back, 1e-9 * Math.max(1, Math.abs(x)), "round trip at " + x);
    }
  }

  @Test
  void erfcIsMonotoneAndSymmetricAcrossCodysRanges() {
    double previous = 2.0;
    for (double x = -6; x <= 27; x += 0.001) {
      double e = Normal.erfc(x);
      assertTrue(e <= previous, "erfc decreases at " + x);
      assertEquals(2.0, e + Normal.erfc(-x), 1e-15, "erfc(x) + erfc(-x) = 2 at " + x);
      previous = e;
    }
  }

  @Test
  void erfcAgreesWithAnIndependentSeriesAndContinuedFraction() {
    // Cody's rational approximation against erf's Taylor series (below 1.5) and erfc's continued fraction
    // (above), the estimator's erfc until the sequential decision made it the hot path. The reference has
    // errors of its own: 1 - erf(x) loses digits as erfc(x) gets small, and the continued fraction's
    // e^(-x^2) about x^2 ulps; the allowance is a few times each.
    double worst = 0;
    double where = 0;
    for (double x = -6; x < 26; x += 0.000731) {
      double expected = Reference.erfc(x);
      double allowance = 1e-15 * (1 + 1 / expected + x * x) * expected;
      double share = Math.abs(Normal.erfc(x) - expected) / allowance;
      if (share > worst) {
        worst = share;
        where = x;
      }
    }
    assertTrue(worst <= 1, "worst difference " + worst + " of its allowance, at " + where);
  }

  @Test
  void logUpperTailAgreesWithTheAsymptoticSeriesFarOut() {
    // Q(x) = phi(x)/x (1 - 1/x^2 + 3/x^4 - 15/x^6 + 105/x^8 - ...): the next term is below 1e-12 beyond 37.
    for (double x = 37; x < 1e6; x *= 1.07) {
      double y = 1.0 / (x * x);
      double series = -y * (1 - y * (3 - y * (15 - 105 * y)));
      double expected = -0.5 * x * x - Math.log(x) - 0.5 * Math.log(2 * Math.PI) + Math.log1p(series);
      assertRelative(expected, Normal.logUpperTail(x), 1e-14, "ln Q(" + x + ")");
    }
  }

  @Test
  void erfcOfNaNIsNaNNotAFiniteNumber() {
    // A NaN input (an undefined score) must not come out as a probability of 0.
    assertTrue(Double.isNaN(Normal.erfc(Double.NaN)));
    assertTrue(Double.isNaN(Normal.upperTail(Double.NaN)));
  }

  private static void assertRelative(double expected, double actual, double tolerance, String what) {
    double scale = Math.max(Math.abs(expected), Double.MIN_NORMAL);
    assertTrue(
        Math.abs(actual - expected) <= tolerance * scale,
        what + ": expected " + expected + ", got " + actual + " (relative error " + Math.abs(actual - expected) / scale + ")");
  }

  /** erfc by erf's Taylor series below 1.5 and erfc's continued fraction above: slow, independent of Cody. */
  private static final class Reference {
    static double erfc(double x) {
      if (x < 0) {
        return 2.0 - erfc(-x);
      }
      double x2 = x * x;
      if (x < 1.5) {
        // erf(x) = 2x e^(-x^2)/sqrt(pi) * sum_k (2x^2)^k / (1*3*...*(2k+1)), from the inside out.
        double acc = 0.0;
        for (double fk = 25.5; fk > 0.5; fk -= 1.0) {
          acc = 2.0 + x2 * acc / fk;
        }
        return 1.0 - acc * x * Math.exp(-x2) / Math.sqrt(Math.PI);
      }
      // x e^(-x^2)/sqrt(pi) / (x^2 + 1/2 - (1*1/2)/(x^2 + 5/2 - (2*3/2)/(x^2 + 9/2 - ...))), by the
      // forward recurrence of its convergents.
      double a = 0.0;
      double da = 0.5;
      double p = 1.0;
      double pLast = 0.0;
      double q = da + x2;
      double qLast = 1.0;
      for (int i = 0; i < 50; i++) {
        a += da;
        da += 2.0;
        double b = da + x2;
        double t = p;
        p = b * p - a * pLast;
        pLast = t;
        t = q;
        q = b * q - a * qLast;
        qLast = t;
      }
      return p / q * x * Math.exp(-x2) / Math.sqrt(Math.PI);
    }
  }
}
