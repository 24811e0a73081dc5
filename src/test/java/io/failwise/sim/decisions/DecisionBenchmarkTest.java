package io.failwise.sim.decisions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
      Night night = DecisionBenchmark.generate(random);
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
    }
  }
}
