package io.failwise.sim.decisions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The bootstrap interval of a regret ratio (RatioInterval): what resampling the nights can and cannot move. */
class RatioIntervalTest {
  @Test
  void aStrategyThatIsTheBestFixedRuleHasRatioOneOnEveryResample() {
    double[] regret = new Random(1).doubles(500, 0, 1e6).toArray();
    RatioInterval i = RatioInterval.of(regret, new double[][] {regret}, 7);
    assertEquals(1.0, i.low(), 1e-12);
    assertEquals(1.0, i.high(), 1e-12);
  }

  @Test
  void constantRegretsGiveAPointAndNoRegretAtAllGivesZero() {
    double[] half = new double[300];
    double[] one = new double[300];
    java.util.Arrays.fill(half, 1);
    java.util.Arrays.fill(one, 2);
    RatioInterval i = RatioInterval.of(half, new double[][] {one}, 3);
    assertEquals(0.5, i.low(), 1e-12);
    assertEquals(0.5, i.high(), 1e-12);
    assertEquals(new RatioInterval(0, 0), RatioInterval.of(half, new double[][] {new double[300]}, 3));
    assertEquals(new RatioInterval(0, 0), RatioInterval.of(new double[0], new double[][] {new double[0]}, 3));
  }

  @Test
  void theBestFixedRuleIsChosenAgainOnEachResample() {
    // Two rules that lose on alternate nights: on any resample the better of the two has at most the
    // nights' half of the regret, so a strategy losing 1 every night is at least as bad as it, never better.
    int n = 400;
    double[] a = new double[n];
    double[] b = new double[n];
    double[] strategy = new double[n];
    for (int k = 0; k < n; k++) {
      a[k] = k % 2 == 0 ? 0 : 2;
      b[k] = k % 2 == 0 ? 2 : 0;
      strategy[k] = 1;
    }
    RatioInterval i = RatioInterval.of(strategy, new double[][] {a, b}, 5);
    assertTrue(i.low() >= 1.0, i.toString());
    assertTrue(i.high() > 1.0, i.toString());
  }

  @Test
  void moreNightsNarrowTheIntervalAroundTheRatio() {
    // Regrets drawn so that the true ratio is 0.5: the interval holds it, and sixteen times the nights
    // make it about four times narrower (a bootstrap's width falls as one over the root of the nights).
    Random random = new Random(11);
    double[] width = new double[2];
    int[] sizes = {250, 4000};
    for (int s = 0; s < 2; s++) {
      int n = sizes[s];
      double[] fixed = new double[n];
      double[] strategy = new double[n];
      for (int k = 0; k < n; k++) {
        fixed[k] = random.nextDouble() < 0.3 ? 3e6 * random.nextDouble() : 0;
        strategy[k] = random.nextDouble() < 0.3 ? 1.5e6 * random.nextDouble() : 0;
      }
      RatioInterval i = RatioInterval.of(strategy, new double[][] {fixed}, 9);
      assertTrue(i.low() < 0.5 && 0.5 < i.high(), n + " nights: " + i);
      width[s] = i.high() - i.low();
    }
    assertEquals(4, width[0] / width[1], 1.2);
  }

  @Test
  void theSameSeedGivesTheSameInterval() {
    double[] regret = new Random(2).doubles(300, 0, 1e6).toArray();
    double[] fixed = new Random(3).doubles(300, 0, 2e6).toArray();
    assertEquals(RatioInterval.of(regret, new double[][] {fixed}, 4), RatioInterval.of(regret, new double[][] {fixed}, 4));
  }
}
