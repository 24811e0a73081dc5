package io.failwise.cli.runs;

import static io.failwise.cli.runs.ValidateFixture.validate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.testing.Cli;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A misspelt field, in whatever kind: named, in the same words, with the fields valid beside it. */
class UnknownFieldTest {
  @TempDir Path dir;

  /** A misspelt field reads the same whatever kind it is in: "unknown field spec.x", as the conversion of a playbook says it. */
  @Test
  void aMisspeltFieldIsWordedAlikeInEveryKind() throws Exception {
    for (String doc : List.of(
        "apiVersion: failwise.io/v1alpha1\nkind: Cluster\nmetadata: {name: c, namespace: failwise}\n"
            + "spec: {region: eu-west, capacity: {devices: 10}, admision: {devicesPerSecond: 5}}\n",
        "apiVersion: failwise.io/v1alpha1\nkind: FailoverPlaybook\nmetadata: {name: pb, namespace: failwise}\n"
            + "spec:\n  steps:\n    - {name: w, wait: {durationSeconds: 60}, colour: red}\n")) {
      Cli.Result r = validate(dir, "typo.yaml", doc);
      assertEquals(2, r.exitCode(), r.err());
      assertTrue(r.err().lines().anyMatch(l -> l.matches(".*: unknown field spec\\.(admision|steps\\[0\\]\\.colour) .*")), r.err());
      assertTrue(r.err().lines().noneMatch(l -> l.contains(": unknown field (")), r.err());
    }
  }

  /**
   * A misspelt field of a policy names the fields valid beside it, as the conversion does for a Cluster: an
   * outside pass saw "unknown field spec.selektor (kubectl explain ...)" and had to run kubectl to find
   * the word it meant.
   */
  @Test
  void aMisspeltFieldNamesTheFieldsValidBesideIt() throws Exception {
    Cli.Result r = validate(dir, "policy.yaml", "apiVersion: failwise.io/v1alpha1\nkind: FailoverPolicy\nmetadata: {name: p, namespace: failwise}\n"
        + "spec:\n  mode: Shadow\n  selektor: {clusters: [a]}\n  trigger: {outageForSeconds: 60, outageForSecond: 5}\n");
    assertEquals(2, r.exitCode(), r.err());
    String spec = r.err().lines().filter(l -> l.contains("unknown field spec.selektor ")).findFirst().orElseThrow(() -> new AssertionError(r.err()));
    assertTrue(spec.matches(".*\\(valid here: [a-zA-Z, ]*\\bselector\\b[a-zA-Z, ]*; kubectl explain failoverpolicies\\.failwise\\.io\\.spec\\)$"), spec);
    String trigger = r.err().lines().filter(l -> l.contains("unknown field spec.trigger.outageForSecond ")).findFirst().orElseThrow(() -> new AssertionError(r.err()));
    assertTrue(trigger.contains("outageForSeconds") && trigger.endsWith("; kubectl explain failoverpolicies.failwise.io.spec.trigger)"), trigger);
  }
}
