package io.failwise.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Server-side apply translated into what the embedded server serves: a create, or a merge patch. */
class ServerSideApplyTest {
  private static final String PATH = "/apis/failwise.io/v1alpha1/namespaces/failwise/failoverpolicies/ssa";

  private static RecordedRequest apply(String path, String yaml) {
    byte[] body = yaml.getBytes(StandardCharsets.UTF_8);
    Headers headers = new Headers.Builder().add("Content-Type", ServerSideApply.CONTENT_TYPE).build();
    return new RecordedRequest("HTTP/1.1", HttpMethod.PATCH, path + "?fieldManager=kubectl&force=false", headers, new Buffer(body));
  }

  private static JsonNode body(RecordedRequest r) throws Exception {
    return new ObjectMapper().readTree(r.getBody().getBytes());
  }

  @Test
  void anAbsentObjectIsCreatedInItsCollectionWithItsNamespace() throws Exception {
    RecordedRequest r = apply(PATH, "apiVersion: failwise.io/v1alpha1\nkind: FailoverPolicy\nmetadata: {name: ssa}\nspec: {mode: Stage}\n");
    assertTrue(ServerSideApply.is(r));
    RecordedRequest create = ServerSideApply.translate(r, false);
    assertEquals("POST", create.getMethod());
    assertEquals("/apis/failwise.io/v1alpha1/namespaces/failwise/failoverpolicies?fieldManager=kubectl&force=false", create.getPath());
    assertEquals("failwise", body(create).at("/metadata/namespace").asText(), "the namespace of the URL");
    assertEquals("Stage", body(create).at("/spec/mode").asText());
  }

  @Test
  void aStoredObjectIsMergePatched() throws Exception {
    RecordedRequest patch = ServerSideApply.translate(apply(PATH, "{\"metadata\": {\"name\": \"ssa\"}, \"spec\": {\"mode\": \"Auto\"}}"), true);
    assertEquals("PATCH", patch.getMethod());
    assertEquals("application/merge-patch+json", patch.getHeader("Content-Type"));
    assertEquals(PATH + "?fieldManager=kubectl&force=false", patch.getPath());
    assertEquals("Auto", body(patch).at("/spec/mode").asText());
    assertFalse(ServerSideApply.is(patch), "served as a merge patch, not applied again");
  }

  @Test
  void badAppliesAreRefusedAsKubeApiserverRefusesThem() {
    var mismatch = assertThrows(SchemaAdmission.Refused.class, () -> ServerSideApply.translate(apply(PATH, "metadata: {name: other}\n"), true));
    assertEquals(400, mismatch.status().getCode());
    assertEquals("the name of the object (other) does not match the name on the URL (ssa)", mismatch.status().getMessage());
    var version = assertThrows(SchemaAdmission.Refused.class,
        () -> ServerSideApply.translate(apply(PATH, "apiVersion: failwise.io/v1\nkind: FailoverPolicy\nmetadata: {name: ssa}\n"), true));
    assertEquals(
        "the API version in the data (failwise.io/v1) does not match the expected API version (failwise.io/v1alpha1)", version.status().getMessage());
    var list = assertThrows(SchemaAdmission.Refused.class, () -> ServerSideApply.translate(apply(PATH, "- a\n- b\n"), true));
    assertTrue(list.status().getMessage().contains("must be one object"), list.status().getMessage());
    var broken = assertThrows(SchemaAdmission.Refused.class, () -> ServerSideApply.translate(apply(PATH, "spec: {mode: [\n"), true));
    assertTrue(broken.status().getMessage().startsWith("the body of the apply is not YAML or JSON"), broken.status().getMessage());
    var status = assertThrows(SchemaAdmission.Refused.class, () -> ServerSideApply.translate(apply(PATH + "/status", "status: {}\n"), false));
    assertEquals(404, status.status().getCode(), "a status is applied to an object that exists, never created");
  }

  @Test
  void anObjectCreatedOrDeletedBetweenTheCheckAndTheWriteIsAppliedTheOtherWay() throws Exception {
    // Whether the object exists is read before the write. Another client's create in between makes the
    // create fail with 409: the apply is then served as a merge patch, as kube-apiserver's atomic apply
    // would have patched. A delete in between makes the patch 404: it is served as a create.
    assertEquals(new Served(List.of(false, true), 200), served(false, 409, 200));
    assertEquals(new Served(List.of(true, false), 201), served(true, 201, 404));
    // Any other answer is the answer, tried once: a refusal by the schema is not retried the other way.
    assertEquals(new Served(List.of(false), 422), served(false, 422, 422));
    // The same request translates both ways: its body is read, not consumed.
    RecordedRequest r = apply(PATH, "metadata: {name: ssa}\nspec: {mode: Stage}\n");
    assertEquals("Stage", body(ServerSideApply.translate(r, false)).at("/spec/mode").asText());
    assertEquals("Stage", body(ServerSideApply.translate(r, true)).at("/spec/mode").asText());
  }

  /** Which ways an apply was tried (false: create, true: merge patch) and the answer it got. */
  private record Served(List<Boolean> tried, int code) {}

  /** An apply served against a store whose create answers {@code create} and whose patch {@code patch}. */
  private static Served served(boolean exists, int create, int patch) {
    List<Boolean> tried = new java.util.ArrayList<>();
    io.fabric8.mockwebserver.http.MockResponse response =
        ServerSideApply.serve(exists, e -> {
          tried.add(e);
          return new io.fabric8.mockwebserver.http.MockResponse().setResponseCode(e ? patch : create);
        });
    return new Served(tried, response.code());
  }
}
