package io.failwise.signals;

import io.failwise.model.DeviceObservation;
import java.util.Optional;

/**
 * What a signal source said about a cluster: device counts, or why it could not tell. An unknown
 * reading is never treated as healthy.
 */
public record SignalReading(Optional<DeviceObservation> observation, String unknownReason, String unknownMessage) {

  public static SignalReading known(DeviceObservation observation) {
    return new SignalReading(Optional.of(observation), null, null);
  }

  /** @param reason CamelCase, e.g. Unreachable, EmptyResult, Stale */
  public static SignalReading unknown(String reason, String message) {
    return new SignalReading(Optional.empty(), reason, message);
  }

  public boolean isKnown() {
    return observation.isPresent();
  }
}
