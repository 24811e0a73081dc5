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
}
