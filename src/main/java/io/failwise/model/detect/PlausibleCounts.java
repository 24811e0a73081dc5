package io.failwise.model.detect;

import io.failwise.model.Format;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a connected (and expected) count read from a query can be a count of devices at all. A value
 * that cannot (not a number, negative, or far more connected than expected) says the query is wrong, not
 * how the cluster is: it is never judged as health.
 *
 * <p>Connected may exceed expected by a little: the two queries are evaluated from series scraped at
 * different instants (up to a scrape interval apart), devices registered between the scrapes are
 * connected before they are counted as expected, and during a reconnect wave a device can be counted
 * twice while its old session times out. {@link #OVER_EXPECTED_TOLERANCE} (2 %, at least {@link
 * #OVER_EXPECTED_MIN_DEVICES} devices) covers that with room; beyond it the queries do not count the same
 * fleet (a wrong label, a sum over replicas that double-counts).
 */
public final class PlausibleCounts {
  /** Share of expected that connected may exceed it by. */
  public static final double OVER_EXPECTED_TOLERANCE = 0.02;

  /** Devices that connected may exceed expected by, however small the fleet. */
  public static final long OVER_EXPECTED_MIN_DEVICES = 10;

  /**
   * The most devices one count may say: ten billion, more than any cluster holds (the largest IoT hubs
   * take millions), and small enough that the sum of a fleet of clusters cannot overflow. A Prometheus
   * answer of 1e30 was once read as 9.2 x 10^18 connected devices, judged Healthy, and overflowed its
   * Region's totals into negative numbers.
   */
  public static final long MAX_DEVICES = 10_000_000_000L;

  private PlausibleCounts() {}

  /** Why one value cannot be a number of devices, or empty when it can. */
  public static Optional<String> count(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return Optional.of("not a number of devices");
    }
    if (Math.round(value) < 0) {
      return Optional.of("a number of devices cannot be negative");
    }
    if (value > MAX_DEVICES) {
      return Optional.of("more devices than any cluster holds (at most " + Format.count(MAX_DEVICES) + ")");
    }
    return Optional.empty();
  }

  /** Why connected cannot be a count of the fleet that expected counts, or empty when it can. */
  public static Optional<String> overExpected(long connected, long expected) {
    long allowed = Math.max(OVER_EXPECTED_MIN_DEVICES, Math.round(expected * OVER_EXPECTED_TOLERANCE));
    if (connected - expected <= allowed) {
      return Optional.empty();
    }
    return Optional.of(
        Format.count(connected) + " connected of " + Format.count(expected) + " expected, more than the "
            + Format.count(allowed) + " over expected that scrape skew and churn explain (2 %, at least "
            + OVER_EXPECTED_MIN_DEVICES + "): the two queries do not count the same devices");
  }

  /** The way Prometheus writes a value: NaN, +Inf, -Inf, else the number. */
  public static String show(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value)
        : String.format(Locale.ROOT, "%s", value);
  }
}
