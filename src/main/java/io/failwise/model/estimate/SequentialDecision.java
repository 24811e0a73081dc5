package io.failwise.model.estimate;

import java.util.OptionalDouble;

/**
 * Optimal stopping on the policy's schedule: at each re-decision (every step Δ from now) either fail
 * over, or hold until the next one. Backward induction over the steps gives, for each, the expected
 * device-minutes of acting optimally from there on:
 *
 * <pre>
 *   V_k = min(S_k, h_k + (1 - p_k) q_k + p_k V_{k+1}),   V_K = min(S_K, H_K)
 * </pre>
 *
 * where S_k is the cheapest failover option's expected loss at step k (the elapsed time, the
 * projected offline count of that step and what holding on from there costs, {@link HeldCost}, which
 * prices the devices a partial move leaves behind), p_k = P(T > e_{k+1} | T > e_k) the chance the outage survives
 * the step, h_k = O_k E[min(R_k, Δ)] = O_k (m(e_k) - p_k m(e_{k+1})) the step's expected device-minutes
 * (m the mean residual life, closed-form), q_k the offline devices' reconnection queue when it ends
 * within the step, and H_K holding until the end from the horizon K on. Failing over now is right only
 * when S_0 is below the continuation value. The horizon is where the outage has a chance below 1e-6 of
 * still going, or a week. With a falling count the count of a step is its average over the step (exact
 * when steady).
 *
 * <p>A rising count ({@link RisingCount}) is uncertain: it may level off at any moment. While it rises the
 * policy decides again as soon as it has moved materially, so the steps are that short, and at each one
 * the rise either went on (with the chance {@link Trend#goesOn}) or levelled off where it was, from where
 * the count is steady and the steps are Δ again. Waiting is then worth what seeing where the count levels
 * off saves.
 */
final class SequentialDecision {
  private static final double HORIZON_MINUTES = 7 * 24 * 60;
  private static final double NEGLIGIBLE_SURVIVAL = 1e-6;

  private final Waiting waiting;
  private final OptionalDouble minutesToFailOver;

  /**
   * @param stopCost the cheapest failover option's expected loss at a projected state (elapsed minutes,
   *     offline, mean remaining, what holding on from there costs); +Infinity when none is feasible
   * @param materialChange the share by which the count must move for the policy to decide again early
   */
  SequentialDecision(
      DurationPrior prior, double elapsed, double stepMinutes, Trend trend, double sourceRate, StopCost stopCost, double materialChange) {
    RemainingOutage remaining = prior.remainingAfter(elapsed);
    RemainingOutage.Steps steps =
        remaining.steps(stepMinutes, (int) Math.ceil(HORIZON_MINUTES / stepMinutes), NEGLIGIBLE_SURVIVAL);
    Grid grid = new Grid(elapsed, stepMinutes, steps, sourceRate, stopCost);
    if (trend.kind() == Trend.Kind.GROWING) {
      RisingCount rising = new RisingCount(trend, remaining, grid, materialChange);
      waiting = rising.waiting();
      minutesToFailOver = rising.minutesToFailOver();
      return;
    }
    Grid.Values v = grid.along(trend, 0);
    waiting = new Waiting(stepMinutes, v.holdStep(), 1 - v.survive(), v.cont(), v.stop(), v.holdForever());
    minutesToFailOver = v.firstStepToFailOver() < 0 ? OptionalDouble.empty() : OptionalDouble.of(v.firstStepToFailOver() * stepMinutes);
  }

  SequentialDecision(DurationPrior prior, double elapsed, double stepMinutes, Trend trend, double sourceRate, StopCost stopCost) {
    this(prior, elapsed, stepMinutes, trend, sourceRate, stopCost, EstimatorConfig.DEFAULT_MATERIAL_CHANGE);
  }

  /** The cheapest failover option's expected loss at a future state. */
  interface StopCost {
    /**
     * @param heldOfflineMinutes what holding from this state until the outage ends is expected to cost in
     *     device-minutes offline, along the projection (the devices an option leaves to the outage follow it
     *     too), and {@code heldEndQueue} in the reconnection queue at its end: {@link HeldCost}'s parts,
     *     passed apart because this is called at every step of every decision
     */
    double at(double elapsedMinutes, double offline, double meanRemaining, double heldOfflineMinutes, double heldEndQueue);
  }

  Waiting waiting() {
    return waiting;
  }

  /**
   * Minutes from now to the first re-decision (not this one) at which the rule would fail over if the
   * outage goes on as projected (a rise: if it goes on); empty if none within the horizon.
   */
  OptionalDouble minutesToFailOver() {
    return minutesToFailOver;
  }

  /**
   * The re-decisions every Δ from now, with the outage's chance to go on and its mean remainder at each:
   * the induction for a count that follows a deterministic projection from a step on.
   */
  static final class Grid {
    private final double elapsed;
    private final double step;
    private final int horizon;
    private final double[] alive;
    private final double[] mean;
    private final double sourceRate;
    private final StopCost stopCost;

    Grid(double elapsed, double step, RemainingOutage.Steps steps, double sourceRate, StopCost stopCost) {
      this.elapsed = elapsed;
      this.step = step;
      this.horizon = steps.horizon();
      this.alive = steps.alive();
      this.mean = steps.mean();
      this.sourceRate = sourceRate;
      this.stopCost = stopCost;
    }

    double step() {
      return step;
    }

    int horizon() {
      return horizon;
    }

    /** P(T > e_k | T > now). */
    double alive(int k) {
      return alive[k];
    }

    double mean(int k) {
      return mean[k];
    }

    double stopCost(double minutesFromNow, double offline, double meanRemaining, double heldOffline, double heldQueue) {
      return stopCost.at(elapsed + minutesFromNow, offline, meanRemaining, heldOffline, heldQueue);
    }

    double stopCost(double minutesFromNow, double offline, double meanRemaining, HeldCost held) {
      return stopCost(minutesFromNow, offline, meanRemaining, held.offlineMinutes(), held.endQueue());
    }

    /** A count steady at {@code offline} with {@code meanRemaining} minutes of outage expected. */
    HeldCost steady(double offline, double meanRemaining) {
      return HeldCost.steady(offline, meanRemaining, sourceRate);
    }

    double queue(double offline) {
      return OptionCosts.queue(offline, sourceRate);
    }

    /**
     * The induction at step {@code from}, for a count that follows {@code trend} counted from that step
     * (minute 0 of the trend is step {@code from}).
     *
     * @param firstStepToFailOver the first step after {@code from} at which the rule fails over, -1 if none
     */
    record Values(double stop, double cont, double holdStep, double survive, HeldCost holdForever, int firstStepToFailOver) {
      double value() {
        return Math.min(stop, cont);
      }
    }

    Values along(Trend trend, int from) {
      double offlineAtHorizon = trend.offlineAfter((horizon - from) * step);
      HeldCost atHorizon = steady(offlineAtHorizon, mean[horizon]);
      double stop = stopCost((double) horizon * step, offlineAtHorizon, mean[horizon], atHorizon);
      double cont = atHorizon.total();
      // Holding to the end from step k, in its two parts: offline device-minutes and the final queue.
      double foreverOffline = atHorizon.offlineMinutes();
      double foreverQueue = atHorizon.endQueue();
      double holdStep = 0;
      double survive = 1;
      int first = from < horizon && stop < cont * (1 - 1e-12) ? horizon : -1;
      for (int k = horizon - 1; k >= from; k--) {
        double next = Math.min(stop, cont);
        double p = Math.min(1, alive[k + 1] / alive[k]);
        double t = (k - from) * step;
        double average = trend.deviceMinutesBetween(t, t + step) / step;
        holdStep = average * Math.max(0, mean[k] - p * mean[k + 1]);
        double endsQueue = (1 - p) * queue(average);
        cont = holdStep + endsQueue + p * next;
        foreverOffline = holdStep + p * foreverOffline;
        foreverQueue = endsQueue + p * foreverQueue;
        survive = p;
        stop = stopCost(k * step, trend.offlineAfter(t), mean[k], foreverOffline, foreverQueue);
        if (k > from && stop < cont * (1 - 1e-12)) {
          first = k;
        }
      }
      return new Values(stop, cont, holdStep, survive, new HeldCost(foreverOffline, foreverQueue), first);
    }
  }
}
