package io.failwise.signals.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpPrometheusApiTest {
  private static final String URL = "http://prom:9090";

  @Test
  void readsTheOneSeriesWithNaNAndInfinitiesAsSuch() throws Exception {
    // Prometheus writes NaN, +Inf and -Inf; whether such a value can be a count is the caller's to say.
    String body =
        "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{},"
            + "\"values\":[[1773344700,\"173589\"],[1773344715.5,\"NaN\"],[1773344730,\"+Inf\"],[1773344745,\"-Inf\"],[1773344760,\"1.5e2\"]]}]}}";
    List<PrometheusApi.Point> points = HttpPrometheusApi.parse(URL, "q", 200, body);
    assertEquals(5, points.size());
    assertEquals(new PrometheusApi.Point(Instant.ofEpochSecond(1773344700), 173589), points.get(0));
    assertEquals(Instant.ofEpochMilli(1773344715500L), points.get(1).at());
    assertTrue(Double.isNaN(points.get(1).value()));
    assertEquals(Double.POSITIVE_INFINITY, points.get(2).value());
    assertEquals(Double.NEGATIVE_INFINITY, points.get(3).value());
    assertEquals(150.0, points.get(4).value());
  }

  @Test
  void aValueThatIsNotANumberIsABadResponseNamingTheValueAndTheQuery() {
    for (String value : List.of("twelve", "Infinity", "1.0f", "")) {
      String body =
          "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{},"
              + "\"values\":[[1773344700,\"" + value + "\"]]}]}}";
      PrometheusQueryException e =
          assertThrows(PrometheusQueryException.class, () -> HttpPrometheusApi.parse(URL, "sum(up)", 200, body));
      assertEquals("BadResponse", e.reason());
      assertEquals(
          URL + " answered a sample value that is not a number: '\"" + value + "\"' (query: 'sum(up)')", e.getMessage());
    }
  }

  @Test
  void noSeriesIsAnEmptyList() throws Exception {
    assertEquals(List.of(), HttpPrometheusApi.parse(URL, "q", 200, "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}"));
  }

  @Test
  void severalSeriesAskForAnAggregation() {
    String body =
        "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{\"a\":\"1\"},\"values\":[]},"
            + "{\"metric\":{\"a\":\"2\"},\"values\":[]}]}}";
    PrometheusQueryException e = assertThrows(PrometheusQueryException.class, () -> HttpPrometheusApi.parse(URL, "up", 200, body));
    assertEquals("BadResponse", e.reason());
    assertTrue(e.getMessage().contains("returned 2 series; it must return one (wrap it in sum(...))"), e.getMessage());
    assertFalse(e.retryable());
  }

  @Test
  void garbageIsABadResponseThatNamesTheServer() {
    PrometheusQueryException e =
        assertThrows(PrometheusQueryException.class, () -> HttpPrometheusApi.parse(URL, "q", 200, "<html>proxy error</html>"));
    assertEquals("BadResponse", e.reason());
    assertTrue(e.getMessage().startsWith(URL + " answered HTTP 200 with a body that is not JSON"), e.getMessage());
  }

  @Test
  void aWrongQueryIsNotRetriedButAnOverloadedServerIs() {
    PrometheusQueryException bad =
        assertThrows(
            PrometheusQueryException.class,
            () -> HttpPrometheusApi.parse(URL, "sum(", 400, "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error\"}"));
    assertFalse(bad.retryable());
    assertTrue(bad.getMessage().contains("bad_data: parse error (query: 'sum(')"), bad.getMessage());
    PrometheusQueryException busy =
        assertThrows(
            PrometheusQueryException.class,
            () -> HttpPrometheusApi.parse(URL, "q", 503, "{\"status\":\"error\",\"errorType\":\"unavailable\",\"error\":\"too many queries\"}"));
    assertTrue(busy.retryable());
  }

  /** The JDK's client says a host name that does not resolve as a ConnectException: it is not "connection refused". */
  @Test
  void aHostNameThatDoesNotResolveIsNotCalledARefusedConnection() {
    var dns = new java.net.ConnectException();
    dns.initCause(new java.nio.channels.UnresolvedAddressException());
    assertTrue(HttpPrometheusApi.unresolved(dns));
    assertTrue(HttpPrometheusApi.unresolved(new java.io.IOException(new java.net.UnknownHostException("prom.example"))));
    assertTrue(!HttpPrometheusApi.unresolved(new java.net.ConnectException("Connection refused")));
  }
}
