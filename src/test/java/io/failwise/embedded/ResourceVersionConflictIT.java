package io.failwise.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.failwise.api.Cluster;
import io.failwise.api.ClusterStatus;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedded API server refuses a write from a stale read as kube-apiserver does (409 Conflict),
 * for the object and its status subresource, so a controller's status write cannot overwrite a
 * person's abort that landed in between.
 */
class ResourceVersionConflictIT {
  private static final String NS = "failwise";
  private static EmbeddedApiServer server;
  private static KubernetesClient client;

  @BeforeAll
  static void start() {
    server = EmbeddedApiServer.start(0);
    server.installCrds();
    server.applyDirectory(Path.of("manifests/samples"));
    client = server.client();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Cluster read(String name) {
    return client.resources(Cluster.class).inNamespace(NS).withName(name).get();
  }

  /** A read, then someone else's write: the read is now stale. */
  private static Cluster staleRead(String name) {
    Cluster stale = read(name);
    Cluster other = read(name);
    other.getMetadata().getLabels().put("touched-by", "someone-else");
    client.resources(Cluster.class).inNamespace(NS).resource(other).update();
    return stale;
  }

  private static void assertConflict(String name, Supplier<?> write) {
    KubernetesClientException e = assertThrows(KubernetesClientException.class, write::get);
    assertEquals(409, e.getCode());
    assertEquals("Conflict", e.getStatus().getReason());
    assertEquals(
        "Operation cannot be fulfilled on clusters.failwise.io \"" + name
            + "\": the object has been modified; please apply your changes to the latest version and try again",
        e.getStatus().getMessage());
  }

  @Test
  void anUpdateFromAStaleReadIsRefusedAndAFreshOneIsAccepted() {
    Cluster stale = staleRead("go-eu-west-1");
    stale.getMetadata().getLabels().put("mine", "lost");
    assertConflict("go-eu-west-1", () -> client.resources(Cluster.class).inNamespace(NS).resource(stale).update());
    assertEquals(null, read("go-eu-west-1").getMetadata().getLabels().get("mine"), "the refused write changed nothing");

    Cluster fresh = read("go-eu-west-1");
    fresh.getMetadata().getLabels().put("mine", "kept");
    Cluster written = client.resources(Cluster.class).inNamespace(NS).resource(fresh).update();
    assertNotEquals(fresh.getMetadata().getResourceVersion(), written.getMetadata().getResourceVersion());
    assertEquals("kept", read("go-eu-west-1").getMetadata().getLabels().get("mine"));
  }

  @Test
  void aStatusUpdateFromAStaleReadIsRefused() {
    Cluster fresh = read("go-eu-west-2");
    fresh.setStatus(status("Healthy"));
    Cluster written = client.resources(Cluster.class).inNamespace(NS).resource(fresh).updateStatus();

    Cluster stale = staleRead("go-eu-west-2");
    stale.setStatus(status("Outage"));
    assertConflict("go-eu-west-2", () -> client.resources(Cluster.class).inNamespace(NS).resource(stale).updateStatus());
    assertEquals("Healthy", read("go-eu-west-2").getStatus().health, "the concurrent change survives");
    assertEquals("someone-else", read("go-eu-west-2").getMetadata().getLabels().get("touched-by"));

    Cluster again = read("go-eu-west-2");
    again.setStatus(status("Degraded"));
    client.resources(Cluster.class).inNamespace(NS).resource(again).updateStatus();
    assertEquals("Degraded", read("go-eu-west-2").getStatus().health);
    assertNotEquals(written.getMetadata().getResourceVersion(), read("go-eu-west-2").getMetadata().getResourceVersion());
  }

  @Test
  void aPatchIsCheckedOnlyWhenItNamesAResourceVersion() {
    String name = "go-eu-north-1";
    String stale = staleRead(name).getMetadata().getResourceVersion();
    var cluster = client.resources(Cluster.class).inNamespace(NS).withName(name);

    cluster.patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"merge\":\"no-version\"}}}");
    cluster.patch(PatchContext.of(PatchType.JSON), "[{\"op\":\"add\",\"path\":\"/metadata/labels/json\",\"value\":\"no-version\"}]");
    assertEquals("no-version", read(name).getMetadata().getLabels().get("merge"));
    assertEquals("no-version", read(name).getMetadata().getLabels().get("json"));

    assertConflict(name, () -> cluster.patch(PatchContext.of(PatchType.JSON_MERGE),
        "{\"metadata\":{\"resourceVersion\":\"" + stale + "\",\"labels\":{\"merge\":\"stale\"}}}"));
    assertConflict(name, () -> cluster.subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE),
        "{\"metadata\":{\"resourceVersion\":\"" + stale + "\"},\"status\":{\"health\":\"Outage\"}}"));
    assertConflict(name, () -> cluster.patch(PatchContext.of(PatchType.JSON),
        "[{\"op\":\"replace\",\"path\":\"/metadata/resourceVersion\",\"value\":\"" + stale + "\"},"
            + "{\"op\":\"add\",\"path\":\"/metadata/labels/json\",\"value\":\"stale\"}]"));
    assertEquals("no-version", read(name).getMetadata().getLabels().get("merge"));
    assertEquals("no-version", read(name).getMetadata().getLabels().get("json"));

    String current = read(name).getMetadata().getResourceVersion();
    cluster.patch(PatchContext.of(PatchType.JSON_MERGE),
        "{\"metadata\":{\"resourceVersion\":\"" + current + "\",\"labels\":{\"merge\":\"fresh\"}}}");
    assertEquals("fresh", read(name).getMetadata().getLabels().get("merge"));
  }

  @Test
  void builtInKindsAreCheckedToo() {
    var routing = client.configMaps().inNamespace(NS).withName("device-routing");
    ConfigMap stale = routing.get();
    routing.edit(cm -> { cm.getData().put("edited", "first"); return cm; });
    stale.getData().put("edited", "second");
    KubernetesClientException e = assertThrows(KubernetesClientException.class, () -> client.configMaps().inNamespace(NS).resource(stale).update());
    assertEquals(409, e.getCode());
    assertEquals(
        "Operation cannot be fulfilled on configmaps \"device-routing\": the object has been modified; please apply your changes to the latest version and try again",
        e.getStatus().getMessage());
    assertEquals("first", routing.get().getData().get("edited"));
  }

  private static ClusterStatus status(String health) {
    ClusterStatus s = new ClusterStatus();
    s.health = health;
    return s;
  }
}
