package io.failwise.cli.runs;

import io.failwise.testing.Cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
  @TempDir Path dir;

  @Test
  void theRepositorysPlaybooksAndSamplesPass() {
    Cli.Result r = Cli.run("validate", "playbooks", "manifests/samples");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().startsWith("OK: 3 FailoverPlaybooks, 5 FailoverRuns, "), r.out());
    assertTrue(r.out().contains(", 1 FailoverPolicy in "), r.out());
    assertTrue(r.out().contains("Skipped kinds validate does not check: "), r.out());
    for (String skipped : List.of("ConfigMap (1)", "Scenario (")) {
      assertTrue(r.out().contains(skipped), r.out());
    }
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
  void aFieldOfTheWrongTypeIsAProblemLineNotAStackTrace() throws Exception {
    Path file = dir.resolve("typed.yaml");
    Files.writeString(file, """
        apiVersion: failwise.io/v1alpha1
        kind: FailoverPlaybook
        metadata: {name: typed, namespace: failwise}
        spec:
          steps:
          - name: wait
            wait: {durationSeconds: ten}
        """);
    Cli.Result r = Cli.run("validate", file.toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().startsWith(file + ", document 1 (FailoverPlaybook typed): spec.steps[0].wait.durationSeconds: must be a whole number, got the text 'ten'"), r.err());
    assertTrue(!r.err().contains("Exception"), r.err());
  }

  private static final String CLUSTER = """
      apiVersion: failwise.io/v1alpha1
      kind: Cluster
      metadata: {name: %s, namespace: failwise%s}
      spec:
        region: eu-west
        capacity: {devices: 1000}
        admission: {devicesPerSecond: 10}
        failover: {targets: [{cluster: %s}]}
        signals: {static: {expected: 100, connected: 100}}
      """;

  private Cli.Result validate(String... files) throws Exception {
    String[] args = new String[files.length / 2 + 1];
    args[0] = "validate";
    for (int i = 0; i < files.length; i += 2) {
      args[i / 2 + 1] = Files.writeString(dir.resolve(files[i]), files[i + 1]).toString();
    }
    return Cli.run(args);
  }

  @Test
  void theSameClusterInTwoFilesIsRefusedNamingBoth() throws Exception {
    Cli.Result r = validate("c1.yaml", CLUSTER.formatted("a", "", "b") + "---\n" + CLUSTER.formatted("b", "", "a"), "c2.yaml", CLUSTER.formatted("a", "", "b"));
    assertEquals(2, r.exitCode(), r.out());
    assertTrue(r.err().contains("c2.yaml, document 1 (Cluster a): metadata.name: Cluster failwise/a is also defined in " + dir.resolve("c1.yaml")
        + ", document 1 (Cluster a); each kind, namespace and name must be defined once"), r.err());
  }

  @Test
  void aClusterTheSchemaRefusesStillExistsForTheOthersAndItsErrorNamesTheField() throws Exception {
    Cli.Result r = validate("c.yaml", CLUSTER.formatted("a", "", "a") + "---\n" + CLUSTER.formatted("b", "", "a"));
    assertEquals(2, r.exitCode(), r.out());
    assertTrue(r.err().contains("(Cluster a): spec.failover.targets: Invalid value: \"object\": spec.failover.targets: a cluster cannot fail over to itself"), r.err());
    assertTrue(!r.err().contains("<nil>") && !r.err().contains("does not exist"), r.err());
  }

  @Test
  void aRunWhoseClusterTheSchemaRefusesIsToldSoNotThatItDoesNotExist() throws Exception {
    // Cluster a is in the file but refused (it fails over to itself): the run that names it as its
    // target must not send the reader looking for a Cluster that is there.
    Cli.Result r = validate("c.yaml", CLUSTER.formatted("a", "", "a") + "---\n" + CLUSTER.formatted("b", "", "a") + """
        ---
        apiVersion: failwise.io/v1alpha1
        kind: FailoverRun
        metadata: {name: drill, namespace: failwise}
        spec: {playbook: regional-failover, source: b, target: a, mode: Plan}
        """);
    assertEquals(2, r.exitCode(), r.out());
    assertTrue(r.err().contains("(FailoverRun drill): spec.target: Cluster 'a' is invalid (its own problem is reported); the run is checked"
        + " against it once it is fixed"), r.err());
    assertTrue(!r.err().contains("does not exist"), r.err());
  }

  @Test
  void aFailoverTargetOrARunTargetInTheSourcesOwnRegionIsAProblemBeforeItIsApplied() throws Exception {
    // a and b both run in eu-west: a regional outage takes both, the estimator never picks b for a, and a
    // run into b fails its TargetInAnotherRegion precheck. A GitOps check should say so before the apply.
    Cli.Result r = validate("c.yaml", CLUSTER.formatted("a", "", "b") + "---\n" + CLUSTER.formatted("b", "", "a") + """
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
    Cli.Result apart = validate("d.yaml", CLUSTER.formatted("a", "", "b") + "---\n" + CLUSTER.formatted("b", "", "a").replace("eu-west", "eu-north"));
    assertEquals(0, apart.exitCode(), apart.err());
  }

  @Test
  void badMetadataIsRefusedSayingWhatIsValid() throws Exception {
    Cli.Result r = validate("m.yaml", CLUSTER.formatted("a", ", labels: {'bad key!': x, ok: 'v a l'}, colour: red", "b").replace("namespace: failwise", "namespace: Bad_NS!!")
        + "---\n" + CLUSTER.formatted("b", "", "a").replace("namespace: failwise", "namespace: " + "n".repeat(70)));
    assertEquals(2, r.exitCode(), r.out());
    for (String f : List.of("(Cluster a): metadata.namespace: Invalid value: \"Bad_NS!!\": a lowercase RFC 1123 label of at most 63 characters",
        "(Cluster b): metadata.namespace: Invalid value: \"" + "n".repeat(70) + "\"",
        "(Cluster a): metadata.labels: Invalid value: \"bad key!\": a label key is an optional prefix",
        "(Cluster a): metadata.labels.ok: Invalid value: \"v a l\": a label value is empty or a string of at most 63 characters",
        "(Cluster a): metadata.colour: Invalid value: unknown field: ObjectMeta has name, namespace, labels")) {
      assertTrue(r.err().contains(f), "expected '" + f + "' in: " + r.err());
    }
  }

  @Test
  void aFailoverPolicyIsCheckedAgainstItsSchemaAndReferences() throws Exception {
    String policy = """
        apiVersion: failwise.io/v1alpha1
        kind: FailoverPolicy
        metadata: {name: p, namespace: failwise}
        spec:
          selector: {clusters: [a, nope]}
          mode: Auto
          playbook: missing
          decisionsKept: 500
        """;
    Cli.Result r = validate("p.yaml", policy + "---\n" + CLUSTER.formatted("a", "", "b") + "---\n" + CLUSTER.formatted("b", "", "a"));
    assertEquals(2, r.exitCode(), r.out());
    assertTrue(r.err().contains("(FailoverPolicy p): spec.decisionsKept: Invalid value: 500"), r.err());
    Cli.Result refs = validate("p.yaml", policy.replace("decisionsKept: 500", "decisionsKept: 5") + "---\n" + CLUSTER.formatted("a", "", "b") + "---\n"
        + CLUSTER.formatted("b", "", "a") + "---\n" + Files.readString(Path.of("playbooks/regional-failover.yaml")).replace("namespace: failwise", "namespace: failwise"));
    assertEquals(2, refs.exitCode(), refs.out());
    assertTrue(refs.err().contains("(FailoverPolicy p): spec.playbook: FailoverPlaybook 'missing' does not exist in namespace failwise of the files; known: regional-failover"), refs.err());
    assertTrue(refs.err().contains("(FailoverPolicy p): spec.selector.clusters[1]: Cluster 'nope' does not exist in namespace failwise of the files; known: a, b"), refs.err());
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
    assertTrue(r.err().startsWith(other + ": nothing to validate: no FailoverPlaybook, FailoverRun, Cluster, Region or FailoverPolicy in 1 file (only kinds"
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

  /**
   * A playbook and a run are checked against their CRD schema as the API server would check them, as
   * Clusters, Regions and Policies are: numbers and booleans written as text, a step name that is a
   * number, a header that is not text, a webhook authorization without its Secret, patterns, and a
   * precheck cap below the schema's minimum were read (coerced) and passed, then refused by kubectl apply.
   */
  @Test
  void aPlaybookAndARunAreCheckedAgainstTheirCrdSchema() throws Exception {
    Path file = dir.resolve("coerced.yaml");
    Files.writeString(file, """
        apiVersion: failwise.io/v1alpha1
        kind: FailoverPlaybook
        metadata: {name: coerced, namespace: failwise}
        spec:
          steps:
          - name: precheck
            precheck: {maxTargetUtilization: 0.001}
          - name: approve
            approval: {timeoutSeconds: "1800", fourEyes: "true"}
          - name: scale
            scale: {kind: Deployment, name: gw, replicas: "6", readyTimeoutSeconds: 600}
          - name: 123
            wait: {durationSeconds: 10}
          - name: shift
            shift:
              waves: ["1", "100"]
              action:
                webhook:
                  url: https://router.example/shift
                  headers: {X: 1}
                  authorization: {key: "bad key!", scheme: "9x"}
                  undo: {url: https://router.example/undo}
          - name: failback
            failback: {waves: [100]}
        ---
        apiVersion: failwise.io/v1alpha1
        kind: FailoverPlaybook
        metadata: {name: capped, namespace: failwise}
        spec:
          steps:
          - name: precheck
            precheck: {maxTargetUtilization: "0.9"}
          - name: shift
            shift:
              waves: [100]
              action:
                webhook:
                  url: https://router.example/shift
                  authorization: {secretName: "Not_A_Name"}
                  undo: {url: https://router.example/undo}
          - name: failback
            failback: {waves: [100]}
        ---
        apiVersion: failwise.io/v1alpha1
        kind: FailoverRun
        metadata: {name: drill, namespace: failwise}
        spec: {playbook: capped, source: a, mode: Drill, drill: {maxPercent: "5"}}
        """);
    Cli.Result r = Cli.run("validate", file.toString());
    assertEquals(2, r.exitCode(), r.out());
    String coerced = file + ", document 1 (FailoverPlaybook coerced): ";
    String capped = file + ", document 2 (FailoverPlaybook capped): ";
    for (String expected : List.of(
        coerced + "spec.steps[0].precheck.maxTargetUtilization: Invalid value: 0.001: spec.steps[0].precheck.maxTargetUtilization in body should be greater than or equal to 0.01",
        coerced + "spec.steps[1].approval.timeoutSeconds: Invalid value: \"string\": spec.steps[1].approval.timeoutSeconds in body must be of type integer: \"string\"",
        coerced + "spec.steps[1].approval.fourEyes: Invalid value: \"string\": spec.steps[1].approval.fourEyes in body must be of type boolean: \"string\"",
        coerced + "spec.steps[2].scale.replicas: Invalid value: \"string\": spec.steps[2].scale.replicas in body must be of type integer: \"string\"",
        coerced + "spec.steps[3].name: Invalid value: \"integer\": spec.steps[3].name in body must be of type string: \"integer\"",
        coerced + "spec.steps[4].shift.waves[0]: Invalid value: \"string\": spec.steps[4].shift.waves[0] in body must be of type integer: \"string\"",
        coerced + "spec.steps[4].shift.action.webhook.headers[X]: Invalid value: \"integer\"",
        coerced + "spec.steps[4].shift.action.webhook.authorization.key: Invalid value: \"bad key!\"",
        coerced + "spec.steps[4].shift.action.webhook.authorization.scheme: Invalid value: \"9x\"",
        coerced + "spec.steps[4].shift.action.webhook.authorization.secretName: Required value",
        capped + "spec.steps[0].precheck.maxTargetUtilization: Invalid value: \"string\"",
        capped + "spec.steps[1].shift.action.webhook.authorization.secretName: Invalid value: \"Not_A_Name\"",
        file + ", document 3 (FailoverRun drill): spec.drill.maxPercent: Invalid value: \"string\"")) {
      assertTrue(r.err().lines().anyMatch(l -> l.startsWith(expected)), "expected a line starting '" + expected + "' in:\n" + r.err());
    }
    // Said once: the validator's own words where it speaks of the field (a step name), not also the schema's.
    assertEquals(1, r.err().lines().filter(l -> l.contains("spec.steps[3].name")).count(), r.err());
    // A rule over the steps cannot judge a name that is a number: the type error is the problem, not "names must be unique".
    assertTrue(!r.err().contains("step names must be unique"), r.err());
    // The repository's playbooks and runs pass the same check.
    assertEquals(0, Cli.run("validate", "playbooks", "manifests/samples").exitCode());
  }

  /**
   * A kind of the failwise.io group that the API server does not serve is an error naming the kinds it
   * does (kubectl apply fails "no matches for kind"), not a kind validate skips; other groups' kinds are
   * still skipped.
   */
  @Test
  void anUnknownKindOfTheFailwiseGroupIsAnErrorNamingTheValidKinds() throws Exception {
    String playbook = Files.readString(Path.of("playbooks/regional-failover.yaml"));
    Cli.Result r = validate("typo.yaml", playbook.replace("kind: FailoverPlaybook", "kind: FailoverPlaybok") + "---\n"
        + playbook.replace("name: regional-failover", "name: other") + "---\napiVersion: failwise.io/v1alpha1\nkind: Gateway\nmetadata: {name: g}\n"
        + "---\napiVersion: example.com/v1\nkind: Gateway\nmetadata: {name: g}\n");
    assertEquals(2, r.exitCode(), r.out());
    List<String> lines = r.err().lines().toList();
    String valid = " (failwise.io/v1alpha1 serves Cluster, FailoverApproval, FailoverPlaybook, FailoverPolicy, FailoverRun, Region, Scenario;"
        + " kubectl apply would fail: no matches for kind)";
    assertEquals(dir.resolve("typo.yaml") + ", document 1 (FailoverPlaybok regional-failover): kind: 'FailoverPlaybok' is not a Failwise kind;"
        + " did you mean FailoverPlaybook?" + valid, lines.get(0));
    assertEquals(dir.resolve("typo.yaml") + ", document 3 (Gateway g): kind: 'Gateway' is not a Failwise kind" + valid, lines.get(1));
    assertEquals("2 problems in " + dir.resolve("typo.yaml"), lines.get(2));
  }

  private static String[] concat(String first, String... rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }
}
