package io.failwise.model.estimate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The estimator's answer for one cluster at one moment: what to do, what each option costs, when the
 * answer would flip and when to look again, with a sentence a person can act on.
 *
 * @param recommendation the feasible option with the fewest expected device-minutes lost (HOLD on a tie)
 * @param target where the recommended option moves devices; empty for HOLD
 * @param options HOLD, FAILOVER and FAILOVER_AFFECTED, in that order
 * @param flipsAt while holding: when failing over becomes the better bet if the outage goes on as it
 *     is (the expected remainder then reaches the break-even); empty otherwise or beyond a week
 * @param reevaluateAt when to assess again, even if nothing changes
 */
public record Estimate(
    Recommendation recommendation,
    Optional<String> target,
    List<OptionEstimate> options,
    BreakEven breakEven,
    OutageOutlook outlook,
    Optional<Instant> flipsAt,
    Instant reevaluateAt,
    String explanation) {
  public Estimate {
    options = List.copyOf(options);
  }

  public OptionEstimate option(Recommendation option) {
    return options.stream()
        .filter(o -> o.option() == option)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no estimate for " + option));
  }

  /** The recommended option's estimate. */
  public OptionEstimate recommended() {
    return option(recommendation);
  }
}
