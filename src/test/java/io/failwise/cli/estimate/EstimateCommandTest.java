package io.failwise.cli.estimate;

import io.failwise.testing.Cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
