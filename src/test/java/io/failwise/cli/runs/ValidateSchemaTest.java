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
 * validate against the CRD schemas, as the API server would check a resource before kubectl apply: types,
 * bounds and patterns, metadata, and the kinds of the failwise.io group. The references between resources
 * and what validate reads are ValidateCommandTest's.
 */
class ValidateSchemaTest {
  @TempDir Path dir;

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

  @Test
  void aClusterTheSchemaRefusesStillExistsForTheOthersAndItsErrorNamesTheField() throws Exception {
    Cli.Result r = validate(dir, "c.yaml", CLUSTER.formatted("a", "", "a") + "---\n" + CLUSTER.formatted("b", "", "a"));
    assertEquals(2, r.exitCode(), r.out());
    assertTrue(r.err().contains("(Cluster a): spec.failover.targets: Invalid value: \"object\": spec.failover.targets: a cluster cannot fail over to itself"), r.err());
    assertTrue(!r.err().contains("<nil>") && !r.err().contains("does not exist"), r.err());
  }

  @Test
  void aRunWhoseClusterTheSchemaRefusesIsToldSoNotThatItDoesNotExist() throws Exception {
    // Cluster a is in the file but refused (it fails over to itself): the run that names it as its
    // target must not send the reader looking for a Cluster that is there.
    Cli.Result r = validate(dir, "c.yaml", CLUSTER.formatted("a", "", "a") + "---\n" + CLUSTER.formatted("b", "", "a") + """
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
  void badMetadataIsRefusedSayingWhatIsValid() throws Exception {
    Cli.Result r = validate(dir, "m.yaml", CLUSTER.formatted("a", ", labels: {'bad key!': x, ok: 'v a l'}, colour: red", "b").replace("namespace: failwise", "namespace: Bad_NS!!")
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
  void anEmptyNamespaceIsNoNamespaceAsTheApiServerReadsIt() throws Exception {
    // a template rendering a cluster-scoped Region with namespace: "" is what kubectl apply accepts
    Cli.Result r = validate(dir, "r.yaml", """
        apiVersion: failwise.io/v1alpha1
        kind: Region
        metadata: {name: eu-test, namespace: ""}
        spec: {provider: azure, location: westeurope}
        """);
    assertEquals(0, r.exitCode(), r.out() + r.err());
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
    Cli.Result r = validate(dir, "p.yaml", policy + "---\n" + CLUSTER.formatted("a", "", "b") + "---\n" + CLUSTER.formatted("b", "", "a"));
    assertEquals(2, r.exitCode(), r.out());
    assertTrue(r.err().contains("(FailoverPolicy p): spec.decisionsKept: Invalid value: 500"), r.err());
    Cli.Result refs = validate(dir, "p.yaml", policy.replace("decisionsKept: 500", "decisionsKept: 5") + "---\n" + CLUSTER.formatted("a", "", "b") + "---\n"
        + CLUSTER.formatted("b", "", "a") + "---\n" + Files.readString(Path.of("playbooks/regional-failover.yaml")).replace("namespace: failwise", "namespace: failwise"));
    assertEquals(2, refs.exitCode(), refs.out());
    assertTrue(refs.err().contains("(FailoverPolicy p): spec.playbook: FailoverPlaybook 'missing' does not exist in namespace failwise of the files; known: regional-failover"), refs.err());
    assertTrue(refs.err().contains("(FailoverPolicy p): spec.selector.clusters[1]: Cluster 'nope' does not exist in namespace failwise of the files; known: a, b"), refs.err());

    // A label selector that selects none of the files' Clusters would watch nothing once applied (NoClusters).
    String labelled = policy.replace("{clusters: [a, nope]}", "{matchLabels: {fleet: chargerz}}").replace("decisionsKept: 500", "decisionsKept: 5")
        .replace("playbook: missing", "playbook: regional-failover");
    String world = "---\n" + CLUSTER.formatted("a", ", labels: {fleet: chargers}", "b") + "---\n" + CLUSTER.formatted("b", "", "a") + "---\n"
        + Files.readString(Path.of("playbooks/regional-failover.yaml"));
    Cli.Result typo = validate(dir, "p.yaml", labelled + world);
    assertEquals(2, typo.exitCode(), typo.out());
    assertTrue(typo.err().contains("(FailoverPolicy p): spec.selector.matchLabels: selects none of the 2 Clusters in namespace failwise of the files;"
        + " their labels: fleet=chargers"), typo.err());
    Cli.Result fine = validate(dir, "p.yaml", labelled.replace("chargerz", "chargers") + world);
    assertTrue(!fine.err().contains("matchLabels"), fine.err()); // (the fixture's two Clusters share a region: said, and not this test's)
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
    Cli.Result r = validate(dir, "typo.yaml", playbook.replace("kind: FailoverPlaybook", "kind: FailoverPlaybok") + "---\n"
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

  /**
   * One wrong enum value is one problem: kube-apiserver's note that the CEL rules were then left unchecked
   * is printed as it says it, but was counted as a second problem ("2 problems").
   */
  @Test
  void theNoteThatRulesWereNotCheckedIsNoProblemOfItsOwn() throws Exception {
    Cli.Result r = validate(dir, "mode.yaml", "apiVersion: failwise.io/v1alpha1\nkind: FailoverPolicy\nmetadata: {name: p, namespace: failwise}\n"
        + "spec:\n  selector: {clusters: [a]}\n  mode: Sometimes\n");
    assertEquals(2, r.exitCode(), r.out());
    List<String> lines = r.err().lines().toList();
    assertTrue(lines.get(0).endsWith("spec.mode: Unsupported value: \"Sometimes\": supported values: \"Auto\", \"Shadow\", \"Stage\""), lines.get(0));
    assertTrue(lines.get(1).contains("some validation rules were not checked because the object was invalid"), lines.get(1));
    assertEquals("1 problem in " + dir.resolve("mode.yaml"), lines.get(2));
  }

  /** The note comes after every problem, not between a document's schema errors and its other problems. */
  @Test
  void theNoteThatRulesWereNotCheckedComesLast() {
    List<String> problems = new java.util.ArrayList<>(List.of(
        "b.yaml, document 1 (FailoverPlaybook b): <nil>: Invalid value: null: some validation rules were not checked because the object was"
            + " invalid; correct the existing errors to complete validation",
        "b.yaml, document 1 (FailoverPlaybook b): spec.steps[0]: must be exactly one of precheck, approval, scale, shift, wait, verify, failback",
        "c.yaml, document 1 (Cluster c): spec.capacity: must be 1 or more"));
    ValidateCommand.notesLast(problems);
    assertTrue(problems.get(0).contains("spec.steps[0]"), problems.toString());
    assertTrue(problems.get(1).contains("spec.capacity"), problems.toString());
    assertTrue(problems.get(2).contains("some validation rules were not checked"), problems.toString());
  }

  /**
   * A playbook with three mistakes of shape says all three in one run: the conversion stops at its first
   * (a number written "80%"), and an outside pass needed four runs of validate to see a playbook's four.
   */
  @Test
  void aPlaybookThatCannotBeReadSaysTheSchemasOtherProblemsBesideTheFirst() throws Exception {
    Cli.Result r = validate(dir, "pb.yaml", "apiVersion: failwise.io/v1alpha1\nkind: FailoverPlaybook\nmetadata: {name: pb, namespace: failwise}\n"
        + "spec:\n  steps:\n    - {name: pre, precheck: {maxTargetUtilization: 80%}}\n    - {name: ok, approval: {timeoutSeconds: 30m}}\n"
        + "    - {name: w, wait: {duration: 10m}}\n");
    assertEquals(2, r.exitCode(), r.err());
    List<String> lines = r.err().lines().toList();
    assertTrue(lines.get(0).endsWith("spec.steps[0].precheck.maxTargetUtilization: '80%' is not a valid number"), r.err());
    assertTrue(
        lines.stream().anyMatch(l -> l.endsWith("unknown field spec.steps[2].wait.duration (valid here: durationSeconds; kubectl explain failoverplaybooks.failwise.io.spec.steps.wait)")),
        r.err());
    assertTrue(lines.stream().anyMatch(l -> l.contains("spec.steps[1].approval.timeoutSeconds in body must be of type integer")), r.err());
    assertTrue(lines.stream().anyMatch(l -> l.endsWith("spec.steps[2].wait.durationSeconds: Required value")), r.err());
    // The refused field is said once, in the conversion's words only.
    assertEquals(1, lines.stream().filter(l -> l.contains("maxTargetUtilization")).count(), r.err());
    assertEquals("4 problems in " + dir.resolve("pb.yaml"), lines.get(lines.size() - 1));
  }

  /**
   * Files whose namespace kustomize or kubectl apply -n gives: with -n, a policy and the playbook and
   * Clusters it names, none of them naming a namespace, are in that one; without it, in default, as kubectl
   * would put them. An outside pass got "does not exist in namespace default of the files" for a repository
   * that sets the namespace in its kustomization.
   */
  @Test
  void documentsThatNameNoNamespaceAreInTheOneGivenWithN() throws Exception {
    String policy = "apiVersion: failwise.io/v1alpha1\nkind: FailoverPolicy\nmetadata: {name: p}\nspec:\n  selector: {clusters: [a]}\n"
        + "  mode: Stage\n  playbook: regional-failover\n";
    String playbook = Files.readString(Path.of("playbooks/regional-failover.yaml")).replace("namespace: failwise", "namespace: fleet");
    String cluster = CLUSTER.formatted("a", "", "b").replace("namespace: failwise", "namespace: fleet");
    Path file = dir.resolve("p.yaml");
    Files.writeString(file, policy + "---\n" + playbook + "---\n" + cluster);
    Cli.Result without = Cli.run("validate", file.toString());
    assertTrue(without.err().contains("(FailoverPolicy p): spec.playbook: FailoverPlaybook 'regional-failover' does not exist in namespace default"),
        without.err());
    Cli.Result with = Cli.run("validate", "-n", "fleet", file.toString());
    assertTrue(!with.err().contains("(FailoverPolicy p)"), with.err()); // (Cluster a's target b is not in the file: said, and not this test's)
  }
}
