package io.failwise.sim.decisions;

import io.failwise.model.DeviceObservation;
import io.failwise.model.HealthAssessment;
import io.failwise.model.HealthThresholds;
import io.failwise.model.Health;
import io.failwise.model.estimate.DurationPrior;
import io.failwise.model.estimate.Estimate;
import io.failwise.model.estimate.EstimateInput;
import io.failwise.model.estimate.FailoverEstimator;
import io.failwise.model.estimate.Granularity;
import io.failwise.model.estimate.OfflineSample;
import io.failwise.model.estimate.Outage;
import io.failwise.model.estimate.Recommendation;
import io.failwise.model.estimate.SourceCluster;
import io.failwise.model.estimate.TargetCluster;
import io.failwise.model.policy.ClusterSituation;
import io.failwise.model.policy.PolicyTrigger;
import io.failwise.model.policy.TriggerSettings;
import io.failwise.model.policy.WatchState;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * {@code failwise bench decisions}: simulated incident nights replayed through the estimator the policy
 * runs, re-deciding when the estimate asks (at most every 15 minutes), against the usual runbook rules
 * and the best action in hindsight. The nights come one after another from one fleet ({@link NightMix}):
 * failwise's duration prior learns from the durations of the nights before, as the controller's learns
 * from its Clusters' {@code status.pastOutages}. The ground truth of a night is its offline trajectory, its duration
 * and its true cutover; a strategy's cost is the device-minutes lost (docs/estimator.md, "The decision
 * benchmark", documents the mix).
 */
public final class DecisionBenchmark {
  /** The policy's trigger: a decision comes this long after the onset. */
  static final double FIRST_DECISION_MINUTES = 5;
  /** Decisions stop after this: an outage still going by then is held to its end by every strategy. */
  static final double LAST_DECISION_MINUTES = 48 * 60;
  /** The runbook's and the precheck's cap on a target's capacity. */
  static final double MAX_UTILIZATION = 0.9;
  /** The policy's trigger with FailoverPolicy's defaults: 1,000 devices offline, a 20% change re-decides. */
  private static final TriggerSettings TRIGGER = new TriggerSettings(Duration.ofMinutes(1), 1000, 0.2);
  private static final Instant ONSET = Instant.parse("2026-03-12T20:00:00Z");

  /**
   * The past outages failwise learns its duration prior from: the controller's default
   * ({@code failwise.estimator.past-outages.max}), the most recent nights of the same fleet.
   */
  static final int PAST_OUTAGES = 200;

  /**
   * The strategies, in the order they are reported: failwise as the controller runs it (its prior
   * learned from the nights before), the same rule with the stated prior alone (a fleet with no record
   * yet), the runbook rules, and the oracle last.
   */
  public static final List<String> STRATEGIES =
      List.of(
          "failwise", "failwise-stated-prior", "always-hold", "failover-at-outage", "failover-after-30m", "failover-after-60m",
          "oracle");

  /** One strategy's figures over the nights. */
  public record Row(String name, double meanDeviceMinutes, double p90DeviceMinutes, int failovers, double regretVsOracle) {}

  private final FailoverEstimator estimator;
  private final DurationPrior prior;

  /** The policy's estimator and the default duration prior, as a controller runs them. */
  public DecisionBenchmark() {
    this(FailoverEstimator.withDefaults(), DurationPrior.DEFAULT);
  }

  DecisionBenchmark(FailoverEstimator estimator, DurationPrior prior) {
    this.estimator = estimator;
    this.prior = prior;
  }

  /**
   * The strategies' figures, the regret broken down by the nights' shape, target condition and prior, and
   * three floors under any rule's regret (ThresholdBound): the best failover time per class of nights
   * chosen in hindsight over these nights, the classes keyed on the true switch cost, on that and each
   * night's shape, and on only what the policy observes at its first decision (stated cutover, counts,
   * target rates); and the regret of the rule told the nights' mix ({@link MixAwareRule}), the best any
   * rule that cannot see the future can expect.
   */
  public record Report(
      List<Row> rows,
      List<Breakdown.Group> breakdown,
      double floorRegret,
      double floorRegretKnowingShape,
      double floorRegretObservable,
      double regretKnowingTheMix,
      Map<String, RatioInterval> ratioIntervals) {}

  /** The fixed rules: hold, or fail over at a fixed time, whatever the night shows. */
  public static boolean fixedRule(String strategy) {
    return strategy.equals("always-hold") || strategy.startsWith("failover-");
  }

  /** Runs {@code nights} nights drawn with {@code seed}. */
  public List<Row> run(int nights, long seed) {
    return report(nights, seed).rows();
  }

  /** Runs {@code nights} nights drawn with {@code seed}, with the breakdown of the regret. */
  public Report report(int nights, long seed) {
    Random random = new Random(seed);
    int n = STRATEGIES.size();
    double[][] costs = new double[n][nights];
    int[] failovers = new int[n];
    Breakdown breakdown = new Breakdown(STRATEGIES);
    ThresholdBound floor = new ThresholdBound(ThresholdBound.Key.TRUE_COST);
    ThresholdBound floorKnowingShape = new ThresholdBound(ThresholdBound.Key.TRUE_COST_AND_SHAPE);
    ThresholdBound floorObservable = new ThresholdBound(ThresholdBound.Key.OBSERVABLE);
    // Its own draws, so that the nights are the same with or without it.
    MixAwareRule mixAware = new MixAwareRule(new Random(seed * 31 + 7));
    double mixAwareRegret = 0;
    double[] mixAwareByNight = new double[nights];
    // The fleet's record: the durations of the nights that ended before this one, most recent last.
    ArrayDeque<Double> past = new ArrayDeque<>();
    for (int i = 0; i < nights; i++) {
      Night night = NightMix.generate(random);
      DurationPrior learned = prior.fittedTo(past);
      boolean[] failed = new boolean[n];
      for (int s = 0; s < n; s++) {
        Outcome o = play(STRATEGIES.get(s), night, learned);
        costs[s][i] = o.deviceMinutes();
        failed[s] = o.failedOver();
        failovers[s] += o.failedOver() ? 1 : 0;
      }
      double[] cost = new double[n];
      for (int s = 0; s < n; s++) {
        cost[s] = costs[s][i];
      }
      double mixAwareCost = mixAware.play(night, new Outcome(cost[n - 1], failed[n - 1])).deviceMinutes();
      mixAwareRegret += mixAwareCost - cost[n - 1];
      mixAwareByNight[i] = mixAwareCost - cost[n - 1];
      breakdown.add(night, cost, failed, mixAwareCost);
      floor.add(night, cost[n - 1]);
      floorKnowingShape.add(night, cost[n - 1]);
      floorObservable.add(night, cost[n - 1]);
      past.addLast(night.durationMinutes());
      if (past.size() > PAST_OUTAGES) {
        past.removeFirst();
      }
    }
    double[] oracle = costs[n - 1];
    List<Row> rows = new ArrayList<>();
    for (int s = 0; s < n; s++) {
      double[] c = costs[s];
      double mean = Arrays.stream(c).average().orElse(0);
      double regret = 0;
      for (int i = 0; i < nights; i++) {
        regret += c[i] - oracle[i];
      }
      double[] sorted = c.clone();
      Arrays.sort(sorted);
      double p90 = sorted[Math.min(nights - 1, (int) Math.ceil(0.9 * nights) - 1)];
      rows.add(new Row(STRATEGIES.get(s), mean, p90, failovers[s], regret / nights));
    }
    return new Report(
        rows, breakdown.groups(), floor.regret(), floorKnowingShape.regret(), floorObservable.regret(), mixAwareRegret / nights,
        RatioInterval.ofStrategies(STRATEGIES, costs, mixAwareByNight, seed));
  }

  /** A night's device-minutes under a strategy, and whether it failed over. */
  record Outcome(double deviceMinutes, boolean failedOver) {}

  /** A night under a strategy, failwise with the stated prior (a fleet with no past outages). */
  Outcome play(String strategy, Night night) {
    return play(strategy, night, prior);
  }

  /** A night under a strategy, failwise with {@code learned}, its prior fitted to the fleet's past outages. */
  Outcome play(String strategy, Night night, DurationPrior learned) {
    return switch (strategy) {
      case "always-hold" -> outcome(night, Double.NaN, null);
      case "failover-at-outage" -> rule(night, FIRST_DECISION_MINUTES);
      case "failover-after-30m" -> rule(night, 30);
      case "failover-after-60m" -> rule(night, 60);
      case "oracle" -> oracle(night);
      case "failwise" -> failwise(night, learned);
      case "failwise-stated-prior" -> failwise(night, prior);
      default -> throw new IllegalArgumentException("unknown strategy " + strategy);
    };
  }

  /**
   * A runbook rule: at a fixed time, if the outage is still going, fail over to the first target by
   * priority that passes the playbook's precheck (healthy, room under the cap).
   */
  private Outcome rule(Night night, double at) {
    if (night.condition() == Night.Condition.BUDGET_SPENT || at >= night.durationMinutes()) {
      return outcome(night, Double.NaN, null);
    }
    Optional<Night.Target> target =
        night.targets().stream()
            .filter(t -> passesPrecheck(night, t))
            .min((a, b) -> Integer.compare(a.priority(), b.priority()));
    return outcome(night, target.isPresent() ? at : Double.NaN, target.orElse(null));
  }

  /**
   * The best action in hindsight over the same actions as every other strategy: the cheapest minute to
   * fail over to any target that passes the precheck, or never.
   */
  private Outcome oracle(Night night) {
    Outcome best = outcome(night, Double.NaN, null);
    if (night.condition() == Night.Condition.BUDGET_SPENT) {
      return best;
    }
    double last = Math.min(night.durationMinutes(), LAST_DECISION_MINUTES);
    for (Night.Target t : night.targets()) {
      if (!passesPrecheck(night, t)) {
        continue;
      }
      // The outage so far accumulates minute by minute: the same sum outcome() takes, without redoing it.
      double before = night.deviceMinutes(0, FIRST_DECISION_MINUTES);
      double switching = switchCost(night, t);
      for (double at = FIRST_DECISION_MINUTES; at < last; at += 1) {
        if (before + switching < best.deviceMinutes()) {
          best = new Outcome(before + switching, true);
        }
        before += night.deviceMinutes(at, at + 1);
      }
    }
    return best;
  }

  /**
   * The estimator, as the policy runs it: decide, and decide again when the estimate says or, as the
   * policy's trigger does (PolicyTrigger with its default settings), as soon as the offline count has
   * moved materially since the last decision.
   */
  private Outcome failwise(Night night, DurationPrior prior) {
    double at = FIRST_DECISION_MINUTES;
    double last = Math.min(night.durationMinutes(), LAST_DECISION_MINUTES);
    while (at < last) {
      Estimate e = estimator.estimate(input(night, at, prior));
      if (e.recommendation() != Recommendation.HOLD && night.condition() != Night.Condition.BUDGET_SPENT) {
        String name = e.target().orElseThrow();
        Night.Target t = night.targets().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
        if (passesPrecheck(night, t)) {
          return outcome(night, at, t);
        }
      }
      Instant decided = ONSET.plusMillis(Math.round(at * 60_000));
      WatchState watch =
          new WatchState(
              ONSET, Math.round(night.offlineAt(at)), PolicyTrigger.scheduledAt(decided, e.reevaluateAt(), estimator.config().reevaluateMin()));
      double next = at + 1;
      while (next < last && !trigger(night, watch, next)) {
        next += 1;
      }
      at = next;
    }
    return outcome(night, Double.NaN, null);
  }

  /** Whether the policy's trigger asks for a decision {@code minutes} after the onset. */
  private static boolean trigger(Night night, WatchState watch, double minutes) {
    long offline = Math.round(night.offlineAt(minutes));
    ClusterSituation situation = new ClusterSituation("source", offline > 0, ONSET, offline, true);
    Instant now = ONSET.plusMillis(Math.round(minutes * 60_000));
    return PolicyTrigger.evaluate(situation, TRIGGER, Optional.of(watch), now).next() == PolicyTrigger.Next.DECIDE;
  }

  /** What the policy would see {@code minutes} after the onset, with the stated prior. */
  EstimateInput input(Night night, double minutes) {
    return input(night, minutes, prior);
  }

  /** What the policy would see {@code minutes} after the onset: counts, the last 15 minutes' readings. */
  EstimateInput input(Night night, double minutes, DurationPrior prior) {
    Instant now = ONSET.plusMillis(Math.round(minutes * 60_000));
    long offline = Math.round(night.offlineAt(minutes));
    List<OfflineSample> recent = new ArrayList<>();
    for (int k = 15; k >= 1; k--) {
      double t = minutes - k;
      if (t >= 0) {
        recent.add(new OfflineSample(now.minusSeconds(60L * k), Math.round(night.offlineAt(t))));
      }
    }
    SourceCluster source =
        new SourceCluster(
            "source", "region-a", night.devices(), night.devices() - offline, night.devices() * 2, night.sourceAdmissionPerSecond(),
            Duration.ofSeconds(night.cutoverMedianSeconds()), Duration.ofSeconds(night.cutoverP90Seconds()), Granularity.CLUSTER, true);
    List<TargetCluster> targets = new ArrayList<>();
    for (Night.Target t : night.targets()) {
      targets.add(
          new TargetCluster(
              t.name(), t.priority(), "region-b", t.capacity(), t.connected(), t.ownOffline(), t.admissionPerSecond(),
              healthy(t) ? Optional.empty() : Optional.of(t.name() + " is not healthy by its counts")));
    }
    // The policy dates the outage from detection's onset estimate; the trend comes from the readings.
    Outage outage = new Outage(ONSET, offline, offline, recent);
    return new EstimateInput(source, targets, outage, now, prior, ZoneOffset.UTC);
  }

  /** The true cost of failing over at {@code at} minutes to {@code target} (NaN: never). */
  static Outcome outcome(Night night, double at, Night.Target target) {
    double sourceRate = night.sourceAdmissionPerSecond() * 60;
    if (Double.isNaN(at) || target == null || at >= night.durationMinutes()) {
      double end = night.offlineAt(night.durationMinutes() - 1e-9);
      double queue = night.shape() == Night.Shape.RECOVERING ? 0 : end * end / (2 * sourceRate);
      return new Outcome(night.deviceMinutes(0, night.durationMinutes()) + queue, false);
    }
    return new Outcome(night.deviceMinutes(0, at) + switchCost(night, target), true);
  }

  /** Every device switched to the target with the night's true cutover, and back after the outage. */
  static double switchCost(Night night, Night.Target target) {
    return switchCost(night, target, night.trueCutoverSeconds() / 60);
  }

  /**
   * The same switch as a rule sees it before switching: with the expected cutover of the stated median
   * and p90 (a lognormal's mean, as the estimator takes it), not the night's true one.
   */
  static double statedSwitchCost(Night night, Night.Target target) {
    double median = night.cutoverMedianSeconds() / 60.0;
    double sigma = Math.log((double) night.cutoverP90Seconds() / night.cutoverMedianSeconds()) / 1.2815515655446004;
    return switchCost(night, target, median * Math.exp(0.5 * sigma * sigma));
  }

  private static double switchCost(Night night, Night.Target target, double cutover) {
    double n = night.devices();
    double switchThere = n * cutover + n * n / (2 * target.admissionPerSecond() * 60);
    double switchBack = n * cutover + n * n / (2 * night.sourceAdmissionPerSecond() * 60);
    return switchThere + switchBack;
  }

  /**
   * The playbook precheck every strategy's failover goes through (Prechecks: TargetHealthy, TargetHasRoom):
   * a target unhealthy by its counts (the Cluster health thresholds) or without room for the whole
   * cluster under the cap is refused, whoever decided to fail over.
   */
  static boolean passesPrecheck(Night night, Night.Target t) {
    return healthy(t) && free(t) >= night.devices();
  }

  /** Healthy by its counts, with the thresholds a Cluster's health uses. */
  static boolean healthy(Night.Target t) {
    DeviceObservation counts = new DeviceObservation(t.connected() + t.ownOffline(), t.connected(), ONSET);
    return HealthAssessment.of(counts, HealthThresholds.defaults()).health() == Health.HEALTHY;
  }

  static long free(Night.Target t) {
    return Math.max(0, (long) Math.floor(t.capacity() * MAX_UTILIZATION) - t.connected() - t.ownOffline());
  }
}
