package io.failwise.model;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Number and duration formats for sentences a person reads at 21:40: 50,000 devices, 3 h 10 min. */
public final class Format {
  private Format() {}

  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** A count and its noun, singular for exactly one: "1 wave", "2 waves", "1,200 devices". */
  public static String plural(long n, String singular) {
    return plural(n, singular, singular + "s");
  }

  /** As {@link #plural(long, String)}, for a noun whose plural is not its singular plus "s". */
  public static String plural(long n, String singular, String plural) {
    return count(n) + " " + (n == 1 ? singular : plural);
  }

  /**
   * An admission or pacing rate: "768 devices/s", "1 device/s", and below 10 a tenth's precision, since a
   * rate of 0.8 rounded to "1 devices/s" overstates it by a quarter ("0.8 devices/s"); below 0.05, two
   * significant digits ("0.001 devices/s"), not "0 devices/s".
   */
  public static String rate(double devicesPerSecond) {
    if (devicesPerSecond > 0 && devicesPerSecond < 0.05) {
      // Rounded to a tenth this is "0 devices/s", which reads as no admission at all: two significant digits.
      return new java.math.BigDecimal(devicesPerSecond).round(new java.math.MathContext(2)).stripTrailingZeros().toPlainString() + " devices/s";
    }
    if (devicesPerSecond < 10 && devicesPerSecond != Math.rint(devicesPerSecond)) {
      double tenth = Math.round(devicesPerSecond * 10) / 10.0;
      if (tenth != Math.rint(tenth)) {
        return String.format(Locale.ROOT, "%.1f devices/s", tenth);
      }
      devicesPerSecond = tenth;
    }
    long n = Math.round(devicesPerSecond);
    return count(n) + (n == 1 ? " device/s" : " devices/s");
  }

  public static String percent(double ratio) {
    double p = ratio * 100;
    return p < 10 && p != Math.rint(p)
        ? String.format(Locale.ROOT, "%.1f%%", p)
        : String.format(Locale.ROOT, "%.0f%%", p);
  }

  /** "45 s", "25 min", "3 h 10 min", "2 d 4 h". */
  public static String duration(Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s == 0 && d.toMillis() > 0) {
      return d.toMillis() + " ms"; // a poll interval of 100 ms read "tried again in 0 s"
    }
    if (s < 60) {
      return s + " s";
    }
    long minutes = Math.round(s / 60.0);
    if (minutes < 60) {
      return minutes + " min";
    }
    long h = minutes / 60;
    long m = minutes % 60;
    if (h < 48) {
      return m == 0 ? h + " h" : h + " h " + m + " min";
    }
    long days = h / 24;
    long rh = h % 24;
    return rh == 0 ? count(days) + " d" : count(days) + " d " + rh + " h";
  }

  /**
   * A duration to the second, for a limit just crossed: "24 h 1 s", "25 h 30 min", "45 s". {@link
   * #duration} rounds to the minute, which would report 24 h 1 s as the 24 h it exceeds.
   */
  public static String exactDuration(Duration d) {
    long s = Math.max(0, d.toSeconds());
    List<String> parts = new ArrayList<>();
    if (s >= 3600) {
      parts.add(s / 3600 + " h");
    }
    if (s % 3600 >= 60) {
      parts.add(s % 3600 / 60 + " min");
    }
    if (s % 60 > 0 || parts.isEmpty()) {
      parts.add(s % 60 + " s");
    }
    return String.join(" ", parts);
  }

  private static final DateTimeFormatter TIME_OF_DAY = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
  private static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
  private static final DateTimeFormatter DAY_AND_SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  /**
   * A time a person reads on a bridge call with colleagues in other zones, always with its zone:
   * "21:55 +01:00" on the day of {@code reference}, "2026-03-13 00:35 +01:00" on another day (as
   * {@code failwise estimate} prints times), "21:55 UTC" when the offset is zero. The offset is the
   * zone's at that instant, so a time across a daylight-saving change says which side it is on.
   */
  public static String time(Instant t, Instant reference, ZoneId zone) {
    ZonedDateTime local = t.atZone(zone);
    boolean sameDay = local.toLocalDate().equals(reference.atZone(zone).toLocalDate());
    return (sameDay ? TIME_OF_DAY : DAY_AND_TIME).format(local) + " " + offset(local);
  }

  /** Date and time to the second in {@code zone}, for a column of moments over days: "2026-03-12 21:53:00 +01:00". */
  public static String dateTime(Instant t, ZoneId zone) {
    ZonedDateTime local = t.atZone(zone);
    return DAY_AND_SECOND.format(local) + " " + offset(local);
  }

  private static String offset(ZonedDateTime local) {
    return local.getOffset().getTotalSeconds() == 0 ? "UTC" : local.getOffset().getId();
  }

  /**
   * {@link #time}, with the seconds when it has any: for a moment a person is told to come back at, which
   * must not read as the past ("Re-evaluate at 12:00" for 12:00:36). Estimates ("back by about") keep minutes.
   */
  public static String timeToTheSecond(Instant t, Instant reference, ZoneId zone) {
    return t.atZone(zone).getSecond() == 0 ? time(t, reference, zone) : timeWithSeconds(t, reference, zone);
  }

  /**
   * {@link #time} with its seconds always ("21:40:00 +01:00"): for a message whose words are compared
   * apart from their numbers, which must keep one shape from one second to the next.
   */
  public static String timeWithSeconds(Instant t, Instant reference, ZoneId zone) {
    String minutes = time(t, reference, zone);
    int second = t.atZone(zone).getSecond();
    int space = minutes.lastIndexOf(' ');
    return minutes.substring(0, space) + String.format(Locale.ROOT, ":%02d", second) + minutes.substring(space);
  }

  public static String minutes(double minutes) {
    return duration(Duration.ofSeconds(Math.round(minutes * 60)));
  }

  /** A probability as the explanations say it: two decimals, "below 0.01" and "above 0.99" at the ends. */
  public static String probability(double p) {
    if (p < 0.005) {
      return "below 0.01";
    }
    if (p > 0.995) {
      return "above 0.99";
    }
    return String.format(java.util.Locale.ROOT, "%.2f", p);
  }
}
