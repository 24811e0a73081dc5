package io.failwise.cli.runs;

import static io.failwise.cli.runs.ValidateFixture.validate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.testing.Cli;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How validate words and counts a schema's problem: the value as the file has it, one mistake said once. */
class ValidateProblemWordsTest {
  @TempDir Path dir;

  /**
   * A value of the wrong type is shown as typed: kube-apiserver's words name only its type
   * ({@code Invalid value: "string"}), and an SRE who wrote 20m for seconds saw no hint of either.
   */
  @Test
  void aValueOfTheWrongTypeIsShownAsTypedWithTheUnit() throws Exception {
    String trend = java.nio.file.Files.readString(java.nio.file.Path.of("playbooks/scenarios/recovering-trend.yaml"));
    String typed = trend.replace("cutoverSeconds: 1200", "cutoverSeconds: 20m").replace("targets: [{cluster: go-eu-north-1, priority: 0}]",
        "targets: [{cluster: go-eu-north-1, priority: first}]");
    Cli.Result r = validate(dir, "typed.yaml", typed);
    assertEquals(2, r.exitCode(), r.out());
    assertTrue(r.err().contains("spec.failover.cutoverSeconds: Invalid value: \"string\": spec.failover.cutoverSeconds in body must be of type"
        + " integer: \"string\" (the file has '20m'; a whole number of seconds)"), r.err());
    assertTrue(r.err().contains("spec.failover.targets[0].priority in body must be of type integer: \"string\" (the file has 'first')"), r.err());
  }

  /**
   * Two steps of one name are one mistake: the CEL rule over the steps ("spec.steps: step names must be
   * unique", on spec) and the playbook's validator (on the second step's name) said it twice, "2 problems".
   */
  @Test
  void aDuplicateStepNameIsOneProblem() throws Exception {
    String playbook = java.nio.file.Files.readString(java.nio.file.Path.of("playbooks/regional-failover.yaml"));
    String twice = playbook.replaceFirst("  - name: verify", "  - name: shift");
    org.junit.jupiter.api.Assertions.assertNotEquals(playbook, twice);
    Cli.Result r = validate(dir, "twice.yaml", twice);
    assertEquals(2, r.exitCode(), r.out());
    assertEquals(List.of(dir.resolve("twice.yaml") + ", document 1 (FailoverPlaybook regional-failover): spec.steps[4].name: 'shift' is used by"
        + " an earlier step; step names must be unique", "1 problem in " + dir.resolve("twice.yaml")), r.err().lines().toList());
  }
}
