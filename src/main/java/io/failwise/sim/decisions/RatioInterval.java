package io.failwise.sim.decisions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * How far a regret ratio could move on other nights of the same mix: a percentile bootstrap over the
 * nights. Each resample draws as many nights as there were, with replacement, keeping each night's costs
 * under every strategy together (the strategies are compared on the same nights), and takes the ratio of
 * a strategy's regret to the least regret among the fixed rules on that resample, as the report does on
 * the nights themselves. Deterministic with the seed.
 *
 * @param low the 2.5th percentile of the resampled ratios
 * @param high the 97.5th
 */
public record RatioInterval(double low, double high) {
  /** Resamples per interval: enough for the 2.5th and 97.5th percentiles to two places. */
  public static final int RESAMPLES = 2_000;
  /** The share of resampled ratios inside the interval. */
  public static final double CONFIDENCE = 0.95;

  /**
   * @param regret the strategy's regret on each night
   * @param fixedRules each fixed rule's regret on each night, the same nights in the same order
   */
  static RatioInterval of(double[] regret, double[][] fixedRules, long seed) {
    int n = regret.length;
    if (n == 0) {
      return new RatioInterval(0, 0);
    }
    Random random = new Random(seed);
    double[] ratios = new double[RESAMPLES];
    double[] fixed = new double[fixedRules.length];
    for (int b = 0; b < RESAMPLES; b++) {
      double sum = 0;
      Arrays.fill(fixed, 0);
      for (int k = 0; k < n; k++) {
        int night = random.nextInt(n);
        sum += regret[night];
        for (int f = 0; f < fixedRules.length; f++) {
          fixed[f] += fixedRules[f][night];
        }
      }
      double best = Arrays.stream(fixed).min().orElse(0);
      ratios[b] = best <= 0 ? 0 : sum / best;
    }
    Arrays.sort(ratios);
    double tail = (1 - CONFIDENCE) / 2;
    return new RatioInterval(ratios[(int) Math.floor(tail * (RESAMPLES - 1))], ratios[(int) Math.ceil((1 - tail) * (RESAMPLES - 1))]);
  }

  /**
   * The intervals of failwise's, the stated prior's and the reference's regret over the best fixed
   * rule's ({@link DecisionBenchmark#fixedRule}), keyed by strategy name and "knowingTheMix".
   *
   * @param costs each strategy's cost on each night, in the order of {@code strategies}, the oracle's among them
   * @param knowingTheMix the reference's regret on each night
   */
  static Map<String, RatioInterval> ofStrategies(List<String> strategies, double[][] costs, double[] knowingTheMix, long seed) {
    int oracle = strategies.indexOf("oracle");
    List<double[]> fixed = new ArrayList<>();
    for (int s = 0; s < strategies.size(); s++) {
      if (DecisionBenchmark.fixedRule(strategies.get(s))) {
        fixed.add(regrets(costs[s], costs[oracle]));
      }
    }
    double[][] rules = fixed.toArray(double[][]::new);
    Map<String, RatioInterval> intervals = new LinkedHashMap<>();
    for (String name : List.of("failwise", "failwise-stated-prior")) {
      // The same resampled nights for every ratio: one seed.
      intervals.put(name, of(regrets(costs[strategies.indexOf(name)], costs[oracle]), rules, seed));
    }
    intervals.put("knowingTheMix", of(knowingTheMix, rules, seed));
    return intervals;
  }

  private static double[] regrets(double[] cost, double[] oracle) {
    double[] r = new double[cost.length];
    for (int i = 0; i < cost.length; i++) {
      r[i] = cost[i] - oracle[i];
    }
    return r;
  }
}
