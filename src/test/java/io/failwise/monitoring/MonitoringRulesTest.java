package io.failwise.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * manifests/monitoring: the alerts an SRE is promised exist, and the rule groups pass promtool. The
 * rule file this writes (target/monitoring/failwise.rules.yaml) is also what .ci/run checks.
 */
class MonitoringRulesTest {
  private static final Path RULES = Path.of("target/monitoring/failwise.rules.yaml");

  @Test
  void everyPromisedAlertIsThere() throws Exception {
    List<String> alerts = new ArrayList<>();
    for (JsonNode g : MonitoringKit.rule().path("spec").path("groups")) {
      for (JsonNode r : g.path("rules")) {
        alerts.add(r.path("alert").asText());
        assertTrue(r.path("annotations").path("summary").asText().length() > 10, "a summary for a person: " + r);
      }
    }
    assertEquals(
        List.of(
            "FailwiseClusterOutage", "FailwiseSignalLost", "FailwiseDecisionRecorded", "FailwiseRunAwaitingApproval",
            "FailwiseRunFailedOrRolledBack", "FailwiseControllerDown", "FailwiseNoLeader"),
        alerts);
    assertTrue(MonitoringKit.expressions().stream().anyMatch(e -> e.contains("AwaitingApproval")));
    assertTrue(Files.exists(MonitoringKit.writeRuleFile(RULES)));
  }

  @Test
  void theRuleGroupsPassPromtool() throws Exception {
    io.failwise.testing.Tools.assume("promtool");
    Path promtool = Path.of("/usr/bin/promtool");
    MonitoringKit.writeRuleFile(RULES);
    Process p = new ProcessBuilder(promtool.toString(), "check", "rules", RULES.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "promtool finished");
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("SUCCESS: 7 rules found"), out);
  }
}
