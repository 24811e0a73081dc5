package io.failwise.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.api.ClusterSpec;
import io.failwise.api.MaintenanceWindowSpec;
import io.failwise.model.detect.MaintenanceSchedule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaintenanceWindowsTest {
  @Test
  void aRecurringWindowCoversItsDaysInItsTimeZoneAcrossMidnight() {
    MaintenanceWindowSpec w = recurring("23:30", "1h", "Europe/Oslo", List.of("Sat"));
    MaintenanceSchedule s = parsed(w).schedule();
    // Saturday 14 March 2026, 23:30 CET is 22:30 UTC; the window runs to Sunday 00:30 CET.
    assertTrue(s.covers(Instant.parse("2026-03-14T22:30:00Z")));
    assertTrue(s.covers(Instant.parse("2026-03-14T23:29:59Z")), "after midnight local time, still Saturday's window");
    assertFalse(s.covers(Instant.parse("2026-03-14T23:30:00Z")), "the end is exclusive");
    assertFalse(s.covers(Instant.parse("2026-03-15T22:30:00Z")), "not on Sunday");
    assertFalse(s.covers(Instant.parse("2026-03-14T22:29:59Z")));
  }

  @Test
  void aOneOffWindowCoversFromStartToEnd() {
    MaintenanceWindowSpec w = new MaintenanceWindowSpec();
    w.reason = "broker upgrade";
    w.start = "2026-03-14T02:00:00Z";
    w.end = "2026-03-14T02:30:00+00:00";
    MaintenanceSchedule s = parsed(w).schedule();
    assertTrue(s.covers(Instant.parse("2026-03-14T02:00:00Z")));
    assertFalse(s.covers(Instant.parse("2026-03-14T02:30:00Z")));
    assertEquals("broker upgrade (until 2026-03-14T02:30:00Z)", s.at(Instant.parse("2026-03-14T02:10:00Z")).orElseThrow().describe(Instant.parse("2026-03-14T02:10:00Z")));
  }

  @Test
  void badWindowsNameTheFieldAndWhatIsValidAndTheOthersStillApply() {
    MaintenanceWindowSpec good = recurring("03:00", "20m", null, null);
    MaintenanceWindowSpec noReason = recurring("03:00", "20m", null, null);
    noReason.reason = " ";
    MaintenanceWindowSpec badZone = recurring("03:00", "20m", "Mars/Olympus", null);
    MaintenanceWindowSpec badDay = recurring("03:00", "20m", null, List.of("Funday"));
    MaintenanceWindowSpec tooLong = recurring("03:00", "25h", null, null);
    MaintenanceWindowSpec badTime = recurring("3 am", "20m", null, null);
    MaintenanceWindowSpec both = recurring("03:00", "20m", null, null);
    both.start = "2026-03-14T02:00:00Z";
    MaintenanceWindowSpec backwards = new MaintenanceWindowSpec();
    backwards.reason = "x";
    backwards.start = "2026-03-14T02:00:00Z";
    backwards.end = "2026-03-14T01:00:00Z";
    MaintenanceWindowSpec dayAndAHalfHour = new MaintenanceWindowSpec();
    dayAndAHalfHour.reason = "x";
    dayAndAHalfHour.start = "2026-03-14T02:00:00Z";
    dayAndAHalfHour.end = "2026-03-15T02:30:00Z";
    MaintenanceWindows.Parsed p = parsed(good, noReason, badZone, badDay, tooLong, badTime, both, backwards, dayAndAHalfHour);
    assertEquals(1, p.schedule().windows().size(), "the good window still applies");
    assertEquals(
        List.of(
            "spec.maintenance[1].reason",
            "spec.maintenance[2].timeZone",
            "spec.maintenance[3].days[0]",
            "spec.maintenance[4].duration",
            "spec.maintenance[5].at",
            "spec.maintenance[6]",
            "spec.maintenance[7].end",
            "spec.maintenance[8].end"),
        p.problems().stream().map(Problem::field).toList());
    // To the second, not rounded down to the limit it crosses ("at most 24 h; got 24 h").
    assertTrue(p.problems().get(7).message().endsWith("a window lasts at most 24 h; got 24 h 30 min"), p.problems().get(7).message());
    assertTrue(p.problems().get(1).message().contains("Europe/Oslo"), p.problems().get(1).message());
    assertTrue(p.problems().get(3).message().contains("from 1s to 24h"), p.problems().get(3).message());
  }

  /**
   * Every problem of a window at once, not the first: a person fixing the reason should not have to
   * apply again to learn that the time, the duration, the zone and a day were wrong too.
   */
  @Test
  void aWindowWithSeveralProblemsNamesEachOfThem() {
    MaintenanceWindowSpec recurring = recurring("3 am", "forever", "Mars/Olympus", List.of("Mon", "Funday", "Sat", "Someday"));
    recurring.reason = null;
    MaintenanceWindowSpec oneOff = new MaintenanceWindowSpec();
    oneOff.reason = "broker upgrade";
    oneOff.start = "tonight";
    oneOff.end = "tomorrow";
    MaintenanceWindows.Parsed p = parsed(recurring, oneOff, recurring("03:00", "20m", null, null));
    assertEquals(
        List.of(
            "spec.maintenance[0].reason",
            "spec.maintenance[0].at",
            "spec.maintenance[0].duration",
            "spec.maintenance[0].timeZone",
            "spec.maintenance[0].days[1]",
            "spec.maintenance[0].days[3]",
            "spec.maintenance[1].start",
            "spec.maintenance[1].end"),
        p.problems().stream().map(Problem::field).toList());
    assertEquals(1, p.schedule().windows().size(), "the good window still applies; the two bad ones do not");
  }

  @Test
  void silenceAppendsAWindowFromNowAndDropsOnlyLongEndedSilences() {
    Instant now = Instant.parse("2026-03-14T02:00:07.5Z");
    MaintenanceWindowSpec byHand = new MaintenanceWindowSpec();
    byHand.reason = "old, written by hand";
    byHand.start = "2026-03-01T02:00:00Z";
    byHand.end = "2026-03-01T03:00:00Z";
    List<MaintenanceWindowSpec> once = Silences.add(List.of(byHand), now.minus(Duration.ofDays(3)), Duration.ofMinutes(30), "first", "ana");
    List<MaintenanceWindowSpec> twice = Silences.add(once, now, Duration.ofMinutes(30), "broker upgrade", "bo");
    assertEquals(List.of("old, written by hand", "broker upgrade"), twice.stream().map(w -> w.reason).toList());
    MaintenanceWindowSpec w = twice.get(1);
    assertEquals("2026-03-14T02:00:07Z", w.start);
    assertEquals("2026-03-14T02:30:07Z", w.end);
    assertEquals("bo", w.createdBy);
    ClusterSpec spec = new ClusterSpec();
    spec.maintenance = twice;
    assertTrue(MaintenanceWindows.of(spec).schedule().covers(now.plus(Duration.ofMinutes(29))));
  }

  private static MaintenanceWindowSpec recurring(String at, String duration, String zone, List<String> days) {
    MaintenanceWindowSpec w = new MaintenanceWindowSpec();
    w.reason = "nightly broker restart";
    w.at = at;
    w.duration = duration;
    w.timeZone = zone;
    w.days = days;
    return w;
  }

  private static MaintenanceWindows.Parsed parsed(MaintenanceWindowSpec... windows) {
    ClusterSpec spec = new ClusterSpec();
    spec.maintenance = List.of(windows);
    return MaintenanceWindows.of(spec);
  }
}
