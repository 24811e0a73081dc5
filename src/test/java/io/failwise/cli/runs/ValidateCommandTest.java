package io.failwise.cli.runs;

import io.failwise.testing.Cli;
import static io.failwise.cli.runs.ValidateFixture.CLUSTER;
import static io.failwise.cli.runs.ValidateFixture.validate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What validate reads and the references it checks between resources (runs, playbooks, clusters, regions),
 * in every output format; the checks against the CRD schemas and the kinds are ValidateSchemaTest's.
 */
class ValidateCommandTest {
  @TempDir Path dir;

  @Test
  void theRepositorysPlaybooksAndSamplesPass() {
    Cli.Result r = Cli.run("validate", "playbooks", "manifests/samples");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().startsWith("OK: 3 FailoverPlaybooks, 5 FailoverRuns, "), r.out());
    // The four sample clusters, and apart those of the estimate Scenario files (each its own world).
    assertTrue(r.out().matches("(?s).*, 4 Clusters \\(and \\d+ in Scenario files\\), 4 Regions, .*"), r.out());
    assertTrue(r.out().contains("Skipped, as validate does not check them: "), r.out());
    assertTrue(r.out().contains("ConfigMap (1)"), r.out());
    // The estimate Scenarios are read as estimate reads them: counted, not skipped.
    assertTrue(r.out().matches("(?s).*, 1 FailoverPolicy, \\d+ Scenarios in .*"), r.out());
    assertTrue(!r.out().contains("Scenario ("), r.out());
    // The simulator's night scripts are not Kubernetes objects: named, not counted as a kind called "(no kind)".
    assertTrue(r.out().contains(" documents without a kind (not Kubernetes objects: playbooks" + java.io.File.separator + "nights"), r.out());
    assertTrue(!r.out().contains("(no kind)"), r.out());
  }

  /**
   * A lone run file: its playbook and clusters are not among the files, so their references were not
   * checked, and the OK says so rather than read as if they had been found (a misspelt playbook passed).
   */
  @Test
  void aLoneRunFileSaysWhatItsOkDidNotCheck() {
    Cli.Result alone = Cli.run("validate", "playbooks/runs/regional-failover.yaml");
    assertEquals(0, alone.exitCode(), alone.err());
    assertTrue(alone.out().endsWith("in 1 file. Not checked, as the files hold none of them: the FailoverPlaybooks named by 1 FailoverRun;"
        + " the Clusters named by 1 FailoverRun (validate them with the files that hold them, e.g. validate playbooks/ manifests/samples/"
        + " and this file).\n"), alone.out());
    Cli.Result together = Cli.run("validate", "playbooks/regional-failover.yaml", "manifests/samples/clusters.yaml",
        "manifests/samples/regions.yaml", "playbooks/runs/regional-failover.yaml");
    assertEquals(0, together.exitCode(), together.err());
    assertTrue(!together.out().contains("Not checked"), together.out());
    // Clusters without their Regions: a misspelt region (not Ready on the cluster) would pass unseen.
    Cli.Result clusters = Cli.run("validate", "manifests/samples/clusters.yaml");
    assertEquals(0, clusters.exitCode(), clusters.err());
    assertTrue(clusters.out().contains("Not checked, as the files hold none of them: the Regions named by 4 Clusters"), clusters.out());
  }

  /** kubectl's habit: `validate -f FILE -f DIR` reads the same as the files given as arguments. */
  @Test
  void filesMayBeGivenWithDashFAsKubectlAndPlanTakeThem() {
    Cli.Result positional = Cli.run("validate", "playbooks", "manifests/samples");
    Cli.Result withF = Cli.run("validate", "-f", "playbooks", "--filename", "manifests/samples");
    assertEquals(0, withF.exitCode(), withF.err());
    assertEquals(positional.out(), withF.out());
    Cli.Result none = Cli.run("validate");
    assertEquals(2, none.exitCode());
    assertTrue(none.err().contains("give the files or folders to validate, as arguments or with -f"), none.err());
  }

  /** The playbooks and clusters as `kubectl get fwplaybook -o yaml` and `kubectl get fwcluster -o yaml` write them: a List each. */
  @Test
  void theListsKubectlGetWritesAreValidatedObjectByObject() throws Exception {
    Path playbooks = io.failwise.testing.KubectlGetYaml.write(dir.resolve("playbooks.yaml"),
        Path.of("playbooks/regional-failover.yaml"), Path.of("playbooks/quarterly-drill.yaml"), Path.of("playbooks/affected-devices.yaml"));
    Path clusters = io.failwise.testing.KubectlGetYaml.write(dir.resolve("clusters.yaml"), Path.of("manifests/samples/clusters.yaml"));
    Cli.Result r = Cli.run("validate", playbooks.toString(), clusters.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().startsWith("OK: 3 FailoverPlaybooks, 0 FailoverRuns, 4 Clusters, "), r.out());
    assertTrue(!r.out().contains("List"), "no List left unchecked: " + r.out());

    Files.writeString(clusters, Files.readString(clusters).replaceFirst("devices: 250000", "devices: lots"));
    Cli.Result bad = Cli.run("validate", playbooks.toString(), clusters.toString());
    assertEquals(2, bad.exitCode(), bad.out());
    assertTrue(bad.err().startsWith(clusters + ", document 1, items[0] (Cluster go-eu-west-1): spec.capacity.devices: "), bad.err());
    Cli.Result json = Cli.run("validate", "-o", "json", clusters.toString());
    var problem = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out()).path("problems").get(0);
    assertEquals(clusters.toString(), problem.path("file").asText());
    assertEquals(1, problem.path("document").asInt());
    assertEquals(0, problem.path("item").asInt(-1));
    assertEquals("Cluster go-eu-west-1", problem.path("resource").asText());
  }

  @Test
  void eachProblemIsOneLineNamingTheFileDocumentFieldAndWhatIsValid() throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, """
        apiVersion: failwise.io/v1alpha1
        kind: FailoverPlaybook
        metadata: {name: broken, namespace: failwise}
        spec:
          steps:
          - name: shift
            shift:
              waves: [1, 50, 10]
              action:
                webhook: {url: "http://x/{{sorce}}"}
          - name: both
            wait: {durationSeconds: 10}
            verify: {durationSeconds: 10}
          - name: back
            failback: {waves: [100]}
          rollback:
            keep: [shift]
        """);
    Cli.Result r = Cli.run("validate", file.toString());
    assertEquals(2, r.exitCode());
    String where = file + ", document 1 (FailoverPlaybook broken): ";
    List<String> lines = r.err().lines().toList();
    assertEquals(
        List.of(
            where + "spec.steps[0].shift.waves[2]: is 10 after 50; waves must be strictly ascending",
            where + "spec.steps[0].shift.waves: must end at 100 (the last wave moves everything), got 10",
            where + "spec.steps[0].shift.action.webhook.url: unknown template variable {{sorce}}; known: devicesAtTarget, devicesPerSecond,"
                + " idempotencyKey, namespace, runName, source, step, target, targetPercent, wave, waveDevices, wavePercent",
            where + "spec.steps[0].shift.action.webhook.undo: is required in a shift: without it an abort cannot move the devices back"
                + " (e.g. the same call with target {{source}})",
            where + "spec.steps[1]: must be exactly one of precheck, approval, scale, shift, wait, verify, failback; found 2: wait, verify",
            where + "spec.rollback.keep[0]: 'shift' is a shift step; only scale steps can be kept, so that an abort always restores routing exactly",
            "6 problems in " + file),
        lines);
  }

  @Test
  void aRunIsCheckedAgainstThePlaybooksAndClustersBesideIt() throws Exception {
    Path file = dir.resolve("runs.yaml");
    Files.writeString(file, """
        apiVersion: failwise.io/v1alpha1
        kind: FailoverRun
        metadata: {name: drill, namespace: failwise}
        spec: {playbook: no-failback, source: go-eu-west-1, mode: Drill}
        ---
        apiVersion: failwise.io/v1alpha1
        kind: FailoverRun
        metadata: {name: typo, namespace: failwise}
        spec: {playbook: quarterly-dril, source: go-eu-west-9, mode: Failover}
        ---
        apiVersion: failwise.io/v1alpha1
        kind: FailoverPlaybook
        metadata: {name: no-failback, namespace: failwise}
        spec:
          steps:
          - name: shift
            shift:
              waves: [100]
              action: {patch: {apiVersion: v1, kind: ConfigMap, name: r, mergePatch: {data: {a: b}}}}
        """);
    Cli.Result r = Cli.run("validate", file.toString(), "manifests/samples/clusters.yaml", "manifests/samples/regions.yaml");
    assertEquals(2, r.exitCode(), r.out());
    List<String> lines = r.err().lines().toList();
    assertEquals(file + ", document 1 (FailoverRun drill): spec.mode: a drill must bring its devices back, but playbook 'no-failback' has no failback step", lines.get(0));
    assertTrue(lines.get(1).startsWith(file + ", document 2 (FailoverRun typo): spec.playbook: FailoverPlaybook 'quarterly-dril' does not exist; known: no-failback"), lines.get(1));
    assertTrue(lines.get(2).startsWith(file + ", document 2 (FailoverRun typo): spec.source: Cluster 'go-eu-west-9' does not exist; known: go-eu-north-1"), lines.get(2));
  }

  @Test
  void theSameClusterInTwoFilesIsRefusedNamingBoth() throws Exception {
    Cli.Result r = validate(dir, "c1.yaml", CLUSTER.formatted("a", "", "b") + "---\n" + CLUSTER.formatted("b", "", "a"), "c2.yaml", CLUSTER.formatted("a", "", "b"));
    assertEquals(2, r.exitCode(), r.out());
    assertTrue(r.err().contains("c2.yaml, document 1 (Cluster a): metadata.name: Cluster failwise/a is also defined in " + dir.resolve("c1.yaml")
        + ", document 1 (Cluster a); each kind, namespace and name must be defined once"), r.err());
  }

  @Test
  void aSecondDefinitionsOwnMistakesAreNamedWithTheDuplicate() throws Exception {
    // Removing the first copy must not reveal a new problem one validate later: the second's negative
    // capacity is named at once, beside the duplicate.
    Cli.Result r = validate(dir, "c1.yaml", CLUSTER.formatted("a", "", "b") + "---\n" + CLUSTER.formatted("b", "", "a"),
        "c2.yaml", CLUSTER.formatted("a", "", "b").replace("devices: 1000", "devices: -5"));
    assertEquals(2, r.exitCode(), r.out());
    assertTrue(r.err().contains("c2.yaml, document 1 (Cluster a): metadata.name: Cluster failwise/a is also defined in"), r.err());
    assertTrue(r.err().contains("c2.yaml, document 1 (Cluster a): spec.capacity.devices: "), r.err());
    assertTrue(r.err().contains("4 problems"), r.err()); // with the two same-region targets of c1.yaml
  }

  /**
   * A playbook's second copy is checked as the first is: an outside pass saw its {@code
   * maxTargetUtilization: 150} said only when the files were given in the other order.
   */
  @Test
  void aSecondPlaybooksOwnMistakesAreNamedWhateverTheOrderOfTheFiles() throws Exception {
    String playbook = java.nio.file.Files.readString(java.nio.file.Path.of("playbooks/regional-failover.yaml"));
    String broken = playbook.replace("maxTargetUtilization: 0.9", "maxTargetUtilization: 150");
    org.junit.jupiter.api.Assertions.assertNotEquals(playbook, broken);
    for (String[] order : new String[][] {{"a.yaml", "b.yaml"}, {"b.yaml", "a.yaml"}}) {
      java.nio.file.Files.writeString(dir.resolve("a.yaml"), playbook);
      java.nio.file.Files.writeString(dir.resolve("b.yaml"), broken);
      Cli.Result r = Cli.run("validate", dir.resolve(order[0]).toString(), dir.resolve(order[1]).toString());
      assertEquals(2, r.exitCode(), r.out());
      assertTrue(r.err().contains("is also defined in"), r.err());
      assertTrue(r.err().contains("b.yaml, document 1 (FailoverPlaybook regional-failover): spec.steps[0].precheck.maxTargetUtilization: must be"
          + " above 0 and at most 1, got 150.0"), String.join(" then ", order) + ": " + r.err());
    }
  }

  @Test
  void aFailoverTargetOrARunTargetInTheSourcesOwnRegionIsAProblemBeforeItIsApplied() throws Exception {
    // a and b both run in eu-west: a regional outage takes both, the estimator never picks b for a, and a
    // run into b fails its TargetInAnotherRegion precheck. A GitOps check should say so before the apply.
    Cli.Result r = validate(dir, "c.yaml", CLUSTER.formatted("a", "", "b") + "---\n" + CLUSTER.formatted("b", "", "a") + """
        ---
        apiVersion: failwise.io/v1alpha1
        kind: FailoverRun
        metadata: {name: into-b, namespace: failwise}
        spec: {playbook: regional-failover, source: a, target: b, mode: Plan}
        """);
    assertEquals(2, r.exitCode(), r.out());
    assertTrue(r.err().contains("(Cluster a): spec.failover.targets[0].cluster: Cluster 'b' runs in a's own region (eu-west): the estimator"
        + " never chooses it and a run into it fails its precheck; list a cluster of another region"), r.err());
    assertTrue(r.err().contains("(FailoverRun into-b): spec.target: Cluster 'b' runs in a's own region (eu-west): no regional failover, so the"
        + " run fails its TargetInAnotherRegion precheck"), r.err());
    // The same clusters in two regions pass.
    Cli.Result apart = validate(dir, "d.yaml", CLUSTER.formatted("a", "", "b") + "---\n" + CLUSTER.formatted("b", "", "a").replace("eu-west", "eu-north"));
    assertEquals(0, apart.exitCode(), apart.err());
  }

  @Test
  void nothingToValidateIsAnErrorNamingThePath() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.yaml"), "");
    Path folder = Files.createDirectory(dir.resolve("none"));
    for (Path p : List.of(empty, folder)) {
      Cli.Result r = Cli.run("validate", p.toString());
      assertEquals(2, r.exitCode(), r.out());
      assertTrue(r.err().startsWith(p + ": nothing to validate: "), r.err());
    }
    Path other = Files.writeString(dir.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n");
    Cli.Result r = Cli.run("validate", other.toString());
    assertEquals(2, r.exitCode(), r.out());
    assertTrue(r.err().startsWith(other + ": nothing to validate: no FailoverPlaybook, FailoverRun, Cluster, Region or FailoverPolicy in 1 file (only what"
        + " validate does not check: ConfigMap (1))"), r.err());
  }

  /**
   * A file with a syntax error (an unclosed brace in the third of five documents) is one problem, its own:
   * not also "nothing to validate", which is for files and folders that hold no document at all.
   */
  @Test
  void aFileThatDoesNotParseIsOneProblemItsSyntaxError() throws Exception {
    String cluster = "apiVersion: failwise.io/v1alpha1\nkind: Region\nmetadata: {name: r%d}\nspec: {displayName: R, provider: azure, location: x}\n";
    StringBuilder text = new StringBuilder();
    for (int i = 1; i <= 5; i++) {
      text.append(i > 1 ? "---\n" : "").append(i == 3 ? cluster.formatted(i).replace("{name: r3}", "{name: r3") : cluster.formatted(i));
    }
    Path file = Files.writeString(dir.resolve("brace.yaml"), text.toString());
    for (Path given : List.of(file, dir)) {
      Cli.Result r = Cli.run("validate", given.toString());
      assertEquals(2, r.exitCode(), r.out());
      List<String> lines = r.err().lines().toList();
      assertEquals(2, lines.size(), r.err());
      assertTrue(lines.get(0).startsWith(file + ", document 3: not valid YAML at line "), r.err());
      assertEquals("1 problem in " + given, lines.get(1));
    }
    Cli.Result json = Cli.run("validate", file.toString(), "-o", "json");
    assertEquals("1 problem", json.json().path("summary").asText(), json.out());
  }

  /**
   * A run whose source is not in the files but whose target is: one problem naming the file, the
   * document, spec.source and the missing Cluster, in every format (the same-region check of the target
   * once dereferenced the missing source and the command died with a NullPointerException's message).
   */
  @Test
  void aRunWhoseSourceOrTargetOrPlaybookIsMissingIsAProblemInEveryFormat() throws Exception {
    Path runs = Files.writeString(dir.resolve("r2.yaml"), """
        apiVersion: failwise.io/v1alpha1
        kind: FailoverRun
        metadata: {name: r2, namespace: failwise}
        spec: {playbook: regional-failover, source: go-eu-west-9, target: go-eu-north-1, mode: Failover}
        ---
        apiVersion: failwise.io/v1alpha1
        kind: FailoverRun
        metadata: {name: r3, namespace: failwise}
        spec: {playbook: regional-failover, source: go-eu-west-1, target: go-eu-north-9, mode: Failover}
        ---
        apiVersion: failwise.io/v1alpha1
        kind: FailoverRun
        metadata: {name: r4, namespace: failwise}
        spec: {playbook: regional-failovr, source: go-eu-west-1, target: go-eu-north-1, mode: Failover}
        """);
    String[] files = {runs.toString(), "playbooks/regional-failover.yaml", "manifests/samples/"};
    Cli.Result text = Cli.run(concat("validate", files));
    assertEquals(2, text.exitCode(), text.out() + text.err());
    assertTrue(text.err().contains(runs + ", document 1 (FailoverRun r2): spec.source: Cluster 'go-eu-west-9' does not exist; known: "), text.err());
    assertTrue(text.err().contains(runs + ", document 2 (FailoverRun r3): spec.target: Cluster 'go-eu-north-9' does not exist; known: "), text.err());
    assertTrue(text.err().contains(runs + ", document 3 (FailoverRun r4): spec.playbook: FailoverPlaybook 'regional-failovr' does not exist"), text.err());
    assertTrue(text.err().endsWith("3 problems in " + runs + " playbooks/regional-failover.yaml manifests/samples\n"), text.err());

    Cli.Result json = Cli.run(concat("validate", concat("-o", concat("json", files))));
    assertEquals(2, json.exitCode(), json.err());
    var first = json.json().path("problems").get(0);
    assertEquals(runs.toString(), first.path("file").asText());
    assertEquals(1, first.path("document").asInt());
    assertEquals("FailoverRun r2", first.path("resource").asText());
    assertTrue(first.path("message").asText().startsWith("spec.source: Cluster 'go-eu-west-9' does not exist"), json.out());

    Cli.Result junit = Cli.run(concat("validate", concat("-o", concat("junit", files))));
    assertEquals(2, junit.exitCode(), junit.err());
    assertTrue(junit.out().contains("failures=\"3\"") && junit.out().contains("spec.source: Cluster 'go-eu-west-9' does not exist"), junit.out());
  }

  private static String[] concat(String first, String... rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }
}
