package io.failwise.model.estimate;

/**
 * Device-minutes of lost connectivity an option costs, as a function of how much longer the outage
 * lasts (r minutes): {@code fixed + perOutageMinute * r}. Every option's loss has this shape, which is
 * what makes the break-even a division and the expected loss the loss at the expected remainder.
 *
 * @param fixed device-minutes the option costs whatever the outage does (cutovers, reconnection queues)
 * @param perOutageMinute devices still without connectivity while the outage lasts
 */
public record DeviceMinuteLoss(double fixed, double perOutageMinute) {
  public double at(double remainingMinutes) {
    return fixed + perOutageMinute * remainingMinutes;
  }

  /**
   * The least remaining outage beyond which this loss is below {@code other}'s: 0 when it always is,
   * +Infinity when it never is.
   */
  public double breakEvenAgainst(DeviceMinuteLoss other) {
    double slope = other.perOutageMinute - perOutageMinute;
    double gap = fixed - other.fixed;
    if (slope <= 0) {
      return gap < 0 ? 0 : Double.POSITIVE_INFINITY;
    }
    return Math.max(0, gap / slope);
  }
}
