package io.failwise.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.failwise.api.FailoverRun;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A status write with a query, as kubectl sends it ({@code kubectl patch fwrun x --subresource=status
 * --type merge -p ...} is {@code PATCH .../status?fieldManager=kubectl-patch}), is stored: the embedded
 * server answered 200 with the object unchanged ("patched (no change)") and stored nothing.
 */
class StatusWritesIT {
  private EmbeddedApiServer server;
  private KubernetesClient client;

  @BeforeEach
  void start() {
    server = EmbeddedApiServer.start(0);
    server.installCrds();
    server.applyDirectory(Path.of("manifests/samples"));
    client = server.client();
    client.resource(client.getKubernetesSerialization().unmarshal(
        "{\"apiVersion\":\"failwise.io/v1alpha1\",\"kind\":\"FailoverRun\",\"metadata\":{\"name\":\"x\",\"namespace\":\"failwise\"},"
            + "\"spec\":{\"playbook\":\"regional-failover\",\"source\":\"go-eu-west-1\",\"mode\":\"Plan\"}}", FailoverRun.class)).create();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aStatusPatchWithAFieldManagerIsStored() {
    FailoverRun before = client.resources(FailoverRun.class).inNamespace("failwise").withName("x").get();
    PatchContext asKubectl = new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE).withFieldManager("kubectl-patch").build();
    FailoverRun answered = client.resources(FailoverRun.class).inNamespace("failwise").withName("x").subresource("status")
        .patch(asKubectl, "{\"status\":{\"message\":\"hello\"}}");
    assertEquals("hello", answered.getStatus().message);
    FailoverRun stored = client.resources(FailoverRun.class).inNamespace("failwise").withName("x").get();
    assertEquals("hello", stored.getStatus().message);
    assertNotEquals(before.getMetadata().getResourceVersion(), stored.getMetadata().getResourceVersion());
    assertEquals(before.getMetadata().getGeneration(), stored.getMetadata().getGeneration(), "a status write leaves the generation");
  }

  @Test
  void aStatusPatchCannotChangeTheSpecWhateverItsQuery() {
    PatchContext asKubectl = new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE).withFieldManager("kubectl-patch").build();
    client.resources(FailoverRun.class).inNamespace("failwise").withName("x").subresource("status")
        .patch(asKubectl, "{\"spec\":{\"source\":\"go-eu-west-2\"},\"status\":{\"message\":\"hello\"}}");
    FailoverRun stored = client.resources(FailoverRun.class).inNamespace("failwise").withName("x").get();
    assertEquals("go-eu-west-1", stored.getSpec().source, "the status subresource writes status only");
    assertEquals("hello", stored.getStatus().message);
  }
}
