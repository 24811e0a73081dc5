package io.failwise.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import java.net.HttpURLConnection;

/**
 * A write stored and answered as kube-apiserver stores and answers it, where fabric8's mock server does
 * otherwise:
 *
 * <ul>
 *   <li>{@code metadata.generation} moves only when something other than metadata and status changed in
 *       the object as stored (pruned of unknown fields): fabric8 compares the spec before pruning, so a
 *       patch adding an unknown field moved it, and a controller that reconciles on a new generation
 *       worked for nothing.
 *   <li>A write that leaves the stored object as it was (after pruning and defaults) stores nothing: no
 *       new resourceVersion and no watch event; fabric8 stored every write.
 *   <li>The answer is the object as stored, 201 for a create and 200 for an update or a patch: fabric8
 *       answered a patch 202 with the object before pruning and defaults ({@code kubectl patch -o yaml}
 *       showed an unknown field that was never stored).
 * </ul>
 */
final class WriteAnswers {
  private WriteAnswers() {}

  /**
   * What to store for a write of {@code written} over {@code stored} (null for a create): {@code stored}
   * itself when the write changes nothing but the resourceVersion, else {@code written} with its generation
   * settled.
   */
  static String settled(String stored, String written) {
    if (stored == null || written == null) {
      return written;
    }
    String settled = withSettledGeneration(stored, written);
    return unchanged(stored, settled) ? stored : settled;
  }

  /**
   * {@code written} with the generation of {@code stored} when nothing but metadata and status differs
   * between them; as it is otherwise, or when either is not an object with a generation.
   */
  static String withSettledGeneration(String stored, String written) {
    JsonNode before = read(stored);
    JsonNode after = read(written);
    if (!(after instanceof ObjectNode a) || !(a.get("metadata") instanceof ObjectNode meta) || before == null
        || !before.path("metadata").has("generation") || !meta.has("generation")) {
      return written;
    }
    if (!withoutMetadataAndStatus(before).equals(withoutMetadataAndStatus(after))
        || before.path("metadata").get("generation").equals(meta.get("generation"))) {
      return written;
    }
    meta.set("generation", before.path("metadata").get("generation"));
    return a.toString();
  }

  /** Whether {@code written} is {@code stored} again, but for its resourceVersion. */
  static boolean unchanged(String stored, String written) {
    JsonNode before = read(stored);
    JsonNode after = read(written);
    return before != null && after != null && withoutVersion(before).equals(withoutVersion(after));
  }

  /**
   * fabric8's answer to a successful create, update or patch, with the object as stored: 201 for a
   * create, 200 otherwise. Any other answer (a refusal, a delete by the last finalizer) stands.
   */
  static MockResponse answer(String method, MockResponse fabric8s, String stored) {
    boolean write = "POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method);
    if (!write || stored == null || fabric8s.code() / 100 != 2) {
      return fabric8s;
    }
    return fabric8s
        .setResponseCode("POST".equals(method) ? HttpURLConnection.HTTP_CREATED : HttpURLConnection.HTTP_OK)
        .setHeader("Content-Type", "application/json")
        .setBody(stored);
  }

  private static JsonNode withoutMetadataAndStatus(JsonNode object) {
    ObjectNode copy = ((ObjectNode) object).deepCopy();
    copy.remove("metadata");
    copy.remove("status");
    return copy;
  }

  private static JsonNode withoutVersion(JsonNode object) {
    if (!(object instanceof ObjectNode o)) {
      return object;
    }
    ObjectNode copy = o.deepCopy();
    if (copy.get("metadata") instanceof ObjectNode meta) {
      meta.remove("resourceVersion");
    }
    return copy;
  }

  private static JsonNode read(String state) {
    if (state == null) {
      return null;
    }
    try {
      return Serialization.jsonMapper().readTree(state);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return null;
    }
  }
}
