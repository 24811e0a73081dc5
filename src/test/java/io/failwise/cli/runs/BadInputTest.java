package io.failwise.cli.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input to validate and plan: exit 2, a line naming the file, the document and the field. */
class BadInputTest {
  @TempDir Path dir;

  private static final String CLUSTER =
      """
      apiVersion: failwise.io/v1alpha1
      kind: Cluster
      metadata: {name: go-1, namespace: failwise}
      spec:
        region: eu-west
        capacity: {devices: %s}
        admission: {devicesPerSecond: 960}
        failover: {targets: [{cluster: go-2}], cutoverSeconds: %s}
        signals: {static: {expected: 100, connected: %s}}
      """;

  private Cli.Result validate(String yaml) throws Exception {
    Path f = Files.writeString(dir.resolve("bad.yaml"), yaml);
    return Cli.run("validate", f.toString());
  }

  private static void refused(Cli.Result r, String... fragments) {
    assertEquals(2, r.exitCode(), r.out() + r.err());
    for (String f : fragments) {
      assertTrue(r.err().contains(f), "expected '" + f + "' in: " + r.err());
    }
    assertTrue(r.err().contains("bad.yaml, document 1"), r.err());
  }

  @Test
  void aLowerCaseKindIsRefusedWithASuggestion() throws Exception {
    refused(validate("apiVersion: failwise.io/v1alpha1\nkind: region\nmetadata: {name: eu}\nspec: {provider: azure}\n"), "kind: 'region' is not a Failwise kind; did you mean Region?");
  }

  @Test
  void anApiVersionWithoutTheGroupIsRefusedWithASuggestion() throws Exception {
    refused(validate("apiVersion: v1alpha1\nkind: Region\nmetadata: {name: eu}\nspec: {provider: azure}\n"), "did you mean apiVersion: failwise.io/v1alpha1?");
  }

  @Test
  void duplicateKeysAreRefused() throws Exception {
    refused(validate("apiVersion: failwise.io/v1alpha1\nkind: Region\nmetadata: {name: eu}\nspec: {provider: azure, provider: aws}\n"), "Duplicate field 'provider'");
  }

  private Cli.Result plan(String clusters) throws Exception {
    Path f = Files.writeString(dir.resolve("bad.yaml"), clusters);
    return Cli.run("plan", "-f", "playbooks/regional-failover.yaml", "-f", f.toString(), "--source", "go-1");
  }

  private static String twoClusters(String capacity, String cutover, String connected, String target) {
    return CLUSTER.formatted(capacity, cutover, connected).replace("cluster: go-2", "cluster: " + target)
        + "---\n" + CLUSTER.formatted(500000, 60, 10).replace("name: go-1", "name: go-2").replace("cluster: go-2", "cluster: go-1");
  }

  @Test
  void planRefusesAFailoverFromAClusterToItself() throws Exception {
    Cli.Result r = plan(twoClusters("1000", "60", "10", "go-1"));
    refused(r, "spec.failover.targets: a cluster cannot fail over to itself");
  }

  @Test
  void planRefusesANegativeCapacity() throws Exception {
    refused(plan(twoClusters("-5", "60", "10", "go-2")), "spec.capacity.devices");
  }

  @Test
  void planRefusesANegativeCutover() throws Exception {
    refused(plan(twoClusters("1000", "-5", "10", "go-2")), "spec.failover.cutoverSeconds");
  }

  @Test
  void planRefusesMoreConnectedThanExpected() throws Exception {
    refused(plan(twoClusters("1000", "60", "500", "go-2")), "spec.signals.static", "connected cannot exceed expected");
  }

  @Test
  void aFractionWhereAnIntegerIsDueIsRefusedNotTruncated() throws Exception {
    refused(validate(CLUSTER.formatted("1000.5", "60", "10")), "spec.capacity.devices");
  }

  @Test
  void anAdmissionRateBelowTheSchemaMinimumIsRefused() throws Exception {
    refused(validate(CLUSTER.formatted("1000", "60", "10").replace("devicesPerSecond: 960", "devicesPerSecond: 1e-300")),
        "spec.admission.devicesPerSecond");
  }

  /** 9 levels of 9 aliases each: 387,420,489 leaves if expanded. */
  private static String aliasBomb() {
    StringBuilder y = new StringBuilder("apiVersion: failwise.io/v1alpha1\nkind: Region\nmetadata: {name: eu}\nx:\n  a0: &a0 [lol]\n");
    for (int level = 1; level <= 9; level++) {
      y.append("  a").append(level).append(": &a").append(level).append(" [");
      for (int k = 0; k < 9; k++) {
        y.append(k == 0 ? "" : ", ").append("*a").append(level - 1);
      }
      y.append("]\n");
    }
    return y.append("spec: {provider: azure}\n").toString();
  }

  @Test
  void anAliasBombIsRefusedWithoutBeingExpanded() throws Exception {
    Cli.Result r = validate(aliasBomb());
    assertEquals(2, r.exitCode(), r.out() + r.err());
    // Refused at the first alias, before anything is expanded or read, with the line and the alias's name.
    assertTrue(r.err().contains("bad.yaml, document 1: line ") && r.err().contains(": YAML alias *"), r.err());
    assertTrue(r.err().contains("is not supported: write the value out"), r.err());
  }

  @Test
  void aSingleAliasIsRefusedRatherThanReadAsItsName() throws Exception {
    // Read as a string, "*north" would become the cluster's region name; the user would never know.
    Files.writeString(dir.resolve("alias.yaml"), """
        apiVersion: failwise.io/v1alpha1
        kind: Region
        metadata: {name: &north eu-north}
        spec: {provider: azure}
        ---
        apiVersion: failwise.io/v1alpha1
        kind: Cluster
        metadata: {name: go-1, namespace: fleet}
        spec:
          region: *north
        """);
    Cli.Result r = Cli.run("validate", dir.resolve("alias.yaml").toString());
    assertEquals(2, r.exitCode(), r.out() + r.err());
    assertTrue(r.err().contains("alias.yaml, document 2: line 10: YAML alias *north is not supported"), r.err());
  }

  @Test
  void aNanIsAProblemOfItsDocumentAndTheFolderIsStillRead() throws Exception {
    Files.writeString(dir.resolve("a-nan.yaml"), CLUSTER.formatted(".nan", "60", "10"));
    Files.writeString(dir.resolve("b-good.yaml"), "apiVersion: failwise.io/v1alpha1\nkind: Region\nmetadata: {name: eu-west}\nspec: {provider: azure}\n");
    Files.writeString(dir.resolve("c-bad.yaml"), "apiVersion: failwise.io/v1alpha1\nkind: Region\nmetadata: {name: eu-north}\nspec: {provider: [a]}\n");
    Cli.Result r = Cli.run("validate", dir.toString());
    assertEquals(2, r.exitCode(), r.out() + r.err());
    assertTrue(r.err().contains("a-nan.yaml, document 1, line 6: devices: .nan is not a number (NaN); give a finite number"), r.err());
    assertTrue(r.err().contains("c-bad.yaml, document 1"), "the files after the .nan are still checked: " + r.err());
  }

  /** The 12 March scenario with one line replaced, given to estimate. */
  private Cli.Result estimateWith(String from, String to) throws Exception {
    String text = Files.readString(Path.of("playbooks/scenarios/2026-03-12-incident.yaml"));
    assertTrue(text.contains(from), from);
    Path f = Files.writeString(dir.resolve("bad.yaml"), text.replace(from, to));
    return Cli.run("estimate", "-f", f.toString());
  }

  @Test
  void anAdmissionRateOf1eMinus300IsRefusedByTheSchemaNotComputedIntoQuintillions() throws Exception {
    Cli.Result r = estimateWith("admission: {devicesPerSecond: 960}", "admission: {devicesPerSecond: 1e-300}");
    assertEquals(2, r.exitCode(), r.out() + r.err());
    assertTrue(r.err().contains("bad.yaml, document 3 (Cluster go-eu-west-1): spec.admission.devicesPerSecond: Invalid value: 1.0E-300")
        && r.err().contains("should be greater than or equal to 0.001"), r.err());
  }

  @Test
  void extremeTimesAreRefusedByFieldNotOverflowedIntoLongOverflow() throws Exception {
    Cli.Result ancient = estimateWith("since: \"2026-03-12T20:45:00+01:00\"", "since: \"0001-01-01T00:00:00Z\"");
    assertEquals(2, ancient.exitCode(), ancient.err());
    assertTrue(ancient.err().contains("spec.outage.since: '0001-01-01T00:00:00Z' is outside the years 1970 to 9999"), ancient.err());
    Cli.Result far = estimateWith("at: \"2026-03-12T21:40:00+01:00\"", "at: \"+999999999-12-31T23:59:59Z\"");
    assertEquals(2, far.exitCode(), far.err());
    assertTrue(far.err().contains("spec.at: '+999999999-12-31T23:59:59Z' is outside the years 1970 to 9999"), far.err());
    Cli.Result old = estimateWith("since: \"2026-03-12T20:45:00+01:00\"", "since: \"1999-03-12T20:45:00+01:00\"");
    assertEquals(2, old.exitCode(), old.err());
    assertTrue(old.err().contains("spec.outage.since: 1999-03-12T20:45+01:00 is more than 30 days before spec.at"), old.err());
    assertTrue(!(ancient.err() + far.err() + old.err()).contains("overflow"));
  }

  /**
   * An approval that times out rolls the run back; after the shift, that sends every moved device home
   * in one write, into a source that may still be down. Refused; before the shift, or without a
   * timeout after it, the same approval is fine.
   */
  @Test
  void anApprovalThatCanTimeOutAfterTheShiftIsRefused() throws Exception {
    String approval = "  - name: approve-failback\n    approval: {timeoutSeconds: 600}\n  - name: failback\n";
    String playbook = Files.readString(Path.of("playbooks/regional-failover.yaml")).replace("  - name: failback\n", approval);
    Cli.Result r = validate(playbook);
    refused(r, "spec.steps[5].approval.timeoutSeconds: must not be set on an approval after the shift: its timeout would roll the run back,"
        + " sending every device moved home at once");
    Cli.Result waits = validate(playbook.replace("approval: {timeoutSeconds: 600}", "approval: {message: when the provider has recovered}"));
    assertEquals(0, waits.exitCode(), waits.out() + waits.err());
  }

  @Test
  void theLargestWaveHoldIsRefusedByFieldNotOverflowedInThePlan() throws Exception {
    String playbook = Files.readString(Path.of("playbooks/regional-failover.yaml")).replace("holdEachWaveSeconds: 120", "holdEachWaveSeconds: 9223372036854775807");
    Path pb = Files.writeString(dir.resolve("playbook.yaml"), playbook);
    Path clusters = Files.writeString(dir.resolve("clusters.yaml"), CLUSTER.formatted("1000", "60", "90") + "---\n" + CLUSTER.formatted("1000", "60", "90").replace("go-1", "go-2").replace("cluster: go-2", "cluster: go-1").replace("eu-west", "eu-north"));
    Cli.Result r = Cli.run("plan", "-f", pb.toString(), "-f", clusters.toString(), "--source", "go-1");
    assertEquals(2, r.exitCode(), r.out() + r.err());
    assertTrue(r.err().contains("holdEachWaveSeconds: must be between 0 and 86400 seconds (a day), got 9223372036854775807"), r.err());
    Cli.Result hold = Cli.run("plan", "-f", "playbooks/regional-failover.yaml", "-f", clusters.toString(), "--source", "go-1", "--mode", "Drill", "--hold", "1000000000000d");
    assertEquals(2, hold.exitCode(), hold.err());
    assertTrue(hold.err().contains("failwise plan: --hold: must be between 0 and 86400 seconds (a day)"), hold.err());
  }

  /**
   * Every time a playbook sets is bounded: an approval timeout of 9.2e18 s (or a grace, a signal-unknown
   * limit, a ready timeout) used to pass validate and admission, and the run's deadline arithmetic then
   * overflowed Instant in every reconcile. The regional playbook's own values stay valid.
   */
  @Test
  void everyTimeInAPlaybookIsBoundedByFieldNotOverflowedInTheRun() throws Exception {
    String huge = "9223372036854775807";
    String playbook = Files.readString(Path.of("playbooks/regional-failover.yaml"))
        .replace("timeoutSeconds: 1800", "timeoutSeconds: " + huge)
        .replace("readyTimeoutSeconds: 600", "readyTimeoutSeconds: " + huge)
        .replace("graceSeconds: 300", "graceSeconds: " + huge)
        .replace("signalUnknownSeconds: 120", "signalUnknownSeconds: " + huge);
    refused(validate(playbook),
        "spec.steps[1].approval.timeoutSeconds: must be between 1 and 2592000 seconds (30 days), or left out to wait for ever, got " + huge,
        "spec.steps[2].scale.readyTimeoutSeconds: must be between 1 and 86400 seconds (a day), got " + huge,
        "spec.stopConditions[1].graceSeconds: must be between 0 and 86400 seconds (a day), got " + huge,
        "spec.stopConditions[2].signalUnknownSeconds: must be between 1 and 86400 seconds (a day), got " + huge);
    Cli.Result month = validate(Files.readString(Path.of("playbooks/regional-failover.yaml")).replace("timeoutSeconds: 1800", "timeoutSeconds: 2592000"));
    assertEquals(0, month.exitCode(), month.out() + month.err());
  }
}
