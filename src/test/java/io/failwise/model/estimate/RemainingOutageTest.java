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
  void theMeanAtAnotherElapsedTimeIsTheConditionedMeanThere() {
    // From the table: after 180 min the default prior expects another 282.7237 min; 2,000 min into an
    // outage under 60/300, another 1,138.31. The sequential decision reads future steps' means this way.
    RemainingOutage at55 = DurationPrior.DEFAULT.remainingAfter(55);
    assertEquals(282.723742223133, at55.meanAt(180), 1e-9 * 282.7);
    assertEquals(1138.31167468706, new DurationPrior(60, 300).remainingAfter(0).meanAt(2000), 1e-9 * 1138.3);
  }

  @Test
  void quantilesRunFromNowUpToButNotIncludingCertainty() {
    RemainingOutage r = DurationPrior.DEFAULT.remainingAfter(55);
    assertEquals(0, r.quantileMinutes(0), 1e-9);
    assertThrows(IllegalArgumentException.class, () -> r.quantileMinutes(1));
    assertThrows(IllegalArgumentException.class, () -> r.quantileMinutes(-0.1));
    assertThrows(IllegalArgumentException.class, () -> r.quantileMinutes(Double.NaN));
  }

  /** A blip kind (median 12 min) and an incident kind (2 h), with the stated prior's part beside them. */
  private static final DurationPrior TWO_KINDS =
      new DurationPrior(
          80, 460, 200,
          java.util.List.of(
              new DurationPrior.Kind(0.05, 120, 480, 0), new DurationPrior.Kind(0.2, 12, 20, 40), new DurationPrior.Kind(0.75, 110, 540, 160)));

  @Test
  void aMixturesMeanIsTheIntegralOfItsConditionedSurvival() {
    // E[R] = integral of P(R > r) dr, by the trapezoid rule on a log-spaced grid out to where the
    // survival is negligible: independent of the partial expectations the class sums.
    for (double elapsed : new double[] {0, 5, 15, 25, 120, 2000}) {
      RemainingOutage r = TWO_KINDS.remainingAfter(elapsed);
      double integral = 0;
      double previousR = 0;
      double previousP = 1;
      for (double x = 1e-3; x < 1e7; x *= 1.0005) {
        double p = r.probabilityLongerThan(x);
        integral += 0.5 * (p + previousP) * (x - previousR);
        previousR = x;
        previousP = p;
      }
      assertEquals(integral, r.meanMinutes(), 1e-4 * integral, "after " + elapsed + " min");
      assertEquals(r.meanMinutes(), TWO_KINDS.remainingAfter(0).meanAt(elapsed), 1e-9 * r.meanMinutes());
    }
  }

  @Test
  void aMixturesQuantilesInvertItsProbabilities() {
    for (double elapsed : new double[] {0, 5, 25, 300, 43_200}) {
      RemainingOutage r = TWO_KINDS.remainingAfter(elapsed);
      for (double q = 0.01; q < 1; q += 0.07) {
        double x = r.quantileMinutes(q);
        assertTrue(Double.isFinite(x) && x >= 0, "q=" + q + " after " + elapsed + ": " + x);
        assertEquals(1 - q, r.probabilityLongerThan(x), 1e-9, "q=" + q + " after " + elapsed);
      }
      assertEquals(0, r.quantileMinutes(0), 1e-9);
    }
    // Five minutes into an outage, the blips (one in five) have not yet ended: the median remainder is
    // far shorter than 25 minutes in, when they have.
    assertTrue(TWO_KINDS.remainingAfter(5).medianMinutes() < TWO_KINDS.remainingAfter(25).medianMinutes());
  }

  @Test
  void theStepsAheadAgreeWithTheLogSpaceFormulasAtEveryStep() {
    // steps() sums the parts' tails on the scale of the survival so far, with no logarithm (the sequential
    // decision's hot loop). It must give what logSurvival and meanAt give in log space: for one kind and
    // two, at the onset (where the whole prior is still ahead), mid-way, and for an outage so far in the
    // prior's tail that P(T > t) is about 1e-190, where the scaled sums would overflow if taken naively.
    DurationPrior shortOnes = new DurationPrior(3, 10);
    double farOut = Math.exp(shortOnes.mu() + 29.5 * shortOnes.sigma());
    Object[][] cases = {
      {DurationPrior.DEFAULT, 0.0}, {DurationPrior.DEFAULT, 55.0}, {TWO_KINDS, 0.0}, {TWO_KINDS, 12.0},
      {TWO_KINDS, 400.0}, {shortOnes, 30.0}, {shortOnes, farOut},
    };
    for (Object[] c : cases) {
      DurationPrior prior = (DurationPrior) c[0];
      double t = (double) c[1];
      RemainingOutage now = prior.remainingAfter(t);
      RemainingOutage.Steps steps = now.steps(15, 672, 1e-6);
      String what = prior + " at " + t + " min";
      assertTrue(Double.isFinite(now.logSurvival(Math.max(t, Double.MIN_NORMAL))), what);
      for (int k = 0; k <= steps.horizon(); k++) {
        double e = t + 15.0 * k;
        double alive = k == 0 ? 1 : Math.exp(now.logSurvival(e) - now.logSurvival(t));
        assertEquals(alive, steps.alive()[k], 1e-11 * alive, what + ", step " + k);
        assertEquals(now.meanAt(e), steps.mean()[k], 1e-10 * now.meanAt(e), what + ", step " + k);
      }
      int h = steps.horizon();
      assertTrue(h == 672 || steps.alive()[h] < 1e-6 && steps.alive()[h - 1] >= 1e-6, what + ": horizon " + h);
    }
  }
}
