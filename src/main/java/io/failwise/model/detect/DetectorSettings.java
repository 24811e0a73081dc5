package io.failwise.model.detect;

import java.time.Duration;

/**
 * How the offline detector judges a series. See docs/detection.md for the reasoning behind each
 * default.
 *
 * @param step the series resolution; a gap longer than this is not filled in
 * @param baselineHalfLife how fast the baseline follows the daily rhythm: much slower than an onset,
 *     much faster than evening turning into night
 * @param warmUp samples needed before the detector judges anything
 * @param allowanceSigmas CUSUM reference value k: drift per step (in noise units) that is forgiven
 * @param alarmSigmas CUSUM decision level h: evidence needed to call a change point
 * @param maxStepSigmas cap on one step's contribution, so that one glitch is never enough
 * @param degradedExcessRatio devices offline above the baseline, as a share of the cluster, from
 *     which a change point makes the cluster Degraded
 * @param minimumDegradedDevices the Degraded floor in devices, for small clusters
 * @param outageExcessRatio the same share for Outage
 * @param minimumOutageDevices the Outage floor in devices, for small clusters
 * @param recoveryRatio the excess must fall below this fraction of a floor to count as recovered
 * @param recoveryHold how long it must stay there before the state steps down
 * @param degradedAcceptAfter a Degraded loss that neither grows into an Outage nor heals for this
 *     long becomes the new normal level (devices retired, a market's ISP gone for good); until then
 *     the loss is remembered and the baseline is not allowed to absorb it
 * @param confirmSamples consecutive samples whose excess must pass a floor before the state changes:
 *     a dip of fewer samples that returns (a scrape that missed a shard) is never Degraded or Outage
 */
public record DetectorSettings(
    Duration step,
    Duration baselineHalfLife,
    Duration warmUp,
    double allowanceSigmas,
    double alarmSigmas,
    double maxStepSigmas,
    double degradedExcessRatio,
    long minimumDegradedDevices,
    double outageExcessRatio,
    long minimumOutageDevices,
    double recoveryRatio,
    Duration recoveryHold,
    Duration degradedAcceptAfter,
    int confirmSamples) {

  /** The settings before {@code confirmSamples} existed, with its default of 3 samples. */
  public DetectorSettings(
      Duration step,
      Duration baselineHalfLife,
      Duration warmUp,
      double allowanceSigmas,
      double alarmSigmas,
      double maxStepSigmas,
      double degradedExcessRatio,
      long minimumDegradedDevices,
      double outageExcessRatio,
      long minimumOutageDevices,
      double recoveryRatio,
      Duration recoveryHold,
      Duration degradedAcceptAfter) {
    this(
        step, baselineHalfLife, warmUp, allowanceSigmas, alarmSigmas, maxStepSigmas, degradedExcessRatio,
        minimumDegradedDevices, outageExcessRatio, minimumOutageDevices, recoveryRatio, recoveryHold,
        degradedAcceptAfter, DEFAULT_CONFIRM_SAMPLES);
  }

  /** Three samples: at 15 s, a sudden loss is confirmed 30 s after it shows; a two-sample glitch never is. */
  public static final int DEFAULT_CONFIRM_SAMPLES = 3;

  public DetectorSettings {
    if (step.isZero() || step.isNegative()) {
      throw new IllegalArgumentException("the detector's step must be positive, got " + step);
    }
    if (baselineHalfLife.compareTo(step) < 0) {
      throw new IllegalArgumentException("baselineHalfLife must be at least one step, got " + baselineHalfLife);
    }
    if (!(allowanceSigmas >= 0 && alarmSigmas > 0 && maxStepSigmas > allowanceSigmas)) {
      throw new IllegalArgumentException(
          "CUSUM needs allowanceSigmas >= 0, alarmSigmas > 0 and maxStepSigmas > allowanceSigmas");
    }
    if (!(degradedExcessRatio > 0 && degradedExcessRatio <= outageExcessRatio && outageExcessRatio <= 1)) {
      throw new IllegalArgumentException(
          "need 0 < degradedExcessRatio <= outageExcessRatio <= 1, got "
              + degradedExcessRatio + " and " + outageExcessRatio);
    }
    if (minimumDegradedDevices < 0 || minimumOutageDevices < minimumDegradedDevices) {
      throw new IllegalArgumentException("need 0 <= minimumDegradedDevices <= minimumOutageDevices");
    }
    if (!(recoveryRatio > 0 && recoveryRatio <= 1)) {
      throw new IllegalArgumentException("recoveryRatio must be in (0, 1], got " + recoveryRatio);
    }
    if (confirmSamples < 1 || confirmSamples > 40) {
      throw new IllegalArgumentException("confirmSamples must be from 1 to 40, got " + confirmSamples);
    }
    if (recoveryHold.isNegative()) {
      throw new IllegalArgumentException("recoveryHold cannot be negative, got " + recoveryHold);
    }
  }

  /** The defaults documented in docs/detection.md and used by `failwise bench detection`. */
  public static DetectorSettings defaults() {
    return new DetectorSettings(
        Duration.ofSeconds(15),
        Duration.ofMinutes(10),
        Duration.ofMinutes(5),
        1.0,
        8.0,
        6.0,
        0.005,
        200,
        0.02,
        1_000,
        0.5,
        Duration.ofMinutes(5),
        Duration.ofHours(24),
        DEFAULT_CONFIRM_SAMPLES);
  }

  /** Smoothing factor per step for a given half-life. */
  double alphaPerStep() {
    double steps = (double) baselineHalfLife.toMillis() / step.toMillis();
    return 1 - Math.pow(0.5, 1 / steps);
  }

  long warmUpSamples() {
    return Math.max(2, warmUp.toMillis() / step.toMillis());
  }
}
