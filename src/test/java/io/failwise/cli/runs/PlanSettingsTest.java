package io.failwise.cli.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `plan --settings` refuses offline what the controller would refuse on the cluster, in the same words. */
class PlanSettingsTest {
  private static final String SETTINGS = "manifests/settings/application.properties";

  @Test
  void theRepositoryPlaybooksPassTheShippedAllowLists() {
    for (String playbook : new String[] {"regional-failover", "quarterly-drill", "affected-devices"}) {
      Cli.Result r = Cli.run("plan", "-f", "playbooks/" + playbook + ".yaml", "-f", "manifests/samples/clusters.yaml", "--source", "go-eu-west-2",
          "--settings", SETTINGS);
      assertEquals(0, r.exitCode(), playbook + ": " + r.err());
    }
  }

  @Test
  void aPlaybookThatPatchesCoreDnsIsRefusedNamingTheObjectAndTheRule(@TempDir Path dir) throws Exception {
    Path playbook = dir.resolve("hijack.yaml");
    Files.writeString(playbook, Files.readString(Path.of("playbooks/quarterly-drill.yaml"))
        .replace("name: quarterly-drill", "name: hijack").replace("name: device-routing", "name: coredns\n          namespace: kube-system"));
    Cli.Result r = Cli.run("plan", "-f", playbook.toString(), "-f", "manifests/samples/clusters.yaml", "--source", "go-eu-west-1", "--settings", SETTINGS);
    assertEquals(2, r.exitCode(), r.out());
    assertEquals(
        "failwise plan: Refused before its first step: in step shift-canary, ConfigMap kube-system/coredns is not in the allow-list: it misses rule"
            + " 'ConfigMap failwise/device-routing' of failwise.allow.objects. Nothing was changed.",
        r.err().strip());
  }

  /**
   * A controller set to watch a failback's first and last waves 10 minutes and pace at half the admission
   * rate: the plan shows the waves as that controller would run them (the 18,000-device first wave home is
   * paced at half of go-eu-west-1's 960 devices/s, 38 s, then watched 10 min), not as the defaults (24 s at
   * 0.8, 6 min). An --admission-share given on the command line wins over the file.
   */
  @Test
  void thePlanPacesAndWatchesTheWavesAsTheSettingsSay(@TempDir Path dir) throws Exception {
    Path settings = dir.resolve("application.properties");
    Files.writeString(settings, Files.readString(Path.of(SETTINGS)) + "\nfailwise.runs.settle=10m\nfailwise.runs.admission-share=0.5\n");
    String[] base = {"plan", "-f", "playbooks/regional-failover.yaml", "-f", "manifests/samples/clusters.yaml", "--source", "go-eu-west-1"};
    Cli.Result r = Cli.run(concat(base, "--settings", settings.toString()));
    assertEquals(0, r.exitCode(), r.err());
    java.util.List<String> lines = r.out().lines().toList();
    int failback = lines.indexOf("Waves of failback (to go-eu-west-1):");
    assertEquals("1      10%       18,000    18,000                 162,000 (90%)           38 s         11 min", lines.get(failback + 2), r.out());
    Cli.Result given = Cli.run(concat(base, "--settings", settings.toString(), "--admission-share", "0.8"));
    java.util.List<String> givenLines = given.out().lines().toList();
    assertEquals("1      10%       18,000    18,000                 162,000 (90%)           24 s         10 min",
        givenLines.get(givenLines.indexOf("Waves of failback (to go-eu-west-1):") + 2), given.out());
  }

  /** A pace or watch the controller would not start with is named with the file, the setting and what is valid. */
  @Test
  void aSettleOrShareTheControllerCannotReadIsRefused(@TempDir Path dir) throws Exception {
    Path settle = dir.resolve("settle.properties");
    Cli.Result r = planWith(settle, "failwise.runs.settle=six minutes\n");
    assertEquals(2, r.exitCode(), r.out());
    assertEquals("failwise plan: --settings " + settle + ": failwise.runs.settle=six minutes is not a duration the controller reads; use e.g. 6m,"
        + " 360s or PT6M (zero or more)", r.err().strip());
    Path share = dir.resolve("share.properties");
    Cli.Result s = planWith(share, "failwise.runs.admission-share=1.5\n");
    assertEquals(2, s.exitCode(), s.out());
    assertTrue(s.err().contains("--settings " + share + ": failwise.runs.admission-share=1.5 must be a number above 0 and at most 1"), s.err());
  }

  /** A file with two mistakes gets both named in one try, as validate --settings names them, not one per run. */
  @Test
  void everyMistakeOfTheSettingsIsNamedAtOnce(@TempDir Path dir) throws Exception {
    Path both = dir.resolve("both.properties");
    Cli.Result r = planWith(both, "failwise.runs.settle=six minutes\nfailwise.runs.admission-share=1.5\n");
    assertEquals(2, r.exitCode(), r.out());
    java.util.List<String> lines = r.err().strip().lines().toList();
    assertEquals(2, lines.size(), r.err());
    assertTrue(lines.get(0).startsWith("failwise plan: --settings " + both + ": failwise.runs.settle=six minutes is not a duration"), r.err());
    assertTrue(lines.get(1).startsWith("failwise plan: --settings " + both + ": failwise.runs.admission-share=1.5 must be a number above 0"), r.err());
    Cli.Result validate = Cli.run("validate", "--settings", both.toString(), "playbooks/regional-failover.yaml");
    for (String line : lines) {
      assertTrue(validate.err().contains(line.substring("failwise plan: ".length())), "validate names it too: " + line + "\n" + validate.err());
    }
  }

  /** The regional playbook planned for go-eu-west-1 with {@code file}, written with {@code settings}. */
  private static Cli.Result planWith(Path file, String settings) throws Exception {
    Files.writeString(file, settings);
    return Cli.run("plan", "-f", "playbooks/regional-failover.yaml", "-f", "manifests/samples/clusters.yaml", "--source", "go-eu-west-1",
        "--settings", file.toString());
  }

  private static String[] concat(String[] base, String... more) {
    return java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(more)).toArray(String[]::new);
  }
}
