package io.failwise.api.schema;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.regex.Pattern;

/** The string formats kube-apiserver checks in a CRD schema; formats it does not know pass, as there. */
final class Formats {
  private static final Pattern UUID = Pattern.compile("^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$");
  private static final Pattern HOSTNAME =
      Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
  private static final Pattern IPV4 = Pattern.compile("^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$");
  private static final Pattern DURATION = Pattern.compile("^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$");

  private Formats() {}

  /** Whether {@code text} has the string format {@code format}. */
  static boolean matches(String format, String text) {
    try {
      return switch (format) {
        case "date-time", "datetime" -> {
          OffsetDateTime.parse(text);
          yield true;
        }
        case "date" -> {
          LocalDate.parse(text);
          yield true;
        }
        case "uuid" -> UUID.matcher(text).matches();
        case "hostname" -> text.length() <= 253 && HOSTNAME.matcher(text).matches();
        case "ipv4" -> IPV4.matcher(text).matches();
        case "byte" -> {
          Base64.getDecoder().decode(text);
          yield true;
        }
        case "duration" -> DURATION.matcher(text).matches();
        default -> true;
      };
    } catch (DateTimeParseException | IllegalArgumentException e) {
      return false;
    }
  }
}
