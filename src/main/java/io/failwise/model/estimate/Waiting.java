package io.failwise.model.estimate;

/**
 * The value of waiting, as the sequential decision weighed it: hold for one step (the policy's
 * re-decision horizon), then decide again, against the best failover option now.
 *
 * @param stepMinutes the step: the policy decides again at the latest this much later
 * @param stepDeviceMinutes expected device-minutes the outage costs over the next step if we hold
 * @param endsWithinStepProbability the chance the outage ends within the step, so that no failover is needed
 * @param holdThenDecideMean expected device-minutes of holding for a step and then deciding again, every step
 *     acting on the same rule (the optimal-stopping value)
 * @param actNowMean expected device-minutes of the best failover option now; +Infinity when none is feasible
 * @param holdForever what holding until the outage ends is expected to cost, in its two parts
 */
public record Waiting(
    double stepMinutes,
    double stepDeviceMinutes,
    double endsWithinStepProbability,
    double holdThenDecideMean,
    double actNowMean,
    HeldCost holdForever) {
  /** Expected device-minutes of holding until the outage ends. */
  public double holdForeverMean() {
    return holdForever.total();
  }

  /** Whether failing over now is expected to cost less than any plan that waits a step first. */
  public boolean actNow() {
    return actNowMean < holdThenDecideMean * (1 - 1e-12);
  }
}
