package io.failwise.operator.watch;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.failwise.api.Cluster;
import io.failwise.api.FailoverPolicy;
import io.failwise.api.FailoverRun;
import io.failwise.api.Fixtures;
import io.failwise.api.Region;
import io.failwise.testing.TestOperator;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.MeterRegistry;
import io.failwise.testing.ControllerOnTestServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/**
 * One malformed object of each kind, stored as a real API server may hold it (written under an older
 * schema; the test server checks nothing): the controller reports each once and keeps reconciling
 * every other object of every kind.
 */
@QuarkusTest
@TestProfile(ControllerOnTestServer.class)
class UnreadableObjectsIT {
  // The namespace the test allow-list lets a run act in (failwise.allow.objects).
  private static final String NS = "failwise";

  @Inject KubernetesClient client;
  @Inject Operator operator;
  @Inject MeterRegistry registry;
  @Inject @org.eclipse.microprofile.health.Liveness InformersAlive liveness;
  @Inject UnreadableObjects unreadable;

  /** A raw object, written without the typed classes, as kubectl would store it on a server without a schema. */
  private void raw(String yaml) {
    raw(Serialization.unmarshal(yaml, GenericKubernetesResource.class));
  }

  private void raw(GenericKubernetesResource r) {
    Class<? extends io.fabric8.kubernetes.api.model.HasMetadata> type = switch (r.getKind()) {
      case "Region" -> Region.class;
      case "Cluster" -> Cluster.class;
      case "FailoverPlaybook" -> io.failwise.api.FailoverPlaybook.class;
      case "FailoverRun" -> FailoverRun.class;
      default -> FailoverPolicy.class;
    };
    var ops = client.genericKubernetesResources(io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext.fromResourceType(type));
    (r.getMetadata().getNamespace() == null ? ops.resource(r) : ops.inNamespace(r.getMetadata().getNamespace()).resource(r)).create();
  }

  @Test
  void theClientReadsABadClusterAsAMarkedShell() {
    Cluster c = client.getKubernetesSerialization().unmarshal("""
        {"apiVersion": "failwise.io/v1alpha1", "kind": "Cluster", "metadata": {"name": "shell", "namespace": "x"},
         "spec": {"capacity": {"devices": "lots"}}}""", Cluster.class);
    assertTrue(Unreadable.isUnreadable(c));
    var other = operator.getConfigurationService().getKubernetesClient();
    Cluster d = other.getKubernetesSerialization().unmarshal("""
        {"apiVersion": "failwise.io/v1alpha1", "kind": "Cluster", "metadata": {"name": "shell", "namespace": "x"},
         "spec": {"capacity": {"devices": "lots"}}}""", Cluster.class);
    assertTrue(Unreadable.isUnreadable(d), "the operator reads through the same tolerant client");
  }

  @Test
  void malformedObjectsOfEveryKindAreReportedAndEverythingElseStillGetsItsStatus() throws Exception {
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).createOr(NonDeletingOperation::update);
    raw("""
        {"apiVersion": "failwise.io/v1alpha1", "kind": "Region", "metadata": {"name": "bad-region"},
         "spec": {"displayName": ["a", "b"], "provider": "azure"}}""");
    raw("""
        {"apiVersion": "failwise.io/v1alpha1", "kind": "Cluster", "metadata": {"name": "bad-cluster", "namespace": "failwise"},
         "spec": {"region": "ur-west", "capacity": {"devices": "lots"}, "admission": {"devicesPerSecond": 10},
                  "signals": {"static": {"expected": 10, "connected": 10}}}}""");
    raw("""
        {"apiVersion": "failwise.io/v1alpha1", "kind": "FailoverPlaybook", "metadata": {"name": "bad-playbook", "namespace": "failwise"},
         "spec": {"steps": "all of them"}}""");
    raw("""
        {"apiVersion": "failwise.io/v1alpha1", "kind": "FailoverRun", "metadata": {"name": "bad-run", "namespace": "failwise"},
         "spec": {"playbook": "regional-failover", "source": "ur-1", "mode": "Plan", "drill": {"maxPercent": "lots"}}}""");
    raw("""
        {"apiVersion": "failwise.io/v1alpha1", "kind": "FailoverPolicy", "metadata": {"name": "bad-policy", "namespace": "failwise"},
         "spec": {"selector": {"clusters": "ur-1"}, "mode": "Shadow"}}""");
    TestOperator.ensureStarted(operator);

    // Then good objects of every kind, created after the controller's watches saw the bad ones.
    // (Playbooks are watched per namespace once a run needs one: the good run brings the bad playbook in.)
    unreadable.sweep(); // forgets the shell the other test read, which was never stored
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertEquals(List.of(1.0, 1.0, 1.0, 1.0),
        List.of(gauge("Region"), gauge("Cluster"), gauge("FailoverRun"), gauge("FailoverPolicy")), "Region, Cluster, FailoverRun, FailoverPolicy"));
    client.resource(Fixtures.region("ur-west")).create();
    client.resource(Fixtures.region("ur-north")).create();
    client.resource(Fixtures.cluster(NS, "ur-1", "ur-west", 180_000, 179_000, "ur-2")).create();
    client.resource(Fixtures.cluster(NS, "ur-2", "ur-north", 60_000, 59_000, "ur-1")).create();
    // The sample playbook, moved to this namespace; what it acts on stays where the allow-list allows it.
    client.load(Files.newInputStream(Path.of("playbooks/regional-failover.yaml"))).items().forEach(i -> {
      i.getMetadata().setNamespace(NS);
      raw((GenericKubernetesResource) i);
    });
    raw("""
        {"apiVersion": "failwise.io/v1alpha1", "kind": "FailoverRun", "metadata": {"name": "good-run", "namespace": "failwise"},
         "spec": {"playbook": "regional-failover", "source": "ur-1", "mode": "Plan"}}""");
    raw("""
        {"apiVersion": "failwise.io/v1alpha1", "kind": "FailoverPolicy", "metadata": {"name": "good-policy", "namespace": "failwise"},
         "spec": {"selector": {"clusters": ["ur-1", "bad-cluster"]}, "mode": "Shadow"}}""");

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      Region west = client.resources(Region.class).withName("ur-west").get();
      assertEquals(1, west.getStatus() == null ? null : west.getStatus().clusters, "the good region counts its good cluster");
      Cluster c = client.resources(Cluster.class).inNamespace(NS).withName("ur-1").get();
      assertEquals("Healthy", c.getStatus() == null ? null : c.getStatus().health);
      FailoverRun run = client.resources(FailoverRun.class).inNamespace(NS).withName("good-run").get();
      assertEquals("Planned", run.getStatus() == null ? null : run.getStatus().phase,
          "the run of the good playbook is planned: " + (run.getStatus() == null ? "" : run.getStatus().message));
      FailoverPolicy policy = client.resources(FailoverPolicy.class).inNamespace(NS).withName("good-policy").get();
      assertEquals(1, policy.getStatus() == null ? null : policy.getStatus().clustersWatched, "the policy watches the readable cluster");
      String ready = io.failwise.operator.status.Conditions.find(policy.getStatus().conditions, "Ready").orElseThrow().getMessage();
      assertTrue(ready.contains("spec.selector.clusters names a Cluster the controller cannot read, left unwatched until fixed: bad-cluster"
          + " (spec.capacity.devices"), ready);
    });

    // A run naming the bad playbook says what is wrong with it, not that it does not exist.
    raw("""
        {"apiVersion": "failwise.io/v1alpha1", "kind": "FailoverRun", "metadata": {"name": "run-of-bad-playbook", "namespace": "failwise"},
         "spec": {"playbook": "bad-playbook", "source": "ur-1", "mode": "Plan"}}""");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      FailoverRun run = client.resources(FailoverRun.class).inNamespace(NS).withName("run-of-bad-playbook").get();
      String message = run.getStatus() == null ? "" : run.getStatus().message;
      assertTrue(message.contains("spec.playbook: FailoverPlaybook 'bad-playbook' exists but cannot be read (spec.steps"), message);
      assertEquals("InvalidSpec", run.getStatus().reason);
    });

    // Each bad object was reported once: a Warning Event naming the field, and the gauge.
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      var events = client.v1().events().inNamespace(NS).list().getItems().stream()
          .filter(e -> "Unreadable".equals(e.getReason())).toList();
      Map<String, String> byObject = new java.util.TreeMap<>();
      events.forEach(e -> byObject.put(e.getInvolvedObject().getKind() + "/" + e.getInvolvedObject().getName(), e.getMessage()));
      assertEquals(List.of("Cluster/bad-cluster", "FailoverPlaybook/bad-playbook", "FailoverPolicy/bad-policy", "FailoverRun/bad-run"),
          List.copyOf(byObject.keySet()));
      assertTrue(byObject.get("Cluster/bad-cluster").contains("spec.capacity.devices"), byObject.toString());
      assertTrue(events.stream().allMatch(e -> e.getCount() == 1), "reported once, not on every resync");
      assertEquals("Warning", events.get(0).getType());
    });
    assertEquals(1, client.resources(Cluster.class).inNamespace(NS).withName("bad-cluster").get().getMetadata().getAnnotations().size(),
        "the object is still there, readable as metadata");
    for (String kind : UnreadableObjects.KINDS) {
      assertEquals(1, gauge(kind), kind);
    }
    assertEquals(HealthCheckResponse.Status.UP, liveness.call().getStatus());

    // Fixing the object heals it: it is read again, leaves the gauge and gets its status.
    client.resources(Cluster.class).inNamespace(NS).withName("bad-cluster").delete();
    client.resource(Fixtures.cluster(NS, "bad-cluster", "ur-west", 10, 10)).create();
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      Cluster fixed = client.resources(Cluster.class).inNamespace(NS).withName("bad-cluster").get();
      assertEquals("Healthy", fixed.getStatus() == null ? null : fixed.getStatus().health);
      assertEquals(0, gauge("Cluster"));
    });
  }

  private double gauge(String kind) {
    var g = registry.find("failwise_unreadable_objects").tag("kind", kind).gauge();
    return g == null ? -1 : g.value();
  }
}
