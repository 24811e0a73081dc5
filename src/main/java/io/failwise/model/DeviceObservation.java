package io.failwise.model;

import java.time.Instant;

/** Device counts of one cluster read at one moment. */
public record DeviceObservation(long expected, long connected, Instant at) {
  public DeviceObservation {
    if (expected < 0 || connected < 0) {
      throw new IllegalArgumentException("device counts cannot be negative: expected=" + expected + ", connected=" + connected);
    }
  }

  /** Devices expected but not connected; never negative (a surplus of connections is not an outage). */
  public long offline() {
    return Math.max(0, expected - connected);
  }

  /** Fraction of expected devices that are offline, 0 when nothing is expected. */
  public double offlineRatio() {
    return expected == 0 ? 0.0 : (double) offline() / expected;
  }
}
