package io.failwise.model.calibration;

import java.time.Duration;
import java.time.Instant;

/**
 * One wave of a run's shift as it happened: how many devices it moved, when it was applied, and when
 * the target first held them (95% of them, at the engine's look).
 */
public record WaveTiming(long devices, Instant appliedAt, Instant arrivedAt) {
  /** Seconds from the wave being applied to its devices being connected at the target. */
  public double latencySeconds() {
    return Duration.between(appliedAt, arrivedAt).toMillis() / 1000.0;
  }
}
