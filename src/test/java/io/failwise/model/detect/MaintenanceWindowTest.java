package io.failwise.model.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which moments a planned window silences: its edges, midnight, its days and its zone. */
class MaintenanceWindowTest {
  private static final Instant START = Instant.parse("2026-03-14T01:00:00Z");
  private static final Instant END = Instant.parse("2026-03-14T02:30:00Z");
  private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

  @Test
  void aOneOffWindowCoversFromItsStartUpToButNotIncludingItsEnd() {
    MaintenanceWindow w = MaintenanceWindow.once("broker upgrade", START, END);
    assertFalse(w.covers(START.minusSeconds(1)));
    assertTrue(w.covers(START));
    assertTrue(w.covers(END.minusSeconds(1)));
    assertFalse(w.covers(END), "the end is the first moment devices are judged again");
    assertEquals(END, w.endOfOccurrence(START.plusSeconds(60)));
    assertNull(w.endOfOccurrence(END));
    assertEquals("broker upgrade (until 2026-03-14T02:30:00Z)", w.describe(START));
    assertEquals("broker upgrade", w.describe(END), "no 'until' once the window is over");
    assertEquals("2026-03-14T01:00:00Z to 2026-03-14T02:30:00Z", w.schedule());
  }

  @Test
  void aRecurringWindowCoversItsHoursOnItsDaysInItsZone() {
    // 02:00 Oslo on Saturdays for 30 min; 14 March 2026 is a Saturday, Oslo is UTC+1 in March before the 29th.
    MaintenanceWindow w =
        MaintenanceWindow.recurring("nightly restart", Set.of(DayOfWeek.SATURDAY), LocalTime.of(2, 0), Duration.ofMinutes(30), OSLO);
    Instant from = Instant.parse("2026-03-14T01:00:00Z");
    assertFalse(w.covers(from.minusSeconds(1)));
    assertTrue(w.covers(from));
    assertTrue(w.covers(from.plusSeconds(29 * 60 + 59)));
    assertFalse(w.covers(from.plus(Duration.ofMinutes(30))));
    assertEquals(from.plus(Duration.ofMinutes(30)), w.endOfOccurrence(from.plusSeconds(600)));
    assertEquals("nightly restart (until 2026-03-14T01:30:00Z)", w.describe(from));
    assertFalse(w.covers(Instant.parse("2026-03-14T02:00:00Z")), "02:00 UTC is 03:00 in Oslo: outside");
    assertFalse(w.covers(from.plus(Duration.ofDays(1))), "Sunday is not a listed day");
    assertNull(w.endOfOccurrence(from.plus(Duration.ofDays(1))));
    assertTrue(w.covers(from.plus(Duration.ofDays(7))), "the next Saturday");
    assertEquals("SAT at 02:00 Europe/Oslo for 30 min", w.schedule());
  }

  @Test
  void aRecurringWindowFollowsTheZonesClockAcrossDaylightSavingTime() {
    MaintenanceWindow w = MaintenanceWindow.recurring("restart", Set.of(), LocalTime.of(4, 0), Duration.ofMinutes(10), OSLO);
    // Oslo moves to UTC+2 on 29 March 2026: 04:00 local is 03:00 UTC before, 02:00 UTC after.
    assertTrue(w.covers(Instant.parse("2026-03-28T03:05:00Z")));
    assertFalse(w.covers(Instant.parse("2026-03-28T02:05:00Z")));
    assertTrue(w.covers(Instant.parse("2026-03-30T02:05:00Z")));
    assertFalse(w.covers(Instant.parse("2026-03-30T03:05:00Z")));
  }

  @Test
  void aWindowAcrossMidnightBelongsToTheDayItStarted() {
    // Fridays 23:00 UTC for 2 h: Saturday 00:30 is inside, Saturday 23:30 is not (Saturday is not listed).
    MaintenanceWindow w =
        MaintenanceWindow.recurring("reindex", Set.of(DayOfWeek.FRIDAY), LocalTime.of(23, 0), Duration.ofHours(2), null);
    Instant friday = Instant.parse("2026-03-13T23:00:00Z");
    assertTrue(w.covers(friday.plusSeconds(90 * 60)));
    assertEquals(friday.plus(Duration.ofHours(2)), w.endOfOccurrence(friday.plusSeconds(90 * 60)));
    assertFalse(w.covers(friday.plus(Duration.ofHours(2))));
    assertFalse(w.covers(friday.plus(Duration.ofHours(24)).plusSeconds(1800)), "Saturday 23:30");
    assertFalse(w.covers(friday.minus(Duration.ofHours(23))), "Friday 00:00 would be inside Thursday's night, not listed");
    assertEquals("UTC", w.zone().getId(), "no zone means UTC");
    assertEquals("FRI at 23:00 UTC for 2 h", w.schedule());
  }

  @Test
  void aDayLongWindowEveryDayCoversEveryMomentAndEndsAtTheNextStart() {
    MaintenanceWindow w = MaintenanceWindow.recurring("freeze", null, LocalTime.of(6, 0), Duration.ofDays(1), null);
    assertEquals(EnumSet.allOf(DayOfWeek.class), w.days(), "no days means every day");
    Instant beforeSix = Instant.parse("2026-03-14T05:59:59Z");
    assertTrue(w.covers(beforeSix), "yesterday's occurrence still runs");
    assertEquals(Instant.parse("2026-03-14T06:00:00Z"), w.endOfOccurrence(beforeSix));
    assertEquals(Instant.parse("2026-03-15T06:00:00Z"), w.endOfOccurrence(Instant.parse("2026-03-14T06:00:00Z")));
    assertEquals("daily at 06:00 UTC for 24 h", w.schedule());
  }

  @Test
  void aDayOfTwoListedDaysListsThemInWeekOrder() {
    MaintenanceWindow w =
        MaintenanceWindow.recurring(
            "patch", Set.of(DayOfWeek.THURSDAY, DayOfWeek.MONDAY), LocalTime.of(3, 15), Duration.ofSeconds(90), ZoneId.of("UTC"));
    assertEquals("MON,THU at 03:15 UTC for 2 min", w.schedule());
    Instant monday = Instant.parse("2026-03-16T03:15:00Z");
    assertTrue(w.covers(monday.plusSeconds(89)));
    assertFalse(w.covers(monday.plusSeconds(90)));
    assertTrue(w.covers(monday.plus(Duration.ofDays(3))));
    assertFalse(w.covers(monday.plus(Duration.ofDays(1))));
  }

  @Test
  void theLongestWindowIsADay() {
    assertEquals(START.plus(Duration.ofDays(1)), MaintenanceWindow.once("day", START, START.plus(Duration.ofDays(1))).end());
    IllegalArgumentException tooLong =
        assertThrows(IllegalArgumentException.class, () -> MaintenanceWindow.once("x", START, START.plus(Duration.ofDays(1)).plusSeconds(1)));
    assertEquals("a maintenance window lasts at most 24 h, got 24 h 1 s", tooLong.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> MaintenanceWindow.recurring("x", null, LocalTime.NOON, Duration.ofDays(1).plusSeconds(1), null));
  }

  @Test
  void badWindowsAreRefusedSayingWhatIsValid() {
    record Case(String why, Runnable make, String message) {}
    String kind = "a maintenance window is either one-off (start and end) or recurring (at and length)";
    String oneOff = "a one-off maintenance window needs a start and an end after it";
    String recurring = "a recurring maintenance window needs a time of day and a length from 1 s to 24 h";
    List<Case> cases =
        List.of(
            new Case("no reason", () -> MaintenanceWindow.once(null, START, END), "a maintenance window needs a reason"),
            new Case("blank reason", () -> MaintenanceWindow.once("  ", START, END), "a maintenance window needs a reason"),
            new Case("neither kind", () -> new MaintenanceWindow("x", null, null, null, null, null, null), kind),
            new Case("both kinds", () -> new MaintenanceWindow("x", START, END, null, LocalTime.NOON, Duration.ofMinutes(5), null), kind),
            new Case("start only", () -> new MaintenanceWindow("x", START, null, null, null, null, null), oneOff),
            new Case("end only", () -> new MaintenanceWindow("x", null, END, null, null, null, null), oneOff),
            new Case("end at start", () -> MaintenanceWindow.once("x", START, START), oneOff),
            new Case("end before start", () -> MaintenanceWindow.once("x", END, START), oneOff),
            new Case("no time of day", () -> new MaintenanceWindow("x", null, null, null, null, Duration.ofMinutes(5), null), recurring),
            new Case("no length", () -> new MaintenanceWindow("x", null, null, null, LocalTime.NOON, null, null), recurring),
            new Case("zero length", () -> MaintenanceWindow.recurring("x", null, LocalTime.NOON, Duration.ZERO, null), recurring),
            new Case("negative length", () -> MaintenanceWindow.recurring("x", null, LocalTime.NOON, Duration.ofMinutes(-5), null), recurring));
    for (Case c : cases) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, c.make()::run, c.why());
      assertEquals(c.message(), e.getMessage(), c.why());
    }
  }

  @Test
  void aScheduleNamesTheFirstWindowCoveringAMoment() {
    MaintenanceWindow first = MaintenanceWindow.once("upgrade", START, END);
    MaintenanceWindow second = MaintenanceWindow.recurring("restart", null, LocalTime.of(2, 0), Duration.ofHours(1), null);
    MaintenanceSchedule schedule = new MaintenanceSchedule(List.of(first, second));
    assertEquals(first, schedule.at(Instant.parse("2026-03-14T02:15:00Z")).orElseThrow(), "both cover it: the first listed");
    assertEquals(second, schedule.at(Instant.parse("2026-03-14T02:45:00Z")).orElseThrow());
    assertTrue(schedule.covers(Instant.parse("2026-03-14T02:45:00Z")));
    assertFalse(schedule.covers(Instant.parse("2026-03-14T03:00:00Z")));
    assertFalse(MaintenanceSchedule.NONE.covers(START));
  }
}
