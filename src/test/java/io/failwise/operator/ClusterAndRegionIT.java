package io.failwise.operator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.failwise.api.Cluster;
import io.failwise.api.Fixtures;
import io.failwise.api.Region;
import io.failwise.operator.status.Conditions;
import io.failwise.testing.TestOperator;
import io.javaoperatorsdk.operator.Operator;
import io.failwise.testing.ControllerOnTestServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.FileInputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The controller against an API server: what `kubectl get` shows after clusters and regions are applied. */
@QuarkusTest
@TestProfile(ControllerOnTestServer.class)
class ClusterAndRegionIT {
  private static final io.fabric8.kubernetes.client.dsl.base.PatchContext MERGE =
      io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE);
  @Inject KubernetesClient client;
  @Inject Operator operator;
  @Inject io.micrometer.core.instrument.MeterRegistry registry;

  @BeforeEach
  void start() {
    TestOperator.ensureStarted(operator);
  }

  private void namespace(String ns) {
    if (client.namespaces().withName(ns).get() == null) {
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
    }
  }

  private Cluster cluster(String ns, String name) {
    return client.resources(Cluster.class).inNamespace(ns).withName(name).get();
  }

  @Test
  void theSamplesShowHealthyClustersAndRegionTotals() throws Exception {
    namespace("failwise");
    try (var regions = new FileInputStream("manifests/samples/regions.yaml");
        var clusters = new FileInputStream("manifests/samples/clusters.yaml")) {
      client.load(regions).items().forEach(r -> client.resource(r).create());
      client.load(clusters).items().forEach(c -> client.resource(c).create());
    }
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      Region west = client.resources(Region.class).withName("eu-west").get();
      assertTrue(west.getStatus() != null && west.getStatus().clusters != null, "eu-west has a status");
      assertEquals(2, west.getStatus().clusters);
      assertEquals(300_000L, west.getStatus().devices.expected);
      assertEquals(299_030L, west.getStatus().devices.connected);
      assertEquals("Healthy", west.getStatus().health);
    });
    Cluster c = cluster("failwise", "go-eu-west-1");
    assertEquals("Healthy", c.getStatus().health);
    assertEquals(580L, c.getStatus().devices.offline);
    assertTrue(Conditions.isTrue(c.getStatus().conditions, "Ready"));
    assertEquals("False", Conditions.find(c.getStatus().conditions, "Outage").orElseThrow().getStatus());
  }

  @Test
  void anOutageShowsOnTheClusterItsRegionAndAsAnEvent() {
    namespace("outage");
    client.resource(Fixtures.region("ap-east")).create();
    client.resource(Fixtures.cluster("outage", "hk-1", "ap-east", 180_000, 130_000)).create();
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      Region r = client.resources(Region.class).withName("ap-east").get();
      assertEquals("Outage", r.getStatus() == null ? null : r.getStatus().health);
      assertEquals(java.util.List.of("outage/hk-1"), r.getStatus().affectedClusters);
    });
    var outage = Conditions.find(cluster("outage", "hk-1").getStatus().conditions, "Outage").orElseThrow();
    assertEquals("True", outage.getStatus());
    assertEquals("50,000 of 180,000 devices are offline (28%).", outage.getMessage());
    var offlineGauge = registry.find("failwise_cluster_devices").tags("cluster", "hk-1", "state", "offline").gauge();
    assertEquals(50_000.0, offlineGauge.value(), "the offline count is on /q/metrics");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertTrue(client.v1().events().inNamespace("outage").list().getItems().stream()
            .anyMatch(e -> "OutageDetected".equals(e.getReason()) && "hk-1".equals(e.getInvolvedObject().getName()))));

    // The outage ends: status.pastOutages keeps it (from when the Outage condition turned True, static
    // counts having no onset), and the estimator's duration prior learns from it. Status times are to
    // the second, so the end comes at least a second after the start.
    Instant began = Instant.parse(outage.getLastTransitionTime());
    await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().truncatedTo(ChronoUnit.SECONDS).isAfter(began));
    client.resources(Cluster.class).inNamespace("outage").withName("hk-1").edit(c -> {
      c.getSpec().signals.staticSignal.connected = 179_500;
      return c;
    });
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      var status = cluster("outage", "hk-1").getStatus();
      assertEquals("Healthy", status.health);
      assertEquals(1, status.pastOutages == null ? 0 : status.pastOutages.size(), () -> String.valueOf(status.pastOutages));
      assertEquals(began.toString(), status.pastOutages.get(0).start);
      assertTrue(Instant.parse(status.pastOutages.get(0).end).isAfter(began), status.pastOutages.get(0).end);
    });
  }

  @Test
  void aBadSpecIsReportedAndHealsWhenTheMissingRegionAppears() {
    namespace("bad");
    client.resource(Fixtures.cluster("bad", "orphan", "sa-east", 1000, 1000, "ghost")).create();
    client.resource(Fixtures.region("sa-south")).create();
    client.resource(Fixtures.cluster("bad", "fine", "sa-south", 1000, 1000)).create();
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      var ready = Conditions.find(cluster("bad", "orphan").getStatus() == null ? null : cluster("bad", "orphan").getStatus().conditions, "Ready");
      assertTrue(ready.isPresent(), "orphan has a Ready condition");
      assertEquals("InvalidSpec", ready.get().getReason());
      assertEquals(
          "The spec is invalid: spec.region: Region 'sa-east' does not exist; known regions: ",
          ready.get().getMessage().substring(0, ready.get().getMessage().indexOf("known regions: ") + 15));
      assertTrue(ready.get().getMessage().contains("spec.failover.targets[0].cluster: Cluster 'ghost' does not exist"));
      // The controller keeps going: the valid cluster next to it is reconciled.
      assertEquals("Healthy", cluster("bad", "fine").getStatus().health);
    });
    // Events are written on a thread of their own, after the status the reconcile wrote.
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertTrue(client.v1().events().inNamespace("bad").list().getItems().stream()
            .anyMatch(e -> "InvalidSpec".equals(e.getReason()) && "Warning".equals(e.getType()))));

    client.resource(Fixtures.region("sa-east")).create();
    client.resource(Fixtures.cluster("bad", "ghost", "sa-east", 10, 10)).create();
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        assertTrue(Conditions.isTrue(cluster("bad", "orphan").getStatus().conditions, "Ready"),
            () -> String.valueOf(cluster("bad", "orphan").getStatus().conditions)));
    // And describe does not end on the Warning: a Normal Event says the spec is valid again.
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertTrue(client.v1().events().inNamespace("bad").list().getItems().stream()
            .anyMatch(e -> "SpecValid".equals(e.getReason()) && "Normal".equals(e.getType()) && "orphan".equals(e.getInvolvedObject().getName())
                && e.getMessage().startsWith("Ready again (it was InvalidSpec)"))));
  }

  /**
   * A target deleted or misspelt is refused, not blinding: its source in an outage is seen as one (the
   * page, the policies' decisions depend on it), Ready says which target is refused and why, and it heals
   * when the target appears. Once it made the source InvalidSpec and Unknown: its outage went unseen.
   */
  @Test
  void aMissingFailoverTargetIsRefusedWhileItsSourceIsStillObserved() {
    namespace("refused");
    client.resource(Fixtures.region("af-south")).create();
    client.resource(Fixtures.region("af-west")).create();
    client.resource(Fixtures.cluster("refused", "cpt-1", "af-south", 10_000, 4_000, "lagos-9")).create();
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      var status = cluster("refused", "cpt-1").getStatus();
      assertEquals("Outage", status == null ? null : status.health, () -> String.valueOf(status == null ? null : status.conditions));
      var ready = Conditions.find(status.conditions, "Ready").orElseThrow();
      assertEquals("True", ready.getStatus(), ready.getMessage());
      assertTrue(
          ready.getMessage().contains("Failover to a listed target is refused until the spec is fixed (detection goes on, and the other"
              + " targets can be used): spec.failover.targets[0].cluster: Cluster 'lagos-9' does not exist in this namespace"),
          ready.getMessage());
      assertEquals("True", Conditions.find(status.conditions, "Outage").orElseThrow().getStatus());
    });
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertTrue(client.v1().events().inNamespace("refused").list().getItems().stream()
            .anyMatch(e -> "FailoverTargetRefused".equals(e.getReason()) && "Warning".equals(e.getType()))));

    client.resource(Fixtures.cluster("refused", "lagos-9", "af-west", 10_000, 9_000)).create();
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      var ready = Conditions.find(cluster("refused", "cpt-1").getStatus().conditions, "Ready").orElseThrow();
      assertFalse(ready.getMessage().contains("refused"), ready.getMessage());
    });
  }

  /**
   * A maintenance window the controller cannot read (an IANA zone misspelt) is left out, the others apply:
   * Ready says which and why, and a Warning Event says it once; the cluster is still observed.
   */
  @Test
  void anUnreadableMaintenanceWindowIsIgnoredAndSaidSo() {
    namespace("windows");
    client.resource(Fixtures.region("sa-central")).create(); // a region of its own: aBadSpec... needs sa-east missing
    var c = Fixtures.cluster("windows", "gru-1", "sa-central", 10_000, 9_990);
    var bad = new io.failwise.api.MaintenanceWindowSpec();
    bad.reason = "broker upgrade";
    bad.at = "03:00";
    bad.duration = "30m";
    bad.timeZone = "America/Sao_Paolo";
    var good = new io.failwise.api.MaintenanceWindowSpec();
    good.reason = "certificate rotation";
    good.at = "04:00";
    good.duration = "15m";
    c.getSpec().maintenance = java.util.List.of(good, bad);
    client.resource(c).create();
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      var status = cluster("windows", "gru-1").getStatus();
      assertEquals("Healthy", status == null ? null : status.health);
      var ready = Conditions.find(status.conditions, "Ready").orElseThrow();
      assertEquals("True", ready.getStatus(), ready.getMessage());
      assertTrue(ready.getMessage().contains("A maintenance window is ignored (the other windows apply): spec.maintenance[1].timeZone: must be"
          + " an IANA time zone, e.g. Europe/Oslo; got 'America/Sao_Paolo'"), ready.getMessage());
    });
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertTrue(client.v1().events().inNamespace("windows").list().getItems().stream()
            .anyMatch(e -> "MaintenanceWindowIgnored".equals(e.getReason()) && "Warning".equals(e.getType())
                && e.getMessage().contains("America/Sao_Paolo"))));
  }

  @Test
  void aSteadyClusterIsNotRewrittenOnEveryPoll() throws Exception {
    namespace("steady");
    client.resource(Fixtures.region("me-central")).create();
    client.resource(Fixtures.cluster("steady", "dxb-1", "me-central", 5000, 4990)).create();
    // Settled: Ready and Healthy. A first status may say InvalidSpec (the controller's Region watch had
    // not yet delivered me-central when the cluster's first reconcile ran); its correction, written a
    // moment later, is not a rewrite on a poll and must not be what the watch below sees first.
    await().atMost(Duration.ofSeconds(20)).until(() -> {
      var status = cluster("steady", "dxb-1").getStatus();
      return status != null && "Healthy".equals(status.health) && Conditions.isTrue(status.conditions, "Ready");
    });
    List<String> changes = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    try (var watch = client.resources(Cluster.class).inNamespace("steady").withName("dxb-1").watch(new io.fabric8.kubernetes.client.Watcher<Cluster>() {
      @Override
      public void eventReceived(Action action, Cluster c) {
        if (action != Action.MODIFIED) {
          return; // a watch opens with the object as it is (ADDED)
        }
        changes.add(c.getMetadata().getGeneration() + "/" + (c.getStatus() == null ? null : c.getStatus().observedGeneration));
      }

      @Override
      public void onClose(io.fabric8.kubernetes.client.WatcherException cause) {}
    })) {
      // Three edits of its region, each a reason to reconcile the cluster and none a reason to write it;
      // then a spec change, whose status write (observedGeneration) is the positive marker that every
      // earlier reconcile of the cluster has run.
      for (int i = 1; i <= 3; i++) {
        client.resources(Region.class).withName("me-central")
            .patch(MERGE, "{\"spec\":{\"displayName\":\"Middle East " + i + "\"}}");
      }
      long generation = client.resources(Cluster.class).inNamespace("steady").withName("dxb-1")
          .patch(MERGE, "{\"spec\":{\"capacity\":{\"devices\":260000}}}").getMetadata().getGeneration();
      await().atMost(Duration.ofSeconds(20)).until(() -> changes.contains(generation + "/" + generation));
      // What the watch saw: the spec edit, then the one status write it called for; nothing before it.
      assertEquals(List.of(generation + "/" + (generation - 1), generation + "/" + generation), changes);
    }
  }

  /**
   * A playbook applied with a misspelt template is not usable: said by its Ready condition and a Warning
   * Event when it is applied, not first when a run names it; fixed, it is Ready again.
   */
  @Test
  void aPlaybookIsCheckedWhenItIsApplied() throws Exception {
    namespace("playbooks");
    String yaml = java.nio.file.Files.readString(java.nio.file.Path.of("playbooks/quarterly-drill.yaml")).replace("namespace: failwise", "namespace: playbooks");
    io.failwise.api.FailoverPlaybook good = io.fabric8.kubernetes.client.utils.Serialization.unmarshal(yaml, io.failwise.api.FailoverPlaybook.class);
    io.failwise.api.FailoverPlaybook bad =
        io.fabric8.kubernetes.client.utils.Serialization.unmarshal(yaml.replace("{{targetPercent}}", "{{targetPercnet}}"), io.failwise.api.FailoverPlaybook.class);
    var playbooks = client.resources(io.failwise.api.FailoverPlaybook.class).inNamespace("playbooks");
    playbooks.resource(bad).create();
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      var ready = io.failwise.operator.status.Conditions.find(playbooks.withName("quarterly-drill").get().getStatus().conditions, "Ready").orElseThrow();
      assertEquals("False", ready.getStatus());
      assertEquals("InvalidSpec", ready.getReason());
      assertTrue(ready.getMessage().contains("targetPercnet"), ready.getMessage());
    });
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        assertTrue(client.v1().events().inNamespace("playbooks").list().getItems().stream()
            .anyMatch(e -> "InvalidSpec".equals(e.getReason()) && "quarterly-drill".equals(e.getInvolvedObject().getName()))));
    playbooks.withName("quarterly-drill").edit(p -> {
      p.setSpec(good.getSpec());
      return p;
    });
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      var p = playbooks.withName("quarterly-drill").get();
      var ready = io.failwise.operator.status.Conditions.find(p.getStatus().conditions, "Ready").orElseThrow();
      assertEquals("True", ready.getStatus(), ready.getMessage());
      assertEquals(p.getMetadata().getGeneration(), p.getStatus().observedGeneration);
    });
  }
}
