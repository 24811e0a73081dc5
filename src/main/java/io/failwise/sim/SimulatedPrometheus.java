package io.failwise.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulated fleet's metrics as a Prometheus server would serve them after scraping it every 15
 * seconds: {@code /api/v1/query} and {@code /api/v1/query_range} for
 * {@code failwise_sim_devices_connected{cluster="..."}} and {@code failwise_sim_devices_expected{...}}
 * (optionally inside {@code sum(...)}). The demo points its clusters' Prometheus observers here, so the
 * controller detects the replayed incident through the same code as a production cluster.
 */
public final class SimulatedPrometheus implements AutoCloseable {
  public static final Duration SCRAPE_INTERVAL = Duration.ofSeconds(15);
  private static final Pattern QUERY =
      Pattern.compile("^\\s*(?:sum\\s*\\()?\\s*(failwise_sim_devices_(?:connected|expected))\\s*\\{\\s*cluster\\s*=\\s*\"([^\"]+)\"\\s*}\\s*\\)?\\s*$");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final FleetSimulator fleet;
  private final Map<String, NavigableMap<Long, Double>> series = new ConcurrentHashMap<>();
  private final HttpServer server;

  private SimulatedPrometheus(FleetSimulator fleet, HttpServer server) {
    this.fleet = fleet;
    this.server = server;
  }

  /** Starts on 127.0.0.1 (a free port) and scrapes the fleet every 15 simulated seconds from now on. */
  public static SimulatedPrometheus start(FleetSimulator fleet) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      SimulatedPrometheus p = new SimulatedPrometheus(fleet, server);
      server.createContext("/api/v1/query_range", p::range);
      server.createContext("/api/v1/query", p::instant);
      server.start();
      p.scrape(fleet);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the simulated Prometheus on 127.0.0.1: " + e.getMessage(), e);
    }
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The query for one cluster's connected (or expected) devices. */
  public static String query(String metric, String cluster) {
    return "failwise_sim_devices_" + metric + "{cluster=\"" + cluster + "\"}";
  }

  private void scrape(FleetSimulator sim) {
    long at = sim.now().getEpochSecond();
    for (ClusterCounts c : sim.allCounts()) {
      series.computeIfAbsent(key("failwise_sim_devices_connected", c.cluster()), k -> new ConcurrentSkipListMap<>())
          .put(at, (double) c.observedConnected());
      series.computeIfAbsent(key("failwise_sim_devices_expected", c.cluster()), k -> new ConcurrentSkipListMap<>())
          .put(at, (double) c.expected());
    }
    sim.at(sim.now().plus(SCRAPE_INTERVAL), this::scrape);
  }

  private static String key(String metric, String cluster) {
    return metric + "/" + cluster;
  }

  private void range(HttpExchange ex) throws IOException {
    Map<String, String> q = params(ex);
    NavigableMap<Long, Double> s = lookup(ex, q.get("query"));
    if (s == null) {
      return;
    }
    long start = (long) Math.ceil(Double.parseDouble(q.getOrDefault("start", "0")));
    long end = (long) Math.floor(Double.parseDouble(q.getOrDefault("end", "0")));
    long step = Math.max(1, (long) Double.parseDouble(q.getOrDefault("step", "15").replace("s", "")));
    ArrayNode values = JSON.createArrayNode();
    for (long t = start; t <= end; t += step) {
      // Like Prometheus: the newest sample at or before t, if it is at most 5 minutes old.
      Map.Entry<Long, Double> e = s.floorEntry(t);
      if (e != null && t - e.getKey() <= 300) {
        values.add(JSON.createArrayNode().add(t).add(Long.toString(Math.round(e.getValue()))));
      }
    }
    ObjectNode body = JSON.createObjectNode().put("status", "success");
    ObjectNode data = body.putObject("data").put("resultType", "matrix");
    ArrayNode result = data.putArray("result");
    if (!values.isEmpty()) {
      ObjectNode one = result.addObject();
      one.putObject("metric");
      one.set("values", values);
    }
    send(ex, 200, body.toString());
  }

  private void instant(HttpExchange ex) throws IOException {
    Map<String, String> q = params(ex);
    NavigableMap<Long, Double> s = lookup(ex, q.get("query"));
    if (s == null) {
      return;
    }
    long t = q.containsKey("time") ? (long) Double.parseDouble(q.get("time")) : fleet.now().getEpochSecond();
    ObjectNode body = JSON.createObjectNode().put("status", "success");
    ObjectNode data = body.putObject("data").put("resultType", "vector");
    ArrayNode result = data.putArray("result");
    Map.Entry<Long, Double> e = s.floorEntry(t);
    if (e != null && t - e.getKey() <= 300) {
      ObjectNode one = result.addObject();
      one.putObject("metric");
      one.set("value", JSON.createArrayNode().add(t).add(Long.toString(Math.round(e.getValue()))));
    }
    send(ex, 200, body.toString());
  }

  private NavigableMap<Long, Double> lookup(HttpExchange ex, String query) throws IOException {
    Matcher m = query == null ? null : QUERY.matcher(query);
    if (m == null || !m.matches()) {
      send(ex, 400, "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"the simulated Prometheus answers only "
          + "failwise_sim_devices_connected{cluster=\\\"...\\\"} and failwise_sim_devices_expected{cluster=\\\"...\\\"}\"}");
      return null;
    }
    return series.getOrDefault(key(m.group(1), m.group(2)), new ConcurrentSkipListMap<>());
  }

  private static Map<String, String> params(HttpExchange ex) throws IOException {
    String raw = ex.getRequestURI().getRawQuery();
    if ("POST".equals(ex.getRequestMethod())) {
      raw = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }
    Map<String, String> out = new HashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int i = pair.indexOf('=');
        if (i > 0) {
          out.put(URLDecoder.decode(pair.substring(0, i), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(i + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return out;
  }

  private static void send(HttpExchange ex, int code, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(code, bytes.length);
    try (var out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Sample times recorded so far for a series, for tests. */
  List<Long> times(String metric, String cluster) {
    return List.copyOf(series.getOrDefault(key("failwise_sim_devices_" + metric, cluster), new ConcurrentSkipListMap<>()).keySet());
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
