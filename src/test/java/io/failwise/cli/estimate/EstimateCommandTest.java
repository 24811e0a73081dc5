package io.failwise.cli.estimate;

import static io.failwise.cli.estimate.EstimateFiles.CLUSTERS;
import static io.failwise.cli.estimate.EstimateFiles.SCENARIO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.failwise.testing.Cli;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code failwise estimate} on good input: what it prints, in text, JSON and YAML. */
class EstimateCommandTest {
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
  void aClusterWithNoDevicesHasNoTargetLineBesideItsInfeasibleFailover() throws IOException {
    // It said "FAILOVER no ... has no devices to move" and then "Target: ... moving 0 devices there" (an outside pass).
    String empty = CLUSTERS.replace("expected: 180000, connected: 179000", "expected: 0, connected: 0");
    String none = SCENARIO.replace("offlineDevices: 25000, affectedDevices: 50000", "offlineDevices: 0");
    Cli.Result r = Cli.run("estimate", "-f", write("empty.yaml", empty + none).toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("Recommendation: HOLD"), r.out());
    assertTrue(r.out().lines().noneMatch(l -> l.startsWith("Target:")), r.out());
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
    JsonNode hold = ScenarioFiles.option(json, "HOLD");
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
    // and devices, its devices the first count at which the answer is FAILOVER ("more than" one fewer).
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
            + io.failwise.model.Format.count(devices - 1) + " devices offline (25,000 now)",
        line);
  }

  @Test
  void estimatesAnIntermittentOutageWithNoDeviceOfflineAtThisInstant() throws IOException {
    // A moment of an intermittent outage: 30,000 devices touched (or one), none offline right now. It is
    // estimated (HOLD: nothing is lost while none is offline), in text and JSON, rather than ending in
    // "No value present" with exit 1.
    for (String touched : new String[] {"30000", "1"}) {
      String scenario =
          SCENARIO.replace("offlineDevices: 25000, affectedDevices: 50000", "offlineDevices: 0, affectedDevices: " + touched);
      Path file = write("s.yaml", CLUSTERS.replace("cutoverSeconds: 1200}", "cutoverSeconds: 1200, granularity: Device}") + scenario);
      Cli.Result text = Cli.run("estimate", "-f", file.toString());
      assertEquals(0, text.exitCode(), text.err());
      assertTrue(text.out().contains("Recommendation: HOLD"), text.out());
      assertTrue(text.out().contains("failover never pays off while none is offline"), text.out());
      Cli.Result json = Cli.run("estimate", "-f", file.toString(), "-o", "json");
      assertEquals(0, json.exitCode(), json.err());
      assertEquals("HOLD", json.json().path("recommendation").asText());
      assertEquals("FAILOVER_AFFECTED", json.json().path("breakEven").path("option").asText());
      assertTrue(json.json().path("breakEven").path("minutes").isNull(), json.out());
    }
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

  /** -o takes what its help says, text, json or yaml; "table" (get's) is a usage error, not text under another name. */
  @Test
  void outputTakesTheFormatsItsHelpNames() throws IOException {
    Path file = write("s.yaml", CLUSTERS + SCENARIO);
    Cli.Result r = Cli.run("estimate", "-f", file.toString(), "-o", "table");
    assertEquals(2, r.exitCode(), r.out());
    assertEquals("", r.out());
    assertTrue(r.err().startsWith("Invalid value for option '--output': expected one of [text, json, yaml] (case-sensitive) but was 'table'"),
        r.err());
    assertTrue(Cli.run("estimate", "--help").out().contains("text, json or yaml (default: text)."));
  }

  private Path write(String name, String content) throws IOException {
    return EstimateFiles.write(dir, name, content);
  }
}
