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

/** {@code failwise estimate} on bad input: exit 2 and one line naming the file, the document and the field. */
class EstimateBadInputTest {
  @TempDir Path dir;

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
    // Beyond what a count of operations holds: its own range, not Jackson's "Numeric value ... out of range of int".
    assertBadInput(
        CLUSTERS + SCENARIO + budget.replace("failoversToday: 1", "failoversToday: 99999999999"),
        "document 3 (Scenario s): spec.budget.failoversToday: must be a whole number from 0 to 2,147,483,647 (operations of the source in"
            + " the last 24 hours), got 99999999999");
    assertBadInput(
        CLUSTERS + SCENARIO + budget.replace("failbacksToday: 0", "failbacksToday: -99999999999"),
        "document 3 (Scenario s): spec.budget.failbacksToday: must be a whole number from 0 to 2,147,483,647");
    assertBadInput(
        CLUSTERS + SCENARIO.replace("offlineDevices: 25000", "offlineDevices: 99999999999999999999"),
        "document 3 (Scenario s): spec.outage.offlineDevices: must be a count of devices, 0 to the devices west expects, got"
            + " 99999999999999999999");
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
    // The hint names what may be written: not intermittent, which is read only to be refused.
    assertBadInput(CLUSTERS + SCENARIO.replace("offlineDevices:", "offlineDevice:"),
        "document 3 (Scenario s): unknown field spec.outage.offlineDevice (valid here: affectedDevices, cluster, offlineDevices, recent, since)");
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
        doc + "unknown field spec.pastOutages[0].minutes (valid here: end, endHiddenByRun, start)");
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
    // kubectl's habit: -f - for standard input, which is not read here; say so rather than that "-" is missing.
    Cli.Result stdin = Cli.run("estimate", "-f", "-");
    assertEquals(2, stdin.exitCode());
    assertTrue(stdin.err().contains("-: no such file or folder (standard input is not read: write it to a file"), stdin.err());
  }

  private void assertBadInput(String content, String expected) throws IOException {
    EstimateFiles.assertBadInput(dir, content, expected);
  }

  private Path write(String name, String content) throws IOException {
    return EstimateFiles.write(dir, name, content);
  }
}
