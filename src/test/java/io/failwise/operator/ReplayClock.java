package io.failwise.operator;

import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock the test sets, so that the controller reads Prometheus at the data's time (March 2026),
 * not the wall clock's. Enabled only by {@link ReplayProfile}.
 */
@Alternative
@Singleton
public class ReplayClock extends Clock {
  private volatile Instant now = Instant.now();

  public void set(Instant instant) {
    now = instant;
  }

  @Override
  public Instant instant() {
    return now;
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
