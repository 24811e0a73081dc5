package io.failwise.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Cluster CRD's CEL rules, evaluated as a real API server would on create and update. */
class ClusterCelRulesTest {
  private static CrdCelRules rules;

  @BeforeAll
  static void load() throws Exception {
    rules = CrdCelRules.load(Path.of("manifests/crds/clusters.failwise.io-v1.yml"));
  }

  private static String cluster(String name, String failover, String signals) {
    return """
        apiVersion: failwise.io/v1alpha1
        kind: Cluster
        metadata: {name: %s, namespace: fleet}
        spec:
          region: eu-west
          capacity: {devices: 250000}
          admission: {devicesPerSecond: 960}
          failover: %s
          signals: %s
        """
        .formatted(name, failover, signals);
  }

  @Test
  void everyRuleCompiles() {
    assertTrue(rules.rules().size() >= 4, "rules found: " + rules.rules());
  }

  @Test
  void theSamplesPass() throws Exception {
    String all = Files.readString(Path.of("manifests/samples/clusters.yaml"));
    for (String doc : all.split("(?m)^---$")) {
      assertEquals(List.of(), rules.violations(doc), doc);
    }
  }

  @Test
  void aClusterCannotFailOverToItself() throws Exception {
    assertEquals(
        List.of("spec.failover.targets: a cluster cannot fail over to itself"),
        rules.violations(cluster("west-1", "{targets: [{cluster: west-1}]}", "{static: {expected: 1, connected: 1}}")));
  }

  @Test
  void aTargetIsListedOnce() throws Exception {
    assertEquals(
        List.of("spec.failover.targets: each target cluster may be listed only once"),
        rules.violations(
            cluster("west-1", "{targets: [{cluster: n1}, {cluster: n1, priority: 1}]}", "{static: {expected: 1, connected: 1}}")));
  }

  @Test
  void countsMustNotContradictAndASourceIsRequired() throws Exception {
    assertEquals(
        List.of("spec.signals.static: connected cannot exceed expected"),
        rules.violations(cluster("west-1", "{}", "{static: {expected: 10, connected: 11}}")));
    assertEquals(
        List.of("spec.signals: name exactly one source of device counts: static or prometheus"),
        rules.violations(cluster("west-1", "{}", "{quorum: 1}")));
  }
}
