package io.failwise.cli.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.failwise.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Scenario kept in a file of its own beside the files of its Clusters, as {@code estimate -f CLUSTERS -f
 * SCENARIO} reads it: the plan was made at the wall clock's now on the Clusters' own counts, the Scenario
 * set aside without a word, so plan said "50,000 offline ... HOLD" where estimate said 90,000 and FAILOVER.
 */
class PlanScenarioFileTest {
  private static final String INCIDENT = "playbooks/scenarios/2026-03-12-incident.yaml";

  /** The incident file split in two: its Regions and Clusters, and its Scenario with {@code offline} devices offline. */
  private static Path[] split(Path dir, long offline) throws Exception {
    String[] docs = Files.readString(Path.of(INCIDENT)).split("\n---\n");
    String scenario = Arrays.stream(docs).filter(d -> d.contains("kind: Scenario")).findFirst().orElseThrow();
    assertTrue(scenario.contains("offlineDevices: 50000 "), scenario);
    String clusters = Arrays.stream(docs).filter(d -> !d.contains("kind: Scenario")).collect(Collectors.joining("\n---\n"));
    return new Path[] {
      Files.writeString(dir.resolve("clusters.yaml"), clusters),
      Files.writeString(dir.resolve("scenario.yaml"), scenario.replace("offlineDevices: 50000 ", "offlineDevices: " + offline + " "))
    };
  }

  @Test
  void aScenarioInAFileOfItsOwnIsTheWhatIfOfTheOtherFilesClusters(@TempDir Path dir) throws Exception {
    Path[] files = split(dir, 90_000);
    Cli.Result plan = Cli.run("plan", "-f", "playbooks/regional-failover.yaml", "-f", files[0].toString(), "-f", files[1].toString(),
        "--source", "go-eu-west-1", "-o", "json");
    assertEquals(0, plan.exitCode(), plan.err());
    JsonNode estimate = new ObjectMapper().readTree(plan.out()).path("estimate");
    // The Scenario's moment and count, as estimate reads the same two files: 90,000 offline at 21:40 is FAILOVER.
    assertTrue(estimate.path("madeAt").asText().startsWith("2026-03-12T20:40"), estimate.toString());
    assertEquals("FAILOVER", estimate.path("recommendation").asText(), estimate.toString());
    Cli.Result offline = Cli.run("estimate", "-f", files[0].toString(), "-f", files[1].toString());
    assertTrue(offline.out().contains("Recommendation: FAILOVER to go-eu-north-1"), offline.out());
    // The Scenario's count against the Cluster's status: said on stderr by both.
    assertTrue(plan.err().contains("failwise plan: warning: " + files[1] + ", document 1 (Scenario incident-2026-03-12): spec.outage.offlineDevices:"
        + " 90,000, but Cluster go-eu-west-1's status.devices.offline says 50,000"), plan.err());
  }

  @Test
  void aScenarioWithoutItsClustersOrTwoOfThemAreRefused(@TempDir Path dir) throws Exception {
    Path[] files = split(dir, 90_000);
    Cli.Result alone = Cli.run("plan", "-f", "playbooks/regional-failover.yaml", "-f", files[1].toString(), "--source", "go-eu-west-1");
    assertEquals(2, alone.exitCode(), alone.out());
    assertTrue(alone.err().contains(files[1] + ": the Scenario's cluster and its targets are Clusters of the other files, and they define none"),
        alone.err());
    Path other = Files.copy(files[1], dir.resolve("other.yaml"));
    Cli.Result two = Cli.run("plan", "-f", "playbooks/regional-failover.yaml", "-f", files[0].toString(), "-f", files[1].toString(),
        "-f", other.toString(), "--source", "go-eu-west-1");
    assertEquals(2, two.exitCode(), two.out());
    assertTrue(two.err().contains("each hold a Scenario: a plan is made in one world at one moment; give one of them"), two.err());
  }

  /**
   * device-granularity.yaml's estimate moves only the 30,000 affected devices; regional-failover moves all
   * 120,000. The plan printed both without a word on the difference; it says so, and not when they agree.
   */
  @Test
  void aPlanWhosePlaybookMovesOtherDevicesThanTheEstimateRecommendsSaysSo() {
    Cli.Result whole = Cli.run("plan", "-f", "playbooks/regional-failover.yaml", "-f", "playbooks/scenarios/device-granularity.yaml",
        "--source", "go-eu-west-2");
    assertEquals(0, whole.exitCode(), whole.err());
    assertTrue(whole.out().contains("Estimate: FAILOVER_AFFECTED"), whole.out());
    assertTrue(whole.out().contains("(The estimate recommends moving only the affected devices; playbook regional-failover moves all 120,000"
        + " devices of go-eu-west-2: a playbook whose shift has scope Affected makes that move.)"), whole.out());
    Cli.Result affected = Cli.run("plan", "-f", "playbooks/affected-devices.yaml", "-f", "playbooks/scenarios/device-granularity.yaml",
        "--source", "go-eu-west-2");
    assertEquals(0, affected.exitCode(), affected.err());
    assertTrue(!affected.out().contains("(The estimate recommends"), affected.out());
  }
}
