package io.failwise.model.estimate;

import static io.failwise.model.estimate.Fixtures.input;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

  /** One call of the stop cost: elapsed minutes, projected offline count, expected remainder. */
  private record Call(double elapsed, double offline, double mean) {}

  @Test
  void eachReDecisionIsCostedAtItsOwnElapsedTimeProjectedCountAndExpectedRemainder() {
    // 1,000 offline falling 30 a minute (zero after 33.3 minutes), 30 minutes in, under a prior of short
    // outages (median 3 min, p90 10 min): the decision looks ahead until the outage has a chance below 1e-6
    // of still going, step by step from there back to now.
    DurationPrior prior = new DurationPrior(3, 10);
    Trend falling = new Trend(Trend.Kind.RECOVERING, 1000, -30, 1000, 0);
    java.util.List<Call> calls = new java.util.ArrayList<>();
    new SequentialDecision(prior, 30, 15, falling, 60, (elapsed, offline, mean, heldOffline, heldQueue) -> {
      calls.add(new Call(elapsed, offline, mean));
      return Double.POSITIVE_INFINITY;
    });
    int horizon = calls.size() - 1;
    RemainingOutage now = prior.remainingAfter(30);
    for (int i = 0; i < calls.size(); i++) {
      int k = horizon - i;
      Call c = calls.get(i);
      assertEquals(30 + 15.0 * k, c.elapsed(), 1e-9, "step " + k);
      assertEquals(falling.offlineAfter(15.0 * k), c.offline(), 1e-9, "step " + k);
      assertEquals(now.meanAt(30 + 15.0 * k), c.mean(), 1e-9 * c.mean(), "step " + k);
    }
    double negligible = Math.log(1e-6);
    assertTrue(now.logSurvival(30 + 15.0 * horizon) - now.logSurvival(30) < negligible, "horizon " + horizon);
    assertTrue(now.logSurvival(30 + 15.0 * (horizon - 1)) - now.logSurvival(30) >= negligible, "horizon " + horizon);
    assertTrue(horizon > 5 && horizon < 672, "horizon " + horizon);
    // Under the default prior the outage is still possible a week later: the decision stops at a week.
    calls.clear();
    new SequentialDecision(DurationPrior.DEFAULT, 30, 15, Trend.steady(100), 60, (elapsed, offline, mean, heldOffline, heldQueue) -> {
      calls.add(new Call(elapsed, offline, mean));
      return Double.POSITIVE_INFINITY;
    });
    assertEquals(7 * 24 * 4 + 1, calls.size());
    assertEquals(30 + 7 * 24 * 60, calls.get(0).elapsed(), 1e-9);
    double aWeekOn = DurationPrior.DEFAULT.remainingAfter(30).meanAt(30 + 7 * 24 * 60);
    assertEquals(aWeekOn, calls.get(0).mean(), 1e-9 * aWeekOn);
  }

  @Test
  void eachStepIsToldWhatHoldingFromThereCostsSoThatAPartialMoveCanPriceTheDevicesItLeaves() {
    // Steady at 100: from every step, 100 devices offline for that step's mean remainder, then their
    // queue at 60 a minute (83.3 device-minutes).
    java.util.List<double[]> seen = new java.util.ArrayList<>();
    new SequentialDecision(DurationPrior.DEFAULT, 30, 15, Trend.steady(100), 60, (elapsed, offline, mean, heldOffline, heldQueue) -> {
      seen.add(new double[] {mean, heldOffline, heldQueue});
      return Double.POSITIVE_INFINITY;
    });
    for (double[] s : seen) {
      assertEquals(100 * s[0], s[1], 1e-9 * 100 * s[0]);
      assertEquals(100.0 * 100 / 120, s[2], 1e-9);
    }
    // Falling: now, the two parts add up to what the estimate says holding to the end costs.
    Trend falling = new Trend(Trend.Kind.RECOVERING, 1000, -30, 1000, 0);
    java.util.List<double[]> now = new java.util.ArrayList<>();
    Waiting w =
        new SequentialDecision(DurationPrior.DEFAULT, 30, 15, falling, 60, (elapsed, offline, mean, heldOffline, heldQueue) -> {
              if (elapsed == 30) {
                now.add(new double[] {heldOffline, heldQueue});
              }
              return Double.POSITIVE_INFINITY;
            })
            .waiting();
    assertEquals(1, now.size());
    assertEquals(w.holdForeverMean(), now.get(0)[0] + now.get(0)[1], 1e-9 * w.holdForeverMean());
    assertEquals(w.holdForever(), new HeldCost(now.get(0)[0], now.get(0)[1]));
  }

  @Test
  void withNoFailoverEverPossibleHoldingAndDecidingAgainIsHoldingToTheEnd() {
    SequentialDecision.StopCost never = (elapsed, offline, mean, heldOffline, heldQueue) -> Double.POSITIVE_INFINITY;
    for (Trend t : new Trend[] {new Trend(Trend.Kind.RECOVERING, 1000, -30, 1000, 0), new Trend(Trend.Kind.GROWING, 500, 10, 800, 10), Trend.steady(300)}) {
      Waiting w = new SequentialDecision(DurationPrior.DEFAULT, 30, 15, t, 60, never).waiting();
      assertEquals(w.holdForeverMean(), w.holdThenDecideMean(), 1e-9 * w.holdForeverMean(), t.toString());
      assertFalse(w.actNow());
    }
  }

  @Test
  void aFailoverThatCostsExactlyWhatHoldingToTheEndCostsIsNeverAFlip() {
    // Failing over at any step costs what holding from there to the end does (the count times the expected
    // remainder, then its queue): no step is strictly better, so no flip and no acting now.
    Trend steady = Trend.steady(100);
    SequentialDecision d =
        new SequentialDecision(DurationPrior.DEFAULT, 30, 15, steady, 60, (elapsed, offline, mean, heldOffline, heldQueue) -> offline * mean + OptionCosts.queue(offline, 60));
    assertTrue(d.minutesToFailOver().isEmpty());
    assertFalse(d.waiting().actNow());
    // A failover a thousandth cheaper than that is taken now.
    SequentialDecision cheaper =
        new SequentialDecision(
            DurationPrior.DEFAULT, 30, 15, steady, 60, (elapsed, offline, mean, heldOffline, heldQueue) -> 0.999 * (offline * mean + OptionCosts.queue(offline, 60)));
    assertTrue(cheaper.waiting().actNow());
    assertEquals(java.util.OptionalDouble.of(15), cheaper.minutesToFailOver());
  }

  @Test
  void holdingThroughARiseMatchesAMonteCarloOfTheRiseLevellingOffAtRandom() {
    // 2,000 offline rising 400 a minute, seen for 4 minutes, in a cluster of 10,000, 20 min into an outage
    // under the default prior. The policy decides again once the count moved by a fifth: every
    // 0.2 x 2,000 / 400 = 1 min. Draw the outage's end from the conditioned prior and, at each minute, the
    // rise's going on with chance (4 + j) / (5 + j), else its levelling off at the step's midpoint; the
    // count reaches 10,000 after 20 minutes and stays there. Holding to the end costs the minutes offline
    // (the rise's average over a step while it goes on) and the reconnection queue at the end.
    Trend rise = new Trend(Trend.Kind.GROWING, 2000, 400, 10_000, 4);
    double rate = 600;
    SequentialDecision.StopCost never = (elapsed, offline, mean, heldOffline, heldQueue) -> Double.POSITIVE_INFINITY;
    Waiting w = new SequentialDecision(DurationPrior.DEFAULT, 20, 15, rise, rate, never).waiting();
    assertEquals(1, w.stepMinutes(), 1e-12);
    DurationPrior p = DurationPrior.DEFAULT;
    Random r = new Random(11);
    double sum = 0;
    int n = 0;
    while (n < 200_000) {
      double t = Math.exp(p.mu() + p.sigma() * r.nextGaussian());
      if (t <= 20) {
        continue;
      }
      double remaining = t - 20;
      double cost = 0;
      for (int j = 0; ; j++) {
        double start = rise.offlineAfter(j);
        if (j == 20) {
          cost += start * remaining + OptionCosts.queue(start, rate);
          break;
        }
        double average = rise.deviceMinutesBetween(j, j + 1);
        if (remaining < 1) {
          cost += average * remaining + OptionCosts.queue(average, rate);
          break;
        }
        cost += average;
        remaining -= 1;
        if (r.nextDouble() >= (4.0 + j) / (5.0 + j)) {
          double level = rise.offlineAfter(j + 0.5);
          cost += level * remaining + OptionCosts.queue(level, rate);
          break;
        }
      }
      sum += cost;
      n++;
    }
    assertEquals(sum / n, w.holdForeverMean(), 0.01 * w.holdForeverMean());
    // With no failover possible, holding and deciding again is holding to the end.
    assertEquals(w.holdForeverMean(), w.holdThenDecideMean(), 1e-9 * w.holdForeverMean());
  }

  @Test
  void aYoungerRiseNeverMakesFailingOverMoreAttractive() {
    // The same rise seen for less time is likelier to level off soon. Failing over costs the same or more
    // at a higher count, so the value of holding and deciding again can only fall, and a rule that holds
    // for the older rise holds for the younger one. Generated rises, priors, failover costs.
    Random r = new Random(21);
    int younger = 0;
    int flips = 0;
    for (int i = 0; i < 400; i++) {
      double devices = 10_000 + r.nextInt(290_000);
      double offline = devices * (0.02 + 0.6 * r.nextDouble());
      double slope = offline * (0.01 + 0.5 * r.nextDouble());
      double old = 1 + 120 * r.nextDouble();
      double young = old * r.nextDouble();
      double elapsed = 5 + 300 * r.nextDouble();
      double rate = 300 + 60_000 * r.nextDouble();
      double median = 10 + 200 * r.nextDouble();
      DurationPrior prior = new DurationPrior(median, median * (1.5 + 6 * r.nextDouble()));
      double fixed = devices * (5 + 40 * r.nextDouble());
      double perOffline = r.nextDouble() * 30;
      SequentialDecision.StopCost cost = (e, o, mean, heldOffline, heldQueue) -> fixed + perOffline * o;
      Waiting a = new SequentialDecision(prior, elapsed, 15, new Trend(Trend.Kind.GROWING, offline, slope, devices, old), rate, cost).waiting();
      Waiting b = new SequentialDecision(prior, elapsed, 15, new Trend(Trend.Kind.GROWING, offline, slope, devices, young), rate, cost).waiting();
      String why = "case " + i + ": rise of " + old + " and " + young + " min, " + a + " / " + b;
      assertTrue(b.holdThenDecideMean() <= a.holdThenDecideMean() * (1 + 1e-9), why);
      assertTrue(b.holdForeverMean() <= a.holdForeverMean() * (1 + 1e-9), why);
      assertTrue(!b.actNow() || a.actNow(), why);
      younger += b.holdThenDecideMean() < a.holdThenDecideMean() * (1 - 1e-6) ? 1 : 0;
      flips += a.actNow() && !b.actNow() ? 1 : 0;
    }
    assertTrue(younger > 200 && flips > 5, "strictly cheaper " + younger + ", turned to hold " + flips);
  }
}
