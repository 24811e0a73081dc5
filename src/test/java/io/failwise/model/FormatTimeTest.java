package io.failwise.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Every time in a decision carries its zone: a bridge call spans time zones. */
class FormatTimeTest {
  private static final Instant AT = Instant.parse("2026-03-12T20:40:00Z");

  @Test
  void aTimeOnTheDayOfTheDecisionGivesTheClockAndTheOffset() {
    assertEquals("21:55 +01:00", Format.time(Instant.parse("2026-03-12T20:55:00Z"), AT, ZoneId.of("Europe/Oslo")));
    assertEquals("16:55 -04:00", Format.time(Instant.parse("2026-03-12T20:55:00Z"), AT, ZoneId.of("America/New_York")));
    assertEquals("02:25 +05:30", Format.time(Instant.parse("2026-03-12T20:55:00Z"), Instant.parse("2026-03-12T20:56:00Z"), ZoneId.of("Asia/Kolkata")));
  }

  /** "Re-evaluate at 12:00" for 12:00:36 reads as the past: a moment to come back at keeps its seconds. */
  @Test
  void aMomentToComeBackAtKeepsItsSeconds() {
    assertEquals("21:39:42 +01:00", Format.timeToTheSecond(Instant.parse("2026-03-12T20:39:42Z"), AT, ZoneId.of("CET")));
    assertEquals("21:55 +01:00", Format.timeToTheSecond(Instant.parse("2026-03-12T20:55:00Z"), AT, ZoneId.of("CET")), "a whole minute as before");
    assertEquals("2026-03-13 00:35:08 +01:00", Format.timeToTheSecond(Instant.parse("2026-03-12T23:35:08Z"), AT, ZoneId.of("CET")));
    assertEquals("20:55:30 UTC", Format.timeToTheSecond(Instant.parse("2026-03-12T20:55:30Z"), AT, ZoneOffset.UTC));
  }

  @Test
  void aZeroOffsetSaysUtc() {
    assertEquals("20:55 UTC", Format.time(Instant.parse("2026-03-12T20:55:00Z"), AT, ZoneOffset.UTC));
    assertEquals("20:55 UTC", Format.time(Instant.parse("2026-03-12T20:55:00Z"), AT, ZoneId.of("Europe/London")), "London in winter");
  }

  @Test
  void anotherDayGivesTheDateAsEstimatePrintsIt() {
    assertEquals("2026-03-13 00:35 +01:00", Format.time(Instant.parse("2026-03-12T23:35:00Z"), AT, ZoneId.of("CET")));
    assertEquals("2026-03-11 23:00 +01:00", Format.time(Instant.parse("2026-03-11T22:00:00Z"), AT, ZoneId.of("CET")));
  }

  @Test
  void theOffsetIsTheZonesAtThatInstantAcrossADaylightSavingChange() {
    // Europe/Oslo moves to +02:00 at 01:00 UTC on 29 March 2026.
    Instant evening = Instant.parse("2026-03-28T22:00:00Z");
    assertEquals("23:00 +01:00", Format.time(evening, evening, ZoneId.of("Europe/Oslo")));
    assertEquals("2026-03-29 04:00 +02:00", Format.time(Instant.parse("2026-03-29T02:00:00Z"), evening, ZoneId.of("Europe/Oslo")));
  }
}
