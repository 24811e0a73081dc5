package io.failwise.execution;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A field of an object as it was before a run changed it.
 *
 * @param path the keys from the object's root, e.g. [data, go-eu-west-1.target]
 * @param value its value then, or null when it was absent (restoring removes it)
 */
public record SavedField(List<String> path, JsonNode value) {
  public SavedField {
    path = List.copyOf(path);
  }

  /** The path as a JSON Pointer (RFC 6901), e.g. /data/go-eu-west-1.target. */
  public String pointer() {
    StringBuilder sb = new StringBuilder();
    for (String key : path) {
      sb.append('/').append(key.replace("~", "~0").replace("/", "~1"));
    }
    return sb.toString();
  }

  /** Parses a JSON Pointer written by {@link #pointer()}. */
  public static List<String> parsePointer(String pointer) {
    List<String> keys = new ArrayList<>();
    if (pointer == null || pointer.isEmpty()) {
      return keys;
    }
    for (String part : pointer.substring(1).split("/", -1)) {
      keys.add(part.replace("~1", "/").replace("~0", "~"));
    }
    return keys;
  }
}
