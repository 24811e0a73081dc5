package io.failwise.model.estimate;

import static io.failwise.model.estimate.Fixtures.input;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The sequential rule's numbers against independent derivations: a Monte Carlo, an identity, the naive rule. */
class SequentialDecisionTest {
  private final FailoverEstimator estimator = new FailoverEstimator(Fixtures.WHOLE_CAPACITY);

  @Test
  void oneStepOfHoldingMatchesAMonteCarloOfTheConditionedPrior() {
    // 100 devices offline 30 min in: the next 15 minutes cost 100 x E[min(R, 15)], and the outage ends within
    // them with P(R < 15). Draw T from the lognormal prior, keep T > 30, and compare.
    Estimate e = estimator.estimate(input(100, Duration.ofMinutes(30)));
    DurationPrior p = DurationPrior.DEFAULT;
    Random r = new Random(7);
    double sum = 0;
    int ended = 0;
    int n = 0;
    while (n < 400_000) {
      double t = Math.exp(p.mu() + p.sigma() * r.nextGaussian());
      if (t <= 30) {
        continue;
      }
      double rem = t - 30;
      sum += Math.min(rem, 15);
      ended += rem < 15 ? 1 : 0;
      n++;
    }
    assertEquals(100 * sum / n, e.waiting().stepDeviceMinutes(), 0.005 * e.waiting().stepDeviceMinutes());
    assertEquals((double) ended / n, e.waiting().endsWithinStepProbability(), 0.003);
  }

  @Test
  void holdingEveryStepAddsUpToHoldingUntilTheEnd() {
    // Telescoping: the sum over steps of O (m_k - p_k m_k+1), weighted by survival, is O m_0; plus the queue.
    for (int minutes : new int[] {0, 30, 300, 3000}) {
      Estimate e = estimator.estimate(input(100, Duration.ofMinutes(minutes)));
      double closedForm = e.option(Recommendation.HOLD).deviceMinutesMean();
      assertEquals(closedForm, e.waiting().holdForeverMean(), 1e-6 * closedForm, "elapsed " + minutes);
    }
  }

  @Test
  void neverFailsOverEarlierThanNowVersusNeverAndSometimesLater() {
    // Property over generated inputs: whenever the sequential rule fails over, failing over for good is
    // cheaper than holding for good (the naive rule fails over too); and cases exist where only the naive
    // rule would, so the property is not vacuous.
    Random r = new Random(11);
    int sequential = 0;
    int naiveOnly = 0;
    for (int i = 0; i < 400; i++) {
      long offline = 1 + r.nextInt(1000);
      String c = offline + " offline";
      Estimate e = estimator.estimate(input(offline, Duration.ofMinutes(r.nextInt(900))));
      double hold = e.option(Recommendation.HOLD).deviceMinutesMean();
      double best =
          e.options().stream()
              .filter(o -> o.option() != Recommendation.HOLD && o.feasible() && o.devicesMoved() > 0)
              .mapToDouble(OptionEstimate::deviceMinutesMean)
              .min()
              .orElse(Double.POSITIVE_INFINITY);
      boolean naive = best < hold * (1 - 1e-12);
      if (e.recommendation() != Recommendation.HOLD) {
        sequential++;
        assertTrue(naive, "case " + i + ": " + c + "\n" + e.explanation());
      } else if (naive) {
        naiveOnly++;
      }
    }
    assertTrue(sequential > 20 && naiveOnly > 5, "sequential " + sequential + ", naive only " + naiveOnly);
  }
}
