package io.failwise.operator;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The controller's clock: the system clock, unless the demo switches it to the fleet simulator's,
 * so that detection, decisions and runs all live in the same simulated night.
 */
public final class SwitchableClock extends Clock {
  private volatile Clock delegate;
  private volatile boolean switched;

  public SwitchableClock(Clock initial) {
    this.delegate = Objects.requireNonNull(initial);
  }

  public void switchTo(Clock clock) {
    this.delegate = Objects.requireNonNull(clock);
    this.switched = true;
  }

  /** Whether the controller runs on a simulated clock (the demo, a sped-up world), not the system's. */
  public boolean switched() {
    return switched;
  }

  @Override
  public ZoneId getZone() {
    return delegate.getZone();
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return delegate.withZone(zone);
  }

  @Override
  public Instant instant() {
    return delegate.instant();
  }

  @Override
  public long millis() {
    return delegate.millis();
  }
}
