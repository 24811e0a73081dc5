package io.failwise.model.estimate;

/**
 * HOLD's expected device-minutes against how much longer the outage lasts, r: the count now times r and
 * its reconnection queue when steady (HOLD's {@link DeviceMinuteLoss}, a straight line); along the fall to
 * zero when falling; when rising, averaged over where the rise levels off ({@link HeldLoss}). What the
 * decision chart draws for HOLD, so that its line follows the trend the explanation states; and the
 * curve of an option that leaves some of the offline devices to the outage (a partial move of affected
 * devices), whose left devices follow the same trend.
 *
 * @param sourcePerMinute devices a minute the source admits when the outage ends
 */
public record HoldCurve(Trend trend, double sourcePerMinute) {
  public double at(double remainingMinutes) {
    return HeldLoss.expectedAt(trend, remainingMinutes, sourcePerMinute);
  }

  /**
   * The expected loss of an option at r: its switching cost and the devices it leaves offline along the
   * trend ({@link HeldLoss#optionAt}); its straight line when the count is steady.
   */
  public double optionAt(DeviceMinuteLoss option, double remainingMinutes) {
    return HeldLoss.optionAt(option, trend, remainingMinutes, sourcePerMinute);
  }

  /** Whether the curve is a straight line (a steady count). */
  public boolean straight() {
    return trend.kind() == Trend.Kind.STEADY;
  }
}
