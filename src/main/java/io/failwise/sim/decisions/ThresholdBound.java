package io.failwise.sim.decisions;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * How low the regret of any rule that cannot see the future could go, generously estimated: on a steady
 * night the best non-anticipating plan is "fail over at time tau if the outage is still going", with tau
 * depending only on what the rule knows at the first decision. Here tau is chosen in hindsight, over the
 * benchmark's own nights, separately for each class of nights with the same ratio of failover cost to
 * offline count: a rule told the benchmark's duration mix exactly, fitted to the very nights it is scored
 * on. Its regret is a floor that honest rules approach from above, not a strategy. What keys the classes
 * is the {@link Key}: the true switch cost (what no rule knows before it switches), the same and each
 * night's shape, or only what the policy sees at its first decision.
 */
final class ThresholdBound {
  /** What the classes of nights are keyed on. */
  enum Key {
    /** The night's true switch cost (its true cutover) per offline device. */
    TRUE_COST,
    /** The same, and the night's shape (which blips are blips). */
    TRUE_COST_AND_SHAPE,
    /**
     * What the policy can observe at its first decision: the switch cost at the stated cutover (its
     * lognormal mean from the stated median and p90), the counts and the targets' rates, per offline device.
     */
    OBSERVABLE
  }

  private static final double[] TAUS = {5, 10, 15, 20, 25, 30, 40, 50, 60, 75, 90, 120, 150, 180, 240, 300, 360, 480, 720, Double.NaN};
  /** Classes of nights whose failover cost per offline device differs by less than this factor. */
  private static final double CLASS_WIDTH = 1.4;

  private final Key key;
  private final Map<String, double[]> costs = new HashMap<>();
  private double oracle;
  private int nights;

  ThresholdBound(Key key) {
    this.key = key;
  }

  void add(Night night, double oracleCost) {
    nights++;
    oracle += oracleCost;
    // The target every strategy would take: the cheapest that passes the precheck, by the cost the key knows.
    ToDoubleFunction<Night.Target> cost =
        key == Key.OBSERVABLE ? t -> DecisionBenchmark.statedSwitchCost(night, t) : t -> DecisionBenchmark.switchCost(night, t);
    Optional<Night.Target> target =
        night.condition() == Night.Condition.BUDGET_SPENT
            ? Optional.empty()
            : night.targets().stream()
                .filter(t -> DecisionBenchmark.passesPrecheck(night, t))
                .min(Comparator.comparingDouble(cost));
    String key = "none";
    if (target.isPresent()) {
      double offline = Math.max(1, night.offlineAt(DecisionBenchmark.FIRST_DECISION_MINUTES));
      double ratio = cost.applyAsDouble(target.get()) / offline;
      key = String.valueOf((int) Math.floor(Math.log(ratio) / Math.log(CLASS_WIDTH)));
    }
    if (this.key == Key.TRUE_COST_AND_SHAPE) {
      key += "/" + night.shape();
    }
    double[] c = costs.computeIfAbsent(key, k -> new double[TAUS.length]);
    for (int j = 0; j < TAUS.length; j++) {
      c[j] += DecisionBenchmark.outcome(night, TAUS[j], target.orElse(null)).deviceMinutes();
    }
  }

  /** Mean regret over the oracle of the best threshold per class. */
  double regret() {
    double total = 0;
    for (double[] c : costs.values()) {
      total += Arrays.stream(c).min().orElse(0);
    }
    return nights == 0 ? 0 : (total - oracle) / nights;
  }
}
