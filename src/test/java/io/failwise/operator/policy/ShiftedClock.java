package io.failwise.operator.policy;

import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that ticks like the wall clock from a time the test chooses, so a test can stand inside a
 * freeze window while the controller's reconciles still see time pass. Enabled by {@link PolicyProfile}.
 */
@Alternative
@Singleton
public class ShiftedClock extends Clock {
  private volatile Duration offset = Duration.ZERO;

  /** From now on the clock reads {@code t}, and moves on from there. */
  public void startAt(Instant t) {
    offset = Duration.between(Instant.now(), t);
  }

  public void reset() {
    offset = Duration.ZERO;
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(offset);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
