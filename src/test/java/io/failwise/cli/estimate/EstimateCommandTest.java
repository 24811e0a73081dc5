package io.failwise.cli.estimate;

import io.failwise.testing.Cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.failwise.model.estimate.DurationPrior;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EstimateCommandTest {
  private static final String CLUSTERS =
      """
      apiVersion: failwise.io/v1alpha1
      kind: Cluster
      metadata: {name: west, namespace: fleet}
      spec:
        region: eu-west
        capacity: {devices: 250000}
        admission: {devicesPerSecond: 960}
        failover: {targets: [{cluster: north}], cutoverSeconds: 1200}
        signals: {static: {expected: 180000, connected: 179000}}
      ---
      apiVersion: failwise.io/v1alpha1
      kind: Cluster
      metadata: {name: north, namespace: fleet}
      spec:
        region: eu-north
        capacity: {devices: 300000}
        admission: {devicesPerSecond: 960}
        signals: {static: {expected: 90000, connected: 89000}}
      """;
  private static final String SCENARIO =
      """
      ---
      apiVersion: failwise.io/v1alpha1
      kind: Scenario
      metadata: {name: s}
      spec:
        at: "2026-03-12T21:40:00+01:00"
        outage: {cluster: west, since: "2026-03-12T20:45:00+01:00", offlineDevices: 25000, affectedDevices: 50000}
      """;

  @TempDir Path dir;

  @Test
  void printsTheRecommendationTheOptionsAndTheExplanationAsText() throws IOException {
    Cli.Result r = Cli.run("estimate", "-f", write("s.yaml", CLUSTERS + SCENARIO).toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("Recommendation: HOLD"), r.out());
    assertTrue(r.out().contains("Break-even:     FAILOVER pays off if the outage lasts another "), r.out());
    assertTrue(r.out().contains("Waiting:        hold 15 min and decide again: "), r.out());
    assertTrue(r.out().contains("25,000 devices offline (of 50,000 intermittently affected)"), r.out());
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("FAILOVER ") && l.contains("north") && l.contains("180,000")), r.out());
    assertTrue(r.out().contains("more devices than the outage has"), r.out());
  }

  @Test
  void jsonAndYamlCarryTheSameFields() throws IOException {
    Path file = write("s.yaml", CLUSTERS + SCENARIO);
    JsonNode json = Cli.run("estimate", "-f", file.toString(), "-o", "json").json();
    Cli.Result yaml = Cli.run("estimate", "-f", file.toString(), "-o", "yaml");
    assertEquals(0, yaml.exitCode(), yaml.err());
    assertEquals(json, new ObjectMapper(new YAMLFactory()).readTree(yaml.out()));
    for (String field : new String[] {"recommendation", "breakEven", "reevaluateAt", "explanation", "options"}) {
      assertTrue(json.has(field), field);
    }
    JsonNode hold = ScenariosTest.option(json, "HOLD");
    for (String field : new String[] {"option", "feasible", "devicesDisrupted", "recoveryMinutes"}) {
      assertTrue(hold.has(field), field);
    }
    assertTrue(hold.path("deviceMinutes").path("mean").isNumber());
    assertTrue(hold.path("deviceMinutes").path("p90").isNumber());
    assertEquals("default", json.path("durationPrior").path("source").asText());
  }

  @Test
  void saysWhereTheAnswerTurnsWithTheCutoverAndTheSizeOfTheOutage() throws IOException {
    // HOLD with a 20-minute cutover and 25,000 offline: a shorter cutover or more devices offline would make
    // failing over the better bet. Text and JSON give the same turns; the JSON's values are whole seconds
    // and devices.
    Path file = write("s.yaml", CLUSTERS + SCENARIO);
    JsonNode turns = Cli.run("estimate", "-f", file.toString(), "-o", "json").json().path("turnsWith");
    JsonNode cutover = turns.path("cutover");
    assertEquals("FAILOVER", cutover.path("to").asText());
    assertEquals(1200, cutover.path("nowSeconds").asLong());
    long seconds = cutover.path("medianSeconds").asLong();
    assertTrue(seconds > 0 && seconds < 1200, turns.toString());
    JsonNode offline = turns.path("offline");
    assertEquals("FAILOVER", offline.path("to").asText());
    assertEquals(25_000, offline.path("nowDevices").asLong());
    long devices = offline.path("devices").asLong();
    assertTrue(devices > 25_000 && devices <= 180_000, turns.toString());

    String text = Cli.run("estimate", "-f", file.toString()).out();
    String line = text.lines().filter(l -> l.startsWith("Turns with:")).findFirst().orElseThrow(() -> new AssertionError(text));
    assertEquals(
        "Turns with:     FAILOVER if the median cutover were under "
            + io.failwise.model.Format.exactDuration(java.time.Duration.ofSeconds(seconds)) + " (20 min now); FAILOVER with more than "
            + io.failwise.model.Format.count(devices) + " devices offline (25,000 now)",
        line);
  }

  @Test
  void readsClustersAndTheScenarioFromSeveralFilesAndTakesTheScenariosPrior() throws IOException {
    Path clusters = write("clusters.yaml", CLUSTERS);
    Path scenario = write("scenario.yaml", SCENARIO + "  durationPrior: {medianMinutes: 90, p90Minutes: 360}\n");
    Cli.Result r = Cli.run("estimate", "-f", clusters.toString(), "-f", scenario.toString(), "-o", "json");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals("scenario", r.json().path("durationPrior").path("source").asText());
    assertEquals(90, r.json().path("durationPrior").path("medianMinutes").asDouble());
  }

  @Test
  void aMissingFieldNamesTheFileTheDocumentAndTheField() throws IOException {
    assertBadInput(
        CLUSTERS + SCENARIO.replace(", offlineDevices: 25000, affectedDevices: 50000", ""),
        "document 3 (Scenario s): spec.outage.offlineDevices: is required");
  }

  @Test
  void aNegativeCountIsRejected() throws IOException {
    assertBadInput(
        CLUSTERS + SCENARIO.replace("offlineDevices: 25000", "offlineDevices: -5"),
        "document 3 (Scenario s): spec.outage.offlineDevices: must be 0 or more, got -5");
    assertBadInput(
        CLUSTERS.replace("capacity: {devices: 300000}", "capacity: {devices: -1}") + SCENARIO,
        // The CRD schema's bound and wording, as validate, plan and the API server give them.
        "document 2 (Cluster north): spec.capacity.devices: Invalid value: -1: spec.capacity.devices in body should be greater than or equal to 0");
    assertBadInput(
        CLUSTERS + "status: {devices: {expected: 90000, connected: -3}}\n" + SCENARIO,
        "document 2 (Cluster north): status.devices.connected: Invalid value: -3: status.devices.connected in body should be greater than or equal to 0");
  }

  @Test
  void aBadBudgetNamesItsField() throws IOException {
    String budget = "  budget: {failoversToday: 1, failbacksToday: 0}\n";
    assertBadInput(
        CLUSTERS + SCENARIO + budget.replace("failoversToday: 1", "failoversToday: -1"),
        "document 3 (Scenario s): spec.budget.failoversToday: must be 0 or more, got -1");
    assertBadInput(
        CLUSTERS + SCENARIO + budget.replace("failbacksToday: 0", "failbacksToday: -2"),
        "document 3 (Scenario s): spec.budget.failbacksToday: must be 0 or more, got -2");
    assertBadInput(
        CLUSTERS + SCENARIO + "  budget: {}\n",
        "document 3 (Scenario s): spec.budget: give failoversToday and/or failbacksToday");
    assertBadInput(CLUSTERS + SCENARIO + "  budget: {failovers: 2}\n", "spec.budget");
    // Within the budget (1 of 2 failovers used), nothing is blocked.
    Cli.Result ok = Cli.run("estimate", "-f", write("ok.yaml", CLUSTERS + SCENARIO + budget).toString(), "-o", "json");
    assertEquals(0, ok.exitCode(), ok.err());
    assertTrue(ok.json().path("blocked").isNull(), ok.out());
  }

  @Test
  void anOutageOnAClusterThatIsNotInTheFilesIsRejected() throws IOException {
    assertBadInput(
        CLUSTERS + SCENARIO.replace("cluster: west", "cluster: south"),
        "document 3 (Scenario s): spec.outage.cluster: Cluster 'south' is not in the files; clusters given: north, west");
  }

  @Test
  void unparsableYamlIsRejectedWithItsLine() throws IOException {
    assertBadInput(CLUSTERS + SCENARIO + "  durationPrior: {medianMinutes: 90\n", "document 3: not valid YAML at line");
  }

  @Test
  void otherMistakesNameTheirFieldToo() throws IOException {
    assertBadInput(CLUSTERS, "no document of kind Scenario");
    assertBadInput(
        CLUSTERS + SCENARIO.replace("affectedDevices: 50000", "affectedDevices: 20000"),
        "spec.outage.affectedDevices: 20,000 is fewer than offlineDevices (25,000): every offline device is affected");
    assertBadInput(
        CLUSTERS + SCENARIO.replace("affectedDevices: 50000", "intermittent: true"),
        "spec.outage.intermittent: is no longer read: offlineDevices is the devices offline at spec.at");
    assertBadInput(
        CLUSTERS + SCENARIO.replace("affectedDevices: 50000}", "recent: [{at: \"2026-03-12T21:45:00+01:00\", offlineDevices: 1}]}"),
        "spec.outage.recent[0].at: 2026-03-12T21:45+01:00 is not before spec.at");
    assertBadInput(CLUSTERS + SCENARIO.replace("offlineDevices:", "offlineDevice:"), "document 3 (Scenario s): unknown field spec.outage.offlineDevice");
    assertBadInput(CLUSTERS + SCENARIO.replace("\"2026-03-12T21:40:00+01:00\"", "yesterday"), "spec.at: 'yesterday' is not an RFC 3339 time");
    assertBadInput(CLUSTERS + SCENARIO.replace("20:45:00", "22:45:00"), "spec.outage.since: 2026-03-12T22:45+01:00 is after spec.at");
    assertBadInput(CLUSTERS + SCENARIO.replace("offlineDevices: 25000, affectedDevices: 50000", "offlineDevices: 200000"), "spec.outage.offlineDevices: 200,000 is more than the 180,000 devices west expects");
    assertBadInput(CLUSTERS.replace(", cutoverSeconds: 1200", "") + SCENARIO, "document 1 (Cluster west): spec.failover.cutoverSeconds: is required");
    assertBadInput(CLUSTERS.replace("cluster: north", "cluster: nowhere") + SCENARIO, "document 1 (Cluster west): spec.failover.targets[0].cluster: Cluster 'nowhere' does not exist");
    assertBadInput(CLUSTERS + SCENARIO + "  durationPrior: {medianMinutes: 90, p90Minutes: 60}\n", "spec.durationPrior.p90Minutes: must be above medianMinutes");
    assertBadInput(CLUSTERS.replace("kind: Cluster\nmetadata: {name: north", "kind: Clustr\nmetadata: {name: north") + SCENARIO, "document 2 (Clustr north): kind: 'Clustr' is not one of Region, Cluster, Scenario");
    assertBadInput(CLUSTERS + SCENARIO + SCENARIO, "document 4 (Scenario s): kind: a second Scenario");
  }

  @Test
  void pastOutagesOfTwoKindsAreReportedAsTwoKinds() throws IOException {
    // 40 past outages, one day apart: 10 blips of 10-19 min and 30 incidents of 1-4 h. One lognormal would
    // blur them; the report names the two kinds and, in JSON, each part of the prior.
    StringBuilder past = new StringBuilder("  pastOutages:\n");
    List<Double> minutes = new java.util.ArrayList<>();
    java.time.Instant start = java.time.Instant.parse("2026-01-01T00:00:00Z");
    for (int i = 0; i < 40; i++) {
      long m = i % 4 == 0 ? 10 + i / 4 : 60 + 6L * i;
      minutes.add((double) m);
      java.time.Instant from = start.plus(java.time.Duration.ofDays(i));
      past.append("    - {start: \"").append(from).append("\", end: \"").append(from.plusSeconds(60 * m)).append("\"}\n");
    }
    DurationPrior expected = DurationPrior.DEFAULT.fittedTo(minutes);
    assertTrue(expected.twoKinds(), expected.toString());
    Path file = write("kinds.yaml", CLUSTERS + SCENARIO + past);
    JsonNode prior = Cli.run("estimate", "-f", file.toString(), "-o", "json").json().path("durationPrior");
    assertEquals(40, prior.path("pastOutages").asInt());
    assertEquals(3, prior.path("kinds").size(), prior.toString());
    assertEquals(0, prior.path("kinds").get(0).path("pastOutages").asDouble());
    assertEquals(10.0 / 50, prior.path("kinds").get(0).path("weight").asDouble(), 1e-4);
    assertEquals(10, prior.path("kinds").get(1).path("pastOutages").asDouble(), 0.5);
    assertEquals(30, prior.path("kinds").get(2).path("pastOutages").asDouble(), 0.5);
    assertTrue(prior.path("kinds").get(1).path("medianMinutes").asDouble() < 20, prior.toString());
    Cli.Result text = Cli.run("estimate", "-f", file.toString());
    assertTrue(text.out().contains(", learned from 40 past outages and the default; " + expected.kindsText() + "): "), text.out());
    assertTrue(expected.kindsText().startsWith("two kinds, 10 short (median 1"), expected.kindsText());
    // One lognormal has no parts.
    assertEquals(0, Cli.run("estimate", "-f", write("none.yaml", CLUSTERS + SCENARIO).toString(), "-o", "json").json().path("durationPrior").path("kinds").size());
  }

  @Test
  void aScenarioWithoutPastOutagesKeepsItsPriorAndItsOutput() throws IOException {
    Path none = write("none.yaml", CLUSTERS + SCENARIO);
    Cli.Result text = Cli.run("estimate", "-f", none.toString());
    assertTrue(
        text.out().contains("\nRemaining outage (prior median 2 h, p90 8 h, the default): expected 3 h 37 min, median 1 h 51 min, p90 8 h 28 min\n"),
        text.out());
    JsonNode prior = Cli.run("estimate", "-f", none.toString(), "-o", "json").json().path("durationPrior");
    assertEquals(120, prior.path("medianMinutes").asDouble());
    assertEquals(480, prior.path("p90Minutes").asDouble());
    assertEquals("default", prior.path("source").asText());
    assertEquals(0, prior.path("pastOutages").asInt());
    Cli.Result stated = Cli.run("estimate", "-f", write("stated.yaml", CLUSTERS + SCENARIO + "  durationPrior: {medianMinutes: 90, p90Minutes: 360}\n").toString());
    assertTrue(stated.out().contains("\nRemaining outage (prior median 1 h 30 min, p90 6 h): expected "), stated.out());
    // An empty list is no past outage: the same output, byte for byte.
    Path empty = write("empty.yaml", CLUSTERS + SCENARIO + "  pastOutages: []\n");
    assertEquals(text.out(), Cli.run("estimate", "-f", empty.toString()).out());
    assertEquals(Cli.run("estimate", "-f", none.toString(), "-o", "json").out(), Cli.run("estimate", "-f", empty.toString(), "-o", "json").out());
  }

  @Test
  void pastOutagesUpdateThePriorAndTheReportSaysSo() throws IOException {
    // 20 and 40 minutes, in any offset: the default updated by fittedTo, as the controller will do.
    String past =
        "  pastOutages:\n    - {start: \"2026-03-01T10:00:00Z\", end: \"2026-03-01T10:20:00Z\"}\n"
            + "    - {start: \"2026-03-05T08:00:00+01:00\", end: \"2026-03-05T08:40:00+01:00\"}\n";
    Path file = write("past.yaml", CLUSTERS + SCENARIO + past);
    DurationPrior expected = DurationPrior.DEFAULT.fittedTo(List.of(20.0, 40.0));
    JsonNode prior = Cli.run("estimate", "-f", file.toString(), "-o", "json").json().path("durationPrior");
    assertEquals(expected.medianMinutes(), prior.path("medianMinutes").asDouble(), 1e-9);
    assertEquals(expected.p90Minutes(), prior.path("p90Minutes").asDouble(), 1e-9);
    assertEquals("default+pastOutages", prior.path("source").asText());
    assertEquals(2, prior.path("pastOutages").asInt());
    Cli.Result text = Cli.run("estimate", "-f", file.toString());
    assertTrue(text.out().contains("\nRemaining outage (prior median 1 h 34 min, p90 6 h 43 min, learned from 2 past outages and the default): "), text.out());
    // A stated prior learns too, and the report names it.
    Path stated =
        write("stated.yaml", CLUSTERS + SCENARIO + "  durationPrior: {medianMinutes: 90, p90Minutes: 360}\n" + past.substring(0, past.indexOf("    - {start: \"2026-03-05")));
    assertEquals("scenario+pastOutages", Cli.run("estimate", "-f", stated.toString(), "-o", "json").json().path("durationPrior").path("source").asText());
    assertTrue(Cli.run("estimate", "-f", stated.toString()).out().contains(", learned from 1 past outage and the scenario's prior): "));
  }

  @Test
  void aBadPastOutageNamesItsFieldAndSaysWhatIsValid() throws IOException {
    String doc = "document 3 (Scenario s): ";
    assertBadInput(
        CLUSTERS + SCENARIO + "  pastOutages: [{end: \"2026-03-01T10:20:00Z\"}]\n",
        doc + "spec.pastOutages[0].start: is required: when the outage began, an RFC 3339 time such as 2026-03-12T21:40:00+01:00");
    assertBadInput(
        CLUSTERS + SCENARIO + "  pastOutages: [{start: \"2026-03-01T10:00:00Z\", end: \"2026-03-01T10:20:00Z\"}, {start: \"2026-03-02T10:00:00Z\"}]\n",
        doc + "spec.pastOutages[1].end: is required: when the outage ended, an RFC 3339 time");
    assertBadInput(
        CLUSTERS + SCENARIO + "  pastOutages: [{start: \"last Tuesday\", end: \"2026-03-01T10:20:00Z\"}]\n",
        doc + "spec.pastOutages[0].start: 'last Tuesday' is not an RFC 3339 time such as 2026-03-12T21:40:00+01:00");
    // Without an offset a time is not RFC 3339: which hour it was depends on where it was read.
    assertBadInput(
        CLUSTERS + SCENARIO + "  pastOutages: [{start: \"2026-03-01T10:00:00Z\", end: \"2026-03-01T10:20:00\"}]\n",
        doc + "spec.pastOutages[0].end: '2026-03-01T10:20:00' is not an RFC 3339 time");
    assertBadInput(
        CLUSTERS + SCENARIO + "  pastOutages: [{start: \"2026-03-01T10:20:00Z\", end: \"2026-03-01T10:20:00Z\"}]\n",
        doc + "spec.pastOutages[0].end: 2026-03-01T10:20Z is not after start (2026-03-01T10:20Z): an ended outage ends after it begins");
    assertBadInput(
        CLUSTERS + SCENARIO + "  pastOutages: [{start: \"2026-03-01T10:20:00Z\", end: \"2026-03-01T10:00:00Z\"}]\n",
        doc + "spec.pastOutages[0].end: 2026-03-01T10:00Z is not after start (2026-03-01T10:20Z)");
    // spec.at is 21:40 +01:00: an outage that ended a minute later had not ended when the estimate is made.
    assertBadInput(
        CLUSTERS + SCENARIO + "  pastOutages: [{start: \"2026-03-12T20:00:00Z\", end: \"2026-03-12T20:41:00Z\"}]\n",
        doc + "spec.pastOutages[0].end: 2026-03-12T20:41Z is after spec.at (2026-03-12T21:40+01:00): a past outage must have ended by the"
            + " moment being estimated");
    // A year typed wrong makes a 13-month outage, which would stretch the prior's tail for every estimate.
    assertBadInput(
        CLUSTERS + SCENARIO + "  pastOutages: [{start: \"2025-02-01T10:00:00Z\", end: \"2026-03-01T10:20:00Z\"}]\n",
        doc + "spec.pastOutages[0].end: 2026-03-01T10:20Z is more than 30 days after start (2025-02-01T10:00Z): check the dates;"
            + " an outage is at most 30 days here, as for spec.outage.since");
    assertBadInput(CLUSTERS + SCENARIO + "  pastOutages: [null]\n", doc + "spec.pastOutages[0]: is required: {start, end}, RFC 3339 times");
    assertBadInput(
        CLUSTERS + SCENARIO + "  pastOutages: [{start: \"2026-03-01T10:00:00Z\", minutes: 20}]\n",
        doc + "unknown field spec.pastOutages[0].minutes (valid here: end, start)");
    StringBuilder many = new StringBuilder("  pastOutages:\n");
    for (int i = 0; i < 1_001; i++) {
      many.append("    - {start: \"2026-01-01T00:00:00Z\", end: \"2026-01-01T00:10:00Z\"}\n");
    }
    assertBadInput(CLUSTERS + SCENARIO + many, doc + "spec.pastOutages: 1,001 outages; give at most 1,000 (the most recent");
    // 1,000 are read.
    String thousand = many.substring(0, many.lastIndexOf("    - {start:"));
    Cli.Result ok = Cli.run("estimate", "-f", write("ok.yaml", CLUSTERS + SCENARIO + thousand).toString(), "-o", "json");
    assertEquals(0, ok.exitCode(), ok.err());
    assertEquals(1_000, ok.json().path("durationPrior").path("pastOutages").asInt());
  }

  @Test
  void aFileThatDoesNotExistIsBadInput() {
    Cli.Result r = Cli.run("estimate", "-f", dir.resolve("missing.yaml").toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("missing.yaml: no such file or folder"), r.err());
  }

  private void assertBadInput(String content, String expected) throws IOException {
    Path file = write("bad.yaml", content);
    Cli.Result r = Cli.run("estimate", "-f", file.toString(), "-o", "json");
    assertEquals(2, r.exitCode(), r.out() + r.err());
    assertEquals("", r.out());
    assertEquals(1, r.err().lines().count(), "one message: " + r.err());
    assertTrue(r.err().startsWith("failwise estimate: "), r.err());
    assertTrue(r.err().contains(file.toString()), "names the file: " + r.err());
    assertTrue(r.err().contains(expected), "expected '" + expected + "' in: " + r.err());
    assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), "no stack trace: " + r.err());
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }
}
