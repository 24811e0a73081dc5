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
import java.util.Optional;
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
      window("spec.maintenance[" + i + "]", list.get(i), problems).ifPresent(windows::add);
    }
    return new Parsed(new MaintenanceSchedule(windows), List.copyOf(problems));
  }

  /** The window, or empty with every problem it has added to {@code problems} (not only the first). */
  private static Optional<MaintenanceWindow> window(String field, MaintenanceWindowSpec w, List<Problem> problems) {
    if (w == null) {
      problems.add(new Problem(field, "is empty: give a reason and either start and end, or at and duration"));
      return Optional.empty();
    }
    int before = problems.size();
    if (w.reason == null || w.reason.isBlank()) {
      problems.add(new Problem(field + ".reason", "is required: why devices may drop, e.g. 'broker upgrade'"));
    }
    boolean oneOff = w.start != null || w.end != null;
    boolean recurring = w.at != null || w.duration != null || w.days != null || w.timeZone != null;
    if (oneOff && recurring) {
      problems.add(new Problem(field, "is either one-off (start, end) or recurring (at, duration, days, timeZone), not both"));
      return Optional.empty();
    }
    if (oneOff) {
      Instant start = read(problems, () -> instant(field + ".start", w.start));
      Instant end = read(problems, () -> instant(field + ".end", w.end));
      if (start != null && end != null && !end.isAfter(start)) {
        problems.add(new Problem(field + ".end", "must be after start (" + w.start + "), got " + w.end));
      } else if (start != null && end != null && Duration.between(start, end).compareTo(MaintenanceWindow.LONGEST) > 0) {
        problems.add(new Problem(field + ".end",
            "a window lasts at most 24 h; got " + io.failwise.model.Format.exactDuration(Duration.between(start, end))));
      }
      return problems.size() > before ? Optional.empty() : Optional.of(MaintenanceWindow.once(w.reason, start, end));
    }
    if (w.at == null || w.duration == null) {
      problems.add(new Problem(field, "needs start and end (one-off) or at and duration (recurring)"));
    }
    LocalTime at = w.at == null ? null : read(problems, () -> {
      try {
        return LocalTime.parse(w.at);
      } catch (DateTimeException e) {
        throw new BadField(field + ".at", "must be a local time HH:MM, e.g. 03:00; got '" + w.at + "'");
      }
    });
    Duration length = w.duration == null ? null : read(problems, () -> duration(field + ".duration", w.duration));
    ZoneId zone = read(problems, () -> {
      try {
        return w.timeZone == null ? ZoneId.of("UTC") : ZoneId.of(w.timeZone);
      } catch (DateTimeException e) {
        throw new BadField(field + ".timeZone", "must be an IANA time zone, e.g. Europe/Oslo; got '" + w.timeZone + "'");
      }
    });
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (int d = 0; w.days != null && d < w.days.size(); d++) {
      int index = d;
      DayOfWeek day = read(problems, () -> day(field + ".days[" + index + "]", w.days.get(index)));
      if (day != null) {
        days.add(day);
      }
    }
    return problems.size() > before
        ? Optional.empty()
        : Optional.of(MaintenanceWindow.recurring(w.reason, days, at, length, zone));
  }

  /** A field read by {@code reader}, or null with its problem added. */
  private static <T> T read(List<Problem> problems, FieldReader<T> reader) {
    try {
      return reader.read();
    } catch (BadField e) {
      problems.add(new Problem(e.field, e.getMessage()));
      return null;
    }
  }

  private interface FieldReader<T> {
    T read() throws BadField;
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
