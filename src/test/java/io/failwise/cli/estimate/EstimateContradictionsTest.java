package io.failwise.cli.estimate;

import static io.failwise.cli.estimate.EstimateFiles.CLUSTERS;
import static io.failwise.cli.estimate.EstimateFiles.SCENARIO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.testing.Cli;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files that disagree with their own Scenario: the estimate answers the Scenario (it is the what-if asked)
 * and says on stderr what else the files claim, naming the file, the document and the field; a past
 * outage that ends after the current one began is refused, since it would be counted twice.
 */
class EstimateContradictionsTest {
  @TempDir Path dir;

  private static final String WEST_SIGNALS = "  signals: {static: {expected: 180000, connected: 179000}}\n";

  private Cli.Result estimate(String content, String... more) throws IOException {
    Path file = EstimateFiles.write(dir, "s.yaml", content);
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("estimate", "-f", file.toString()));
    args.addAll(java.util.List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void aSourceWhoseStatusCountsOrHealthDisagreeWithTheScenarioIsEstimatedWithAWarning() throws IOException {
    String status = WEST_SIGNALS + "status: {health: Healthy, devices: {expected: 180000, connected: 170000, offline: 10000}}\n";
    Cli.Result r = estimate(CLUSTERS.replace(WEST_SIGNALS, status) + SCENARIO, "-o", "json");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(25000, r.json().path("outage").path("offlineDevices").asLong(-1), "the Scenario's count is the one estimated");
    String file = dir.resolve("s.yaml").toString();
    assertEquals(
        "failwise estimate: warning: " + file + ", document 3 (Scenario s): spec.outage.offlineDevices: 25,000, but Cluster west's"
            + " status.devices.offline says 10,000 (" + file + ", document 1 (Cluster west)); the Scenario's count is used\n"
            + "failwise estimate: warning: " + file + ", document 1 (Cluster west): status.health: Healthy, but the Scenario describes an"
            + " outage of west with 25,000 devices offline; the Scenario's outage is used",
        r.err().strip());
  }

  /**
   * A cutover of 0 is valid (an instant switch: devices that already know the other endpoint) but makes
   * failing over look nearly free: an outside pass's placeholder 0 turned the 12 March HOLD into FAILOVER
   * without a word. The estimate is made as asked, and stderr says what 0 means.
   */
  @Test
  void aCutoverOfZeroIsEstimatedWithAWarningSayingWhatItMeans() throws IOException {
    String zero = CLUSTERS.replaceFirst("cutoverSeconds: \\d+", "cutoverSeconds: 0");
    org.junit.jupiter.api.Assertions.assertNotEquals(CLUSTERS, zero);
    Cli.Result r = estimate(zero + SCENARIO);
    assertEquals(0, r.exitCode(), r.err());
    assertEquals("failwise estimate: warning: " + dir.resolve("s.yaml") + ", document 1 (Cluster west): spec.failover.cutoverSeconds: 0, an"
        + " instant switch: only the targets' admission queue is costed; if the switch takes time (IoT Hub failovers took 518-697 s), say how"
        + " long, or let a drill measure it", r.err().strip());
  }

  @Test
  void countsThatAgreeWithinATenthSayNothing() throws IOException {
    String status = WEST_SIGNALS + "status: {health: Outage, devices: {expected: 180000, connected: 156000, offline: 24000}}\n";
    Cli.Result r = estimate(CLUSTERS.replace(WEST_SIGNALS, status) + SCENARIO);
    assertEquals(0, r.exitCode(), r.err());
    assertEquals("", r.err());
  }

  @Test
  void aPastOutageEndingAfterTheCurrentOneBeganIsRefused() throws IOException {
    String past = "  pastOutages: [{start: \"2026-03-12T20:30:00+01:00\", end: \"2026-03-12T21:00:00+01:00\"}]\n";
    Cli.Result r = estimate(CLUSTERS + SCENARIO + past);
    assertEquals(2, r.exitCode(), r.out());
    assertTrue(
        r.err().contains("document 3 (Scenario s): spec.pastOutages[0].end: 2026-03-12T21:00+01:00 is after the current outage began"
            + " (spec.outage.since 2026-03-12T20:45+01:00): a past outage ended before this one; if it is this outage, remove it"),
        r.err());
  }
}
