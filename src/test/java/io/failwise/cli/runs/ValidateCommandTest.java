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
    assertTrue(r.out().contains("Skipped kinds validate does not check: "), r.out());
    for (String skipped : List.of("ConfigMap (1)", "FailoverPolicy (1)", "Scenario (")) {
      assertTrue(r.out().contains(skipped), r.out());
    }
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
}
