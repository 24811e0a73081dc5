package io.failwise.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Optional;

/**
 * Optimistic concurrency as kube-apiserver does it: a write that names a resourceVersion is refused
 * with 409 Conflict unless it is the stored one. An update (PUT) names it in {@code metadata}; a merge
 * patch only if it sets {@code metadata.resourceVersion}; a JSON patch only if an operation adds
 * or replaces {@code /metadata/resourceVersion}. A write that names none is not checked.
 * fabric8's CRUD dispatcher checks an update of the object and a patch, but not an update of the
 * status subresource, and its refusal names the kind instead of {@code <plural>.<group>}.
 */
final class ResourceVersionCheck {
  private ResourceVersionCheck() {}

  /** The resourceVersion a PUT or PATCH request asks for, if it names one. */
  static Optional<String> expected(String method, String body) {
    if (body == null || body.isBlank() || !("PUT".equals(method) || "PATCH".equals(method))) {
      return Optional.empty();
    }
    JsonNode node;
    try {
      node = Serialization.unmarshal(body, JsonNode.class);
    } catch (RuntimeException unreadable) {
      return Optional.empty(); // the CRUD dispatcher refuses what it cannot read
    }
    if (node == null) {
      return Optional.empty();
    }
    if ("PATCH".equals(method) && node.isArray()) {
      String version = null;
      for (JsonNode op : node) {
        String kind = op.path("op").asText();
        if ("/metadata/resourceVersion".equals(op.path("path").asText())
            && ("add".equals(kind) || "replace".equals(kind))) {
          version = op.path("value").asText();
        }
      }
      return Optional.ofNullable(version).filter(v -> !v.isEmpty());
    }
    JsonNode version = node.path("metadata").path("resourceVersion");
    return version.isTextual() && !version.asText().isEmpty() ? Optional.of(version.asText()) : Optional.empty();
  }

  /** The stored object's resourceVersion. */
  static String stored(String state) {
    return state == null ? "" : Serialization.unmarshal(state, JsonNode.class).path("metadata").path("resourceVersion").asText();
  }
}
