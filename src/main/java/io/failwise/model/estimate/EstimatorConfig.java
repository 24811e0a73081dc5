package io.failwise.model.estimate;

import java.time.Duration;

/**
 * The estimator's assumptions that no resource states.
 *
 * @param intermittentOfflineShare share of the time an intermittently affected device is offline (no
 *     public figure exists; one half is the least-informed guess, see docs/estimator.md)
 * @param reevaluateMin the soonest re-evaluation, so that signals have time to move
 * @param reevaluateMax the latest re-evaluation, even when the answer would not flip by itself sooner
 */
public record EstimatorConfig(double intermittentOfflineShare, Duration reevaluateMin, Duration reevaluateMax) {
  public static final EstimatorConfig DEFAULT = new EstimatorConfig(0.5, Duration.ofMinutes(5), Duration.ofMinutes(15));

  public EstimatorConfig {
    if (!(intermittentOfflineShare > 0 && intermittentOfflineShare <= 1)) {
      throw new IllegalArgumentException("intermittentOfflineShare must be in (0, 1], got " + intermittentOfflineShare);
    }
    if (reevaluateMin.isNegative() || reevaluateMax.compareTo(reevaluateMin) < 0) {
      throw new IllegalArgumentException(
          "re-evaluation needs 0 <= reevaluateMin <= reevaluateMax, got " + reevaluateMin + " and " + reevaluateMax);
    }
  }
}
