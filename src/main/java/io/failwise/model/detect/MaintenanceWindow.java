package io.failwise.model.detect;

import io.failwise.model.Format;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A planned window in which devices are expected to drop and reconnect (a broker upgrade, a nightly
 * restart): inside it a loss is Degraded with reason Maintenance, never an Outage. Either one-off
 * (from {@code start} to {@code end}) or recurring (every listed day at {@code at} local time in
 * {@code zone}, for {@code length}; no days means every day).
 */
public record MaintenanceWindow(
    String reason, Instant start, Instant end, Set<DayOfWeek> days, LocalTime at, Duration length, ZoneId zone) {

  /** The longest window: a day. Anything longer is a silence nobody will remember to lift. */
  public static final Duration LONGEST = Duration.ofDays(1);

  public MaintenanceWindow {
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("a maintenance window needs a reason");
    }
    boolean oneOff = start != null || end != null;
    boolean recurring = at != null || length != null;
    if (oneOff == recurring) {
      throw new IllegalArgumentException("a maintenance window is either one-off (start and end) or recurring (at and length)");
    }
    if (oneOff) {
      if (start == null || end == null || !end.isAfter(start)) {
        throw new IllegalArgumentException("a one-off maintenance window needs a start and an end after it");
      }
      if (Duration.between(start, end).compareTo(LONGEST) > 0) {
        throw new IllegalArgumentException("a maintenance window lasts at most 24 h, got " + Format.exactDuration(Duration.between(start, end)));
      }
    } else {
      if (at == null || length == null || length.isZero() || length.isNegative() || length.compareTo(LONGEST) > 0) {
        throw new IllegalArgumentException("a recurring maintenance window needs a time of day and a length from 1 s to 24 h");
      }
      days = days == null || days.isEmpty() ? EnumSet.allOf(DayOfWeek.class) : EnumSet.copyOf(days);
      zone = zone == null ? ZoneId.of("UTC") : zone;
    }
  }

  public static MaintenanceWindow once(String reason, Instant start, Instant end) {
    return new MaintenanceWindow(reason, start, end, null, null, null, null);
  }

  public static MaintenanceWindow recurring(String reason, Set<DayOfWeek> days, LocalTime at, Duration length, ZoneId zone) {
    return new MaintenanceWindow(reason, null, null, days, at, length, zone);
  }

  /** Whether {@code t} falls inside the window (start inclusive, end exclusive). */
  public boolean covers(Instant t) {
    if (start != null) {
      return !t.isBefore(start) && t.isBefore(end);
    }
    ZonedDateTime local = t.atZone(zone);
    // The occurrence that began today or, for a window across midnight, yesterday.
    for (int back = 0; back <= 1; back++) {
      ZonedDateTime day = local.minusDays(back);
      if (!days.contains(day.getDayOfWeek())) {
        continue;
      }
      Instant from = day.toLocalDate().atTime(at).atZone(zone).toInstant();
      if (!t.isBefore(from) && t.isBefore(from.plus(length))) {
        return true;
      }
    }
    return false;
  }

  /** When the occurrence covering {@code t} ends, or null when none covers it. */
  public Instant endOfOccurrence(Instant t) {
    if (!covers(t)) {
      return null;
    }
    if (end != null) {
      return end;
    }
    ZonedDateTime local = t.atZone(zone);
    for (int back = 0; back <= 1; back++) {
      ZonedDateTime day = local.minusDays(back);
      Instant from = day.toLocalDate().atTime(at).atZone(zone).toInstant();
      if (days.contains(day.getDayOfWeek()) && !t.isBefore(from) && t.isBefore(from.plus(length))) {
        return from.plus(length);
      }
    }
    return null;
  }

  /** A phrase for a person: "broker upgrade (until 2026-03-14T02:30:00Z)". */
  public String describe(Instant t) {
    Instant until = endOfOccurrence(t);
    return reason + (until == null ? "" : " (until " + until + ")");
  }

  /** How the window reads in a listing. */
  public String schedule() {
    if (start != null) {
      return start + " to " + end;
    }
    String on =
        days.size() == 7 ? "daily" : days.stream().map(d -> d.name().substring(0, 3)).collect(Collectors.joining(","));
    return on + " at " + at + " " + zone.getId() + " for " + io.failwise.model.Format.duration(length);
  }
}
