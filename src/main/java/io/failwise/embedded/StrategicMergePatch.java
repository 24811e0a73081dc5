package io.failwise.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A strategic merge patch (what {@code kubectl apply} and {@code kubectl patch} send for a built-in
 * kind) as kube-apiserver applies it to the kinds the embedded server serves: objects merge as in a
 * merge patch ({@code null} removes a field), lists of objects with a patch merge key (containers by
 * name, volume mounts by path, ...) merge element by element, other lists are replaced, and the
 * directives kubectl writes ({@code $patch}, {@code $retainKeys}, {@code $setElementOrder/...},
 * {@code $deleteFromPrimitiveList/...}) are obeyed, never stored. The merge keys come from the Go
 * types' {@code patchMergeKey} tags; a list this table does not know is replaced, as a list without
 * a merge strategy is.
 */
final class StrategicMergePatch {
  /** Field name to patch merge key, for the lists whose strategy is merge in the built-in kinds served. */
  private static final Map<String, String> MERGE_KEYS =
      Map.ofEntries(
          Map.entry("containers", "name"),
          Map.entry("initContainers", "name"),
          Map.entry("ephemeralContainers", "name"),
          Map.entry("env", "name"),
          Map.entry("volumes", "name"),
          Map.entry("volumeMounts", "mountPath"),
          Map.entry("volumeDevices", "devicePath"),
          Map.entry("imagePullSecrets", "name"),
          Map.entry("hostAliases", "ip"),
          Map.entry("conditions", "type"),
          Map.entry("ownerReferences", "uid"),
          Map.entry("secrets", "name"));
  /** Lists of plain values whose strategy is merge: the patch's values are added. */
  private static final Set<String> MERGED_VALUES = Set.of("finalizers");

  private static final String SET_ORDER = "$setElementOrder/";
  private static final String DELETE_FROM = "$deleteFromPrimitiveList/";

  private StrategicMergePatch() {}

  /** {@code target} with {@code patch} applied; neither is changed. */
  static JsonNode apply(JsonNode target, JsonNode patch) {
    if (patch == null || !patch.isObject()) {
      return patch == null ? null : patch.deepCopy();
    }
    String directive = patch.path("$patch").asText("");
    if ("replace".equals(directive)) {
      return withoutDirectives((ObjectNode) patch);
    }
    ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : JsonNodeFactory.instance.objectNode();
    Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      String key = f.getKey();
      JsonNode value = f.getValue();
      if (key.equals("$patch") || key.equals("$retainKeys") || key.startsWith(SET_ORDER)) {
        continue;
      }
      if (key.startsWith(DELETE_FROM)) {
        String list = key.substring(DELETE_FROM.length());
        if (result.get(list) instanceof ArrayNode stored) {
          result.set(list, without(stored, value));
        }
        continue;
      }
      if (value.isNull()) {
        result.remove(key);
      } else if (value.isObject() && "delete".equals(value.path("$patch").asText(""))) {
        result.remove(key);
      } else if (value.isObject()) {
        result.set(key, apply(result.get(key), value));
      } else if (value.isArray()) {
        result.set(key, list(key, result.get(key), (ArrayNode) value));
      } else {
        result.set(key, value.deepCopy());
      }
    }
    if (patch.get("$retainKeys") instanceof ArrayNode retain) {
      Set<String> kept = new HashSet<>();
      retain.forEach(k -> kept.add(k.asText()));
      List<String> names = new ArrayList<>();
      result.fieldNames().forEachRemaining(names::add);
      names.stream().filter(n -> !kept.contains(n)).forEach(result::remove);
    }
    return result;
  }

  private static JsonNode list(String field, JsonNode stored, ArrayNode patch) {
    String mergeKey = MERGE_KEYS.get(field);
    if ("ports".equals(field)) {
      // A container's ports merge by containerPort, a Service's by port.
      mergeKey = elementsHave(patch, "containerPort") ? "containerPort" : elementsHave(patch, "port") ? "port" : null;
    }
    ArrayNode existing = stored instanceof ArrayNode a ? a : JsonNodeFactory.instance.arrayNode();
    if (MERGED_VALUES.contains(field)) {
      ArrayNode out = existing.deepCopy();
      patch.forEach(v -> {
        if (!contains(out, v)) {
          out.add(v.deepCopy());
        }
      });
      return out;
    }
    if (mergeKey == null || !elementsHave(patch, mergeKey)) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      patch.forEach(e -> out.add(e.isObject() ? withoutDirectives((ObjectNode) e) : e.deepCopy()));
      return out;
    }
    ArrayNode out = existing.deepCopy();
    for (JsonNode element : patch) {
      JsonNode key = element.get(mergeKey);
      int at = indexOf(out, mergeKey, key);
      String directive = element.path("$patch").asText("");
      if ("delete".equals(directive)) {
        if (at >= 0) {
          out.remove(at);
        }
      } else if (at >= 0 && !"replace".equals(directive)) {
        out.set(at, apply(out.get(at), element));
      } else if (at >= 0) {
        out.set(at, withoutDirectives((ObjectNode) element));
      } else {
        out.add(withoutDirectives((ObjectNode) element));
      }
    }
    return out;
  }

  private static boolean elementsHave(ArrayNode list, String key) {
    if (list.isEmpty()) {
      return false;
    }
    for (JsonNode e : list) {
      if (!e.isObject() || !e.has(key)) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(ArrayNode list, String key, JsonNode value) {
    for (int i = 0; i < list.size(); i++) {
      if (value != null && value.equals(list.get(i).get(key))) {
        return i;
      }
    }
    return -1;
  }

  private static boolean contains(ArrayNode list, JsonNode value) {
    for (JsonNode e : list) {
      if (e.equals(value)) {
        return true;
      }
    }
    return false;
  }

  private static ArrayNode without(ArrayNode stored, JsonNode removed) {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    stored.forEach(v -> {
      if (!(removed instanceof ArrayNode r && contains(r, v))) {
        out.add(v.deepCopy());
      }
    });
    return out;
  }

  /** The element as stored: the directives taken out, at every depth. */
  private static JsonNode withoutDirectives(ObjectNode node) {
    return apply(JsonNodeFactory.instance.objectNode(), stripReplace(node));
  }

  private static ObjectNode stripReplace(ObjectNode node) {
    ObjectNode copy = node.deepCopy();
    copy.remove("$patch");
    return copy;
  }

  /**
   * The merge patch (RFC 7386) that turns {@code from} into {@code to}: what the embedded server's
   * merge-patch path stores, so a strategic patch passes the same checks as every other write.
   */
  static ObjectNode diff(JsonNode from, JsonNode to) {
    ObjectNode patch = JsonNodeFactory.instance.objectNode();
    from.fieldNames().forEachRemaining(n -> {
      if (!to.has(n)) {
        patch.putNull(n);
      }
    });
    to.fields().forEachRemaining(f -> {
      JsonNode before = from.get(f.getKey());
      if (before != null && before.isObject() && f.getValue().isObject()) {
        ObjectNode inner = diff(before, f.getValue());
        if (!inner.isEmpty()) {
          patch.set(f.getKey(), inner);
        }
      } else if (!f.getValue().equals(before)) {
        patch.set(f.getKey(), f.getValue().deepCopy());
      }
    });
    return patch;
  }
}
