package io.failwise.model.estimate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The estimator's answer for one cluster at one moment: what to do, what each option costs, when the
 * answer would flip and when to look again, with a sentence a person can act on.
 *
 * @param recommendation a failover option only when failing over now is expected to cost less than holding
 *     for one step and deciding again (the sequential rule); HOLD otherwise
 * @param target where the recommended option moves devices; empty for HOLD
 * @param options HOLD, FAILOVER and FAILOVER_AFFECTED, in that order
 * @param flipsAt while holding: the first re-decision at which the sequential rule would fail over if the
 *     outage goes on as projected; empty otherwise or beyond a week
 * @param reevaluateAt when to assess again, even if nothing changes
 * @param trend where the offline count is heading, from the monitor's recent readings
 * @param waiting holding for one step and deciding again, against failing over now
 * @param blocked the failover option that would be the better bet now but cannot run (halt, freeze window,
 *     spent budget), and what blocks it; the recommendation is then HOLD
 * @param holdCurve HOLD's expected loss against how much longer the outage lasts, following the trend
 */
public record Estimate(
    Recommendation recommendation,
    Optional<String> target,
    List<OptionEstimate> options,
    BreakEven breakEven,
    OutageOutlook outlook,
    Optional<Instant> flipsAt,
    Instant reevaluateAt,
    String explanation,
    Trend trend,
    Waiting waiting,
    Optional<BlockedAction> blocked,
    HoldCurve holdCurve) {
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
