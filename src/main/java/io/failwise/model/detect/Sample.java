package io.failwise.model.detect;

import java.time.Instant;

/**
 * One point of a cluster's device series: devices connected at a moment and, when the observer knows
 * it, how many are expected.
 *
 * @param expected null when the observer has no expected-devices query: the detector then judges the
 *     connected count against its own baseline
 */
public record Sample(Instant at, long connected, Long expected) {
  public Sample {
    if (at == null) {
      throw new IllegalArgumentException("a sample needs a time");
    }
    if (connected < 0 || (expected != null && expected < 0)) {
      throw new IllegalArgumentException(
          "device counts cannot be negative: connected=" + connected + ", expected=" + expected);
    }
  }

  public static Sample of(Instant at, long connected, long expected) {
    return new Sample(at, connected, expected);
  }
}
