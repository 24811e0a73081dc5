package io.failwise.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.failwise.api.Cluster;
import io.failwise.api.Fixtures;
import io.failwise.operator.run.ClusterProtection;
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
}
