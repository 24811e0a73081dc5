package io.failwise.model.estimate;

/**
 * HOLD's expected device-minutes against how much longer the outage lasts, r: the count now times r and
 * its reconnection queue when steady (HOLD's {@link DeviceMinuteLoss}, a straight line); along the fall to
 * zero when falling; when rising, averaged over where the rise levels off ({@link HeldLoss}). What the
 * decision chart draws for HOLD, so that its line follows the trend the explanation states.
 *
 * @param sourcePerMinute devices a minute the source admits when the outage ends
 */
public record HoldCurve(Trend trend, double sourcePerMinute) {
  public double at(double remainingMinutes) {
    return HeldLoss.expectedAt(trend, remainingMinutes, sourcePerMinute);
  }

  /** Whether the curve is a straight line (a steady count). */
  public boolean straight() {
    return trend.kind() == Trend.Kind.STEADY;
  }
}
