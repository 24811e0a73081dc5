package io.failwise.signals.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.timelimiter.TimeLimiter;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** The Prometheus HTTP API (/api/v1/query_range) over the JDK HTTP client, with a time limit per call. */
public class HttpPrometheusApi implements PrometheusApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_SHOWN = 160;
  private static final Duration BACKSTOP = Duration.ofMillis(500);

  private final HttpClient client;

  public HttpPrometheusApi(Duration connectTimeout) {
    this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NORMAL).build();
  }

  @Override
  public List<Point> range(String baseUrl, String query, Instant start, Instant end, Duration step, Duration timeout)
      throws PrometheusQueryException {
    URI uri = uri(baseUrl, query, start, end, step);
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET().build();
    HttpResponse<String> response;
    try {
      // The request's own timeout comes first: on it the JDK closes the connection, so a late answer
      // cannot be read by the next request. The time limiter is the backstop for anything that hangs.
      response =
          TimeLimiter.of(timeout.plus(BACKSTOP))
              .executeFutureSupplier(() -> client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
    } catch (TimeoutException e) {
      throw new PrometheusQueryException(
          PrometheusQueryException.UNREACHABLE, "no answer from " + baseUrl + " within " + seconds(timeout), true);
    } catch (ExecutionException e) {
      throw unreachable(baseUrl, e.getCause() == null ? e : e.getCause(), timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PrometheusQueryException(PrometheusQueryException.UNREACHABLE, "interrupted while asking " + baseUrl, false);
    } catch (Exception e) {
      throw unreachable(baseUrl, e, timeout);
    }
    return parse(baseUrl, query, response.statusCode(), response.body());
  }

  static URI uri(String baseUrl, String query, Instant start, Instant end, Duration step) throws PrometheusQueryException {
    String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    String url =
        base + "/api/v1/query_range?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
            + "&start=" + epoch(start) + "&end=" + epoch(end) + "&step=" + step.toMillis() / 1000.0;
    try {
      return URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new PrometheusQueryException(PrometheusQueryException.BAD_RESPONSE, "'" + baseUrl + "' is not a usable URL", false);
    }
  }

  /** Turns an HTTP answer into the points of its one series. Package-private for tests. */
  static List<Point> parse(String baseUrl, String query, int status, String body) throws PrometheusQueryException {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      throw bad(baseUrl, "HTTP " + status + " with a body that is not JSON: " + shorten(body), status >= 500);
    }
    if (root == null || !root.isObject()) {
      throw bad(baseUrl, "HTTP " + status + " with a body that is not a Prometheus answer: " + shorten(body), status >= 500);
    }
    if (!"success".equals(root.path("status").asText())) {
      String error = root.path("error").asText("");
      String type = root.path("errorType").asText("");
      // 400/422: the query is wrong, asking again will not help; 503 and other 5xx: the server is busy.
      throw bad(
          baseUrl,
          "HTTP " + status + ", " + (type.isEmpty() ? "" : type + ": ") + (error.isEmpty() ? shorten(body) : error)
              + " (query: " + shorten(query) + ")",
          status >= 500 || status == 429);
    }
    JsonNode data = root.path("data");
    if (!"matrix".equals(data.path("resultType").asText())) {
      throw bad(baseUrl, "expected a matrix result, got '" + data.path("resultType").asText() + "'", false);
    }
    JsonNode result = data.path("result");
    if (!result.isArray()) {
      throw bad(baseUrl, "the answer has no result list", false);
    }
    if (result.size() > 1) {
      throw bad(
          baseUrl,
          "the query returned " + result.size() + " series; it must return one (wrap it in sum(...)): " + shorten(query),
          false);
    }
    List<Point> points = new ArrayList<>();
    if (result.size() == 0) {
      return points;
    }
    for (JsonNode pair : result.get(0).path("values")) {
      if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isNumber()) {
        throw bad(baseUrl, "a sample is not [time, \"value\"]: " + shorten(pair.toString()), false);
      }
      double value = value(baseUrl, query, pair.get(1));
      long millis = Math.round(pair.get(0).asDouble() * 1000);
      points.add(new Point(Instant.ofEpochMilli(millis), value));
    }
    return points;
  }

  /**
   * A sample's value as Prometheus writes it: a decimal number, or NaN, +Inf, -Inf. NaN and the
   * infinities are returned as such (a count that is one is the caller's to refuse, naming its query).
   */
  private static double value(String baseUrl, String query, JsonNode text) throws PrometheusQueryException {
    String t = text.asText();
    switch (t) {
      case "NaN":
        return Double.NaN;
      case "+Inf":
      case "Inf":
        return Double.POSITIVE_INFINITY;
      case "-Inf":
        return Double.NEGATIVE_INFINITY;
      default:
        break;
    }
    try {
      if (!t.isEmpty() && (Character.isDigit(t.charAt(t.length() - 1)) || t.charAt(t.length() - 1) == '.')) {
        return Double.parseDouble(t);
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw bad(baseUrl, "a sample value that is not a number: " + shorten(text.toString()) + " (query: " + shorten(query) + ")", false);
  }

  private static PrometheusQueryException unreachable(String baseUrl, Throwable e, Duration timeout) {
    if (e instanceof TimeoutException || e instanceof java.net.http.HttpTimeoutException) {
      return new PrometheusQueryException(
          PrometheusQueryException.UNREACHABLE, "no answer from " + baseUrl + " within " + seconds(timeout), true);
    }
    String what =
        unresolved(e)
            ? "its host name does not resolve (a typo in the URL, or DNS)"
            : e instanceof ConnectException ? "connection refused" : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new PrometheusQueryException(PrometheusQueryException.UNREACHABLE, "cannot reach " + baseUrl + ": " + what, true);
  }

  /** Whether the host could not be resolved: the JDK's client reports it as a ConnectException caused by an unresolved address. */
  static boolean unresolved(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.nio.channels.UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
        return true;
      }
    }
    return false;
  }

  private static PrometheusQueryException bad(String baseUrl, String message, boolean retryable) {
    return new PrometheusQueryException(PrometheusQueryException.BAD_RESPONSE, baseUrl + " answered " + message, retryable);
  }

  private static String epoch(Instant t) {
    return String.format(Locale.ROOT, "%.3f", t.toEpochMilli() / 1000.0);
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  private static String shorten(String s) {
    String oneLine = s == null ? "" : s.replaceAll("\\s+", " ").trim();
    return oneLine.length() <= MAX_SHOWN ? "'" + oneLine + "'" : "'" + oneLine.substring(0, MAX_SHOWN) + "...'";
  }
}
