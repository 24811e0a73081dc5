package io.failwise.operator.status;

import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Objects;

/** Compares two status objects by their JSON form, so that status is written only on a real change. */
public final class StatusDiff {
  private StatusDiff() {}

  public static boolean changed(Object before, Object after) {
    if (before == null || after == null) {
      return !Objects.equals(before, after);
    }
    return !Serialization.jsonMapper().valueToTree(before).equals(Serialization.jsonMapper().valueToTree(after));
  }

  /** A deep copy through the JSON form, for building a status from another without sharing lists. */
  public static <T> T copy(T value, Class<T> type) {
    return value == null ? null : Serialization.jsonMapper().convertValue(value, type);
  }
}
