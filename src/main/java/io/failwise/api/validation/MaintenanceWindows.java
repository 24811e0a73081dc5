package io.failwise.api.validation;

import io.failwise.api.ClusterSpec;
import io.failwise.api.MaintenanceWindowSpec;
import io.failwise.model.detect.MaintenanceSchedule;
import io.failwise.model.detect.MaintenanceWindow;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a Cluster's {@code spec.maintenance} into the detector's schedule. Each problem names the
 * field and what would be valid; a window with a problem is left out, the others still apply.
 */
public final class MaintenanceWindows {
  /** The schedule and what was wrong with the windows left out of it. */
  public record Parsed(MaintenanceSchedule schedule, List<Problem> problems) {}

  private MaintenanceWindows() {}

  public static Parsed of(ClusterSpec spec) {
    List<MaintenanceWindow> windows = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    List<MaintenanceWindowSpec> list = spec == null || spec.maintenance == null ? List.of() : spec.maintenance;
    for (int i = 0; i < list.size(); i++) {
      String field = "spec.maintenance[" + i + "]";
      try {
        windows.add(window(field, list.get(i)));
      } catch (BadField e) {
        problems.add(new Problem(e.field, e.getMessage()));
      }
    }
    return new Parsed(new MaintenanceSchedule(windows), List.copyOf(problems));
  }

  private static MaintenanceWindow window(String field, MaintenanceWindowSpec w) throws BadField {
    if (w == null) {
      throw new BadField(field, "is empty: give a reason and either start and end, or at and duration");
    }
    if (w.reason == null || w.reason.isBlank()) {
      throw new BadField(field + ".reason", "is required: why devices may drop, e.g. 'broker upgrade'");
    }
    boolean oneOff = w.start != null || w.end != null;
    boolean recurring = w.at != null || w.duration != null || w.days != null || w.timeZone != null;
    if (oneOff && recurring) {
      throw new BadField(field, "is either one-off (start, end) or recurring (at, duration, days, timeZone), not both");
    }
    if (oneOff) {
      Instant start = instant(field + ".start", w.start);
      Instant end = instant(field + ".end", w.end);
      if (!end.isAfter(start)) {
        throw new BadField(field + ".end", "must be after start (" + w.start + "), got " + w.end);
      }
      if (Duration.between(start, end).compareTo(MaintenanceWindow.LONGEST) > 0) {
        throw new BadField(field + ".end", "a window lasts at most 24 h; got " + io.failwise.model.Format.exactDuration(Duration.between(start, end)));
      }
      return MaintenanceWindow.once(w.reason, start, end);
    }
    if (w.at == null || w.duration == null) {
      throw new BadField(field, "needs start and end (one-off) or at and duration (recurring)");
    }
    LocalTime at;
    try {
      at = LocalTime.parse(w.at);
    } catch (DateTimeException e) {
      throw new BadField(field + ".at", "must be a local time HH:MM, e.g. 03:00; got '" + w.at + "'");
    }
    Duration length = duration(field + ".duration", w.duration);
    ZoneId zone;
    try {
      zone = w.timeZone == null ? ZoneId.of("UTC") : ZoneId.of(w.timeZone);
    } catch (DateTimeException e) {
      throw new BadField(field + ".timeZone", "must be an IANA time zone, e.g. Europe/Oslo; got '" + w.timeZone + "'");
    }
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (int d = 0; w.days != null && d < w.days.size(); d++) {
      days.add(day(field + ".days[" + d + "]", w.days.get(d)));
    }
    return MaintenanceWindow.recurring(w.reason, days, at, length, zone);
  }

  /** Durations as people write them: 30s, 20m, 2h or ISO-8601; from 1 s to 24 h. */
  public static Duration duration(String field, String text) throws BadField {
    Duration d = null;
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    try {
      if (t.startsWith("p")) {
        d = Duration.parse(t.toUpperCase(Locale.ROOT));
      } else if (t.length() > 1) {
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        d =
            switch (t.charAt(t.length() - 1)) {
              case 's' -> Duration.ofSeconds(n);
              case 'm' -> Duration.ofMinutes(n);
              case 'h' -> Duration.ofHours(n);
              default -> null;
            };
      }
    } catch (NumberFormatException | DateTimeException e) {
      d = null;
    }
    if (d == null || d.compareTo(Duration.ofSeconds(1)) < 0 || d.compareTo(MaintenanceWindow.LONGEST) > 0) {
      throw new BadField(field, "must be a duration from 1s to 24h, e.g. 30m or 2h; got '" + text + "'");
    }
    return d;
  }

  private static Instant instant(String field, String text) throws BadField {
    if (text == null) {
      throw new BadField(field, "is required for a one-off window: RFC 3339, e.g. 2026-03-14T02:00:00Z");
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeException e) {
      throw new BadField(field, "must be an RFC 3339 time, e.g. 2026-03-14T02:00:00Z; got '" + text + "'");
    }
  }

  private static DayOfWeek day(String field, String text) throws BadField {
    String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
    for (DayOfWeek d : DayOfWeek.values()) {
      if (t.length() >= 3 && d.name().startsWith(t)) {
        return d;
      }
    }
    throw new BadField(field, "must be a day Mon, Tue, Wed, Thu, Fri, Sat or Sun; got '" + text + "'");
  }

  /** A field that cannot be read. */
  public static final class BadField extends Exception {
    final String field;

    BadField(String field, String message) {
      super(message);
      this.field = field;
    }

    public String field() {
      return field;
    }
  }
}
