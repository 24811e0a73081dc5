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
 * freeze window while the controller's reconciles still see time pass; or that stands still, so a
 * test can tell "no time passed on the controller's clock" from "the machine was slow". Enabled by
 * {@link PolicyProfile}.
 */
@Alternative
@Singleton
public class ShiftedClock extends Clock {
  private volatile Duration offset = Duration.ZERO;
  /** When set, the time the clock reads, whatever the wall clock does. */
  private volatile Instant held;

  /** From now on the clock reads {@code t}, and moves on from there. */
  public void startAt(Instant t) {
    held = null;
    offset = Duration.between(Instant.now(), t);
  }

  /** From now on the clock reads {@code t} and does not move until {@link #reset}. */
  public void holdAt(Instant t) {
    held = t;
  }

  public void reset() {
    held = null;
    offset = Duration.ZERO;
  }

  @Override
  public Instant instant() {
    Instant t = held;
    return t != null ? t : Instant.now().plus(offset);
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
