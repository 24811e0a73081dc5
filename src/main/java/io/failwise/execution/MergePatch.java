package io.failwise.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * JSON merge patches (RFC 7386) done here rather than by the API server, and what undoes them
 * exactly. Merging locally and writing the whole object with its resourceVersion behaves the same on
 * every API server and lets a redone patch be recognised as already applied, so it is not written
 * twice. The embedded API server applies merge patches with {@link #apply} too.
 *
 * <p>The undo is a set of {@link SavedField}s, not an inverse merge patch: a merge patch cannot say
 * "replace this object by that one", which is what undoing a patch that replaced an object needs.
 */
public final class MergePatch {
  private MergePatch() {}

  /** {@code target} with {@code patch} applied; neither argument is changed. */
  public static JsonNode apply(JsonNode target, JsonNode patch) {
    if (patch == null || !patch.isObject()) {
      return patch == null ? null : patch.deepCopy();
    }
    ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : JsonNodeFactory.instance.objectNode();
    Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      if (f.getValue().isNull()) {
        result.remove(f.getKey());
      } else {
        result.set(f.getKey(), apply(result.get(f.getKey()), f.getValue()));
      }
    }
    return result;
  }

  /** The fields {@code patch} would change in {@code current}, with the values they have now. */
  public static List<SavedField> save(JsonNode patch, JsonNode current) {
    List<SavedField> saved = new ArrayList<>();
    save(List.of(), patch, current, saved);
    return saved;
  }

  private static void save(List<String> at, JsonNode patch, JsonNode current, List<SavedField> out) {
    if (patch == null || !patch.isObject()) {
      return;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      List<String> path = append(at, f.getKey());
      JsonNode now = current != null && current.isObject() ? current.get(f.getKey()) : null;
      if (f.getValue().isObject() && now != null && now.isObject()) {
        save(path, f.getValue(), now, out);
      } else {
        out.add(new SavedField(path, now == null || now.isNull() ? null : now.deepCopy()));
      }
    }
  }

  /**
   * Combines what was saved before successive patches of one object so that it restores the state
   * before the oldest: a field saved earlier keeps its earlier value; a newer field inside one saved
   * earlier is dropped; a newer field around earlier ones is saved with those restored inside it.
   */
  public static List<SavedField> mergeOlder(List<SavedField> older, List<SavedField> newer) {
    List<SavedField> result = new ArrayList<>(older);
    for (SavedField n : newer) {
      if (result.stream().anyMatch(o -> isPrefix(o.path(), n.path()))) {
        continue;
      }
      List<SavedField> inside = result.stream().filter(o -> isPrefix(n.path(), o.path())).toList();
      JsonNode value = n.value();
      for (SavedField o : inside) {
        value = set(value, o.path().subList(n.path().size(), o.path().size()), o.value());
      }
      result.removeAll(inside);
      result.add(new SavedField(n.path(), value));
    }
    return result;
  }

  /** {@code current} with every saved field put back as it was (or removed where it was absent). */
  public static JsonNode restore(JsonNode current, List<SavedField> saved) {
    JsonNode result = current == null ? JsonNodeFactory.instance.objectNode() : current.deepCopy();
    for (SavedField f : saved) {
      result = set(result, f.path(), f.value());
    }
    return result;
  }

  /** A copy of {@code root} with the value at {@code path} replaced (null removes it). */
  private static JsonNode set(JsonNode root, List<String> path, JsonNode value) {
    if (path.isEmpty()) {
      return value == null ? null : value.deepCopy();
    }
    ObjectNode copy = root != null && root.isObject() ? ((ObjectNode) root).deepCopy() : JsonNodeFactory.instance.objectNode();
    String key = path.get(0);
    if (path.size() == 1 && value == null) {
      copy.remove(key);
      return copy;
    }
    JsonNode child = set(copy.get(key), path.subList(1, path.size()), value);
    if (child == null) {
      copy.remove(key);
    } else {
      copy.set(key, child);
    }
    return copy;
  }

  private static boolean isPrefix(List<String> prefix, List<String> path) {
    return prefix.size() <= path.size() && path.subList(0, prefix.size()).equals(prefix);
  }

  private static List<String> append(List<String> path, String key) {
    List<String> p = new ArrayList<>(path);
    p.add(key);
    return List.copyOf(p);
  }
}
