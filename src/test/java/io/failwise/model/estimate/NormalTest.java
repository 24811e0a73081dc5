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
  void erfcIsMonotoneAndSymmetricAcrossTheSwitchBetweenSeriesAndContinuedFraction() {
    double previous = 2.0;
    for (double x = -6; x <= 27; x += 0.001) {
      double e = Normal.erfc(x);
      assertTrue(e <= previous, "erfc decreases at " + x);
      assertEquals(2.0, e + Normal.erfc(-x), 1e-15, "erfc(x) + erfc(-x) = 2 at " + x);
      previous = e;
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
}
