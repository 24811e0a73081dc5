package io.failwise.console;

import io.failwise.model.estimate.Estimate;
import io.failwise.model.estimate.OptionEstimate;
import java.util.List;

/**
 * What the decision chart draws, read from one estimate: each option's expected device-minutes as a
 * function of how much longer the outage lasts, the break-even and the prior's median and p90. The one
 * place the console and {@code estimate --chart} read the estimator's types, so a change of the
 * estimator's API changes this adapter only.
 *
 * @param breakEvenOption the failover option that pays off first; null when none is feasible
 * @param breakEvenMinutes the extra outage beyond which it pays off; null when it never does
 * @param elapsedMinutes how long the outage had lasted at the estimate
 */
public record DecisionCurves(
    String recommendation,
    String target,
    String explanation,
    List<Curve> curves,
    String breakEvenOption,
    Double breakEvenMinutes,
    double breakEvenProbability,
    double elapsedMinutes,
    double meanMinutes,
    double medianMinutes,
    double p90Minutes) {

  /**
   * One option: device-minutes lost are {@code fixedDeviceMinutes + perOutageMinute * r} for r more
   * minutes of outage; an infeasible option has no line and says why.
   */
  public record Curve(
      String option,
      String target,
      boolean feasible,
      double fixedDeviceMinutes,
      double perOutageMinute,
      long devicesDisrupted,
      String reason) {
    /** Device-minutes lost if the outage lasts {@code remainingMinutes} more. */
    public double at(double remainingMinutes) {
      return fixedDeviceMinutes + perOutageMinute * remainingMinutes;
    }
  }

  public DecisionCurves {
    curves = List.copyOf(curves);
  }

  /** The curves of an estimate (HOLD, FAILOVER, FAILOVER_AFFECTED, as the estimate lists them). */
  public static DecisionCurves of(Estimate e) {
    List<Curve> curves = e.options().stream().map(DecisionCurves::curve).toList();
    return new DecisionCurves(
        e.recommendation().name(),
        e.target().orElse(null),
        e.explanation(),
        curves,
        e.breakEven().option().map(Enum::name).orElse(null),
        e.breakEven().minutes().isPresent() ? e.breakEven().minutes().getAsDouble() : null,
        e.breakEven().probability(),
        e.outlook().elapsedMinutes(),
        e.outlook().meanMinutes(),
        e.outlook().medianMinutes(),
        e.outlook().p90Minutes());
  }

  private static Curve curve(OptionEstimate o) {
    boolean drawn = o.feasible() && o.loss() != null;
    return new Curve(
        o.option().name(),
        o.target().orElse(null),
        drawn,
        drawn ? o.loss().fixed() : 0,
        drawn ? o.loss().perOutageMinute() : 0,
        o.devicesDisrupted(),
        o.reason());
  }
}
