package io.failwise.api.validation;

import io.failwise.api.MaintenanceWindowSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code failwise silence} writes: a one-off maintenance window from now, appended to the
 * cluster's windows. Silences that ended more than a day ago are dropped so the list stays short;
 * windows a person wrote by hand are never touched.
 */
public final class Silences {
  /** How long an ended silence is kept, for the record. */
  public static final Duration KEEP_ENDED = Duration.ofDays(1);

  private Silences() {}

  public static List<MaintenanceWindowSpec> add(
      List<MaintenanceWindowSpec> existing, Instant now, Duration length, String reason, String who) {
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("--reason: say why, e.g. --reason \"broker upgrade CHG-1234\"");
    }
    if (length.compareTo(Duration.ofSeconds(1)) < 0 || length.compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException("--for: from 1s to 24h, got " + length);
    }
    List<MaintenanceWindowSpec> next = new ArrayList<>();
    for (MaintenanceWindowSpec w : existing == null ? List.<MaintenanceWindowSpec>of() : existing) {
      if (!(w != null && w.createdBy != null && endedBefore(w, now.minus(KEEP_ENDED)))) {
        next.add(w);
      }
    }
    MaintenanceWindowSpec w = new MaintenanceWindowSpec();
    w.reason = reason.trim();
    Instant start = now.truncatedTo(ChronoUnit.SECONDS);
    w.start = start.toString();
    w.end = start.plus(length).toString();
    w.createdBy = who;
    next.add(w);
    return next;
  }

  private static boolean endedBefore(MaintenanceWindowSpec w, Instant t) {
    try {
      return w.end != null && OffsetDateTime.parse(w.end).toInstant().isBefore(t);
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
