package io.failwise.model;

import java.util.Optional;

/**
 * A failover target in its source's own region: the outage of the region reaches both, so failing over
 * there is no regional failover. One rule and one sentence for the estimator's target choice, the run's
 * precheck and admission, and {@code validate}.
 */
public final class SameRegion {
  private SameRegion() {}

  /** Whether both regions are known and the same. */
  public static boolean same(String sourceRegion, String targetRegion) {
    return sourceRegion != null && !sourceRegion.isEmpty() && sourceRegion.equals(targetRegion);
  }

  /** "B is in A's own region (R): failing over there is no regional failover", when {@link #same}. */
  public static Optional<String> refusal(String source, String sourceRegion, String target, String targetRegion) {
    return same(sourceRegion, targetRegion)
        ? Optional.of(target + " is in " + source + "'s own region (" + targetRegion + "): failing over there is no regional failover")
        : Optional.empty();
  }
}
