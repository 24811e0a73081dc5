package io.failwise.operator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.failwise.api.Cluster;
import io.failwise.api.Fixtures;
import io.failwise.embedded.EmbeddedApiServer;
import io.failwise.operator.watch.Unreadable;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A running run reads its two clusters by key from the cache: the same answers as the copy of the namespace gives. */
class InformedResourcesIT {
  @Test
  void oneClusterByKeyAgreesWithTheCopyOfTheNamespace() throws Exception {
    try (EmbeddedApiServer server = EmbeddedApiServer.start(0);
        InformedResources<Cluster> clusters = new InformedResources<>(server.client(), Cluster.class)) {
      server.installCrds(); // as on a cluster: Clusters are served by their CRD
      server.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("a").endMetadata().build()).create();
      server.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("b").endMetadata().build()).create();
      assertEquals(Optional.empty(), clusters.get("a", "west-1"), "nothing yet");
      Cluster unreadable = Fixtures.cluster("a", "broken", "eu-west", 10, 10);
      unreadable.getMetadata().setAnnotations(Map.of(Unreadable.ANNOTATION, "spec.capacity.devices: not a number"));
      server.client().resource(unreadable).create();
      server.client().resource(Fixtures.cluster("b", "west-1", "eu-west", 10, 10)).create();
      server.client().resource(Fixtures.cluster("a", "west-1", "eu-west", 20, 10)).create();
      // The watch has delivered the last create: a positive marker that the earlier ones are in too.
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> clusters.get("a", "west-1").isPresent());
      assertEquals(20L, clusters.get("a", "west-1").orElseThrow().getSpec().signals.staticSignal.expected, "the one in its own namespace");
      assertEquals(10L, clusters.get("b", "west-1").orElseThrow().getSpec().signals.staticSignal.expected);
      assertEquals(Optional.empty(), clusters.get("a", "broken"), "an unreadable cluster reads as missing, as in the copy");
      assertTrue(!clusters.byName("a").containsKey("broken"));
      assertEquals(Optional.empty(), clusters.get("a", "east-1"));
      for (String ns : new String[] {"a", "b"}) {
        for (var e : clusters.byName(ns).entrySet()) {
          assertEquals(e.getValue(), clusters.get(ns, e.getKey()).orElseThrow(), ns + "/" + e.getKey());
        }
      }
    }
  }
}
