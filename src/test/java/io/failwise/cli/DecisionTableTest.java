package io.failwise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.failwise.api.FailoverPolicy;
import io.failwise.api.FailoverPolicyStatus;
import io.failwise.api.FailoverPolicyStatus.Decision;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecisionTableTest {
  private static final String HELD =
      "Held in reserve: failing over go-eu-west-1 would disrupt 180,000 devices for about 25 minutes plus the failback.";

  private static Decision decision(String time, String cluster, String recommendation, String action, String blockedBy, String explanation) {
    Decision d = new Decision();
    d.time = time;
    d.cluster = cluster;
    d.recommendation = recommendation;
    d.action = action;
    d.blockedBy = blockedBy;
    d.explanation = explanation;
    return d;
  }

  private static FailoverPolicy policy(String name, Decision... decisions) {
    FailoverPolicy p = new FailoverPolicy();
    p.setMetadata(new ObjectMetaBuilder().withNamespace("failwise").withName(name).build());
    p.setStatus(new FailoverPolicyStatus());
    p.getStatus().decisions = List.of(decisions);
    return p;
  }

  private static String print(List<FailoverPolicy> policies, boolean wide) {
    StringWriter s = new StringWriter();
    DecisionTable.print(new PrintWriter(s), DecisionTable.entries(policies), wide, java.time.ZoneOffset.ofHours(1));
    return s.toString();
  }

  @Test
  void eachDecisionShowsItsExplanationUnderItNewestFirstAcrossPolicies() {
    var policies = List.of(
        policy("eu-shadow", decision("2026-03-12T21:25:00Z", "go-eu-west-1", "HOLD", "Recorded", null, HELD)),
        policy("eu-auto", decision("2026-03-12T23:40:00Z", "go-eu-west-1", "FAILOVER", "Blocked", "Halt", "Failover pays off. Not acted on: the global halt is set.")));
    String[] lines = print(policies, false).split("\n");
    assertTrue(lines[0].startsWith("TIME"), lines[0]);
    assertTrue(lines[0].contains("BLOCKED-BY"), lines[0]);
    // In the controller's zone, as the explanation under it says its times: the next day at +01:00.
    assertTrue(lines[1].startsWith("2026-03-13 00:40:00 +01:00") && lines[1].contains("eu-auto") && lines[1].contains("Halt"), lines[1]);
    assertEquals("    Failover pays off. Not acted on: the global halt is set.", lines[2]);
    assertTrue(lines[3].contains("eu-shadow") && lines[3].contains("HOLD") && lines[3].contains("Recorded"), lines[3]);
    assertEquals("    " + HELD, lines[4]);
    assertEquals(5, lines.length);
  }

  @Test
  void whereTheAnswerWouldTurnFollowsTheExplanation() {
    Decision held = decision("2026-03-12T21:40:00Z", "go-eu-west-1", "HOLD", "Recorded", null, HELD);
    held.turnsWith = "FAILOVER if the median cutover were under 16 min 27 s (20 min now)";
    String[] lines = print(List.of(policy("eu-shadow", held)), false).split("\n");
    assertEquals("    " + HELD, lines[2]);
    assertEquals("    Turns with: FAILOVER if the median cutover were under 16 min 27 s (20 min now).", lines[3]);
    assertEquals(4, lines.length);
  }

  @Test
  void wideOutputPutsTheExplanationInTheLastColumn() {
    String[] lines = print(List.of(policy("eu-shadow", decision("2026-03-12T21:25:00Z", "go-eu-west-1", "HOLD", "Recorded", null, HELD))), true).split("\n");
    assertEquals(2, lines.length);
    assertTrue(lines[0].endsWith("EXPLANATION"), lines[0]);
    assertTrue(lines[1].endsWith(HELD), lines[1]);
  }
}
