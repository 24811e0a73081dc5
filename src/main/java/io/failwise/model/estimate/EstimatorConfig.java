package io.failwise.model.estimate;

import java.time.Duration;

/**
 * The estimator's assumptions that no resource states.
 *
 * @param maxTargetUtilization highest share of a target's capacity it may use once devices have moved: the
 *     same cap as the playbook precheck's {@code maxTargetUtilization}, so an estimate and a plan agree on room
 * @param reevaluateMin the soonest re-evaluation, so that signals have time to move, unless the estimate's
 *     flip or a rise's wait step comes sooner; the soonest a policy re-decides on schedule in any case
 * @param reevaluateMax the latest re-evaluation, and the step of the sequential decision: holding now means
 *     deciding again at most this much later (the policy's re-decision horizon)
 * @param materialChange the share by which the offline count must move for the policy to decide again
 *     before its scheduled time (the policy's {@code trigger.materialChange}): while the count rises,
 *     holding means deciding again as soon as it has risen by this share
 */
public record EstimatorConfig(double maxTargetUtilization, Duration reevaluateMin, Duration reevaluateMax, double materialChange) {
  /** The policy trigger's default {@code materialChange}. */
  public static final double DEFAULT_MATERIAL_CHANGE = 0.2;

  public static final EstimatorConfig DEFAULT = new EstimatorConfig(0.9, Duration.ofMinutes(5), Duration.ofMinutes(15));

  public EstimatorConfig(double maxTargetUtilization, Duration reevaluateMin, Duration reevaluateMax) {
    this(maxTargetUtilization, reevaluateMin, reevaluateMax, DEFAULT_MATERIAL_CHANGE);
  }

  public EstimatorConfig {
    if (!(maxTargetUtilization > 0 && maxTargetUtilization <= 1)) {
      throw new IllegalArgumentException("maxTargetUtilization must be in (0, 1], got " + maxTargetUtilization);
    }
    if (reevaluateMin.isNegative() || reevaluateMax.compareTo(reevaluateMin) < 0 || reevaluateMax.isZero()) {
      throw new IllegalArgumentException(
          "re-evaluation needs 0 <= reevaluateMin <= reevaluateMax, reevaluateMax above 0, got " + reevaluateMin + " and "
              + reevaluateMax);
    }
    if (!(materialChange > 0) || Double.isInfinite(materialChange)) {
      throw new IllegalArgumentException("materialChange must be a share above 0, got " + materialChange);
    }
  }

  /** The same assumptions with another utilisation cap (a playbook's precheck). */
  public EstimatorConfig withMaxTargetUtilization(double cap) {
    return new EstimatorConfig(cap, reevaluateMin, reevaluateMax, materialChange);
  }

  /** The same assumptions for a policy that re-decides on another {@code materialChange}. */
  public EstimatorConfig withMaterialChange(double share) {
    return new EstimatorConfig(maxTargetUtilization, reevaluateMin, reevaluateMax, share);
  }

  double stepMinutes() {
    return reevaluateMax.toNanos() / 60e9;
  }
}
