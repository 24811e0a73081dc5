package io.failwise.cli.estimate;

import static io.failwise.cli.estimate.EstimateFiles.CLUSTERS;
import static io.failwise.cli.estimate.EstimateFiles.SCENARIO;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.failwise.testing.Cli;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code failwise estimate} on counts that cannot be true: a fraction of a device or of a failover, a
 * reading above the devices the cluster expects, a health that is no health, status counts that contradict
 * each other. Each is refused, naming the file, the document, the field and what is valid.
 */
class EstimateBadCountsTest {
  @TempDir Path dir;

  private static final String RECENT =
      "recent: [{at: \"2026-03-12T21:25:00+01:00\", offlineDevices: 24000}, {at: \"2026-03-12T21:30:00+01:00\", offlineDevices: 24500},"
          + " {at: \"2026-03-12T21:35:00+01:00\", offlineDevices: 25000}]}";

  private void assertBadInput(String content, String expected) throws IOException {
    EstimateFiles.assertBadInput(dir, content, expected);
  }

  @Test
  void aRecentReadingAboveTheExpectedDevicesNamesItsIndex() throws IOException {
    assertBadInput(
        CLUSTERS + SCENARIO.replace("affectedDevices: 50000}", RECENT.replace("24500", "9000000000000")),
        "document 3 (Scenario s): spec.outage.recent[1].offlineDevices: 9,000,000,000,000 is more than the 180,000 devices west"
            + " expects: a reading is 0 to 180,000");
    assertBadInput(
        CLUSTERS + SCENARIO.replace("affectedDevices: 50000}", RECENT.replace("offlineDevices: 25000}", "offlineDevices: 180001}")),
        "spec.outage.recent[2].offlineDevices: 180,001 is more than the 180,000 devices west expects");
    // At the bound it runs.
    Path ok = EstimateFiles.write(dir, "ok.yaml", CLUSTERS + SCENARIO.replace("affectedDevices: 50000}", RECENT.replace("24500", "180000")));
    Cli.Result r = Cli.run("estimate", "-f", ok.toString(), "-o", "json");
    assertEquals(0, r.exitCode(), r.err());
  }

  @Test
  void aFractionOfADeviceOrOfAnOperationIsRefused() throws IOException {
    String doc = "document 3 (Scenario s): ";
    assertBadInput(
        CLUSTERS + SCENARIO.replace("offlineDevices: 25000, affectedDevices: 50000", "offlineDevices: 0.9"),
        doc + "spec.outage.offlineDevices: must be a whole number (a count, 0 or more), got 0.9");
    assertBadInput(
        CLUSTERS + SCENARIO.replace("affectedDevices: 50000", "affectedDevices: 50000.5"),
        doc + "spec.outage.affectedDevices: must be a whole number");
    assertBadInput(
        CLUSTERS + SCENARIO.replace("affectedDevices: 50000}", RECENT.replace("24500", "24500.25")),
        doc + "spec.outage.recent[1].offlineDevices: must be a whole number (a count, 0 or more), got 24500.25");
    assertBadInput(
        CLUSTERS + SCENARIO + "  budget: {failoversToday: 1.9}\n",
        doc + "spec.budget.failoversToday: must be a whole number (a count, 0 or more), got 1.9");
    assertBadInput(
        CLUSTERS + SCENARIO + "  budget: {failoversToday: 0, failbacksToday: 0.5}\n", doc + "spec.budget.failbacksToday: must be a whole number");
    // In a Cluster the CRD schema says integer, as the API server would.
    assertBadInput(
        CLUSTERS + "status: {devices: {expected: 90000, connected: 89000.5}}\n" + SCENARIO, "document 2 (Cluster north): status.devices.connected");
    // A whole number written with a decimal point is a whole number.
    Path ok = EstimateFiles.write(dir, "ok.yaml", CLUSTERS + SCENARIO.replace("offlineDevices: 25000,", "offlineDevices: 25000.0,"));
    Cli.Result r = Cli.run("estimate", "-f", ok.toString(), "-o", "json");
    assertEquals(0, r.exitCode(), r.err());
  }

  @Test
  void anUnknownHealthListsTheValidOnes() throws IOException {
    assertBadInput(
        CLUSTERS + "status: {health: Healthyish}\n" + SCENARIO,
        "document 2 (Cluster north): status.health: 'Healthyish' is not one of Healthy, Unknown, Degraded, Outage");
    assertBadInput(CLUSTERS + "status: {health: healthy}\n" + SCENARIO, "status.health: 'healthy' is not one of");
  }

  @Test
  void contradictoryStatusCountsAreRefused() throws IOException {
    assertBadInput(
        CLUSTERS + "status: {devices: {expected: 90000, connected: 90001}}\n" + SCENARIO,
        "document 2 (Cluster north): status.devices.connected: 90,001 is more than the 90,000 status.devices.expected: connected is 0 to"
            + " expected");
    assertBadInput(
        CLUSTERS + "status: {devices: {expected: 90000, connected: 89000, offline: 1001}}\n" + SCENARIO,
        "document 2 (Cluster north): status.devices.offline: 1,001 offline and 89,000 connected are more than the 90,000"
            + " status.devices.expected: offline is at most expected minus connected (1,000)");
    Path ok = EstimateFiles.write(dir, "ok.yaml", CLUSTERS + "status: {devices: {expected: 90000, connected: 89000, offline: 1000}, health: Healthy}\n" + SCENARIO);
    Cli.Result r = Cli.run("estimate", "-f", ok.toString(), "-o", "json");
    assertEquals(0, r.exitCode(), r.err());
  }
}
