package io.failwise.operator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.failwise.api.Cluster;
import io.failwise.api.Fixtures;
import io.failwise.testing.TestOperator;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.MeterRegistry;
import io.failwise.testing.ControllerOnTestServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What /q/metrics says of a cluster that is deleted: nothing, once the controller has seen the delete. */
@QuarkusTest
@TestProfile(ControllerOnTestServer.class)
class ClusterMetricsIT {
  @Inject KubernetesClient client;
  @Inject Operator operator;
  @Inject MeterRegistry registry;
  @Inject ClusterMetrics metrics;

  private long series(String cluster) {
    return registry.getMeters().stream()
        .filter(m -> m.getId().getName().startsWith("failwise_cluster_"))
        .filter(m -> cluster.equals(m.getId().getTag("cluster")))
        .count();
  }

  private Double health(String ns, String cluster) {
    var gauge = registry.find("failwise_cluster_health").tags("namespace", ns, "cluster", cluster).gauge();
    return gauge == null ? null : gauge.value();
  }

  @Test
  void aDeletedClusterDisappearsFromMetrics() {
    TestOperator.ensureStarted(operator);
    String ns = "metrics-gone";
    if (client.namespaces().withName(ns).get() == null) {
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
    }
    if (client.resources(io.failwise.api.Region.class).withName("eu-gone").get() == null) {
      client.resource(Fixtures.region("eu-gone")).create();
    }
    client.resource(Fixtures.cluster(ns, "gone-1", "eu-gone", 1_000, 400)).create();
    client.resource(Fixtures.cluster(ns, "kept-1", "eu-gone", 1_000, 990)).create();
    // The series of one status are registered one after the other (the health gauge before the last two):
    // all seven are asserted once they are there, not the moment the health gauge appears.
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      assertEquals(3.0, health(ns, "gone-1"), "Outage");
      assertEquals(0.0, health(ns, "kept-1"), "Healthy");
      assertEquals(7, series("gone-1"), "devices by 3 states, health, outage, outage silenced, signal lost");
      assertEquals(7, series("kept-1"));
    });

    client.resources(Cluster.class).inNamespace(ns).withName("gone-1").delete();

    await().atMost(Duration.ofSeconds(20)).until(() -> !metrics.clusters().contains(ns + "/gone-1"));
    assertEquals(0, series("gone-1"), "no series of the deleted cluster is left on /q/metrics");
    assertEquals(7, series("kept-1"), "the other cluster's series stay");
    assertTrue(metrics.clusters().contains(ns + "/kept-1"));
  }
}
