package io.failwise.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Parses durations as people type them: 30s, 5m, 2h, 1d or ISO-8601 (PT30S). */
public final class Durations {
  private Durations() {}

  public static Duration parse(String field, String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (t.startsWith("p")) {
        return Duration.parse(t.toUpperCase(Locale.ROOT));
      }
      long n = Long.parseLong(t.substring(0, t.length() - 1));
      return switch (t.charAt(t.length() - 1)) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        case 'd' -> Duration.ofDays(n);
        default -> throw new NumberFormatException();
      };
    } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
      throw new UserInputException(field + ": '" + text + "' is not a duration; use e.g. 30s, 5m, 2h, 1d or PT30S");
    } catch (ArithmeticException e) {
      throw new UserInputException(field + ": '" + text + "' is longer than any duration a clock can hold");
    }
  }
}
