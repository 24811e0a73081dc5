package io.failwise.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import java.net.HttpURLConnection;
import java.util.Objects;
import java.util.Set;

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
   * settled: that of {@code stored} when nothing outside metadata and status changed. Each object is
   * parsed once, and nothing is copied (every write of the world passes here).
   */
  static String settled(String stored, String written) {
    JsonNode before = read(stored);
    JsonNode after = read(written);
    if (!(before instanceof ObjectNode b) || !(after instanceof ObjectNode a)) {
      return written;
    }
    boolean sameContent = equalBut(b, a, Set.of("metadata", "status"));
    JsonNode oldGeneration = b.path("metadata").get("generation");
    boolean regenerated = false;
    if (sameContent && oldGeneration != null && a.get("metadata") instanceof ObjectNode meta && meta.has("generation")
        && !oldGeneration.equals(meta.get("generation"))) {
      meta.set("generation", oldGeneration);
      regenerated = true;
    }
    if (sameContent && Objects.equals(b.get("status"), a.get("status"))
        && b.get("metadata") instanceof ObjectNode bm && a.get("metadata") instanceof ObjectNode am
        && equalBut(bm, am, Set.of("resourceVersion"))) {
      return stored;
    }
    return regenerated ? a.toString() : written;
  }

  /** Whether the two objects have the same fields with equal values, leaving out {@code ignored}. */
  private static boolean equalBut(ObjectNode x, ObjectNode y, Set<String> ignored) {
    java.util.Iterator<String> names = x.fieldNames();
    int counted = 0;
    while (names.hasNext()) {
      String name = names.next();
      if (ignored.contains(name)) {
        continue;
      }
      counted++;
      if (!Objects.equals(x.get(name), y.get(name))) {
        return false;
      }
    }
    int other = 0;
    for (java.util.Iterator<String> it = y.fieldNames(); it.hasNext(); ) {
      other += ignored.contains(it.next()) ? 0 : 1;
    }
    return counted == other;
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
