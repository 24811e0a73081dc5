package io.failwise.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

  /**
   * The alerts behave on the series the controller exports, under promtool's rule tests (the rules'
   * own evaluation, on explicit time). An outage whose signal is lost at minute 4 reads health Unknown
   * but failwise_cluster_outage stays 1: the critical page keeps firing (it resolved for 5 minutes, then
   * paged again, when it watched health == 3). A decision counter present at 0 from the start fires on
   * the first decision of its kind (a counter first seen at 1 has no increase()).
   */
  @Test
  void theOutagePageOutlivesALostSignalAndTheFirstDecisionAlerts() throws Exception {
    io.failwise.testing.Tools.assume("promtool");
    MonitoringKit.writeRuleFile(RULES);
    Path tests = RULES.resolveSibling("failwise.rules.test.yaml");
    String outage = "{namespace=\"fleet\",cluster=\"go-eu-west-1\"}";
    String decision = "{recommendation=\"FAILOVER\",action=\"Executed\"}";
    Files.writeString(tests, String.join("\n",
        RULE_TEST_HEADER,
        "      - series: 'failwise_cluster_outage" + outage + "'",
        "        values: '0 1 1 1 1 1 1 1 1 1 1 0 0'",
        "      - series: 'failwise_cluster_health" + outage + "'",
        "        values: '0 3 3 3 1 1 1 1 1 1 1 0 0'",
        "      - series: 'failwise_policy_decisions_total" + decision + "'",
        "        values: '0 0 0 1 1 1 1 1 1 1 1 1 1'",
        "    alert_rule_test:",
        "      - {eval_time: 3m, alertname: FailwiseClusterOutage, exp_alerts: [" + expected("FailwiseClusterOutage", "fleet", "go-eu-west-1") + "]}",
        "      - {eval_time: 9m, alertname: FailwiseClusterOutage, exp_alerts: [" + expected("FailwiseClusterOutage", "fleet", "go-eu-west-1") + "]}",
        "      - {eval_time: 12m, alertname: FailwiseClusterOutage, exp_alerts: []}",
        "      - {eval_time: 4m, alertname: FailwiseDecisionRecorded, exp_alerts: [" + expectedDecision() + "]}",
        ""));
    promtoolTest(tests, "");
  }

  /**
   * The series carry the namespace of their Cluster or run: scraped by the Prometheus Operator without
   * honorLabels, its target label (the controller pod's namespace) would win, and FailwiseRunAwaitingApproval
   * would tell the on-call to approve the run in failwise-system.
   */
  @Test
  void theScrapeKeepsTheSeriesOwnNamespace() throws Exception {
    for (JsonNode endpoint : MonitoringKit.serviceMonitor().path("spec").path("endpoints")) {
      assertTrue(endpoint.path("honorLabels").asBoolean(false), "honorLabels on " + endpoint);
    }
  }

  /**
   * Both replicas export failwise_run_info (each from its console's cache): the "Runs by phase" panel
   * counts each run once, not once per replica scraped.
   */
  @Test
  void runsByPhaseCountsEachRunOnceWithTwoReplicas() throws Exception {
    io.failwise.testing.Tools.assume("promtool");
    Path tests = RULES.resolveSibling("failwise.dashboard.test.yaml");
    Files.createDirectories(tests.getParent());
    String expr = MonitoringKit.panel("Runs by phase");
    Files.writeString(tests, String.join("\n",
        "tests:",
        "  - interval: 1m",
        "    input_series:",
        "      - {series: 'failwise_run_info{instance=\"a\",namespace=\"fleet\",run=\"incident\",mode=\"Failover\",phase=\"AwaitingApproval\"}', values: '1 1'}",
        "      - {series: 'failwise_run_info{instance=\"b\",namespace=\"fleet\",run=\"incident\",mode=\"Failover\",phase=\"AwaitingApproval\"}', values: '1 1'}",
        "      - {series: 'failwise_run_info{instance=\"a\",namespace=\"fleet\",run=\"drill\",mode=\"Drill\",phase=\"Running\"}', values: '1 1'}",
        "      - {series: 'failwise_run_info{instance=\"b\",namespace=\"fleet\",run=\"drill\",mode=\"Drill\",phase=\"Running\"}', values: '1 1'}",
        "      - {series: 'failwise_run_info{instance=\"a\",namespace=\"other\",run=\"drill\",mode=\"Drill\",phase=\"Running\"}', values: '1 1'}",
        "    promql_expr_test:",
        "      - expr: '" + expr + "'",
        "        eval_time: 1m",
        "        exp_samples:",
        "          - {labels: '{phase=\"AwaitingApproval\"}', value: 1}",
        "          - {labels: '{phase=\"Running\"}', value: 2}",
        ""));
    promtoolTest(tests, expr + "\n");
  }

  /**
   * A run refused by the controller (the budget spent, a target in the source's region), applied by a
   * pipeline or created by an Auto policy, did nothing and told nobody: it alerts for an hour as a failed
   * or rolled-back run does; one that succeeded does not.
   */
  @Test
  void aRefusedRunAlertsAsAFailedOneDoes() throws Exception {
    io.failwise.testing.Tools.assume("promtool");
    MonitoringKit.writeRuleFile(RULES);
    Path tests = RULES.resolveSibling("failwise.refused.test.yaml");
    JsonNode rule = rule("FailwiseRunFailedOrRolledBack");
    Map<String, String> labels = Map.of("namespace", "fleet", "run", "gitops-failover", "mode", "Failover", "outcome", "Refused");
    Files.writeString(tests, String.join("\n",
        RULE_TEST_HEADER,
        "      - series: 'failwise_run_finished_timestamp_seconds{namespace=\"fleet\",run=\"gitops-failover\",mode=\"Failover\",outcome=\"Refused\"}'",
        "        values: '60x10'",
        "      - series: 'failwise_run_finished_timestamp_seconds{namespace=\"fleet\",run=\"drill\",mode=\"Drill\",outcome=\"Succeeded\"}'",
        "        values: '60x10'",
        "    alert_rule_test:",
        "      - {eval_time: 5m, alertname: FailwiseRunFailedOrRolledBack, exp_alerts: [{exp_labels: {severity: "
            + rule.path("labels").path("severity").asText() + ", namespace: fleet, run: gitops-failover, mode: Failover, outcome: Refused},"
            + " exp_annotations: " + annotations(rule, labels) + "}]}",
        ""));
    promtoolTest(tests, "");
  }

  /** The start of a promtool rule-test file on the PrometheusRule's groups, up to its input series. */
  private static final String RULE_TEST_HEADER = String.join("\n",
      "rule_files: [" + RULES.getFileName() + "]",
      "evaluation_interval: 1m",
      "tests:",
      "  - interval: 1m",
      "    input_series:");

  /** Runs {@code promtool test rules} on the file; its output, after {@code context}, is the failure's message. */
  private static void promtoolTest(Path tests, String context) throws Exception {
    Process p = new ProcessBuilder("/usr/bin/promtool", "test", "rules", tests.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "promtool finished");
    assertEquals(0, p.exitValue(), context + out);
  }

  /** The alert promtool must find: its labels, and its annotations as the rule's templates render them. */
  private static String expected(String alert, String namespace, String cluster) throws Exception {
    JsonNode rule = rule(alert);
    return "{exp_labels: {severity: " + rule.path("labels").path("severity").asText() + ", namespace: " + namespace + ", cluster: " + cluster
        + "}, exp_annotations: " + annotations(rule, java.util.Map.of("namespace", namespace, "cluster", cluster)) + "}";
  }

  private static String expectedDecision() throws Exception {
    JsonNode rule = rule("FailwiseDecisionRecorded");
    return "{exp_labels: {severity: " + rule.path("labels").path("severity").asText() + ", recommendation: FAILOVER, action: Executed},"
        + " exp_annotations: " + annotations(rule, java.util.Map.of("recommendation", "FAILOVER", "action", "Executed")) + "}";
  }

  private static JsonNode rule(String alert) throws Exception {
    for (JsonNode g : MonitoringKit.rule().path("spec").path("groups")) {
      for (JsonNode r : g.path("rules")) {
        if (alert.equals(r.path("alert").asText())) {
          return r;
        }
      }
    }
    throw new AssertionError("no alert " + alert);
  }

  private static String annotations(JsonNode rule, java.util.Map<String, String> labels) {
    com.fasterxml.jackson.databind.node.ObjectNode out = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    rule.path("annotations").fields().forEachRemaining(e -> {
      String text = e.getValue().asText();
      for (var l : labels.entrySet()) {
        text = text.replace("{{ $labels." + l.getKey() + " }}", l.getValue());
      }
      out.put(e.getKey(), text);
    });
    return out.toString(); // JSON is YAML flow syntax
  }
}
