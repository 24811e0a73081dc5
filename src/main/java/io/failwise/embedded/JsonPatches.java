package io.failwise.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.zjsonpatch.CompatibilityFlags;
import io.fabric8.zjsonpatch.JsonPatch;
import io.fabric8.zjsonpatch.JsonPatchException;
import java.util.EnumSet;
import java.util.Optional;

/**
 * A JSON patch (RFC 6902) checked against the stored object as kube-apiserver applies it: an operation on
 * a path the object does not have, or a failed {@code test}, refuses the whole patch (422). fabric8's mock
 * first creates every missing path of the patch, so a remove of a field that is not there answered
 * "patched", and an operation it could still not apply threw: a 500 with a stack trace in the log.
 */
final class JsonPatches {
  private JsonPatches() {}

  /** Why the patch cannot be applied to the stored object (a GET's answer), or empty when it can or there is none. */
  static Optional<Status> refusal(io.fabric8.mockwebserver.http.MockResponse stored, String body) {
    if (stored.code() != 200) {
      return Optional.empty(); // served as usual: a 404 says the object is missing
    }
    return refusal(Serialization.unmarshal(new String(stored.getBody().getBytes(), java.nio.charset.StandardCharsets.UTF_8), JsonNode.class), body);
  }

  /** Why the patch cannot be applied to {@code stored}, or empty when it can. */
  static Optional<Status> refusal(JsonNode stored, String body) {
    JsonNode patch;
    try {
      patch = Serialization.jsonMapper().readTree(body == null ? "" : body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
      return Optional.of(status(400, "BadRequest", "the JSON patch is not valid JSON: " + e.getMessage()));
    }
    if (patch == null || !patch.isArray()) {
      return Optional.of(status(400, "BadRequest", "a JSON patch must be a JSON array of operations ([{\"op\": \"replace\", \"path\": ..., \"value\": ...}])"));
    }
    try {
      JsonPatch.apply(patch, stored, EnumSet.of(CompatibilityFlags.FORBID_REMOVE_MISSING_OBJECT));
      return Optional.empty();
    } catch (JsonPatchException | IllegalArgumentException e) {
      return Optional.of(status(422, "Invalid", "the JSON patch cannot be applied, so nothing was changed: " + e.getMessage()));
    }
  }

  private static Status status(int code, String reason, String message) {
    return new StatusBuilder().withStatus("Failure").withCode(code).withReason(reason).withMessage(message).build();
  }
}
