package io.failwise.model.estimate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Weighs holding against failing over for a cluster in an outage, sequentially: failing over now is
 * recommended only when it is expected to cost fewer device-minutes than holding until the policy's
 * next decision and deciding again then (optimal stopping, {@link SequentialDecision}). Also reports
 * each option's cost if chosen now for good, the break-even and a sentence a person can act on. Pure;
 * an assessment takes microseconds.
 */
public final class FailoverEstimator {
  /** A failover option must beat holding by more than rounding noise to be recommended. */
  private static final double TIE = 1e-12;

  private final EstimatorConfig config;

  public FailoverEstimator(EstimatorConfig config) {
    this.config = config;
  }

  public static FailoverEstimator withDefaults() {
    return new FailoverEstimator(EstimatorConfig.DEFAULT);
  }

  public EstimatorConfig config() {
    return config;
  }

  /** With nothing blocking a failover. */
  public Estimate estimate(EstimateInput input) {
    return estimate(input, ActionLimits.NONE);
  }

  /**
   * The best action that can run now: a failover option blocked now (halt, freeze window, spent budget)
   * is not recommended, and later re-decisions count on it only from the moment its block ends.
   */
  public Estimate estimate(EstimateInput input, ActionLimits limits) {
    RemainingOutage remaining = input.prior().remainingAfter(input.elapsedMinutes());
    OutageOutlook outlook = OutageOutlook.of(input.prior(), remaining);
    Outage outage = input.outage();
    double offline = outage.offlineDevices();
    double affected = outage.affectedDevices();
    double share = affected == 0 ? 1 : offline / affected;
    Trend trend = Trend.of(outage, input.at(), input.source().expectedDevices());
    OptionCosts costs = new OptionCosts(input, config.maxTargetUtilization(), remaining, trend);
    OptionCosts.Costed failover = costs.failover();
    double failoverCost = failover.estimate().feasible() ? failover.estimate().deviceMinutesMean() : Double.POSITIVE_INFINITY;
    // A move of affected devices leaves the rest to the outage: they follow the projection from that state.
    boolean movesAffected = costs.movesAffectedDevices();
    SequentialDecision.StopCost stopCost =
        (elapsed, o, mean, heldOffline, heldQueue) ->
            movesAffected && o > 0
                ? Math.min(failoverCost, costs.affectedMeanAt(o, o / share, new HeldCost(heldOffline, heldQueue)))
                : failoverCost;
    SequentialDecision sequential =
        new SequentialDecision(
            input.prior(), input.elapsedMinutes(), config.stepMinutes(), trend,
            OptionCosts.perMinute(input.source().admissionDevicesPerSecond()),
            BlockedAction.laterStepsUnblocked(stopCost, limits, input.outage().since(), input.elapsedMinutes()),
            config.materialChange());
    Waiting waiting = sequential.waiting();
    // Holding until the end follows the projected count, not the count of this moment.
    HeldCost heldNow = trend.kind() == Trend.Kind.STEADY ? costs.heldIfSteady() : waiting.holdForever();
    OptionCosts.Costed hold = costs.hold(heldNow);
    OptionCosts.Costed moveAffected = costs.affected(heldNow);

    // The best failover option now, by expected loss; on a tie the less disruptive (affected devices only).
    OptionCosts.Costed act = null;
    for (OptionCosts.Costed c : List.of(moveAffected, failover)) {
      if (c.estimate().feasible() && (act == null || c.estimate().deviceMinutesMean() < act.estimate().deviceMinutesMean() * (1 - TIE))) {
        act = c;
      }
    }
    Optional<BlockedAction> blocked = BlockedAction.of(act, waiting, limits, input.at());
    OptionCosts.Costed best = act != null && waiting.actNow() && blocked.isEmpty() ? act : hold;
    double sourcePerMinute = OptionCosts.perMinute(input.source().admissionDevicesPerSecond());
    BreakEven breakEven = breakEven(List.of(moveAffected, failover), remaining);
    Optional<Instant> flipsAt = Optional.empty();
    if (best == hold) {
      OptionalDouble minutes = sequential.minutesToFailOver();
      if (minutes.isPresent()) {
        flipsAt = Optional.of(input.at().plusNanos(Math.round(minutes.getAsDouble() * 60e9)));
      }
    }
    Optional<Instant> flip = flipsAt;
    Instant reevaluateAt = reevaluateAt(input.at(), flipsAt, best == hold ? waiting.stepMinutes() : Double.NaN);
    List<OptionEstimate> options = List.of(hold.estimate(), failover.estimate(), moveAffected.estimate());
    String explanation =
        Explanation.of(
            input, remaining, outlook, options, best, breakEven, flipsAt, reevaluateAt, trend, waiting, blocked.isPresent() ? null : act,
            blocked.isPresent(),
            best == hold ? Double.NaN : finiteOr(best.breakEvenMinutes(), best.estimate().loss().breakEvenAgainst(hold.estimate().loss())));
    explanation = blocked.map(b -> b.sentence(input, flip)).orElse("") + explanation;
    return new Estimate(
        best.estimate().option(), best.estimate().target(), options, breakEven, outlook, flipsAt, reevaluateAt, explanation, trend,
        waiting, blocked, new HoldCurve(trend, sourcePerMinute));
  }

  /**
   * An option the sequential rule acts on pays off along the projection (it costs less than holding to
   * the end); should the two approximations of that projection disagree at the margin, the steady count's
   * break-even is said rather than "infinity".
   */
  private static double finiteOr(double minutes, double steady) {
    return Double.isFinite(minutes) ? minutes : steady;
  }

  /** The feasible failover option that pays off after the shortest extra outage (the cheaper one on a tie). */
  private static BreakEven breakEven(List<OptionCosts.Costed> failovers, RemainingOutage remaining) {
    OptionCosts.Costed first = null;
    double minutes = Double.POSITIVE_INFINITY;
    for (OptionCosts.Costed c : failovers) {
      if (!c.estimate().feasible()) {
        continue;
      }
      double m = c.breakEvenMinutes();
      if (first == null || m < minutes || (m == minutes && c.estimate().deviceMinutesMean() < first.estimate().deviceMinutesMean())) {
        first = c;
        minutes = m;
      }
    }
    if (first == null) {
      return BreakEven.none();
    }
    Optional<Recommendation> option = Optional.of(first.estimate().option());
    if (Double.isInfinite(minutes)) {
      return new BreakEven(option, java.util.OptionalDouble.empty(), 0.0);
    }
    return new BreakEven(option, java.util.OptionalDouble.of(minutes), remaining.probabilityLongerThan(minutes));
  }

  /**
   * At the flip if it comes sooner, else after the longest interval; never sooner than the shortest,
   * unless the decision itself comes back sooner: never after the flip it predicts, nor, while holding,
   * after the end of its own wait step ({@code holdMinutes}; NaN when not holding). During a rise the
   * step is the time the count takes to move by the policy's material change, seconds to minutes, and
   * the answer can turn at its end: a person told to come back later would miss it. The controller
   * keeps the shortest interval for its scheduled re-decisions ({@link
   * io.failwise.model.policy.PolicyTrigger#scheduledAt}); it re-decides sooner when the count moves.
   */
  private Instant reevaluateAt(Instant at, Optional<Instant> flipsAt, double holdMinutes) {
    Instant latest = at.plus(config.reevaluateMax());
    Instant soonest = at.plus(config.reevaluateMin());
    Instant when = flipsAt.filter(f -> f.isBefore(latest)).orElse(latest);
    when = when.isBefore(soonest) ? soonest : when;
    if (flipsAt.isPresent() && flipsAt.get().isBefore(when)) {
      when = flipsAt.get();
    }
    if (holdMinutes > 0) {
      Instant stepEnds = at.plusNanos(Math.round(holdMinutes * 60e9));
      when = stepEnds.isBefore(when) ? stepEnds : when;
    }
    // To the nearest second, as every sentence says a wait ("hold 49 s"): 48.6 s read "hold 49 s" beside
    // "Re-evaluate at 21:40:48", the time cut to the second.
    Instant rounded = Instant.ofEpochSecond(Math.round(when.toEpochMilli() / 1000.0));
    return rounded.isAfter(at) ? rounded : when;
  }
}
