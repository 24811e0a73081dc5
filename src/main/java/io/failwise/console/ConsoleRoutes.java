package io.failwise.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.failwise.api.Cluster;
import io.failwise.model.estimate.FailoverEstimator;
import io.failwise.operator.FailwiseConfig;
import io.failwise.operator.estimate.PastOutages;
import io.failwise.operator.run.ControlState;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The read-only JSON API under /api/v1/ that feeds the console at /console/ (docs/console.md), on the
 * port that serves /q/metrics and /q/health. Every answer comes from {@link ConsoleCache}; nothing here
 * writes to the API server: approving and aborting stay with kubectl and failwise, under RBAC.
 */
@ApplicationScoped
public class ConsoleRoutes {
  private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
  private static final int MAX_DECISIONS = 200;

  private final ConsoleCache cache;
  private final FailoverEstimator estimator;
  private final PastOutages.Learning learning;
  private final ControlState control;
  private final Duration settle;

  private final io.failwise.operator.ClusterMetrics metrics;

  public ConsoleRoutes(
      ConsoleCache cache, FailoverEstimator estimator, FailwiseConfig config, ControlState control, io.failwise.operator.ClusterMetrics metrics) {
    this.metrics = metrics;
    this.cache = cache;
    this.estimator = estimator;
    this.learning = PastOutages.Learning.of(config.estimator());
    this.control = control;
    this.settle = config.runs().settle();
    this.freezeWindows = io.failwise.operator.SettingsRefusal.freezeWindows(config);
    this.freezeModes = config.runs().freeze().modes().stream().map(String::trim).toList();
  }

  /** The freeze windows of failwise.runs.freeze, as the runs' guards read them, and the modes they block. */
  private final List<io.failwise.model.run.FreezeWindow> freezeWindows;
  private final List<String> freezeModes;

  void routes(@Observes Router router) {
    router.getWithRegex("/console").handler(ctx -> ctx.redirect("/console/"));
    // The page, script and style sheet keep their names from one version to the next: served as Quarkus
    // serves static files ("public, immutable, max-age=86400"), a browser ran a day-old console.js against
    // an upgraded controller's API. Asked again each time instead, answered 304 while unchanged.
    router.route("/console/*").order(-1).handler(ctx -> {
      ctx.addHeadersEndHandler(v -> ctx.response().headers().set("Cache-Control", "no-cache"));
      ctx.next();
    });
    router.get("/").handler(ctx -> ctx.redirect("/console/"));
    // Read-only: a write to the console's API is a mistaken client, not a missing path.
    router.routeWithRegex("/api/v1/.*").handler(ctx -> {
      var method = ctx.request().method();
      if (method == io.vertx.core.http.HttpMethod.GET || method == io.vertx.core.http.HttpMethod.HEAD) {
        ctx.next();
        return;
      }
      ctx.response().putHeader("Allow", "GET, HEAD");
      json(ctx, 405, error(method + " is not allowed: the console's API is read-only (GET); runs, approvals and halts are made"
          + " with kubectl or failwise"));
    });
    // GET, and HEAD as the 405 answer's Allow header says (Vert.x sends a HEAD answer's headers only).
    read(router, "/api/v1/fleet").blockingHandler(ctx -> json(ctx, 200, fleet()));
    read(router, "/api/v1/control").blockingHandler(ctx -> json(ctx, 200, control()));
    read(router, "/api/v1/clusters/:namespace/:name/chart.svg").blockingHandler(this::chart);
    read(router, "/api/v1/clusters/:namespace/:name").blockingHandler(this::cluster);
    read(router, "/api/v1/decisions").blockingHandler(this::decisions);
    read(router, "/api/v1/runs").blockingHandler(ctx -> json(ctx, 200, Map.of("runs", RunView.list(cache.runs()))));
    read(router, "/api/v1/runs/:namespace/:name").blockingHandler(this::run);
    router.route("/api/v1/*").blockingHandler(ctx -> json(ctx, 404, error("no such API path: " + ctx.request().path()
        + "; see /api/v1/fleet, /api/v1/control, /api/v1/clusters/NS/NAME, /api/v1/decisions, /api/v1/runs, /api/v1/runs/NS/NAME")));
  }

  private static io.vertx.ext.web.Route read(Router router, String path) {
    return router.route(path).method(io.vertx.core.http.HttpMethod.GET).method(io.vertx.core.http.HttpMethod.HEAD);
  }

  /**
   * What holds every run, for the banner on every page: the global halt (who, when, why) as the
   * controller's own watch of its control namespace has it, or null; the freeze window open now, or null;
   * and the console's clock.
   */
  Map<String, Object> control() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("generatedAt", cache.clock().instant().toString());
    m.put("zone", cache.clock().getZone().getId()); // the zone the explanations write their times in
    m.put("halt", control.halt().map(h -> {
      Map<String, Object> hm = new LinkedHashMap<>();
      hm.put("by", h.by());
      hm.put("at", h.at());
      hm.put("reason", h.reason());
      return hm;
    }).orElse(null));
    m.put("freeze", freeze(freezeWindows, freezeModes, cache.clock().instant()));
    return m;
  }

  /**
   * The freeze window open at {@code now}: its name, its definition, when it closes and the modes it keeps
   * from starting; null when none is. An outside pass found a freeze in force that only a refused run said.
   */
  static Map<String, Object> freeze(List<io.failwise.model.run.FreezeWindow> windows, List<String> modes, java.time.Instant now) {
    if (modes.isEmpty()) {
      return null;
    }
    return io.failwise.model.run.FreezeWindow.containing(windows, now).map(w -> {
      Map<String, Object> fm = new LinkedHashMap<>();
      fm.put("name", w.name());
      fm.put("window", w.text());
      fm.put("until", w.endAfter(now).toString());
      fm.put("modes", modes);
      return fm;
    }).orElse(null);
  }

  Map<String, Object> fleet() {
    return FleetView.fleet(cache.regions(), cache.clusters(), cache.clock().instant(), occupancy(), freshness());
  }

  /** The run ledger as the controller's own watch of it has it, at the console's clock. */
  /** The signal's age as this controller's metric reports it. */
  private FleetView.Freshness freshness() {
    return c -> metrics.signalAgeSeconds(c.getMetadata().getNamespace(), c.getMetadata().getName());
  }

  private FleetView.Occupancy occupancy() {
    Instant now = cache.clock().instant();
    return c -> {
      String ns = c.getMetadata().getNamespace();
      return control.occupant(ns, c.getMetadata().getName(), run -> cache.run(ns, run).orElse(null), settle, now);
    };
  }

  private void cluster(RoutingContext ctx) {
    Optional<Cluster> found = cache.cluster(ctx.pathParam("namespace"), ctx.pathParam("name"));
    if (found.isEmpty()) {
      json(ctx, 404, error("Cluster " + ctx.pathParam("namespace") + "/" + ctx.pathParam("name") + " does not exist"));
      return;
    }
    Cluster c = found.get();
    Map<String, Object> m = FleetView.cluster(c, cache.clock().instant(), occupancy(), freshness());
    m.put("generatedAt", cache.clock().instant().toString()); // the series' last reading holds until now
    m.put(
        "series",
        cache.history(c.getMetadata().getNamespace(), c.getMetadata().getName()).stream()
            .map(p -> Map.of("at", p.at().toString(), "expected", p.expected(), "connected", p.connected(), "offline", p.offline()))
            .toList());
    List<DecisionView.Recorded> decisions = DecisionView.newestFirst(cache.policies());
    Optional<DecisionView.Charted> current = current(c, decisions);
    m.put("decision", current.map(k -> DecisionView.json(k.recorded())).orElse(null));
    m.put("chart", current.map(DecisionView.Charted::curves).orElse(null));
    m.put("chartProblem", current.map(DecisionView.Charted::why).orElse(null));
    m.put(
        "decisions",
        decisions.stream()
            .filter(r -> r.namespace().equals(c.getMetadata().getNamespace()) && c.getMetadata().getName().equals(r.decision().cluster))
            .limit(MAX_DECISIONS)
            .map(DecisionView::json)
            .toList());
    json(ctx, 200, m);
  }

  private void chart(RoutingContext ctx) {
    Optional<Cluster> found = cache.cluster(ctx.pathParam("namespace"), ctx.pathParam("name"));
    Optional<DecisionCurves> curves =
        found.flatMap(c -> current(c, DecisionView.newestFirst(cache.policies()))).map(DecisionView.Charted::curves);
    if (curves.isEmpty()) {
      json(ctx, 404, error("no decision to draw for Cluster " + ctx.pathParam("namespace") + "/" + ctx.pathParam("name")));
      return;
    }
    send(ctx, 200, "image/svg+xml; charset=utf-8", DecisionChartSvg.render(ctx.pathParam("name"), curves.get()));
  }

  /** What /api/v1/decisions reads; any other parameter is refused rather than ignored. */
  static final List<String> DECISION_PARAMETERS = List.of("namespace", "cluster", "limit");

  private void decisions(RoutingContext ctx) {
    // A misspelt filter ("?clsuter=a") used to answer with every decision, which reads as that cluster's.
    Optional<String> unknown = ctx.queryParams().names().stream().filter(n -> !DECISION_PARAMETERS.contains(n)).sorted().findFirst();
    if (unknown.isPresent()) {
      json(ctx, 400, error("no parameter '" + unknown.get() + "': /api/v1/decisions takes " + String.join(", ", DECISION_PARAMETERS)));
      return;
    }
    String namespace = ctx.queryParams().get("namespace");
    String cluster = ctx.queryParams().get("cluster");
    int limit = MAX_DECISIONS;
    String limitParam = ctx.queryParams().get("limit");
    if (limitParam != null) {
      try {
        limit = Integer.parseInt(limitParam);
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > MAX_DECISIONS) {
        json(ctx, 400, error("limit: a whole number from 1 to " + MAX_DECISIONS + ", got '" + limitParam + "'"));
        return;
      }
    }
    List<Map<String, Object>> out =
        DecisionView.newestFirst(cache.policies()).stream()
            .filter(r -> namespace == null || namespace.equals(r.namespace()))
            .filter(r -> cluster == null || cluster.equals(r.decision().cluster))
            .limit(limit)
            .map(DecisionView::json)
            .toList();
    json(ctx, 200, Map.of("decisions", out));
  }

  private void run(RoutingContext ctx) {
    var found = cache.run(ctx.pathParam("namespace"), ctx.pathParam("name"));
    if (found.isEmpty()) {
      json(ctx, 404, error("FailoverRun " + ctx.pathParam("namespace") + "/" + ctx.pathParam("name") + " does not exist"));
      return;
    }
    boolean simulated = cache.clock() instanceof io.failwise.operator.SwitchableClock c && c.switched();
    var spec = found.get().getSpec();
    Cluster source = spec == null || spec.source == null ? null : cache.cluster(found.get().getMetadata().getNamespace(), spec.source).orElse(null);
    Map<String, Object> m = RunView.detail(found.get(), simulated, source, cache.clock().instant(), cache.clock().getZone());
    m.put("generatedAt", cache.clock().instant().toString()); // a step still running is drawn up to now
    json(ctx, 200, m);
  }

  private Optional<DecisionView.Charted> current(Cluster c, List<DecisionView.Recorded> decisions) {
    return DecisionView.current(
        c, cache.clustersIn(c.getMetadata().getNamespace()), decisions, estimator, cache.clock().getZone(), learning);
  }

  private static Map<String, Object> error(String message) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("error", message);
    return m;
  }

  private static void json(RoutingContext ctx, int status, Object body) {
    String text;
    try {
      text = JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      status = 500;
      text = "{\"error\":\"cannot serialise the answer\"}";
    }
    send(ctx, status, "application/json; charset=utf-8", text);
  }

  /** The answer; to a HEAD, its headers (the length included) without the body. */
  private static void send(RoutingContext ctx, int status, String contentType, String text) {
    var response = ctx.response().setStatusCode(status).putHeader("Content-Type", contentType).putHeader("Cache-Control", "no-store");
    if (ctx.request().method() == io.vertx.core.http.HttpMethod.HEAD) {
      response.putHeader("Content-Length", String.valueOf(text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)).end();
    } else {
      response.end(text);
    }
  }
}
