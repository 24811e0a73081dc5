package io.failwise.cli.runs;

import static io.failwise.cli.runs.ValidateFixture.validate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.testing.Cli;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * validate and the estimate Scenario files: each read as {@code failwise estimate} reads it, each a world
 * of its own (its names checked within it), a what-if without Clusters read with the other files'.
 */
class ValidateScenarioFilesTest {
  @TempDir Path dir;

  /**
   * An estimate Scenario is read as estimate reads it: one whose readings are out of order passed validate
   * ("OK ... Skipped ... Scenario (1)") and was refused by estimate. A what-if that holds no Cluster is read
   * with the Clusters of the other files, as {@code estimate -f SCENARIO -f CLUSTERS} reads it.
   */
  @Test
  void aScenarioEstimateWouldRefuseIsAProblemAndAGoodOneIsCounted() throws Exception {
    String trend = java.nio.file.Files.readString(java.nio.file.Path.of("playbooks/scenarios/recovering-trend.yaml"));
    String swapped = trend.replace("- {at: \"2026-03-12T21:20:00+01:00\", offlineDevices: 30000}\n      - {at: \"2026-03-12T21:25:00+01:00\", offlineDevices: 25500}",
        "- {at: \"2026-03-12T21:25:00+01:00\", offlineDevices: 25500}\n      - {at: \"2026-03-12T21:20:00+01:00\", offlineDevices: 30000}");
    org.junit.jupiter.api.Assertions.assertNotEquals(trend, swapped);
    Cli.Result order = validate(dir, "order.yaml", swapped);
    assertEquals(2, order.exitCode(), order.out());
    assertTrue(order.err().contains("order.yaml, document 3 (Scenario recovering-trend): spec.outage.recent[1].at: 2026-03-12T21:20+01:00 is not"
        + " after the reading before it: list the readings oldest first"), order.err());

    String whatIf = java.util.Arrays.stream(trend.split("\n---\n")).filter(d -> d.contains("kind: Scenario")).findFirst().orElseThrow();
    java.nio.file.Files.writeString(dir.resolve("what-if.yaml"), whatIf);
    Cli.Result good = Cli.run("validate", dir.resolve("what-if.yaml").toString(), "manifests/samples/clusters.yaml");
    assertEquals(0, good.exitCode(), good.err());
    assertTrue(good.out().contains(", 1 Scenario in 2 files."), good.out());
    java.nio.file.Files.writeString(dir.resolve("what-if.yaml"), whatIf.replace("offlineDevices: 12000", "offlineDevices: -12000"));
    Cli.Result bad = Cli.run("validate", dir.resolve("what-if.yaml").toString(), "manifests/samples/clusters.yaml");
    assertEquals(2, bad.exitCode(), bad.out());
    assertTrue(bad.err().contains("what-if.yaml, document 1 (Scenario recovering-trend): spec.outage.offlineDevices: must be 0 or more, got -12000"),
        bad.err());
  }

  /** A Scenario file's Cluster problem validate names itself is not said again in estimate's words. */
  @Test
  void aScenarioFilesClusterProblemIsSaidOnce() throws Exception {
    String trend = java.nio.file.Files.readString(java.nio.file.Path.of("playbooks/scenarios/recovering-trend.yaml"));
    String broken = trend.replaceFirst("targets: \\[\\{cluster: go-eu-north-1", "targets: [{cluster: go-eu-north-9");
    org.junit.jupiter.api.Assertions.assertNotEquals(trend, broken);
    Cli.Result r = validate(dir, "broken.yaml", broken);
    assertEquals(2, r.exitCode(), r.out());
    assertEquals(1, r.err().lines().filter(l -> l.contains("go-eu-north-9")).count(), r.err());
  }

  @Test
  void aClusterDefinedTwiceInOneScenarioFileIsRefusedAsEstimateRefusesItButScenarioFilesAreWorldsApart() throws Exception {
    String incident = java.nio.file.Files.readString(java.nio.file.Path.of("playbooks/scenarios/2026-03-12-incident.yaml"));
    String twice = incident + "\n---\n" + incident.substring(incident.indexOf("kind: Cluster") - "apiVersion: failwise.io/v1alpha1\n".length(),
        incident.indexOf("---", incident.indexOf("kind: Cluster")));
    Cli.Result r = validate(dir, "twice.yaml", twice);
    assertEquals(2, r.exitCode(), r.out());
    assertTrue(r.err().contains("metadata.name: Cluster failwise/go-eu-west-1 is also defined in " + dir.resolve("twice.yaml")), r.err());
    // Two Scenario files may each have their go-eu-west-1: each is a what-if of its own.
    assertEquals(0, Cli.run("validate", "playbooks/scenarios/").exitCode());
  }
}
