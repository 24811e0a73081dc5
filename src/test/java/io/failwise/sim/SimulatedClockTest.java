package io.failwise.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class SimulatedClockTest {
  static final Instant T0 = Instant.parse("2026-03-12T19:45:00Z");

  @Test
  void standsStillUntilMovedAndNeverGoesBack() {
    SimulatedClock clock = new SimulatedClock(T0);
    assertEquals(T0, clock.instant());
    assertEquals(T0, clock.instant(), "time does not pass by itself");
    clock.advance(Duration.ofMinutes(4));
    assertEquals(T0.plusSeconds(240), clock.instant());
    clock.advanceTo(T0.plusSeconds(300));
    assertEquals(T0.plusSeconds(300).toEpochMilli(), clock.millis());
    assertThrows(IllegalArgumentException.class, () -> clock.advanceTo(T0));
    assertThrows(IllegalArgumentException.class, () -> clock.advance(Duration.ofSeconds(-1)));
    assertEquals(T0.plusSeconds(300), clock.instant());
  }

  @Test
  void aViewInAnotherZoneSharesTheTime() {
    SimulatedClock utc = new SimulatedClock(T0);
    SimulatedClock cet = utc.withZone(ZoneId.of("CET"));
    utc.advance(Duration.ofMinutes(13));
    assertEquals("20:58", java.time.LocalTime.now(cet).toString(), "the report's critical alert, in CET");
    assertEquals(ZoneId.of("CET"), cet.getZone());
  }
}
