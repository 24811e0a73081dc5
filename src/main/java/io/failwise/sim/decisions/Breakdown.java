package io.failwise.sim.decisions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each strategy's regret comes from: the nights grouped by outage shape, by target condition and
 * by the duration prior they were drawn from (the estimator's default or the heavier mix it does not
 * assume). The oracle is the last strategy; each group's regret is the mean excess over it on the
 * group's nights, and its share of the whole is {@code regret x nights / all nights}.
 */
public final class Breakdown {
  /**
   * One group of nights.
   *
   * @param by "shape", "condition" or "durations"
   * @param value the group, e.g. SHORT_BLIP
   * @param regretVsOracle per strategy, in the benchmark's order: mean excess device-minutes over the oracle
   * @param failovers per strategy: nights on which it failed over
   * @param regretKnowingTheMix the same mean for the rule told the nights' mix (MixAwareRule), a reference
   */
  public record Group(String by, String value, int nights, List<Double> regretVsOracle, List<Integer> failovers, double regretKnowingTheMix) {}

  private final int strategies;
  private final Map<String, double[]> regret = new LinkedHashMap<>();
  private final Map<String, int[]> failovers = new LinkedHashMap<>();
  private final Map<String, Integer> nights = new LinkedHashMap<>();
  private final Map<String, Double> knowingTheMix = new LinkedHashMap<>();

  Breakdown(List<String> strategies) {
    this.strategies = strategies.size();
    // Every group is listed, even one no night fell in, so that two runs' breakdowns line up.
    for (Night.Shape s : Night.Shape.values()) {
      register(key("shape", s.name()));
    }
    for (Night.Condition c : Night.Condition.values()) {
      register(key("condition", c.name()));
    }
    register(key("durations", "DEFAULT_PRIOR"));
    register(key("durations", "HEAVY_TAIL"));
  }

  /** Adds a night's costs (the oracle's last), which strategies failed over, and the cost of the rule told the mix. */
  void add(Night night, double[] cost, boolean[] failedOver, double mixAwareCost) {
    double oracle = cost[strategies - 1];
    for (String k :
        List.of(
            key("shape", night.shape().name()),
            key("condition", night.condition().name()),
            key("durations", night.heavyTail() ? "HEAVY_TAIL" : "DEFAULT_PRIOR"))) {
      double[] r = regret.get(k);
      int[] f = failovers.get(k);
      for (int s = 0; s < strategies; s++) {
        r[s] += cost[s] - oracle;
        f[s] += failedOver[s] ? 1 : 0;
      }
      nights.merge(k, 1, Integer::sum);
      knowingTheMix.merge(k, mixAwareCost - oracle, Double::sum);
    }
  }

  List<Group> groups() {
    List<Group> out = new ArrayList<>();
    for (String k : regret.keySet()) {
      int n = nights.get(k);
      List<Double> mean = new ArrayList<>();
      List<Integer> f = new ArrayList<>();
      for (int s = 0; s < strategies; s++) {
        mean.add(n == 0 ? 0.0 : regret.get(k)[s] / n);
        f.add(failovers.get(k)[s]);
      }
      String[] parts = k.split("=", 2);
      out.add(new Group(parts[0], parts[1], n, mean, f, n == 0 ? 0.0 : knowingTheMix.get(k) / n));
    }
    return out;
  }

  private void register(String key) {
    regret.put(key, new double[strategies]);
    failovers.put(key, new int[strategies]);
    nights.put(key, 0);
    knowingTheMix.put(key, 0.0);
  }

  private static String key(String by, String value) {
    return by + "=" + value;
  }
}
