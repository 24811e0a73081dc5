package io.failwise.model.run;

import io.failwise.model.DeviceObservation;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What the stop conditions are evaluated against at one moment of a run.
 *
 * @param targetConnectedBaseline devices connected at the target before the first wave
 * @param devicesAtTarget devices the run has moved to the target and not yet back
 * @param lastWaveAt when the last wave was applied, null before the first
 * @param before the share of each cluster's expected devices offline before the first wave
 */
public record StopReadings(
    Instant now,
    Reading target,
    Reading source,
    long targetConnectedBaseline,
    long devicesAtTarget,
    Instant lastWaveAt,
    Before before) {

  /** Readings without a pre-run baseline of the offline shares. */
  public StopReadings(
      Instant now, Reading target, Reading source, long targetConnectedBaseline, long devicesAtTarget, Instant lastWaveAt) {
    this(now, target, source, targetConnectedBaseline, devicesAtTarget, lastWaveAt, Before.UNKNOWN);
  }

  /** The share of expected devices offline at each cluster before the first wave; NaN where unknown. */
  public record Before(double targetOfflineRatio, double sourceOfflineRatio) {
    public static final Before UNKNOWN = new Before(Double.NaN, Double.NaN);
  }

  OptionalDouble offlineRatioBefore(StopRule.Side side) {
    double ratio = side == StopRule.Side.TARGET ? before.targetOfflineRatio() : before.sourceOfflineRatio();
    return Double.isNaN(ratio) ? OptionalDouble.empty() : OptionalDouble.of(ratio);
  }

  /** One cluster's device counts, or since when and why they are unknown. */
  public record Reading(Optional<DeviceObservation> observation, Instant unknownSince, String reason) {
    public static Reading known(DeviceObservation o) {
      return new Reading(Optional.of(o), null, null);
    }

    public static Reading unknown(Instant since, String reason) {
      return new Reading(Optional.empty(), since, reason);
    }
  }

  Reading reading(StopRule.Side side) {
    return side == StopRule.Side.TARGET ? target : source;
  }

  /** The first rule that fires, in the playbook's order, with its sentence. */
  public static Optional<Firing> firstFiring(List<StopRule> rules, StopReadings readings) {
    for (StopRule rule : rules) {
      Optional<String> why = rule.check(readings);
      if (why.isPresent()) {
        return Optional.of(new Firing(rule.name(), why.get()));
      }
    }
    return Optional.empty();
  }

  /** A stop condition that fired: its name and why. */
  public record Firing(String rule, String message) {}
}
