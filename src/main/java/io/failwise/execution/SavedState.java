package io.failwise.execution;

import java.util.List;

/** The fields of one object as they were before an action changed them. */
public record SavedState(ObjectRef ref, List<SavedField> fields) {
  public SavedState {
    fields = List.copyOf(fields);
  }
}
