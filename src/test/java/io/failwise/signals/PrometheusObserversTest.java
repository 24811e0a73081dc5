package io.failwise.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.api.Cluster;
import io.failwise.api.Fixtures;
import io.failwise.api.SignalsSpec;
import io.failwise.model.detect.DetectorSettings;
import io.failwise.model.detect.ObserverVerdict;
import io.failwise.signals.prometheus.PrometheusApi;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** What an observer makes of values that cannot be device counts: never a health verdict. */
class PrometheusObserversTest {
  private static final String URL = "http://prom:9090";
  private static final String CONNECTED = "sum(iothub_connected_devices{hub=\"h\"})";
  private static final String EXPECTED = "sum(fleet_registered_devices{hub=\"h\"})";
  private static final Instant NOW = Instant.parse("2026-03-12T20:00:00Z");
  private static final Duration STEP = Duration.ofSeconds(15);

  /** Answers each query with a value per time: connected for the connected query, expected for the other. */
  private static PrometheusApi api(BiFunction<Boolean, Instant, Double> value) {
    return (baseUrl, query, start, end, step, timeout) -> {
      List<PrometheusApi.Point> points = new ArrayList<>();
      for (Instant t = start; !t.isAfter(end); t = t.plus(step)) {
        Double v = value.apply(query.equals(CONNECTED), t);
        if (v != null) {
          points.add(new PrometheusApi.Point(t, v));
        }
      }
      return points;
    };
  }

  private static PrometheusObservers observers(PrometheusApi api) {
    return new PrometheusObservers(
        api, new PrometheusObservers.Settings(STEP, Duration.ofSeconds(2), Duration.ofSeconds(60), Duration.ofHours(1), DetectorSettings.defaults()));
  }

  private static Cluster cluster(boolean withExpected) {
    Cluster c = Fixtures.cluster("fleet", "h", "eu-west", 10_000, 10_000);
    c.getSpec().signals = new SignalsSpec();
    c.getSpec().signals.prometheus = List.of(new SignalsSpec.PrometheusObserver("prom", URL, CONNECTED, withExpected ? EXPECTED : null));
    return c;
  }

  private static ObserverVerdict read(BiFunction<Boolean, Instant, Double> value, boolean withExpected) {
    return observers(api(value)).observe(cluster(withExpected), NOW).observers().get(0);
  }

  @Test
  void aNegativeCountIsABadResponseNotHealthy() {
    ObserverVerdict v = read((connected, t) -> connected ? -5.0 : 10_000.0, true);
    assertEquals("BadResponse", v.reason(), v.message());
    assertNull(v.verdict());
    assertEquals(
        URL + " answered -5 for connectedQuery at " + NOW + ": a number of devices cannot be negative (query: " + CONNECTED + ")",
        v.message());
  }

  /**
   * 1e30 "devices": once read as 9.2 x 10^18 connected (Math.round saturates), judged Healthy, and summed
   * into its Region's totals until they overflowed. No cluster holds ten billion devices.
   */
  @Test
  void aCountNoClusterCanHoldIsABadResponseNotHealthy() {
    ObserverVerdict v = read((connected, t) -> 1e30, false);
    assertEquals("BadResponse", v.reason(), v.message());
    assertNull(v.verdict());
    assertTrue(v.message().contains(": more devices than any cluster holds (at most 10,000,000,000)"), v.message());
  }

  /** Both queries go to one server: an answer that says a query is wrong names which (an outside pass had to guess). */
  @Test
  void aWrongQueryIsNamedByItsFieldAndObserver() {
    PrometheusApi twoSeries = (baseUrl, query, start, end, step, timeout) -> {
      if (query.equals(EXPECTED)) {
        throw new io.failwise.signals.prometheus.PrometheusQueryException(
            "BadResponse", baseUrl + " answered the query returned 2 series; it must return one (wrap it in sum(...)): " + query, false);
      }
      return api((connected, t) -> 9_000.0).range(baseUrl, query, start, end, step, timeout);
    };
    ObserverVerdict v = observers(twoSeries).observe(cluster(true), NOW).observers().get(0);
    assertEquals("BadResponse", v.reason());
    assertTrue(v.message().endsWith(EXPECTED + " (expectedQuery of observer prom)"), v.message());
  }

  @Test
  void aNegativeExpectedCountIsABadResponseToo() {
    ObserverVerdict v = read((connected, t) -> connected ? 9_000.0 : -1.0, true);
    assertEquals("BadResponse", v.reason());
    assertTrue(v.message().contains("answered -1 for expectedQuery"), v.message());
    assertTrue(v.message().contains(EXPECTED), v.message());
  }

  @Test
  void moreConnectedThanExpectedBeyondTheToleranceIsABadResponse() {
    ObserverVerdict v = read((connected, t) -> connected ? 20_000.0 : 10_000.0, true);
    assertEquals("BadResponse", v.reason(), v.message());
    assertNull(v.verdict());
    assertTrue(v.message().startsWith(URL + " answered 20,000 connected of 10,000 expected, more than the 200 over expected"), v.message());
    assertTrue(v.message().contains("connectedQuery: " + CONNECTED + "; expectedQuery: " + EXPECTED), v.message());
  }

  @Test
  void connectedALittleAboveExpectedIsSkewAndStillRead() {
    // 2 % of 10,000 is the tolerance: 10,200 connected is read, 10,201 is not.
    ObserverVerdict within = read((connected, t) -> connected ? 10_200.0 : 10_000.0, true);
    assertTrue(within.isKnown(), within.reason() + ": " + within.message());
    assertEquals(10_200L, within.verdict().connected());
    ObserverVerdict beyond = read((connected, t) -> connected ? 10_201.0 : 10_000.0, true);
    assertEquals("BadResponse", beyond.reason());
    // A small fleet gets 10 devices of room.
    ObserverVerdict small = read((connected, t) -> connected ? 60.0 : 50.0, true);
    assertTrue(small.isKnown(), small.message());
  }

  @Test
  void aNaNOrInfiniteCountIsABadResponseNotEmpty() {
    for (double value : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      ObserverVerdict v = read((connected, t) -> connected ? value : 10_000.0, true);
      assertEquals("BadResponse", v.reason(), v.message());
      assertTrue(v.message().contains("for connectedQuery at " + NOW + ": not a number of devices (query: " + CONNECTED + ")"), v.message());
      ObserverVerdict alone = read((connected, t) -> value, false);
      assertEquals("BadResponse", alone.reason(), alone.message());
    }
    assertTrue(read((connected, t) -> Double.NaN, false).message().contains(" answered NaN for connectedQuery"));
    assertTrue(read((connected, t) -> Double.POSITIVE_INFINITY, false).message().contains(" answered +Inf for connectedQuery"));
  }

  @Test
  void anImpossibleValueInThePastIsAGapAndTheNewestDecides() {
    Instant glitch = NOW.minus(Duration.ofMinutes(20));
    ObserverVerdict v = read((connected, t) -> connected && t.equals(glitch) ? Double.NaN : connected ? 9_900.0 : 10_000.0, true);
    assertTrue(v.isKnown(), v.reason() + ": " + v.message());
    assertEquals(9_900L, v.verdict().connected());
  }

  @Test
  void theObserverReadsAgainWhenTheQueryGivesCountsAgain() {
    Instant[] bad = {NOW.minus(Duration.ofMinutes(10))};
    PrometheusObservers observers =
        observers(api((connected, t) -> connected ? (t.isBefore(bad[0]) ? 9_900.0 : -3.0) : 10_000.0));
    Cluster c = cluster(true);
    assertEquals("BadResponse", observers.observe(c, NOW).observers().get(0).reason());
    bad[0] = NOW.plus(Duration.ofHours(1)); // the query is fixed: every step reads 9,900 again
    ObserverVerdict v = observers.observe(c, NOW.plus(STEP)).observers().get(0);
    assertTrue(v.isKnown(), v.reason() + ": " + v.message());
    assertEquals(9_900L, v.verdict().connected());
  }
}
