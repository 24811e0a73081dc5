package io.failwise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.failwise.api.FailoverPolicy;
import io.failwise.api.FailoverPolicySpec;
import io.failwise.api.FailoverPolicyStatus;
import io.failwise.operator.status.Conditions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * `failwise get policies` says whether each policy can act: an Auto policy naming a missing playbook
 * (Ready False, InvalidSpec) and one whose selector matched no cluster (NoClusters) listed as any other,
 * "Auto ... WATCHING 1", with nothing to notice but their status.
 */
class PolicyTableTest {
  private static final Instant NOW = Instant.parse("2026-03-12T21:40:00Z");

  @Test
  void eachPolicySaysWhetherItIsReadyAndWhyNot() {
    List<String> lines = ResourceTables.policies(List.of(
        policy("autopilot", Conditions.FALSE, "InvalidSpec"), policy("eu-shadow", Conditions.TRUE, "Watching"),
        policy("typo", Conditions.FALSE, "NoClusters"), policy("new", null, null)), NOW).lines();
    assertTrue(lines.get(0).matches("NAMESPACE\\s+NAME\\s+MODE\\s+PLAYBOOK\\s+READY\\s+WATCHING\\s+LAST-DECISION\\s+AGE"), lines.get(0));
    assertEquals("False (InvalidSpec)", cell(lines, "autopilot"));
    assertEquals("True", cell(lines, "eu-shadow"));
    assertEquals("False (NoClusters)", cell(lines, "typo"));
    assertEquals("<unknown>", cell(lines, "new"), "no status yet");
  }

  /** The READY cell of the row of {@code name}, by the header's column. */
  private static String cell(List<String> lines, String name) {
    int from = lines.get(0).indexOf("READY");
    int to = lines.get(0).indexOf("WATCHING");
    String row = lines.stream().filter(l -> l.split("\\s+")[1].equals(name)).findFirst().orElseThrow();
    return row.substring(from, to).strip();
  }

  private static FailoverPolicy policy(String name, String ready, String reason) {
    FailoverPolicy p = new FailoverPolicy();
    p.setMetadata(new ObjectMetaBuilder().withNamespace("failwise").withName(name).withCreationTimestamp("2026-03-12T20:00:00Z").build());
    p.setSpec(new FailoverPolicySpec());
    p.getSpec().mode = FailoverPolicySpec.Mode.Auto;
    p.getSpec().playbook = "regional-failover";
    if (ready != null) {
      p.setStatus(new FailoverPolicyStatus());
      p.getStatus().conditions = Conditions.set(new ArrayList<>(), "Ready", ready, reason, "m", 1L, NOW);
    }
    return p;
  }
}
