package io.failwise.operator.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.failwise.api.Cluster;
import io.failwise.api.FailoverPolicy;
import io.failwise.api.FailoverPolicySpec;
import io.failwise.api.FailoverPolicyStatus;
import io.failwise.api.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyStatusTest {
  private static FailoverPolicy policy(List<String> names, Map<String, String> labels) {
    FailoverPolicy p = new FailoverPolicy();
    p.setMetadata(new ObjectMetaBuilder().withNamespace("fleet").withName("p").build());
    p.setSpec(new FailoverPolicySpec());
    p.getSpec().selector = new FailoverPolicySpec.Selector();
    p.getSpec().selector.clusters = names;
    p.getSpec().selector.matchLabels = labels;
    return p;
  }

  @Test
  void selectsByNameOrByEveryLabelInItsOwnNamespaceOnly() {
    Cluster c = Fixtures.cluster("fleet", "west-1", "eu-west", 10, 10);
    c.getMetadata().setLabels(Map.of("fleet", "chargers", "tier", "gold"));
    assertTrue(ClusterSelection.selects(policy(List.of("west-1"), Map.of()), c));
    assertTrue(ClusterSelection.selects(policy(List.of(), Map.of("fleet", "chargers")), c));
    assertFalse(ClusterSelection.selects(policy(List.of(), Map.of("fleet", "chargers", "tier", "silver")), c));
    assertFalse(ClusterSelection.selects(policy(List.of("west-2"), Map.of()), c));
    Cluster elsewhere = Fixtures.cluster("other", "west-1", "eu-west", 10, 10);
    assertFalse(ClusterSelection.selects(policy(List.of("west-1"), Map.of()), elsewhere));
  }

  @Test
  void keepsABoundedNewestFirstLogAndOneWatchPerCluster() {
    FailoverPolicyStatus s = new FailoverPolicyStatus();
    for (int i = 0; i < 5; i++) {
      var d = new FailoverPolicyStatus.Decision();
      d.id = "d" + i;
      d.cluster = "west-1";
      d.recommendation = "HOLD";
      d.action = "Recorded";
      var w = new FailoverPolicyStatus.Watch();
      w.cluster = "west-1";
      w.lastDecisionId = d.id;
      s = DecisionLog.record(s, d, w, 3);
    }
    assertEquals(List.of("d4", "d3", "d2"), s.decisions.stream().map(d -> d.id).toList());
    assertEquals(1, s.watches.size());
    assertEquals("d4", s.watches.get(0).lastDecisionId);
    assertEquals("HOLD/Recorded", s.lastDecision);

    // A recovery recommends nothing: it is not shown as the last recommendation's (FAILOVER/Recovered).
    var recovered = new FailoverPolicyStatus.Decision();
    recovered.id = "d5";
    recovered.cluster = "west-1";
    recovered.recommendation = "FAILOVER";
    recovered.action = "Recovered";
    assertEquals("Recovered", DecisionLog.record(s, recovered, null, 3).lastDecision);
  }
}
