package io.failwise.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.failwise.api.Cluster;
import io.failwise.api.Fixtures;
import io.failwise.operator.run.ClusterProtection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The embedded API server refuses to delete a Cluster a run holds, in kube-apiserver's words, as a real
 * cluster with manifests/protection installed does (`HeldClusterPolicyTest` evaluates the same policy):
 * in the living world a `kubectl delete` mid-failover went through at once.
 */
class HeldClusterDeleteIT {
  @Test
  void aHeldClusterIsNotDeletedAndAFreedOneIs() {
    try (EmbeddedApiServer server = EmbeddedApiServer.start(0)) {
      var client = server.client();
      client.resource(Fixtures.region("eu-west")).create();
      Cluster held = Fixtures.cluster("default", "go-eu-west-1", "eu-west", 180_000, 179_000);
      held.getMetadata().setAnnotations(Map.of(ClusterProtection.ANNOTATION, "incident as its source"));
      client.resource(held).create();
      var cluster = client.resources(Cluster.class).inNamespace("default").withName("go-eu-west-1");

      KubernetesClientException refused = assertThrows(KubernetesClientException.class, cluster::delete);
      assertEquals(403, refused.getCode());
      assertEquals("clusters.failwise.io \"go-eu-west-1\" is forbidden: ValidatingAdmissionPolicy 'failwise-held-cluster' with binding"
          + " 'failwise-held-cluster' denied request: Cluster go-eu-west-1 is held by FailoverRun incident as its source: delete it once that"
          + " run has ended (failwise runs; failwise abort RUN ends it sooner). An annotation a stopped controller left behind: kubectl"
          + " annotate clusters.failwise.io go-eu-west-1 failwise.io/held-by-", refused.getStatus().getMessage());
      assertNotNull(cluster.get(), "still there");

      // The run freed it: the mark is off, and the delete goes through.
      cluster.edit(c -> {
        c.getMetadata().setAnnotations(Map.of());
        return c;
      });
      cluster.delete();
      assertNull(cluster.get());
      assertEquals(true, cluster.delete().isEmpty(), "a delete of what is not there is answered by the store (404), not the policy");
    }
  }

  /**
   * A delete of the whole collection (a client's DeleteCollection; kubectl deletes one by one) is admitted
   * item by item, as kube-apiserver admits it: the held Cluster stays and the answer is its refusal, the
   * free one goes. It used to take the held one with it.
   */
  @Test
  void aCollectionDeleteTakesTheFreeClustersAndLeavesTheHeldOne() {
    try (EmbeddedApiServer server = EmbeddedApiServer.start(0)) {
      var client = server.client();
      client.resource(Fixtures.region("eu-west")).create();
      client.resource(Fixtures.region("eu-north")).create();
      Cluster held = Fixtures.cluster("default", "go-eu-west-1", "eu-west", 180_000, 179_000);
      held.getMetadata().setAnnotations(Map.of(ClusterProtection.ANNOTATION, "incident as its target"));
      client.resource(held).create();
      client.resource(Fixtures.cluster("default", "go-eu-north-2", "eu-north", 100_000, 99_000)).create();
      var clusters = client.resources(Cluster.class).inNamespace("default");

      KubernetesClientException refused = assertThrows(KubernetesClientException.class, clusters::delete);
      assertEquals(403, refused.getCode());
      assertTrue(refused.getStatus().getMessage().startsWith("clusters.failwise.io \"go-eu-west-1\" is forbidden: ValidatingAdmissionPolicy"
          + " 'failwise-held-cluster' with binding 'failwise-held-cluster' denied request: Cluster go-eu-west-1 is held by FailoverRun incident"
          + " as its target"), refused.getStatus().getMessage());
      assertEquals(List.of("go-eu-west-1"), clusters.list().getItems().stream().map(c -> c.getMetadata().getName()).toList(),
          "the held one stays, the free one went");

      // Nothing held: the collection goes as asked.
      clusters.withName("go-eu-west-1").edit(c -> {
        c.getMetadata().setAnnotations(Map.of());
        return c;
      });
      clusters.delete();
      assertEquals(List.of(), clusters.list().getItems());
    }
  }
}
