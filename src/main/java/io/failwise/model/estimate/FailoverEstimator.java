package io.failwise.model.estimate;

import java.time.Duration;
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
    Instant reevaluateAt = input.at().plus(reevaluateAfter(best.estimate().option(), breakEven));
    List<OptionEstimate> options = List.of(hold.estimate(), failover.estimate(), affected.estimate());
    String explanation = Explanation.of(input, remaining, outlook, options, best, breakEven, reevaluateAt);
    return new Estimate(
        best.estimate().option(), best.estimate().target(), options, breakEven, outlook, reevaluateAt, explanation);
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
   * While holding, look again after a share of the break-even, so that a flip is caught early, within
   * [min, max]; after recommending a failover, or when nothing could flip, at max.
   */
  private Duration reevaluateAfter(Recommendation recommendation, BreakEven breakEven) {
    if (recommendation != Recommendation.HOLD || !breakEven.reachable()) {
      return config.reevaluateMax();
    }
    double seconds = breakEven.minutes().getAsDouble() * config.reevaluateBreakEvenFraction() * 60;
    double clamped = Math.max(config.reevaluateMin().toSeconds(), Math.min(config.reevaluateMax().toSeconds(), seconds));
    return Duration.ofSeconds(Math.round(clamped));
  }
}
