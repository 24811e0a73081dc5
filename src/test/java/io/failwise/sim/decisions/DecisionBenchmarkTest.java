package io.failwise.sim.decisions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.model.estimate.DurationPrior;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The decision benchmark is fair before it is a verdict: every strategy is charged the same cost model,
 * acts through the same precheck, sees nothing of the future, and the oracle is the best of those
 * actions in hindsight.
 */
class DecisionBenchmarkTest {
  private final DecisionBenchmark bench = new DecisionBenchmark();

  /** A steady outage of a share {@code level} of 100,000 devices for {@code minutes}, one target. */
  private static Night steady(double level, double minutes, Night.Target target) {
    return new Night(
        Night.Shape.STEADY, 100_000, level, minutes, 0, 1000, 900, 1800, 900, Night.Condition.NORMAL, List.of(target), false);
  }

  private static Night.Target twin(long ownOffline) {
    return new Night.Target("twin", 0, 1_000_000, 50_000 - ownOffline, ownOffline, 1000);
  }

  @Test
  void everyStrategyIsChargedTheSameClosedFormCosts() {
    // Holding a steady outage of 40,000 devices for 120 min: 40,000 x 120 device-minutes, then the
    // 40,000 queue at 60,000 a minute (40,000^2 / 120,000). Failing over at minute 30 with a 15-minute
    // cutover: the first 30 minutes, then 100,000 devices switched there and back (2 x 100,000 x 15)
    // plus the two admission queues at 60,000 a minute (2 x 100,000^2 / 120,000).
    Night night = steady(0.4, 120, twin(0));
    assertEquals(40_000 * 120 + 40_000.0 * 40_000 / 120_000, bench.play("always-hold", night).deviceMinutes(), 1);
    assertEquals(
        40_000 * 30 + 2 * 100_000 * 15 + 2 * 100_000.0 * 100_000 / 120_000,
        bench.play("failover-after-30m", night).deviceMinutes(),
        1);
  }

  @Test
  void noStrategyFailsOverIntoATargetThePrecheckRefuses() {
    // The only target has 20% of its own devices offline: unhealthy by the Cluster thresholds, so the
    // playbook precheck refuses a failover there whoever decides it. A long total outage would make
    // failing over tempting; every strategy, the oracle included, must hold.
    Night night = steady(1.0, 600, twin(10_000));
    for (String s : DecisionBenchmark.STRATEGIES) {
      DecisionBenchmark.Outcome o = bench.play(s, night);
      assertFalse(o.failedOver(), s + " failed over into an unhealthy target");
      assertEquals(bench.play("always-hold", night).deviceMinutes(), o.deviceMinutes(), 1e-6, s);
    }
    // The same night with a healthy target: now the rules and the oracle do fail over.
    Night healthy = steady(1.0, 600, twin(0));
    assertTrue(bench.play("failover-after-60m", healthy).failedOver());
    assertTrue(bench.play("oracle", healthy).failedOver());
  }

  @Test
  void theOracleIsNeverBeatenOnAnyNight() {
    Random random = new Random(11);
    int failedOver = 0;
    for (int i = 0; i < 100; i++) {
      Night night = NightMix.generate(random);
      double oracle = bench.play("oracle", night).deviceMinutes();
      failedOver += bench.play("oracle", night).failedOver() ? 1 : 0;
      for (String s : DecisionBenchmark.STRATEGIES) {
        assertTrue(bench.play(s, night).deviceMinutes() >= oracle * (1 - 1e-9), s + " beat the oracle on night " + i + ": " + night);
      }
    }
    // Both answers occur, so the comparison is not vacuous.
    assertTrue(failedOver > 5 && failedOver < 95, "oracle failovers: " + failedOver);
  }

  @Test
  void failwiseSeesNothingOfTheFuture() {
    // Two nights identical for their first 60 minutes, one ending at 61 min and one at 600: what the
    // policy sees at every minute before 60 is the same, so its decisions before then are the same.
    Night shortNight = steady(0.5, 61, twin(0));
    Night longNight = steady(0.5, 600, twin(0));
    for (double m = DecisionBenchmark.FIRST_DECISION_MINUTES; m < 60; m += 1) {
      assertEquals(bench.input(shortNight, m), bench.input(longNight, m), "input at minute " + m);
    }
  }

  @Test
  void failwiseLearnsOnlyFromTheNightsThatEndedBeforeIt() {
    // On the first night of a run the fleet has no record: failwise must decide exactly as with the stated
    // prior. Were the night's own duration in its record, it would know the future and differ somewhere.
    for (long seed = 1; seed <= 40; seed++) {
      List<DecisionBenchmark.Row> rows = bench.report(1, seed).rows();
      assertEquals("failwise", rows.get(0).name());
      assertEquals("failwise-stated-prior", rows.get(1).name());
      assertEquals(rows.get(1).meanDeviceMinutes(), rows.get(0).meanDeviceMinutes(), 0, "seed " + seed);
    }
    // Over a run the record does change decisions (else the learning would be vacuous).
    List<DecisionBenchmark.Row> rows = bench.report(200, 3).rows();
    assertNotEquals(rows.get(1).failovers(), rows.get(0).failovers());
  }

  @Test
  void aRecordOfBlipsMakesFailwiseWaitOutAYoungOutageTheStatedPriorFailsOver() {
    // Every device of 100,000 offline, a 15-minute cutover to a fast twin: under the stated prior (median
    // 2 h) an outage 5 minutes old will most likely last hours, so failing over at once is the better bet.
    // A fleet whose last 30 outages all ended within 8-20 minutes has a prior with a median near 20 min:
    // at 5 minutes the outage will likely end within the next quarter-hour, and holding a step costs less
    // than a failover that disrupts everyone twice. On a 12-minute blip that is the whole difference.
    Night blip = steady(1.0, 12, twin(0));
    List<Double> blips = new java.util.ArrayList<>();
    for (int i = 0; i < 30; i++) {
      blips.add(8 + 12.0 * i / 29);
    }
    DurationPrior learned = DurationPrior.DEFAULT.fittedTo(blips);
    assertTrue(bench.play("failwise-stated-prior", blip).failedOver(), "the stated prior fails over at 5 minutes");
    DecisionBenchmark.Outcome withRecord = bench.play("failwise", blip, learned);
    assertFalse(withRecord.failedOver(), "a fleet of blips waits");
    assertEquals(bench.play("always-hold", blip).deviceMinutes(), withRecord.deviceMinutes(), 1e-6);
  }

  @Test
  void theFloorsAreBelowEveryFixedRuleAndAboveTheOracle() {
    // A fixed rule is one failover time for every night, to the first target by priority; the floor
    // picks the best time per class of nights and the cheapest target, so it can only do better. Knowing
    // the shape splits the classes further, so it can only do better still; nothing beats the oracle.
    DecisionBenchmark.Report r = bench.report(60, 9);
    for (DecisionBenchmark.Row row : r.rows()) {
      if (row.name().startsWith("failover-after")) {
        assertTrue(r.floorRegret() <= row.regretVsOracle() + 1e-6, row.name() + " " + row.regretVsOracle() + " floor " + r.floorRegret());
      }
    }
    assertTrue(r.floorRegretKnowingShape() <= r.floorRegret() + 1e-6);
    assertTrue(r.floorRegretKnowingShape() >= -1e-6);
    // The observable floor picks the same target (the targets differ only in admission rate, which the policy
    // sees) and the best time per class, so it is below every fixed rule too; it is no strategy, so >= 0.
    for (DecisionBenchmark.Row row : r.rows()) {
      if (row.name().startsWith("failover-")) {
        assertTrue(r.floorRegretObservable() <= row.regretVsOracle() + 1e-6, row.name() + " " + row.regretVsOracle() + " floor " + r.floorRegretObservable());
      }
    }
    assertTrue(r.floorRegretObservable() >= -1e-6);
  }

  @Test
  void theObservableFloorCannotTellNightsApartByTheirTrueCutover() {
    // Two steady nights alike in all a rule sees at its first decision (100,000 devices, half offline, the
    // same stated cutover of 10 min, p90 20 min, the same target), both 4 h long. Night A's true cutover is
    // 5 min: failing over at once costs 5 min of outage plus a cheap switch, far below 4 h offline. Night B's
    // is 6 h: any failover costs more than holding. Keyed on the true cutover they fall in different
    // classes and each gets its own best time, so that floor's regret is only the grid's (the oracle may
    // pick a minute the grid lacks). Keyed on what is observable they share one class and one time: one of
    // the two nights pays for the other.
    Night.Target twin = new Night.Target("twin", 0, 250_000, 50_000, 0, 1000);
    Night a = new Night(Night.Shape.STEADY, 100_000, 0.5, 240, 0, 1000, 600, 1200, 300, Night.Condition.NORMAL, List.of(twin), false);
    Night b = new Night(Night.Shape.STEADY, 100_000, 0.5, 240, 0, 1000, 600, 1200, 21_600, Night.Condition.NORMAL, List.of(twin), false);
    ThresholdBound truth = new ThresholdBound(ThresholdBound.Key.TRUE_COST);
    ThresholdBound observable = new ThresholdBound(ThresholdBound.Key.OBSERVABLE);
    for (Night n : List.of(a, b)) {
      double oracle = bench.play("oracle", n).deviceMinutes();
      truth.add(n, oracle);
      observable.add(n, oracle);
    }
    double holdB = DecisionBenchmark.outcome(b, Double.NaN, null).deviceMinutes();
    double failAtOnceB = DecisionBenchmark.outcome(b, 5, twin).deviceMinutes();
    double holdA = DecisionBenchmark.outcome(a, Double.NaN, null).deviceMinutes();
    double failAtOnceA = DecisionBenchmark.outcome(a, 5, twin).deviceMinutes();
    assertTrue(failAtOnceA < holdA && holdB < failAtOnceB, "A wants a failover, B a hold");
    assertTrue(truth.regret() < 0.01 * observable.regret(), "truth " + truth.regret() + " observable " + observable.regret());
    // One shared time: the cheaper of "both fail over at 5 min" and "both hold" (or a time between), and no
    // better than giving up the smaller of the two nights' gains.
    double lost = Math.min(holdA - failAtOnceA, failAtOnceB - holdB) / 2;
    assertTrue(observable.regret() >= lost - truth.regret() - 1, "observable " + observable.regret() + " lost " + lost);
  }

  @Test
  void onTheDefaultRunFailwiseHasTheLowestMeanButTheOraclesAndKeepsItsRegretRatio() {
    // What the README and #11 claim of `failwise bench decisions` as a user first runs it (1,000 nights,
    // seed 1): a change to the decision rule that gives this up must say so, not find out later.
    DecisionBenchmark.Report r = bench.report(1000, 1);
    DecisionBenchmark.Row failwise = r.rows().get(0);
    assertEquals("failwise", failwise.name());
    for (DecisionBenchmark.Row other : r.rows()) {
      if (!other.name().equals("failwise") && !other.name().equals("oracle")) {
        assertTrue(failwise.meanDeviceMinutes() < other.meanDeviceMinutes(), failwise + " against " + other);
      }
    }
    // The regret ratio the README prints for this run (0.57 against failover-after-60m). The run is
    // deterministic, so this catches a change that gives back more than noise on one seed would (the
    // interval over resampled nights is 0.45-0.72): such a change must be argued in docs/estimator.md.
    double bestFixed =
        r.rows().stream().filter(row -> DecisionBenchmark.fixedRule(row.name())).mapToDouble(DecisionBenchmark.Row::regretVsOracle).min().orElseThrow();
    double ratio = failwise.regretVsOracle() / bestFixed;
    assertTrue(ratio <= 0.60, "failwise's regret is " + ratio + " of the best fixed rule's");
  }

  @Test
  void theRunIsDeterministicWithItsSeedAndTheBreakdownAddsUpToTheTotal() {
    DecisionBenchmark.Report a = bench.report(50, 5);
    assertEquals(a, bench.report(50, 5));
    assertNotEquals(a.rows(), bench.report(50, 6).rows());
    for (String by : List.of("shape", "condition", "durations")) {
      List<Breakdown.Group> groups = a.breakdown().stream().filter(g -> g.by().equals(by)).toList();
      assertEquals(50, groups.stream().mapToInt(Breakdown.Group::nights).sum(), by);
      for (int s = 0; s < a.rows().size(); s++) {
        int strategy = s;
        double total = groups.stream().mapToDouble(g -> g.regretVsOracle().get(strategy) * g.nights()).sum() / 50;
        assertEquals(a.rows().get(s).regretVsOracle(), total, 1e-6 * Math.max(1, total), by + " " + a.rows().get(s).name());
        int failovers = groups.stream().mapToInt(g -> g.failovers().get(strategy)).sum();
        assertEquals(a.rows().get(s).failovers(), failovers);
      }
      double knowing = groups.stream().mapToDouble(g -> g.regretKnowingTheMix() * g.nights()).sum() / 50;
      assertEquals(a.regretKnowingTheMix(), knowing, 1e-6 * Math.max(1, knowing), by + " knowing the mix");
    }
  }
}
