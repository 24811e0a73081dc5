package io.failwise.operator.policy;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.failwise.api.Cluster;
import io.failwise.api.FailoverPlaybook;
import io.failwise.api.FailoverPolicy;
import io.failwise.api.FailoverPolicySpec;
import io.failwise.api.FailoverPolicyStatus.Decision;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunSpec;
import io.failwise.api.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which target a policy's decision names when another run holds one, when two clusters fail at once, and
 * what it says of a selector naming a cluster that does not exist.
 */
@QuarkusTest
@TestProfile(PolicyProfile.class)
class PolicyTargetsIT extends PolicyWorld {
  /**
   * Another run holds go-target (a failover of go-other into it, waiting at its approval step): a run
   * the policy created for go-target would wait until that one ends. The decision passes it over for
   * go-spare, slower but free, says so, and the run it starts names go-spare.
   */
  @Test
  void aTargetAnotherRunHoldsIsPassedOverAndTheRunGoesToTheNextTarget() {
    String ns = namespace("held");
    totalOutage(ns, "go-spare");
    Cluster spare = Fixtures.cluster(ns, "go-spare", "eu-north", 50_000, 50_000);
    spare.getSpec().capacity.devices = 300_000L;
    spare.getSpec().admission.devicesPerSecond = 300.0; // free, go-target is the cheaper move
    client.resource(spare).create();
    Cluster otherSource = Fixtures.cluster(ns, "go-other", "eu-west", 10_000, 10_000, "go-target");
    otherSource.getSpec().failover.failbackRequired = false;
    client.resource(otherSource).create();
    approveOnlyPlaybook(ns);
    FailoverRun other = new FailoverRun();
    other.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName("other-into-target").build());
    other.setSpec(new FailoverRunSpec());
    other.getSpec().playbook = "approve-only";
    other.getSpec().source = "go-other";
    other.getSpec().target = "go-target";
    other.getSpec().mode = FailoverRunSpec.Mode.Failover;
    other.getSpec().reason = "a failover into go-target, waiting for its approval";
    client.resource(other).create();
    await().atMost(PATIENCE).untilAsserted(() -> {
      FailoverRun r = client.resources(FailoverRun.class).inNamespace(ns).withName("other-into-target").get();
      assertEquals("AwaitingApproval", r.getStatus() == null ? null : r.getStatus().phase,
          () -> "the other run holds go-target at its approval step: " + (r.getStatus() == null ? "no status" : r.getStatus().conditions + " " + r.getStatus().message));
    });

    client.resource(policy(ns, "autopilot", FailoverPolicySpec.Mode.Auto, List.of("go-total"), "regional-failover")).create();
    Decision d = awaitDecision(ns, "autopilot");
    assertEquals("FAILOVER", d.recommendation, d.explanation);
    assertEquals("go-spare", d.target, d.explanation);
    assertTrue(d.explanation.contains("Passed over: go-target is held by run other-into-target as its target"), d.explanation);
    assertEquals("Executed", d.action, d.explanation);
    FailoverRun created = client.resources(FailoverRun.class).inNamespace(ns).withName(d.run).get();
    assertEquals("go-spare", created.getSpec().target, "the run goes where the decision said");
  }

  /**
   * A regional outage: two clusters of eu-west down at once, one Auto policy, both listing go-target
   * first. The first decision's run (whichever cluster's outage the policy sees first) goes to go-target;
   * the second, moments later in the same reconcile,
   * before that run has taken go-target, passes it over for go-spare instead of sending its run to wait
   * behind the first.
   */
  @Test
  void twoClustersDownAtOnceAreNotSentIntoOneTarget() {
    String ns = namespace("regional");
    // The spare target first, as totalOutage creates go-target before go-total: the policy reads clusters from
    // its watch, in the order they were written, so once it sees an outage it also sees every target listed.
    // A target created after the outage's status could still be on its way when the policy first decides.
    Cluster spare = Fixtures.cluster(ns, "go-spare", "eu-north", 50_000, 50_000);
    spare.getSpec().capacity.devices = 300_000L;
    spare.getSpec().admission.devicesPerSecond = 300.0; // slower: go-target is the cheaper move for both
    client.resource(spare).create();
    totalOutage(ns, "go-spare");
    Cluster second = Fixtures.cluster(ns, "go-total-2", "eu-west", 100_000, 0, "go-target", "go-spare");
    second.getSpec().failover.cutoverSeconds = 600L;
    client.resource(second).create();

    client.resource(policy(ns, "autopilot", FailoverPolicySpec.Mode.Auto, List.of("go-total", "go-total-2"), "regional-failover")).create();
    await().atMost(PATIENCE).untilAsserted(() -> {
      FailoverPolicy p = policy(ns, "autopilot");
      assertNotNull(p.getStatus(), "the policy has a status");
      assertEquals(2, p.getStatus().decisions.size());
    });
    Map<String, Decision> byCluster = new java.util.HashMap<>();
    policy(ns, "autopilot").getStatus().decisions.forEach(d -> byCluster.put(d.cluster, d));
    // Which cluster is decided first depends on which Outage condition the cluster reconciler set first:
    // either order is right, as long as one run goes to go-target and the other passes it over.
    Decision a = byCluster.get("go-total");
    Decision b = byCluster.get("go-total-2");
    Decision first = "go-target".equals(a.target) ? a : b;
    Decision next = first == a ? b : a;
    assertEquals("go-target", first.target, first.explanation);
    assertEquals("go-spare", next.target, next.explanation);
    // In the same reconcile the first run has not taken go-target yet ("is the target of run ..."); if the
    // second cluster's outage came a reconcile later, the first run holds it by then ("is held by run ...").
    assertTrue(next.explanation.matches(".*Passed over: go-target is (the target of|held by) run " + first.run + ".*"), next.explanation);
    assertEquals("Executed", next.action, next.explanation);
  }

  /**
   * Two policies on one cluster: the Auto one failed go-total over (its run holds go-target, waiting at its
   * approval step). A Shadow policy deciding on go-total next must not pass go-target over as "held by" that
   * run and call the failover infeasible: that run is go-total's own failover. It weighs the same move and
   * says FAILOVER to go-target, as the Auto policy did.
   */
  @Test
  void aSecondPolicyOnTheSameClusterDoesNotCallItsOwnFailoverInTheWay() {
    String ns = namespace("two-policies");
    totalOutage(ns, total -> total.getSpec().failover.failbackRequired = false); // the approve-only playbook has no failback
    approveOnlyPlaybook(ns);
    client.resource(policy(ns, "autopilot", FailoverPolicySpec.Mode.Auto, List.of("go-total"), "approve-only")).create();
    Decision executed = awaitDecision(ns, "autopilot");
    assertEquals("Executed", executed.action, executed.explanation);
    await().atMost(PATIENCE).untilAsserted(() -> {
      FailoverRun r = client.resources(FailoverRun.class).inNamespace(ns).withName(executed.run).get();
      assertEquals("AwaitingApproval", r.getStatus() == null ? null : r.getStatus().phase,
          () -> "the run holds go-total and go-target at its approval: " + (r.getStatus() == null ? "no status" : r.getStatus().message));
    });

    client.resource(policy(ns, "shadow", FailoverPolicySpec.Mode.Shadow, List.of("go-total"), null)).create();
    Decision d = awaitDecision(ns, "shadow");
    assertEquals("FAILOVER", d.recommendation, d.explanation);
    assertEquals("go-target", d.target, d.explanation);
    assertTrue(!d.explanation.contains("Passed over"), d.explanation);
  }

  /** approve-only: a playbook that stops at its approval step, holding its source and its target, and changes nothing. */
  private void approveOnlyPlaybook(String ns) {
    client.resource(io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
        """
        apiVersion: failwise.io/v1alpha1
        kind: FailoverPlaybook
        metadata: {name: approve-only, namespace: %s}
        spec:
          steps:
          - {name: approve, approval: {timeoutSeconds: 1800}}
        """.formatted(ns), FailoverPlaybook.class)).create();
  }

  /** A named cluster that does not exist (a typo) is said in the policy's Ready condition, not silently left out. */
  @Test
  void aSelectorNamingAClusterThatDoesNotExistSaysSo() {
    String ns = namespace("typo");
    totalOutage(ns);
    client.resource(policy(ns, "typo", FailoverPolicySpec.Mode.Shadow, List.of("go-total", "go-totl"), null)).create();
    await().atMost(PATIENCE).untilAsserted(() -> {
      FailoverPolicy p = policy(ns, "typo");
      assertNotNull(p.getStatus(), "the policy has a status");
      var ready = p.getStatus().conditions.stream().filter(c -> "Ready".equals(c.getType())).findFirst().orElseThrow();
      assertEquals("Watching 1 cluster in Shadow mode. spec.selector.clusters names a Cluster that does not exist in namespace typo:"
          + " go-totl.", ready.getMessage());
      // Not Ready while a named cluster goes unwatched: Argo CD showed the policy Healthy.
      assertEquals("False", ready.getStatus());
      assertEquals("UnknownClusters", ready.getReason());
      // And a Warning Event, once (kubectl get policies showed it as any other, with nothing to notice).
      var warnings = client.v1().events().inNamespace(ns).list().getItems().stream()
          .filter(e -> "Warning".equals(e.getType()) && "UnknownClusters".equals(e.getReason())).toList();
      assertEquals(1, warnings.size(), warnings.toString());
      assertEquals(ready.getMessage(), warnings.get(0).getMessage());
    });
  }

  /**
   * A Shadow policy records without a playbook, so a misspelt one is no invalid spec; but it must not
   * read as healthy either (validate refuses it, and a Stage policy says InvalidSpec).
   */
  @Test
  void aShadowPolicyNamingAPlaybookThatDoesNotExistSaysSo() {
    String ns = namespace("shadow-typo");
    totalOutage(ns);
    client.resource(policy(ns, "shadow", FailoverPolicySpec.Mode.Shadow, List.of("go-total"), "regional-failovr")).create();
    await().atMost(PATIENCE).untilAsserted(() -> {
      FailoverPolicy p = policy(ns, "shadow");
      assertNotNull(p.getStatus(), "the policy has a status");
      var ready = p.getStatus().conditions.stream().filter(c -> "Ready".equals(c.getType())).findFirst().orElseThrow();
      assertEquals("Watching 1 cluster in Shadow mode. spec.playbook: FailoverPlaybook shadow-typo/regional-failovr does not exist."
          + " Its decisions weigh every move, not only that playbook's, until it can be used.", ready.getMessage());
    });
  }

  /**
   * A Stage or Auto policy whose playbook is missing is InvalidSpec, and says so in a Warning Event as a
   * spec out of bounds does: it was visible only in its status until an outage came.
   */
  @Test
  void anAutoPolicyNamingAMissingPlaybookIsInvalidAndWarnsOnce() {
    String ns = namespace("auto-typo");
    client.resource(policy(ns, "autopilot", FailoverPolicySpec.Mode.Auto, List.of("go-total"), "regional-failovr")).create();
    await().atMost(PATIENCE).untilAsserted(() -> {
      var warnings = client.v1().events().inNamespace(ns).list().getItems().stream()
          .filter(e -> "Warning".equals(e.getType()) && "InvalidSpec".equals(e.getReason())).toList();
      assertEquals(1, warnings.size(), "one Warning InvalidSpec Event: " + warnings);
      assertTrue(warnings.get(0).getMessage().contains("regional-failovr"), warnings.get(0).getMessage());
    });
  }
}
