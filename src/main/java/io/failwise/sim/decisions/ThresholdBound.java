package io.failwise.sim.decisions;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How low the regret of any rule that cannot see the future could go, generously estimated: on a steady
 * night the best non-anticipating plan is "fail over at time tau if the outage is still going", with tau
 * depending only on what the rule knows at the first decision. Here tau is chosen in hindsight, over the
 * benchmark's own nights, separately for each class of nights with the same ratio of failover cost to
 * offline count (and, with {@code knowShape}, the same shape): a rule told the benchmark's duration mix
 * exactly, fitted to the very nights it is scored on. Its regret is a floor that honest rules approach
 * from above, not a strategy.
 */
final class ThresholdBound {
  private static final double[] TAUS = {5, 10, 15, 20, 25, 30, 40, 50, 60, 75, 90, 120, 150, 180, 240, 300, 360, 480, 720, Double.NaN};
  /** Classes of nights whose failover cost per offline device differs by less than this factor. */
  private static final double CLASS_WIDTH = 1.4;

  private final boolean knowShape;
  private final Map<String, double[]> costs = new HashMap<>();
  private double oracle;
  private int nights;

  ThresholdBound(boolean knowShape) {
    this.knowShape = knowShape;
  }

  void add(Night night, double oracleCost) {
    nights++;
    oracle += oracleCost;
    Optional<Night.Target> target =
        night.condition() == Night.Condition.BUDGET_SPENT
            ? Optional.empty()
            : night.targets().stream()
                .filter(t -> DecisionBenchmark.passesPrecheck(night, t))
                .min(Comparator.comparingDouble(t -> DecisionBenchmark.switchCost(night, t)));
    String key = "none";
    if (target.isPresent()) {
      double offline = Math.max(1, night.offlineAt(DecisionBenchmark.FIRST_DECISION_MINUTES));
      double ratio = DecisionBenchmark.switchCost(night, target.get()) / offline;
      key = String.valueOf((int) Math.floor(Math.log(ratio) / Math.log(CLASS_WIDTH)));
    }
    if (knowShape) {
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
