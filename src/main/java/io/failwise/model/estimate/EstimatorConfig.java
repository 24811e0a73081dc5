package io.failwise.model.estimate;

import java.time.Duration;

/**
 * The estimator's assumptions that no resource states.
 *
 * @param maxTargetUtilization highest share of a target's capacity it may use once devices have moved: the
 *     same cap as the playbook precheck's {@code maxTargetUtilization}, so an estimate and a plan agree on room
 * @param reevaluateMin the soonest re-evaluation, so that signals have time to move
 * @param reevaluateMax the latest re-evaluation, and the step of the sequential decision: holding now means
 *     deciding again at most this much later (the policy's re-decision horizon)
 */
public record EstimatorConfig(double maxTargetUtilization, Duration reevaluateMin, Duration reevaluateMax) {
  public static final EstimatorConfig DEFAULT = new EstimatorConfig(0.9, Duration.ofMinutes(5), Duration.ofMinutes(15));

  public EstimatorConfig {
    if (!(maxTargetUtilization > 0 && maxTargetUtilization <= 1)) {
      throw new IllegalArgumentException("maxTargetUtilization must be in (0, 1], got " + maxTargetUtilization);
    }
    if (reevaluateMin.isNegative() || reevaluateMax.compareTo(reevaluateMin) < 0 || reevaluateMax.isZero()) {
      throw new IllegalArgumentException(
          "re-evaluation needs 0 <= reevaluateMin <= reevaluateMax, reevaluateMax above 0, got " + reevaluateMin + " and "
              + reevaluateMax);
    }
  }

  /** The same assumptions with another utilisation cap (a playbook's precheck). */
  public EstimatorConfig withMaxTargetUtilization(double cap) {
    return new EstimatorConfig(cap, reevaluateMin, reevaluateMax);
  }

  double stepMinutes() {
    return reevaluateMax.toNanos() / 60e9;
  }
}
