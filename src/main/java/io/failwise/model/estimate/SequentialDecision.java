package io.failwise.model.estimate;

import java.util.OptionalInt;

/**
 * Optimal stopping on the policy's schedule: at each re-decision (every step Δ from now) either fail
 * over, or hold until the next one. Backward induction over the steps gives, for each, the expected
 * device-minutes of acting optimally from there on:
 *
 * <pre>
 *   V_k = min(S_k, h_k + (1 - p_k) q_k + p_k V_{k+1}),   V_K = min(S_K, H_K)
 * </pre>
 *
 * where S_k is the cheapest failover option's expected loss at step k (the elapsed time and the
 * projected offline count of that step), p_k = P(T > e_{k+1} | T > e_k) the chance the outage survives
 * the step, h_k = O_k E[min(R_k, Δ)] = O_k (m(e_k) - p_k m(e_{k+1})) the step's expected device-minutes
 * (m the mean residual life, closed-form), q_k the offline devices' reconnection queue when it ends
 * within the step, and H_K holding until the end from the horizon K on. Failing over now is right only
 * when S_0 is below the continuation value. The horizon is where the outage has a chance below 1e-6 of
 * still going, or a week. With a trend the count of a step is its average over the step (exact when
 * steady).
 */
final class SequentialDecision {
  private static final double HORIZON_MINUTES = 7 * 24 * 60;
  private static final double NEGLIGIBLE_SURVIVAL = 1e-6;

  private final double step;
  private final double[] stop;
  private final double[] cont;
  private final double[] holdStep;
  private final double[] survive;
  private final double holdForever;

  /**
   * @param stopCost the cheapest failover option's expected loss at a projected state (elapsed minutes,
   *     offline, mean remaining); +Infinity when none is feasible
   */
  SequentialDecision(DurationPrior prior, double elapsed, double stepMinutes, Trend trend, double sourceRate, StopCost stopCost) {
    this.step = stepMinutes;
    RemainingOutage.Steps steps =
        prior.remainingAfter(elapsed).steps(stepMinutes, (int) Math.ceil(HORIZON_MINUTES / stepMinutes), NEGLIGIBLE_SURVIVAL);
    int horizon = steps.horizon();
    double[] alive = steps.alive();
    double[] mean = steps.mean();
    int n = horizon + 1;
    stop = new double[n];
    cont = new double[n];
    holdStep = new double[n];
    survive = new double[n];
    double offlineAtHorizon = trend.offlineAfter(horizon * stepMinutes);
    double endValue = offlineAtHorizon * mean[horizon] + OptionCosts.queue(offlineAtHorizon, sourceRate);
    stop[horizon] = stopCost.at(elapsed + horizon * stepMinutes, offlineAtHorizon, mean[horizon]);
    double next = Math.min(stop[horizon], endValue);
    cont[horizon] = endValue;
    for (int k = horizon - 1; k >= 0; k--) {
      double p = Math.min(1, alive[k + 1] / alive[k]);
      double average = trend.deviceMinutesBetween(k * stepMinutes, (k + 1) * stepMinutes) / stepMinutes;
      double expectedMinutes = Math.max(0, mean[k] - p * mean[k + 1]);
      survive[k] = p;
      holdStep[k] = average * expectedMinutes;
      cont[k] = holdStep[k] + (1 - p) * OptionCosts.queue(average, sourceRate) + p * next;
      double o = trend.offlineAfter(k * stepMinutes);
      stop[k] = stopCost.at(elapsed + k * stepMinutes, o, mean[k]);
      next = Math.min(stop[k], cont[k]);
    }
    // Holding until the end, for the explanation: the same recursion with no stopping.
    double forever = endValue;
    for (int k = horizon - 1; k >= 0; k--) {
      double average = trend.deviceMinutesBetween(k * stepMinutes, (k + 1) * stepMinutes) / stepMinutes;
      forever = holdStep[k] + (1 - survive[k]) * OptionCosts.queue(average, sourceRate) + survive[k] * forever;
    }
    holdForever = forever;
  }

  /** The cheapest failover option's expected loss at a future state. */
  interface StopCost {
    double at(double elapsedMinutes, double offline, double meanRemaining);
  }

  Waiting waiting() {
    return new Waiting(step, holdStep[0], 1 - survive[0], cont[0], stop[0], holdForever);
  }

  /**
   * The first re-decision from now on (step 1, 2, ...) at which the rule would fail over if the outage
   * goes on as projected; empty if none within the horizon.
   */
  OptionalInt firstStepToFailOver() {
    for (int k = 1; k < stop.length; k++) {
      if (stop[k] < cont[k] * (1 - 1e-12)) {
        return OptionalInt.of(k);
      }
    }
    return OptionalInt.empty();
  }
}
