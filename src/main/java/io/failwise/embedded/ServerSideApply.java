package io.failwise.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Server-side apply ({@code kubectl apply --server-side}, Argo CD's {@code ServerSideApply=true}) as far
 * as the embedded server goes: the applied object is created when it does not exist, and otherwise
 * merged into the stored one as a merge patch (lists replaced, the CRD's checks and defaults as for any
 * write). What it does not do is field management: no {@code managedFields}, no conflicts between
 * managers, and a field dropped from the applied manifest stays where a real API server would remove
 * it if this manager had set it. fabric8's mock server answered an apply with 404, or with the stored
 * object unchanged.
 */
final class ServerSideApply {
  static final String CONTENT_TYPE = "application/apply-patch+yaml";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ServerSideApply() {}

  /** Whether {@code request} is a server-side apply. */
  static boolean is(RecordedRequest request) {
    String type = request.getHeader("Content-Type");
    return "PATCH".equals(request.getMethod()) && type != null && type.startsWith(CONTENT_TYPE);
  }

  /** The object path the apply names (without the query and without a trailing {@code /status}). */
  static String objectPath(RecordedRequest request) {
    String path = pathOf(request);
    return path.endsWith("/status") ? path.substring(0, path.length() - "/status".length()) : path;
  }

  /**
   * The request that does what the apply does here: a create (POST to the collection) when the
   * object does not exist, else a merge patch of the same path.
   *
   * @throws SchemaAdmission.Refused with kube-apiserver's 400 when the body is not one object of that name
   */
  static RecordedRequest translate(RecordedRequest request, boolean exists) {
    String path = pathOf(request);
    String object = objectPath(request);
    String name = object.substring(object.lastIndexOf('/') + 1);
    if (!exists && path.endsWith("/status")) {
      throw new SchemaAdmission.Refused(
          new StatusBuilder().withStatus("Failure").withCode(404).withReason("NotFound").withMessage("\"" + name + "\" not found").build());
    }
    JsonNode body;
    try {
      body = YAML.readTree(request.getBody() == null ? new byte[0] : request.getBody().getBytes());
    } catch (IOException e) {
      throw new SchemaAdmission.Refused(badRequest("the body of the apply is not YAML or JSON: " + e.getMessage()));
    }
    if (body == null || !body.isObject()) {
      throw new SchemaAdmission.Refused(badRequest("the body of the apply must be one object, with apiVersion, kind and metadata.name"));
    }
    ObjectNode applied = (ObjectNode) body;
    String expected = apiVersionOf(path);
    if (applied.hasNonNull("apiVersion") && expected != null && !applied.get("apiVersion").asText().equals(expected)) {
      throw new SchemaAdmission.Refused(badRequest(
          "the API version in the data (" + applied.get("apiVersion").asText() + ") does not match the expected API version (" + expected + ")"));
    }
    JsonNode given = applied.path("metadata").path("name");
    if (!given.isMissingNode() && !given.asText().equals(name)) {
      throw new SchemaAdmission.Refused(
          badRequest("the name of the object (" + given.asText() + ") does not match the name on the URL (" + name + ")"));
    }
    ObjectNode metadata = applied.has("metadata") && applied.get("metadata").isObject() ? (ObjectNode) applied.get("metadata") : applied.putObject("metadata");
    metadata.put("name", name);
    String namespace = namespaceOf(path);
    if (namespace != null && !metadata.hasNonNull("namespace")) {
      metadata.put("namespace", namespace);
    }
    byte[] json = applied.toString().getBytes(StandardCharsets.UTF_8);
    String query = request.getPath().contains("?") ? request.getPath().substring(request.getPath().indexOf('?')) : "";
    if (exists) {
      return request(HttpMethod.PATCH, path + query, "application/merge-patch+json", json);
    }
    String collection = object.substring(0, object.lastIndexOf('/'));
    return request(HttpMethod.POST, collection + query, "application/json", json);
  }

  /**
   * Serves an apply: {@code attempt} as a create when the object did not exist, or as a merge patch
   * when it did. Whether it exists is read before the write, not with it: when another client created
   * the object in between (the create gets 409 AlreadyExists) or deleted it (the patch gets 404), the
   * apply is served once more the other way, as kube-apiserver's apply is atomic.
   */
  static MockResponse serve(boolean exists, java.util.function.Function<Boolean, MockResponse> attempt) {
    MockResponse response = attempt.apply(exists);
    if (response.code() == (exists ? 404 : 409)) {
      return attempt.apply(!exists);
    }
    return response;
  }

  static RecordedRequest request(HttpMethod method, String pathAndQuery, String contentType, byte[] body) {
    Headers headers = new Headers.Builder().add("Content-Type", contentType).add("Content-Length", String.valueOf(body.length)).build();
    return new RecordedRequest("HTTP/1.1", method, pathAndQuery, headers, new Buffer(body));
  }

  private static String pathOf(RecordedRequest request) {
    String full = request.getPath() == null ? "" : request.getPath();
    return full.contains("?") ? full.substring(0, full.indexOf('?')) : full;
  }

  /** The group/version of an /apis/GROUP/VERSION/... path, "v1" of /api/v1/...; null for anything else. */
  static String apiVersionOf(String path) {
    String[] parts = path.split("/");
    if (parts.length > 3 && parts[1].equals("apis")) {
      return parts[2] + "/" + parts[3];
    }
    return parts.length > 2 && parts[1].equals("api") ? parts[2] : null;
  }

  private static String namespaceOf(String path) {
    String[] parts = path.split("/");
    for (int i = 0; i + 1 < parts.length; i++) {
      if (parts[i].equals("namespaces") && i + 2 < parts.length) {
        return parts[i + 1];
      }
    }
    return null;
  }

  private static Status badRequest(String message) {
    return new StatusBuilder().withStatus("Failure").withCode(400).withReason("BadRequest").withMessage(message).build();
  }
}
