package io.failwise.model.estimate;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * The properties an SRE relies on when reading an estimate, checked over many generated inputs (a
 * seeded Random, so a failure is reproducible; the message prints the case).
 *
 * <p>"More attractive" means all of: the advantage (HOLD's expected device-minutes minus the best
 * feasible failover option's; -infinity when none is feasible) does not fall, the break-even (extra
 * outage minutes before some failover option beats holding; +infinity when none ever does) does not
 * rise, the probability of reaching it does not fall, and a recommendation to fail over is not
 * withdrawn. Each property changes one thing in the more-attractive direction.
 */
class FailoverEstimatorPropertiesTest {
  private static final int CASES = 500;
  private static final Instant AT = Instant.parse("2026-03-12T20:40:00Z");
  private final FailoverEstimator estimator = FailoverEstimator.withDefaults();

  /** One generated situation: a source, one target, an outage and a prior. */
  record Case(
      long expected,
      long offline,
      boolean intermittent,
      long cutoverSeconds,
      double sourceRate,
      Granularity granularity,
      boolean failback,
      long targetCapacity,
      long targetConnected,
      double targetRate,
      double elapsedMinutes,
      double medianMinutes,
      double p90Minutes) {
    EstimateInput input() {
      SourceCluster source =
          new SourceCluster(
              "src", expected, expected - offline, expected * 2, sourceRate, Duration.ofSeconds(cutoverSeconds), granularity, failback);
      TargetCluster target = new TargetCluster("tgt", 0, targetCapacity, targetConnected, targetRate, true);
      Instant since = AT.minusMillis(Math.round(elapsedMinutes * 60_000));
      return new EstimateInput(
          source, List.of(target), new Outage(since, offline, intermittent ? Math.min(expected, 2 * offline) : offline, List.of()), AT, new DurationPrior(medianMinutes, p90Minutes), ZoneOffset.UTC);
    }
  }

  @Test
  void moreOfflineDevicesNeverMakeFailoverLessAttractive() {
    check(
        "more offline devices",
        (c, r) -> {
          long more = c.offline() + 1 + (long) (r.nextDouble() * (c.expected() - c.offline()));
          return copy(c, Math.min(c.expected(), more), c.cutoverSeconds(), c.targetCapacity(), c.targetRate(), c.medianMinutes(), c.p90Minutes());
        },
        true);
  }

  @Test
  void aPriorOfLongerOutagesNeverMakesFailoverLessAttractive() {
    check(
        "prior scaled to longer outages",
        (c, r) -> {
          double scale = 1 + r.nextDouble() * 4;
          return copy(c, c.offline(), c.cutoverSeconds(), c.targetCapacity(), c.targetRate(), c.medianMinutes() * scale, c.p90Minutes() * scale);
        },
        true);
  }

  @Test
  void aHeavierTailedPriorNeverLowersTheExpectedLossOfHolding() {
    // A larger p90 with the same median is a longer expected outage, but not a longer one at every
    // quantile, so only the expectation-based measure (the advantage) must not fall.
    Random random = new Random(42);
    for (int i = 0; i < CASES; i++) {
      Case c = generate(random);
      Case heavier = copy(c, c.offline(), c.cutoverSeconds(), c.targetCapacity(), c.targetRate(), c.medianMinutes(), c.p90Minutes() * (1 + random.nextDouble() * 3));
      Estimate before = estimator.estimate(c.input());
      Estimate after = estimator.estimate(heavier.input());
      assertTrue(after.outlook().meanMinutes() >= before.outlook().meanMinutes() * (1 - 1e-12), "case " + i + ": " + c);
      assertNotLess(advantage(after), advantage(before), scale(before, after), "advantage", i, c, heavier, before, after);
    }
  }

  @Test
  void moreFreeCapacityAtTheTargetNeverMakesFailoverLessAttractive() {
    check(
        "more free capacity",
        (c, r) -> {
          long more = 1 + (long) (r.nextDouble() * c.expected() * 1.5);
          return copy(c, c.offline(), c.cutoverSeconds(), c.targetCapacity() + more, c.targetRate(), c.medianMinutes(), c.p90Minutes());
        },
        true);
  }

  @Test
  void aFasterAdmissionRateAtTheTargetNeverMakesFailoverLessAttractive() {
    check(
        "faster target admission",
        (c, r) -> copy(c, c.offline(), c.cutoverSeconds(), c.targetCapacity(), c.targetRate() * (1 + r.nextDouble() * 10), c.medianMinutes(), c.p90Minutes()),
        true);
  }

  @Test
  void aLongerCutoverNeverMakesFailoverMoreAttractive() {
    check(
        "longer cutover",
        (c, r) -> copy(c, c.offline(), c.cutoverSeconds() + 1 + r.nextInt(3600), c.targetCapacity(), c.targetRate(), c.medianMinutes(), c.p90Minutes()),
        false);
  }

  /** Applies {@code change} to generated cases; it must make failover more attractive, or less if !better. */
  private void check(String what, BiFunction<Case, Random, Case> change, boolean better) {
    Random random = new Random(what.hashCode());
    int failoverSeen = 0;
    for (int i = 0; i < CASES; i++) {
      Case c = generate(random);
      Case changed = change.apply(c, random);
      Estimate before = estimator.estimate(c.input());
      Estimate after = estimator.estimate(changed.input());
      Estimate worse = better ? before : after;
      Estimate more = better ? after : before;
      double scale = scale(before, after);
      assertNotLess(advantage(more), advantage(worse), scale, "advantage", i, c, changed, before, after);
      // The break-even of moving affected devices is that of the plan recommended, whose size moves with the
      // inputs; and waiting gains from a cheaper move later as much as acting now does, so the value of acting
      // now over waiting is monotone only for the whole-cluster failover, whose cost is a property of the option.
      if (c.granularity() == Granularity.CLUSTER) {
        // A changed prior changes the shape of the conditioned remainder, and with it the value of waiting a step.
        boolean samePrior = c.medianMinutes() == changed.medianMinutes() && c.p90Minutes() == changed.p90Minutes();
        assertNotLess(
            samePrior ? sequentialAdvantage(more) : 0, samePrior ? sequentialAdvantage(worse) : 0, sequentialAdvantage(worse), scale, "value of acting now over waiting", i, c, changed, before, after);
        assertNotLess(-breakEven(more), -breakEven(worse), 1e-9 * (1 + Math.abs(breakEven(worse))), "break-even (negated)", i, c, changed, before, after);
        assertNotLess(more.breakEven().probability(), worse.breakEven().probability(), 1e-9, "probability", i, c, changed, before, after);
      }
      if (worse.recommendation() != Recommendation.HOLD && more.recommendation() == Recommendation.HOLD) {
        fail(what + ", case " + i + ": a recommendation to fail over was withdrawn\n" + c + "\n" + changed + "\n" + before.explanation() + "\n" + after.explanation());
      }
      failoverSeen += before.recommendation() != Recommendation.HOLD ? 1 : 0;
    }
    // The generator must exercise both answers, or the property says little.
    assertTrue(failoverSeen > CASES / 20 && failoverSeen < CASES * 19 / 20, what + ": failover recommended in " + failoverSeen + " of " + CASES);
  }

  static Case generate(Random r) {
    long expected = Math.round(Math.exp(r.nextDouble() * Math.log(500_000)));
    long offline = switch (r.nextInt(5)) {
      case 0 -> 0;
      case 1 -> expected;
      default -> (long) (r.nextDouble() * expected);
    };
    long connected = (long) (r.nextDouble() * 300_000);
    long free = r.nextInt(6) == 0 ? 0 : (long) (r.nextDouble() * expected * 1.5);
    double median = 5 + r.nextDouble() * 595;
    return new Case(
        expected,
        offline,
        r.nextBoolean(),
        r.nextInt(7200),
        logUniform(r, 1, 10_000),
        r.nextBoolean() ? Granularity.CLUSTER : Granularity.DEVICE,
        r.nextBoolean(),
        connected + free,
        connected,
        logUniform(r, 1, 10_000),
        r.nextDouble() * 2000,
        median,
        median * (1.05 + r.nextDouble() * 29));
  }

  private static Case copy(Case c, long offline, long cutoverSeconds, long capacity, double targetRate, double median, double p90) {
    return new Case(
        c.expected(), offline, c.intermittent(), cutoverSeconds, c.sourceRate(), c.granularity(), c.failback(), capacity,
        c.targetConnected(), targetRate, c.elapsedMinutes(), median, p90);
  }

  private static double logUniform(Random r, double low, double high) {
    return Math.exp(Math.log(low) + r.nextDouble() * (Math.log(high) - Math.log(low)));
  }

  static double advantage(Estimate e) {
    double best = e.options().stream()
        .filter(o -> o.option() != Recommendation.HOLD && o.feasible())
        .mapToDouble(OptionEstimate::deviceMinutesMean)
        .min()
        .orElse(Double.POSITIVE_INFINITY);
    return e.option(Recommendation.HOLD).deviceMinutesMean() - best;
  }

  /** What failing over now saves against holding a step and deciding again; -Infinity when infeasible. */
  static double sequentialAdvantage(Estimate e) {
    return e.waiting().holdThenDecideMean() - e.waiting().actNowMean();
  }

  static double breakEven(Estimate e) {
    return e.breakEven().minutes().orElse(Double.POSITIVE_INFINITY);
  }

  /** Rounding tolerance: relative to the device-minutes involved. */
  private static double scale(Estimate a, Estimate b) {
    double m = 1;
    for (Estimate e : List.of(a, b)) {
      for (OptionEstimate o : e.options()) {
        if (o.feasible()) {
          m = Math.max(m, Math.abs(o.deviceMinutesMean()));
        }
      }
    }
    return 1e-9 * m;
  }

  private static void assertNotLess(
      double higher, double lower, double tolerance, String measure, int i, Case c, Case changed, Estimate before, Estimate after) {
    if (higher == lower || higher >= lower - tolerance) {
      return;
    }
    fail(measure + " moved the wrong way in case " + i + ": " + lower + " -> " + higher + "\n  before: " + c + "\n  after:  " + changed
        + "\n  " + before.explanation() + "\n  " + after.explanation());
  }
}
