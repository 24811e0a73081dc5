package io.failwise.signals.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads an external device series: CSV with a header {@code ts,connected,expected}; ts in Unix
 * seconds or RFC 3339, strictly increasing; an empty {@code connected} is a missing sample (the
 * observer had no point there); {@code expected} may be left out entirely. Every problem names the
 * line, the column and what is valid.
 */
public final class SeriesCsv {
  /** One row: {@code connected} null when the sample is missing, {@code expected} null when unknown. */
  public record Row(Instant at, Long connected, Long expected) {}

  /** A problem in the file, at a line (1-based) and column. */
  public static final class BadSeries extends Exception {
    public BadSeries(String message) {
      super(message);
    }
  }

  private SeriesCsv() {}

  public static List<Row> read(String file, BufferedReader in) throws IOException, BadSeries {
    String header = in.readLine();
    if (header == null) {
      throw new BadSeries(file + ": the file is empty; it needs a header line ts,connected,expected");
    }
    String[] names = split(stripBom(header));
    int ts = -1;
    int connected = -1;
    int expected = -1;
    for (int i = 0; i < names.length; i++) {
      switch (names[i].trim().toLowerCase(Locale.ROOT)) {
        case "ts" -> ts = i;
        case "connected" -> connected = i;
        case "expected" -> expected = i;
        default -> throw new BadSeries(
            file + ":1: column " + (i + 1) + " '" + names[i].trim() + "' is unknown; the header is ts,connected,expected");
      }
    }
    if (ts < 0 || connected < 0) {
      throw new BadSeries(file + ":1: the header needs columns ts and connected (and optionally expected); got '" + header + "'");
    }
    List<Row> rows = new ArrayList<>();
    String line;
    int n = 1;
    Instant previous = null;
    while ((line = in.readLine()) != null) {
      n++;
      if (line.isBlank()) {
        continue;
      }
      String[] cells = split(line);
      if (cells.length > names.length) {
        throw new BadSeries(file + ":" + n + ": " + cells.length + " columns, the header has " + names.length);
      }
      Instant at = time(file, n, cell(cells, ts));
      if (previous != null && !at.isAfter(previous)) {
        throw new BadSeries(file + ":" + n + ": column ts: " + at + " is not after the previous row's " + previous + "; rows must be in time order");
      }
      previous = at;
      Long c = count(file, n, "connected", cell(cells, connected));
      Long e = expected < 0 ? null : count(file, n, "expected", cell(cells, expected));
      rows.add(new Row(at, c, e));
    }
    if (rows.isEmpty()) {
      throw new BadSeries(file + ": no rows after the header");
    }
    return rows;
  }

  /** The last second of the year 9999, as RFC 3339 allows. */
  private static final BigDecimal LAST_SECOND = BigDecimal.valueOf(253_402_300_799L);
  /** Above this a count is not exact as a number (2^53), and no fleet is near it. */
  private static final double MOST_DEVICES = 0x1p53;

  private static Instant time(String file, int line, String text) throws BadSeries {
    if (text.isEmpty()) {
      throw new BadSeries(file + ":" + line + ": column ts is empty; give Unix seconds (1773344700) or RFC 3339 (2026-03-12T20:45:00Z)");
    }
    try {
      if (text.chars().allMatch(ch -> Character.isDigit(ch) || ch == '.' || ch == '-')) {
        BigDecimal seconds = new BigDecimal(text);
        if (seconds.signum() < 0 || seconds.compareTo(LAST_SECOND) > 0) {
          // 13 digits is the usual mistake: milliseconds, read as seconds, land after the year 9999.
          throw new BadSeries(file + ":" + line + ": column ts: " + text + " is not Unix seconds from 1970 to 9999"
              + (seconds.compareTo(LAST_SECOND) > 0 && seconds.compareTo(LAST_SECOND.movePointRight(3)) <= 0 ? " (milliseconds? divide by 1,000)" : "")
              + "; give Unix seconds (1773344700) or RFC 3339 (2026-03-12T20:45:00Z)");
        }
        return Instant.ofEpochSecond(seconds.longValueExact(), seconds.remainder(BigDecimal.ONE).movePointRight(9).intValue());
      }
      return OffsetDateTime.parse(text).toInstant();
    } catch (NumberFormatException | DateTimeException | ArithmeticException e) {
      throw new BadSeries(
          file + ":" + line + ": column ts: '" + text + "' is neither Unix seconds (1773344700) nor RFC 3339 (2026-03-12T20:45:00Z)");
    }
  }

  private static Long count(String file, int line, String column, String text) throws BadSeries {
    if (text.isEmpty()) {
      return null;
    }
    double v;
    try {
      v = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      v = Double.NaN;
    }
    if (!Double.isFinite(v) || v < 0 || v > MOST_DEVICES) {
      throw new BadSeries(
          file + ":" + line + ": column " + column + ": '" + text + "' is not a number of devices (0 to 9,007,199,254,740,992; leave it empty for a missing sample)");
    }
    return Math.round(v);
  }

  private static String cell(String[] cells, int i) {
    return i < cells.length ? cells[i].trim() : "";
  }

  private static String[] split(String line) {
    return line.split(",", -1);
  }

  private static String stripBom(String s) {
    return s.startsWith("\uFEFF") ? s.substring(1) : s;
  }
}
