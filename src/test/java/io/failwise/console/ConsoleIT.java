package io.failwise.console;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;
import io.failwise.api.Cluster;
import io.failwise.api.FailoverPolicy;
import io.failwise.api.FailoverPolicyStatus.Decision;
import io.failwise.api.FailoverRun;
import io.failwise.api.Fixtures;
import io.failwise.testing.ApiWorld;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The console in a real browser (Debian's headless Chromium driven by Playwright) and its JSON API,
 * against the controller on the test API server: the 12 March decision the controller records is
 * drawn with its break-even where the estimate put it, and a drill's timeline shows its waves.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class ConsoleIT extends ConsoleWorld {
  @Test
  void theConsoleShowsTheFleetTheTwelfthOfMarchDecisionAndADrillWithoutAConsoleError() throws Exception {
    Decision recorded = decision();
    assertEquals("HOLD", recorded.recommendation, recorded.explanation);
    assertNotNull(recorded.breakEvenMinutes, "the 12 March decision has a break-even");
    awaitRunRecorded();
    Path shots = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
    Files.createDirectories(shots);
    List<String> errors = new CopyOnWriteArrayList<>();
    ConsoleBrowser.inBrowser(errors, page -> {

      // The fleet: both regions, the cluster in an outage with its counts.
      page.navigate(base + "console/");
      page.waitForSelector("body[data-loaded='#/']");
      String westRow = page.locator("tr.cluster[data-cluster='console/go-eu-west-1']").innerText();
      assertTrue(westRow.contains("Outage") && westRow.contains("180,000") && westRow.contains("25,000"), westRow);
      assertTrue(page.locator("h2.region[data-region='eu-north']").isVisible());
      // Which run keeps a cluster busy, linked to the run's page.
      String northRun = page.locator("tr.cluster[data-cluster='console/go-eu-north-1'] td.run").innerText();
      assertTrue(northRun.matches("settles .+ \\(after drill-go-eu-west-1\\)"), northRun);
      assertEquals(
          "#/run/console/drill-go-eu-west-1",
          page.locator("tr.cluster[data-cluster='console/go-eu-north-1'] td.run a").getAttribute("href"));
      assertEquals("", page.locator("tr.cluster[data-cluster='console/go-eu-west-1'] td.run").innerText(), "no run holds the source");
      page.screenshot(new Page.ScreenshotOptions().setPath(shots.resolve("console-fleet.png")).setFullPage(true));

      // The decision's chart: the break-even drawn where the controller's estimate put it.
      page.navigate(base + "console/#/cluster/console/go-eu-west-1");
      // A vertical line has no width, so Playwright calls it hidden: wait for it to be in the page.
      page.waitForSelector(
          "svg.decision-chart g.break-even line", new Page.WaitForSelectorOptions().setState(WaitForSelectorState.ATTACHED));
      Object drawn =
          page.evaluate(
              "() => { const svg = document.querySelector('svg.decision-chart');"
                  + " const x = svg.querySelector('g.break-even line').x1.baseVal.value;"
                  + " return (x - Number(svg.dataset.x0)) / Number(svg.dataset.pxPerMinute); }");
      assertEquals(recorded.breakEvenMinutes, ((Number) drawn).doubleValue(), 0.1, "break-even drawn at (minutes)");
      // ...and it is where the drawn HOLD and FAILOVER lines cross on screen (pixels, as laid out).
      Object crossing =
          page.evaluate(
              "() => { const r = s => document.querySelector(s).getBoundingClientRect();"
                  + " const dot = r('svg.decision-chart g.break-even circle'), be = r('svg.decision-chart g.break-even line');"
                  + " const hold = document.querySelector(\"line.curve[data-option='HOLD']\"), f = document.querySelector(\"line.curve[data-option='FAILOVER']\");"
                  + " return [dot.x + dot.width / 2 - (be.x + be.width / 2), Number(f.getAttribute('y1')) - Number(document.querySelector('svg.decision-chart g.break-even circle').getAttribute('cy'))]; }");
      List<?> offsets = (List<?>) crossing;
      assertEquals(0, ((Number) offsets.get(0)).doubleValue(), 1.0, "the HOLD dot sits on the break-even line");
      assertEquals(0, ((Number) offsets.get(1)).doubleValue(), 1.0, "and at FAILOVER's height: the lines cross there");
      assertTrue(page.locator("p.explanation").innerText().contains("Recorded only (Shadow mode)"));
      assertTrue(page.locator("p.recommendation").innerText().contains("HOLD"));
      // Static counts change once: the offline series holds that reading up to now rather than saying there is none.
      assertEquals(1, page.locator("svg.offline-series").count(), page.locator("main").innerText());
      assertEquals("Turns with: " + recorded.turnsWith, page.locator("p.turns").innerText(), "where the HOLD would turn");
      page.screenshot(new Page.ScreenshotOptions().setPath(shots.resolve("console-decision.png")).setFullPage(true));

      // Decisions, newest first.
      page.navigate(base + "console/#/decisions");
      page.waitForSelector("body[data-loaded='#/decisions']");
      assertTrue(page.locator("tr.decision").count() >= 1);
      // Times in the controller's zone, with it, as the explanations write them (not the API's RFC 3339 UTC).
      String time = page.locator("tr.decision td").first().innerText();
      assertTrue(time.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d (UTC|[+-]\\d\\d:\\d\\d)"), time);

      // The drill: each step planned against actual, its waves out and back, who approved, what to copy.
      page.navigate(base + "console/#/run/console/drill-go-eu-west-1");
      page.waitForSelector("svg.timeline");
      assertEquals(2, page.locator("g.step[data-step='shift-canary'] circle.actual-wave").count(), "two waves out");
      assertEquals(2, page.locator("g.step[data-step='shift-canary'] line.planned-wave").count());
      assertEquals(1, page.locator("g.step[data-step='failback'] circle.actual-wave").count(), "one wave back");
      // A step undone after it ended (a rollback; a drill's set-back) is marked where it was undone: its bar ends
      // Succeeded earlier and must not read as still in force. The page's own drawing, on a rolled-back shift.
      Object undone = page.evaluate("() => { const d = document.createElement('div'); d.innerHTML = timelineSvg({plannedSeconds: 600,"
          + " finishedSeconds: 900, steps: [{name: 'scale', kind: 'Scale', state: 'Undone', plannedStartSeconds: 0, plannedSeconds: 60,"
          + " actualStartSeconds: 0, actualEndSeconds: 60, undoneAtSeconds: 840, waves: []}, {name: 'shift', kind: 'Shift', state: 'Undone',"
          + " plannedStartSeconds: 60, plannedSeconds: 540, actualStartSeconds: 60, actualEndSeconds: null, undoneAtSeconds: 600, waves: []}]}, null);"
          + " return [...d.querySelectorAll('g.step')].map(g => g.dataset.step + ':' + [...g.querySelectorAll('polygon.undone title')]"
          + ".map(t => t.textContent).join()).join(' '); }");
      assertEquals("scale:undone at +14 min shift:undone at +10 min", undone);
      // A freeze window open now is said on every page, beside the halt: the page's own banner, from the control answer.
      Object frozen = page.evaluate("() => { const d = document.createElement('div'); d.innerHTML = controlBanner({halt: null, freeze:"
          + " {name: 'change-freeze', until: '2026-12-10T00:00:00Z', modes: ['Drill', 'Failover']}}); return d.innerText; }");
      assertTrue(String.valueOf(frozen).startsWith("Freeze window change-freeze is open until 2026-12-10 ")
          && String.valueOf(frozen).contains(": no drill or failover run starts until then"), String.valueOf(frozen));
      assertEquals("", page.evaluate("() => controlBanner({halt: null, freeze: null})"));
      assertTrue(page.locator("li.approval").innerText().contains("bob"));
      assertTrue(page.locator("div.command code").allInnerTexts().contains("failwise report drill-go-eu-west-1 -n console"));
      assertTrue(page.locator("pre.report").innerText().contains("FailoverRun console/drill-go-eu-west-1"));
      page.screenshot(new Page.ScreenshotOptions().setPath(shots.resolve("console-run.png")).setFullPage(true));
      // The page says how fresh it is (it reads again on a timer).
      assertTrue(page.locator("#status").innerText().matches("Read \\d+ s ago; read again every 10 s\\."), page.locator("#status").innerText());

      // An address the console has no page for says so, instead of showing the fleet as if it were asked for.
      page.navigate(base + "console/#/run/drill-go-eu-west-1");
      page.waitForSelector("body[data-loaded='#/run/drill-go-eu-west-1']");
      assertTrue(page.locator("main p.problem").innerText().startsWith("No such page: #/run/drill-go-eu-west-1."), page.locator("main").innerText());
      // A malformed escape in the address (a link cut short) says so too, rather than "Loading…" for good.
      page.navigate(base + "console/#/run/console/%E0%A4%A");
      page.waitForSelector("body[data-loaded='#/run/console/%E0%A4%A']");
      assertTrue(page.locator("main p.problem").innerText().startsWith("No such page: #/run/console/%E0%A4%A."), page.locator("main").innerText());

      // A run that waits says why in the runs list, not only on hover: one whose playbook does not exist waits InvalidSpec.
      FailoverRun waiting = new FailoverRun();
      waiting.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withNamespace(NS).withName("waits-for-its-playbook").build());
      waiting.setSpec(new io.failwise.api.FailoverRunSpec());
      waiting.getSpec().playbook = "not-applied-yet";
      waiting.getSpec().source = "go-eu-west-1";
      waiting.getSpec().mode = io.failwise.api.FailoverRunSpec.Mode.Drill;
      waiting.getSpec().reason = "console test";
      waiting.getSpec().requestedBy = "test";
      client.resource(waiting).create();
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        var s = client.resources(FailoverRun.class).inNamespace(NS).withName("waits-for-its-playbook").get().getStatus();
        return s != null && "InvalidSpec".equals(s.reason);
      });
      page.navigate(base + "console/#/runs");
      page.waitForSelector("small.why");
      assertTrue(page.locator("small.why").first().innerText().startsWith("The run cannot start: "), page.locator("main").innerText());

      // The global halt holds every run: every page says so, with the way out.
      halt.halt("lead@example.com", "provider incident");
      try {
        await().atMost(Duration.ofSeconds(30)).until(() -> control.halt().isPresent());
        page.navigate(base + "console/#/runs");
        page.waitForSelector("p.halt");
        String said = page.locator("p.halt").innerText();
        assertTrue(said.startsWith("Halted by lead@example.com since ") && said.endsWith(": provider incident. No run moves and no run starts until failwise resume."), said);
      } finally {
        halt.resume();
      }
    });
    assertEquals(List.of(), errors, "the pages log no console error");
  }

  /**
   * A cluster that recovered keeps its last decision with an estimate, which the page headed "Current
   * decision" hours later. After the policy's Recovered record it is the last decision, said not current.
   */
  @Test
  void aDecisionOnAnOutageThatHasEndedIsShownAsTheLastNotTheCurrentOne() throws Exception {
    String ns = "console-recovered";
    Cluster west = Fixtures.cluster(ns, "go-eu-west-1", "eu-west", 180_000, 155_000, "go-eu-north-1");
    Cluster north = Fixtures.cluster(ns, "go-eu-north-1", "eu-north", 90_000, 90_000);
    north.getSpec().capacity.devices = 300_000L;
    ApiWorld.on(client).namespace(ns).regions("eu-west", "eu-north").apply(north, west, shadowPolicy(ns, "watch"));
    var policies = client.resources(FailoverPolicy.class).inNamespace(ns).withName("watch");
    await().atMost(Duration.ofSeconds(30)).until(() -> policies.get().getStatus() != null && !policies.get().getStatus().decisions.isEmpty());
    // The devices come back (a merge patch carries no resourceVersion: no conflict with the status writes).
    client.resources(Cluster.class).inNamespace(ns).withName("go-eu-west-1")
        .patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
            "{\"spec\":{\"signals\":{\"static\":{\"expected\":180000,\"connected\":179900}}}}");
    await().atMost(Duration.ofSeconds(30)).until(() -> "Recovered".equals(policies.get().getStatus().decisions.get(0).action));

    List<String> errors = new CopyOnWriteArrayList<>();
    ConsoleBrowser.inBrowser(errors, page -> {
      page.navigate(base + "console/#/cluster/" + ns + "/go-eu-west-1");
      page.waitForSelector("body[data-loaded='#/cluster/" + ns + "/go-eu-west-1']");
      List<String> headings = page.locator("main h2").allInnerTexts();
      assertTrue(headings.contains("Last decision") && !headings.contains("Current decision"), headings.toString());
      String said = page.locator("p.stale-decision").innerText();
      assertTrue(said.startsWith("The outage has ended (Recovered at ") && said.contains("the decision below is not current."), said);
    });
    assertEquals(List.of(), errors, "the page logs no console error");
  }

  @Test
  void theApiAnswersJsonAndNamesWhatIsMissing() throws Exception {
    decision();
    HttpClient http = HttpClient.newHttpClient();
    JsonNode fleet = get(http, "api/v1/fleet", 200);
    assertTrue(fleet.path("regions").isArray() && fleet.path("regions").size() >= 2, fleet.toString());
    JsonNode north = get(http, "api/v1/clusters/console/go-eu-north-1", 200).path("run");
    assertEquals("drill-go-eu-west-1", north.path("name").asText(), north.toString());
    assertEquals("settling", north.path("role").asText(), north.toString());
    assertTrue(Duration.between(clock.instant(), java.time.Instant.parse(north.path("until").asText())).compareTo(SETTLES_FOR) <= 0, north.toString());
    JsonNode cluster = get(http, "api/v1/clusters/console/go-eu-west-1", 200);
    assertEquals("HOLD", cluster.path("chart").path("recommendation").asText(), cluster.toString());
    assertTrue(cluster.path("decision").path("turnsWith").asText().startsWith("FAILOVER if the median cutover were under "), cluster.toString());
    assertEquals(cluster.path("decision").path("breakEvenMinutes").asDouble(), cluster.path("chart").path("breakEvenMinutes").asDouble(), 0.01);
    assertTrue(get(http, "api/v1/clusters/console/nope", 404).path("error").asText().contains("console/nope does not exist"));
    assertTrue(get(http, "api/v1/decisions?limit=0", 400).path("error").asText().contains("limit"));
    // A misspelt filter is refused: answered with every decision, it would read as that cluster's.
    assertEquals("no parameter 'clsuter': /api/v1/decisions takes namespace, cluster, limit",
        get(http, "api/v1/decisions?clsuter=go-eu-west-1", 400).path("error").asText());
    // Clusters of one name in two namespaces are told apart.
    assertTrue(get(http, "api/v1/decisions?namespace=console&cluster=go-eu-west-1", 200).path("decisions").size() >= 1);
    assertEquals(0, get(http, "api/v1/decisions?namespace=elsewhere&cluster=go-eu-west-1", 200).path("decisions").size());
    assertTrue(get(http, "api/v1/runs/console/nope", 404).path("error").asText().contains("FailoverRun console/nope"));
    assertTrue(get(http, "api/v1/nothing", 404).path("error").asText().contains("/api/v1/fleet"));
    assertTrue(get(http, "api/v1/control", 200).path("halt").isNull(), "no halt set");
    // HEAD, as the 405 answer's Allow header says: the headers of a GET, no body.
    HttpResponse<String> head = http.send(HttpRequest.newBuilder(URI.create(base + "api/v1/fleet")).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, head.statusCode(), head.body());
    assertEquals("", head.body());
    assertTrue(head.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), head.headers().toString());
    // The API is read-only: a write is refused as such (405), not as a missing path.
    HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(base + "api/v1/runs")).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(405, post.statusCode(), post.body());
    assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElse(""));
    assertTrue(post.body().contains("POST is not allowed: the console's API is read-only"), post.body());
    HttpResponse<String> root = http.send(HttpRequest.newBuilder(URI.create(base.toString())).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(302, root.statusCode(), "the root points at the console");
    assertEquals("/console/", root.headers().firstValue("Location").orElse(""));
    // The console's files keep their names across versions: asked again each time, not kept a day as immutable.
    for (String file : List.of("console/", "console/console.js", "console/console.css")) {
      HttpResponse<String> asset = http.send(HttpRequest.newBuilder(URI.create(base + file)).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, asset.statusCode(), file);
      assertEquals("no-cache", asset.headers().firstValue("Cache-Control").orElse(""), file + ": " + asset.headers());
    }
    HttpResponse<String> svg =
        http.send(HttpRequest.newBuilder(URI.create(base + "api/v1/clusters/console/go-eu-west-1/chart.svg")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, svg.statusCode());
    SvgChart chart = SvgChart.parse(svg.body());
    assertEquals(cluster.path("chart").path("breakEvenMinutes").asDouble(), chart.markMinutes("break-even"), 0.01);
  }

  @Test
  void everyMetricTheAlertsAndTheDashboardUseIsExported() throws Exception {
    decision();
    awaitRunRecorded();
    HttpClient http = HttpClient.newHttpClient();
    java.util.Set<String> wanted = io.failwise.monitoring.MonitoringKit.failwiseMetrics();
    assertTrue(wanted.contains("failwise_run_info") && wanted.contains("failwise_controller_leader"), wanted.toString());
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      String metrics =
          http.send(HttpRequest.newBuilder(URI.create(base + "q/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
      java.util.Set<String> exported = new java.util.TreeSet<>();
      for (String line : metrics.split("\n")) {
        if (!line.startsWith("#") && !line.isBlank()) {
          exported.add(line.split("[{ ]", 2)[0]);
        }
      }
      java.util.Set<String> missing = new java.util.TreeSet<>(wanted);
      missing.removeAll(exported);
      assertEquals(java.util.Set.of(), missing, "used in manifests/monitoring but not exported at /q/metrics");
      assertTrue(metrics.contains("failwise_run_info{mode=\"Drill\",namespace=\"console\",phase=\"Succeeded\",run=\"drill-go-eu-west-1\"} 1.0"), metrics);
    });
  }
}
