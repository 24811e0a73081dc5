package io.failwise.model.run;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

/**
 * A time when runs that move devices may not start: a one-off interval in RFC 3339
 * ({@code 2026-12-24T00:00:00Z/2026-12-27T00:00:00Z}) or a weekly one in UTC ({@code FRI 16:00/MON
 * 08:00}). Either may be named: {@code christmas=2026-12-24T00:00:00Z/2026-12-27T00:00:00Z}.
 */
public sealed interface FreezeWindow {
  String name();

  boolean contains(Instant t);

  /** When the window that contains {@code t} ends. */
  Instant endAfter(Instant t);

  /** The text it was parsed from. */
  String text();

  /** Parses one window; the exception message says what is valid. */
  static FreezeWindow parse(String text) {
    String t = text.trim();
    String name = "";
    int eq = t.indexOf('=');
    if (eq > 0) {
      name = t.substring(0, eq).trim();
      t = t.substring(eq + 1).trim();
    }
    String[] parts = t.split("/");
    if (parts.length != 2) {
      throw invalid(text);
    }
    try {
      if (Character.isDigit(parts[0].trim().charAt(0))) {
        Instant start = Instant.parse(parts[0].trim());
        Instant end = Instant.parse(parts[1].trim());
        if (!end.isAfter(start)) {
          throw new IllegalArgumentException("freeze window '" + text + "' ends before it starts");
        }
        return new Absolute(name, start, end, text.trim());
      }
      return new Weekly(name, WeekTime.parse(parts[0]), WeekTime.parse(parts[1]), text.trim());
    } catch (DateTimeParseException | IndexOutOfBoundsException e) {
      throw invalid(text);
    }
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException(
        "freeze window '" + text + "' is not START/END in RFC 3339 (2026-12-24T00:00:00Z/2026-12-27T00:00:00Z)"
            + " nor weekly in UTC (FRI 16:00/MON 08:00), optionally named (christmas=...)");
  }

  /** The first window containing {@code t}. */
  static Optional<FreezeWindow> containing(java.util.List<FreezeWindow> windows, Instant t) {
    return windows.stream().filter(w -> w.contains(t)).findFirst();
  }

  /** A one-off freeze. */
  record Absolute(String name, Instant start, Instant end, String text) implements FreezeWindow {
    @Override
    public boolean contains(Instant t) {
      return !t.isBefore(start) && t.isBefore(end);
    }

    @Override
    public Instant endAfter(Instant t) {
      return end;
    }
  }

  /** A weekly freeze in UTC; it may wrap around the end of the week (FRI 16:00/MON 08:00). */
  record Weekly(String name, WeekTime start, WeekTime end, String text) implements FreezeWindow {
    @Override
    public boolean contains(Instant t) {
      long now = WeekTime.minuteOfWeek(t);
      long s = start.minuteOfWeek();
      long e = end.minuteOfWeek();
      return s <= e ? now >= s && now < e : now >= s || now < e;
    }

    @Override
    public Instant endAfter(Instant t) {
      long now = WeekTime.minuteOfWeek(t);
      long untilEnd = Math.floorMod(end.minuteOfWeek() - now, 7 * 24 * 60);
      return t.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(untilEnd));
    }
  }

  /** A day of the week and a time of day, UTC. */
  record WeekTime(DayOfWeek day, LocalTime time) {
    static WeekTime parse(String text) {
      String[] p = text.trim().split("\\s+");
      if (p.length != 2) {
        throw new DateTimeParseException("expected DAY HH:MM", text, 0);
      }
      String d = p[0].toUpperCase(Locale.ROOT);
      DayOfWeek day = null;
      for (DayOfWeek candidate : DayOfWeek.values()) {
        if (candidate.name().startsWith(d) && d.length() >= 3) {
          day = candidate;
        }
      }
      if (day == null) {
        throw new DateTimeParseException("unknown day", text, 0);
      }
      return new WeekTime(day, LocalTime.parse(p[1]));
    }

    long minuteOfWeek() {
      return (day.getValue() - 1) * 24L * 60 + time.getHour() * 60L + time.getMinute();
    }

    static long minuteOfWeek(Instant t) {
      ZonedDateTime z = t.atZone(ZoneOffset.UTC);
      return (z.getDayOfWeek().getValue() - 1) * 24L * 60 + z.getHour() * 60L + z.getMinute();
    }
  }
}
