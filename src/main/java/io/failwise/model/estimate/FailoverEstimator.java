package io.failwise.model.estimate;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Stream;

/**
 * Weighs holding against failing over for a cluster in an outage: the expected device-minutes each
 * option loses over the outage's remaining duration, the break-even and a recommendation with its
 * reason. Pure and allocation-light: an assessment takes microseconds, so a controller can run it for
 * every cluster on every signal.
 */
public final class FailoverEstimator {
  /** A failover option must beat holding by more than rounding noise to be recommended. */
  private static final double TIE = 1e-12;
  /** How far ahead to look for the moment holding stops being the better bet. */
  private static final double FLIP_HORIZON_MINUTES = 7 * 24 * 60;

  private final EstimatorConfig config;

  public FailoverEstimator(EstimatorConfig config) {
    this.config = config;
  }

  public static FailoverEstimator withDefaults() {
    return new FailoverEstimator(EstimatorConfig.DEFAULT);
  }

  public Estimate estimate(EstimateInput input) {
    RemainingOutage remaining = input.prior().remainingAfter(input.elapsedMinutes());
    OutageOutlook outlook = OutageOutlook.of(input.prior(), remaining);
    OptionCosts costs = new OptionCosts(input, outlook, config.intermittentOfflineShare());
    OptionCosts.Costed hold = costs.hold();
    OptionCosts.Costed failover = costs.failover();
    OptionCosts.Costed affected = costs.affected();

    // On a tie the least disruptive option wins: HOLD, then moving only the affected devices.
    OptionCosts.Costed best = hold;
    for (OptionCosts.Costed c : List.of(affected, failover)) {
      OptionEstimate e = c.estimate();
      if (e.feasible() && e.deviceMinutesMean() < best.estimate().deviceMinutesMean() * (1 - TIE)) {
        best = c;
      }
    }
    BreakEven breakEven = breakEven(Stream.of(affected, failover), remaining);
    Optional<Instant> flipsAt = best == hold ? flipsAt(input, remaining, breakEven) : Optional.empty();
    Instant reevaluateAt = reevaluateAt(input.at(), flipsAt);
    List<OptionEstimate> options = List.of(hold.estimate(), failover.estimate(), affected.estimate());
    String explanation = Explanation.of(input, remaining, outlook, options, best, breakEven, flipsAt, reevaluateAt);
    return new Estimate(
        best.estimate().option(), best.estimate().target(), options, breakEven, outlook, flipsAt, reevaluateAt, explanation);
  }

  /** The feasible failover option that pays off after the shortest extra outage (the cheaper one on a tie). */
  private static BreakEven breakEven(Stream<OptionCosts.Costed> failovers, RemainingOutage remaining) {
    Optional<OptionCosts.Costed> first =
        failovers
            .filter(c -> c.estimate().feasible())
            .min(
                Comparator.comparingDouble(OptionCosts.Costed::breakEvenMinutes)
                    .thenComparingDouble(c -> c.estimate().deviceMinutesMean()));
    if (first.isEmpty()) {
      return BreakEven.none();
    }
    double minutes = first.get().breakEvenMinutes();
    Optional<Recommendation> option = Optional.of(first.get().estimate().option());
    if (Double.isInfinite(minutes)) {
      return new BreakEven(option, OptionalDouble.empty(), 0.0);
    }
    return new BreakEven(option, OptionalDouble.of(minutes), remaining.probabilityLongerThan(minutes));
  }

  /**
   * While holding with the offline count unchanged, each option's expected loss moves only with the
   * expected remainder m(t): some failover option wins once m(t) exceeds the break-even.
   */
  private static Optional<Instant> flipsAt(EstimateInput input, RemainingOutage remaining, BreakEven breakEven) {
    if (!breakEven.reachable()) {
      return Optional.empty();
    }
    OptionalDouble elapsed = remaining.elapsedWhenMeanReaches(breakEven.minutes().getAsDouble(), FLIP_HORIZON_MINUTES);
    if (elapsed.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(input.outage().since().plusMillis(Math.round(elapsed.getAsDouble() * 60_000)));
  }

  /** At the flip if it comes sooner, else after the longest interval; never sooner than the shortest. */
  private Instant reevaluateAt(Instant at, Optional<Instant> flipsAt) {
    Instant latest = at.plus(config.reevaluateMax());
    Instant soonest = at.plus(config.reevaluateMin());
    Instant when = flipsAt.filter(f -> f.isBefore(latest)).orElse(latest);
    return when.isBefore(soonest) ? soonest : when;
  }
}
