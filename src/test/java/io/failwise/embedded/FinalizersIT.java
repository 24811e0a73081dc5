package io.failwise.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Deleting an object with a finalizer marks it; the write that takes the last finalizer off deletes it
 * and answers with the object as that write left it, as kube-apiserver does (fabric8's mock answered
 * 202 with no body, and the controller's finalizer removal failed on it with a stack trace).
 */
class FinalizersIT {
  private static final String NS = "default";
  private static EmbeddedApiServer server;
  private static KubernetesClient client;

  @BeforeAll
  static void start() {
    server = EmbeddedApiServer.start(0);
    client = server.client();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static ConfigMap marked(String name) {
    client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(NS)
        .withFinalizers("example.com/cleanup").endMetadata().addToData("k", "v").build()).create();
    client.configMaps().inNamespace(NS).withName(name).delete();
    ConfigMap kept = client.configMaps().inNamespace(NS).withName(name).get();
    assertNotNull(kept, "a finalizer keeps the object");
    assertNotNull(kept.getMetadata().getDeletionTimestamp(), "marked for deletion");
    return kept;
  }

  @Test
  void aPatchThatTakesOffTheLastFinalizerAnswersWithTheObjectAndDeletesIt() {
    ConfigMap kept = marked("patched");
    ConfigMap answer = client.configMaps().inNamespace(NS).withName("patched")
        .patch(PatchContext.of(PatchType.JSON), "[{\"op\":\"remove\",\"path\":\"/metadata/finalizers\"}]");
    assertNotNull(answer, "the object, as the patch left it");
    assertEquals(List.of(), answer.getMetadata().getFinalizers());
    assertEquals(kept.getMetadata().getDeletionTimestamp(), answer.getMetadata().getDeletionTimestamp());
    assertEquals("v", answer.getData().get("k"));
    assertNull(client.configMaps().inNamespace(NS).withName("patched").get(), "and gone");
  }

  @Test
  void anUpdateThatTakesOffTheLastFinalizerDoesTheSame() {
    ConfigMap kept = marked("updated");
    kept.getMetadata().setFinalizers(List.of());
    ConfigMap answer = client.configMaps().inNamespace(NS).resource(kept).update();
    assertNotNull(answer);
    assertEquals("updated", answer.getMetadata().getName());
    assertNull(client.configMaps().inNamespace(NS).withName("updated").get());
  }
}
