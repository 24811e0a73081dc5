package io.failwise.model.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The closed forms against reference values that mpmath computed another way: by integrating the
 * conditional survival function (E[R] = integral of P(R > r) dr) and solving P(R > r) = 1 - q by
 * root finding, at 30 digits.
 */
class RemainingOutageTest {
  /** median, p90, elapsed; then mean, median and p90 of the remainder, and P(R > 310 min). */
  private static final double[][] TABLE = {
    {120, 480, 0, 215.414262821957, 120.0, 480.0, 0.190142344541517},
    {120, 480, 55, 216.673267478272, 110.901837936031, 508.177401835011, 0.198651439588496},
    {90, 360, 55, 169.294475829866, 86.5387684254886, 398.137171480422, 0.144743813607127},
    {120, 480, 180, 282.723742223133, 147.119444534965, 667.309592132256, 0.273233277437757},
    {60, 300, 2000, 1138.31167468706, 627.238745276389, 2675.77871772765, 0.697179589689432},
  };

  @Test
  void matchesNumericalIntegrationOfTheConditionedPrior() {
    for (double[] row : TABLE) {
      RemainingOutage r = new DurationPrior(row[0], row[1]).remainingAfter(row[2]);
      String what = "prior " + row[0] + "/" + row[1] + " after " + row[2] + " min: ";
      assertEquals(row[3], r.meanMinutes(), 1e-9 * row[3], what + "mean");
      assertEquals(row[4], r.medianMinutes(), 1e-9 * row[4], what + "median");
      assertEquals(row[5], r.p90Minutes(), 1e-9 * row[5], what + "p90");
      assertEquals(row[6], r.probabilityLongerThan(310), 1e-12, what + "P(R > 310)");
    }
  }

  @Test
  void anOutageThatJustBeganHasTheWholePriorAhead() {
    DurationPrior prior = new DurationPrior(120, 480);
    RemainingOutage r = prior.remainingAfter(0);
    double sigma = prior.sigma();
    assertEquals(120 * Math.exp(sigma * sigma / 2), r.meanMinutes(), 1e-9);
    assertEquals(0.5, r.probabilityLongerThan(120), 1e-14);
    assertEquals(0.1, r.probabilityLongerThan(480), 1e-14);
  }

  @Test
  void quantilesAndProbabilitiesInvertEachOther() {
    RemainingOutage r = new DurationPrior(90, 360).remainingAfter(55);
    for (double q = 0.01; q < 1; q += 0.07) {
      assertEquals(1 - q, r.probabilityLongerThan(r.quantileMinutes(q)), 1e-10, "q=" + q);
    }
    assertEquals(1.0, r.probabilityLongerThan(0));
    assertEquals(0.0, r.probabilityLongerThan(Double.POSITIVE_INFINITY));
  }

  @Test
  void anOutageFarInThePriorsTailStillGetsFiniteAnswers() {
    // 30 days into an outage whose prior median is 1 h: P(T > t) underflows a double, the ratio must not.
    RemainingOutage r = new DurationPrior(60, 120).remainingAfter(43_200);
    assertTrue(Double.isFinite(r.meanMinutes()) && r.meanMinutes() > 0, "mean " + r.meanMinutes());
    assertTrue(r.p90Minutes() > r.medianMinutes() && r.medianMinutes() > 0, "quantiles " + r.medianMinutes() + " " + r.p90Minutes());
    double p = r.probabilityLongerThan(r.medianMinutes());
    assertEquals(0.5, p, 1e-6);
  }

  @Test
  void rejectsPriorsThatDescribeNoDistribution() {
    assertThrows(IllegalArgumentException.class, () -> new DurationPrior(0, 10));
    assertThrows(IllegalArgumentException.class, () -> new DurationPrior(60, 60));
    assertThrows(IllegalArgumentException.class, () -> new DurationPrior(60, Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> new DurationPrior(60, 120).remainingAfter(-1));
  }

  @Test
  void theExpectedRemainderIsReachedAtTheElapsedTimeWhereTheConditionedMeanEqualsItToASecond() {
    // From the table: after 180 min the default prior expects another 282.7237 min, after 55 min 216.67.
    RemainingOutage at55 = DurationPrior.DEFAULT.remainingAfter(55);
    assertEquals(55, at55.elapsedMinutes());
    double reached = at55.elapsedWhenMeanReaches(282.723742223133, 1000).orElseThrow();
    assertEquals(180, reached, 1.0 / 60);
    assertTrue(at55.meanAt(reached) >= 282.723742223133 && at55.meanAt(reached - 1.0 / 60) < 282.723742223133, "at " + reached);
    // Already there, exactly or with room to spare: now.
    assertEquals(55, at55.elapsedWhenMeanReaches(at55.meanMinutes(), 1000).orElseThrow());
    assertEquals(55, at55.elapsedWhenMeanReaches(100, 1000).orElseThrow());
    // Not within the horizon: 60 more minutes reach only 115 min elapsed.
    assertTrue(at55.elapsedWhenMeanReaches(282.723742223133, 60).isEmpty());
    // From the start of an outage, far ahead: prior 60/300 expects another 1,138.31 min after 2,000.
    RemainingOutage fresh = new DurationPrior(60, 300).remainingAfter(0);
    assertEquals(2000, fresh.elapsedWhenMeanReaches(1138.31167468706, 5000).orElseThrow(), 1.0 / 60);
  }

  @Test
  void quantilesRunFromNowUpToButNotIncludingCertainty() {
    RemainingOutage r = DurationPrior.DEFAULT.remainingAfter(55);
    assertEquals(0, r.quantileMinutes(0), 1e-9);
    assertThrows(IllegalArgumentException.class, () -> r.quantileMinutes(1));
    assertThrows(IllegalArgumentException.class, () -> r.quantileMinutes(-0.1));
    assertThrows(IllegalArgumentException.class, () -> r.quantileMinutes(Double.NaN));
  }
}
