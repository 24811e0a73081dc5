package io.failwise.model.estimate;

/**
 * What holding until the outage ends is expected to cost from one state of it, in its two parts: the
 * device-minutes offline until the end, {@code E[∫_0^R c(t) dt]}, and the reconnection queue of the devices
 * still offline at the end, {@code E[c(R)²] / (2 rate)}, with c the projected count (steady, falling or
 * rising) and R the remaining outage.
 *
 * <p>A move of affected devices leaves a share λ of them to the outage: those follow the same projection,
 * so their cost is {@code λ offlineMinutes + λ² endQueue} (the queue is quadratic in the devices queuing).
 * This is what keeps the option of moving some devices consistent with HOLD under a trend.
 *
 * @param offlineMinutes expected device-minutes offline until the outage ends
 * @param endQueue expected device-minutes of the reconnection queue after it
 */
public record HeldCost(double offlineMinutes, double endQueue) {
  /** A count steady at {@code offline}: offline for the mean remainder, then one queue at the source's rate. */
  static HeldCost steady(double offline, double meanRemaining, double ratePerMinute) {
    return new HeldCost(offline * meanRemaining, OptionCosts.queue(offline, ratePerMinute));
  }

  /** Holding every device: the two parts together. */
  public double total() {
    return offlineMinutes + endQueue;
  }

  /** The cost of the share {@code held} of the devices left to the outage (0 to 1). */
  double ofShare(double held) {
    return held * offlineMinutes + held * held * endQueue;
  }
}
