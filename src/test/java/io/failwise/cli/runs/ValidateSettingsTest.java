package io.failwise.cli.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `validate --settings` reports offline, in the controller's words, what its allow-lists would refuse. */
class ValidateSettingsTest {
  private static final String SETTINGS = "manifests/settings/application.properties";
  private static final String COREDNS_REFUSAL = "Refused before its first step: in step shift-canary, ConfigMap kube-system/coredns is not in the"
      + " allow-list: it misses rule 'ConfigMap failwise/device-routing' of failwise.allow.objects. Nothing was changed.";
  @TempDir Path dir;

  @Test
  void theRepositorysPlaybooksRunsAndSamplesPassTheShippedAllowLists() {
    Cli.Result r = Cli.run("validate", "--settings", SETTINGS, "playbooks", "manifests/samples");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().startsWith("OK: 3 FailoverPlaybooks, 5 FailoverRuns, "), r.out());
  }

  private Path hijack() throws Exception {
    Path playbook = dir.resolve("hijack.yaml");
    Files.writeString(playbook, Files.readString(Path.of("playbooks/quarterly-drill.yaml"))
        .replace("name: quarterly-drill", "name: hijack").replace("name: device-routing", "name: coredns\n          namespace: kube-system"));
    return playbook;
  }

  @Test
  void aPlaybookThatPatchesCoreDnsIsReportedOnceWithTheControllersSentence() throws Exception {
    Path playbook = hijack();
    Cli.Result r = Cli.run("validate", "--settings", SETTINGS, playbook.toString(), "manifests/samples/clusters.yaml");
    assertEquals(2, r.exitCode(), r.out());
    List<String> lines = r.err().strip().lines().toList();
    assertEquals(2, lines.size(), r.err());
    assertTrue(lines.get(0).startsWith(playbook.toString()), lines.get(0));
    assertTrue(lines.get(0).endsWith(": spec.steps: as a failover of go-eu-west-1: " + COREDNS_REFUSAL), lines.get(0));
    assertTrue(lines.get(1).startsWith("1 problem in "), lines.get(1));
    Cli.Result plan = Cli.run("plan", "-f", playbook.toString(), "-f", "manifests/samples/clusters.yaml", "--source", "go-eu-west-1",
        "--settings", SETTINGS);
    assertEquals("failwise plan: " + COREDNS_REFUSAL, plan.err().strip(), "plan and validate say the same");
    Cli.Result without = Cli.run("validate", playbook.toString(), "manifests/samples/clusters.yaml");
    assertEquals(0, without.exitCode(), "without --settings the allow-lists are not checked: " + without.err());
  }

  @Test
  void aRunOfSuchAPlaybookIsReportedAtTheRunAndJsonSaysTheSame() throws Exception {
    Path run = dir.resolve("run.yaml");
    Files.writeString(run, """
        apiVersion: failwise.io/v1alpha1
        kind: FailoverRun
        metadata: {name: drill-hijack, namespace: failwise}
        spec: {playbook: hijack, source: go-eu-west-2, mode: Drill}
        """);
    Cli.Result r = Cli.run("validate", "-o", "json", "--settings", SETTINGS, hijack().toString(), run.toString(), "manifests/samples/clusters.yaml");
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.out().contains("spec.playbook: " + COREDNS_REFUSAL), r.out());
    assertTrue(r.out().contains("drill-hijack"), r.out());
  }

  @Test
  void aSettingsFileWithABadRuleOrMissingIsOneProblemNamingIt() throws Exception {
    Path bad = dir.resolve("bad.properties");
    Files.writeString(bad, "failwise.allow.objects=ConfigMap no-slash-here\n");
    Cli.Result r = Cli.run("validate", "--settings", bad.toString(), "playbooks");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().startsWith("--settings " + bad + ": "), r.err());
    assertTrue(r.err().contains("no-slash-here"), r.err());
    Cli.Result missing = Cli.run("validate", "--settings", dir.resolve("nope.properties").toString(), "playbooks");
    assertEquals(2, missing.exitCode());
    assertTrue(missing.err().startsWith("--settings " + dir.resolve("nope.properties") + ": no such file"), missing.err());
    Path binary = dir.resolve("binary.properties");
    Files.write(binary, new byte[] {'a', '=', (byte) 0xff, 0});
    Cli.Result garbage = Cli.run("validate", "--settings", binary.toString(), "playbooks");
    assertEquals(2, garbage.exitCode());
    assertTrue(garbage.err().startsWith("--settings " + binary + ": not UTF-8 text (byte 0xFF at offset 2;"), garbage.err());
  }

  /** A file with several mistakes says each of them in one run of validate, not the first alone. */
  @Test
  void everyMistakeOfASettingsFileIsSaidAtOnce() throws Exception {
    Path bad = dir.resolve("several.properties");
    Files.writeString(bad, "failwise.runs.budget.failovers-per-day=-1\nfailwise.runs.freeze.modes=failover\n"
        + "failwise.allow.objects=ConfigMap no-slash-here\nfailwise.time-zone=Mars/Olympus\nfailwise.notifications.repeat=-15m\n");
    Cli.Result r = Cli.run("validate", "--settings", bad.toString(), "playbooks");
    assertEquals(2, r.exitCode(), r.err());
    for (String said : List.of("failwise.time-zone: Unknown time-zone ID: Mars/Olympus", "failwise.runs.budget.failovers-per-day",
        "failwise.runs.freeze.modes", "no-slash-here", "failwise.notifications.repeat (FAILWISE_NOTIFICATIONS_REPEAT) is how long an unchanged"
        + " decision goes untold: 0 (tell every decision) or more (1h by default); got -15 min")) {
      assertTrue(r.err().contains(said), said + " in:\n" + r.err());
    }
    assertTrue(r.err().strip().endsWith("5 problems in playbooks"), r.err());
  }
}
