package io.failwise.console;

import io.failwise.model.estimate.Estimate;
import io.failwise.model.estimate.HoldCurve;
import io.failwise.model.estimate.OptionEstimate;
import io.failwise.model.estimate.Recommendation;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

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
   * minutes of outage, or {@code shape} when the count moves (HOLD under a trend, and a move of affected
   * devices that leaves some to the outage); an infeasible option has no line and says why.
   *
   * @param shape the loss against r when it is not a straight line; null when it is
   */
  public record Curve(
      String option,
      String target,
      boolean feasible,
      double fixedDeviceMinutes,
      double perOutageMinute,
      long devicesDisrupted,
      String reason,
      DoubleUnaryOperator shape) {
    public Curve(
        String option, String target, boolean feasible, double fixedDeviceMinutes, double perOutageMinute, long devicesDisrupted, String reason) {
      this(option, target, feasible, fixedDeviceMinutes, perOutageMinute, devicesDisrupted, reason, null);
    }

    /** Device-minutes lost if the outage lasts {@code remainingMinutes} more. */
    public double at(double remainingMinutes) {
      return shape != null ? shape.applyAsDouble(remainingMinutes) : fixedDeviceMinutes + perOutageMinute * remainingMinutes;
    }
  }

  public DecisionCurves {
    curves = List.copyOf(curves);
  }

  /** The curves of an estimate (HOLD, FAILOVER, FAILOVER_AFFECTED, as the estimate lists them). */
  public static DecisionCurves of(Estimate e) {
    List<Curve> curves = e.options().stream().map(o -> curve(o, e.holdCurve())).toList();
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

  private static Curve curve(OptionEstimate o, HoldCurve hold) {
    boolean drawn = o.feasible() && o.loss() != null;
    DoubleUnaryOperator shape = null;
    if (drawn && !hold.straight()) {
      // Under a trend HOLD follows the projection, and so do the devices a partial move leaves behind.
      if (o.option() == Recommendation.HOLD) {
        shape = hold::at;
      } else if (o.loss().perOutageMinute() > 0) {
        shape = r -> hold.optionAt(o.loss(), r);
      }
    }
    return new Curve(
        o.option().name(),
        o.target().orElse(null),
        drawn,
        drawn ? o.loss().fixed() : 0,
        drawn ? o.loss().perOutageMinute() : 0,
        o.devicesDisrupted(),
        o.reason(),
        shape);
  }
}
