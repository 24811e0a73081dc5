package io.failwise.model.run;

import io.failwise.model.DeviceObservation;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the stop conditions are evaluated against at one moment of a run.
 *
 * @param targetConnectedBaseline devices connected at the target before the first wave
 * @param devicesAtTarget devices the run has moved to the target and not yet back
 * @param lastWaveAt when the last wave was applied, null before the first
 */
public record StopReadings(
    Instant now, Reading target, Reading source, long targetConnectedBaseline, long devicesAtTarget, Instant lastWaveAt) {

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
