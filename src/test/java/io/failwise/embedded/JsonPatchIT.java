package io.failwise.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A JSON patch is applied as kube-apiserver applies it, all or nothing: one that names a path the object
 * does not have, or whose test fails, is refused (422) and changes nothing. An outside pass saw fabric8's
 * mock answer 500 with a stack trace in terminal 1 for one, and "patched (no change)" for a remove of a
 * field that was not there.
 */
class JsonPatchIT extends OnEmbeddedServer {

  @BeforeAll
  static void routing() {
    client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata().withName("routing").withNamespace(NS).endMetadata()
        .addToData("region", "eu-west").build()).create();
  }

  private static KubernetesClientException refused(String patch) {
    return assertThrows(KubernetesClientException.class,
        () -> client.configMaps().inNamespace(NS).withName("routing").patch(PatchContext.of(PatchType.JSON), patch));
  }

  @Test
  void aPatchOnAMissingPathOrAFailedTestIsRefusedAndChangesNothing() {
    String version = client.configMaps().inNamespace(NS).withName("routing").get().getMetadata().getResourceVersion();
    for (String patch : new String[] {
        "[{\"op\":\"replace\",\"path\":\"/spec/nope/x\",\"value\":1}]",
        "[{\"op\":\"remove\",\"path\":\"/data/absent\"}]",
        "[{\"op\":\"add\",\"path\":\"/data/added\",\"value\":\"v\"},{\"op\":\"test\",\"path\":\"/data/region\",\"value\":\"eu-north\"}]"}) {
      KubernetesClientException e = refused(patch);
      assertEquals(422, e.getCode(), patch + ": " + e.getMessage());
      assertTrue(e.getMessage().contains("the JSON patch cannot be applied, so nothing was changed"), e.getMessage());
    }
    var after = client.configMaps().inNamespace(NS).withName("routing").get();
    assertEquals(Map.of("region", "eu-west"), after.getData(), "not even the add before the failed test");
    assertEquals(version, after.getMetadata().getResourceVersion());
  }

  @Test
  void aPatchThatIsNotAListOfOperationsIsABadRequest() {
    assertEquals(400, refused("{\"op\":\"remove\"}").getCode());
  }

  @Test
  void aPatchThatAppliesIsApplied() {
    var patched = client.configMaps().inNamespace(NS).withName("routing")
        .patch(PatchContext.of(PatchType.JSON), "[{\"op\":\"test\",\"path\":\"/data/region\",\"value\":\"eu-west\"},"
            + "{\"op\":\"add\",\"path\":\"/data/target\",\"value\":\"eu-north\"}]");
    assertEquals("eu-north", patched.getData().get("target"));
    client.configMaps().inNamespace(NS).withName("routing").patch(PatchContext.of(PatchType.JSON), "[{\"op\":\"remove\",\"path\":\"/data/target\"}]");
  }
}
