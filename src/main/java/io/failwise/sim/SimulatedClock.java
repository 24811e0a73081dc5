package io.failwise.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that stands still until the fleet simulator moves it forward (move the fleet with
 * {@link FleetSimulator#advance}, never the clock). The demo hands it to the
 * controller as its CDI {@link Clock}, so detection, decisions and runs live in simulated time.
 * Thread-safe: the simulator advances it while the controller's threads read it.
 */
public final class SimulatedClock extends Clock {
  private final AtomicLong epochMillis;
  private final ZoneId zone;

  public SimulatedClock(Instant start) {
    this(new AtomicLong(start.toEpochMilli()), ZoneOffset.UTC);
  }

  private SimulatedClock(AtomicLong epochMillis, ZoneId zone) {
    this.epochMillis = epochMillis;
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** A view in another zone that shares this clock's time (moving one moves both). */
  @Override
  public SimulatedClock withZone(ZoneId zone) {
    return zone.equals(this.zone) ? this : new SimulatedClock(epochMillis, zone);
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(epochMillis.get());
  }

  @Override
  public long millis() {
    return epochMillis.get();
  }

  /**
   * Moves the clock forward to {@code t}; simulated time never runs backwards. Package-private: the
   * fleet simulator owns its clock, and a clock moved behind its back would run ahead of the fleet.
   */
  void advanceTo(Instant t) {
    long target = t.toEpochMilli();
    long previous = epochMillis.getAndAccumulate(target, Math::max);
    if (target < previous) {
      throw new IllegalArgumentException("simulated time cannot go back from " + Instant.ofEpochMilli(previous) + " to " + t);
    }
  }

  void advance(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("simulated time cannot go back (" + d + ")");
    }
    epochMillis.addAndGet(d.toMillis());
  }

  @Override
  public String toString() {
    return "SimulatedClock[" + instant() + ", " + zone + "]";
  }
}
