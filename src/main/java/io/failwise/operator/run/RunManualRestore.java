package io.failwise.operator.run;

import io.failwise.api.FailoverRunStatus;
import io.failwise.api.FailoverRunStatus.SavedObject;
import io.failwise.api.FailoverRunStatus.SavedValue;
import java.util.ArrayList;
import java.util.List;

/** What a person must put back by hand when a rollback could not: the saved values not restored. */
final class RunManualRestore {
  private RunManualRestore() {}

  static String instructions(FailoverRunStatus s) {
    List<String> parts = notRestored(s);
    return parts.isEmpty()
        ? "No patched object is left to restore; check what the failed step's webhook did."
        : "Restore by hand: " + String.join("; ", parts) + ".";
  }

  /**
   * The objects the run changed and has not put back, newest change first (the order a rollback undoes
   * them in: the routing before the gateway it was scaled for), each with its saved values.
   */
  static String newestFirst(FailoverRunStatus s) {
    List<String> parts = new ArrayList<>(notRestored(s));
    java.util.Collections.reverse(parts);
    return String.join("; ", parts);
  }

  /** The objects {@code step} changed first, each with the values it had before (restored or not). */
  static String changedBy(FailoverRunStatus s, String step) {
    return String.join("; ", described(s, o -> step.equals(o.firstStep)));
  }

  private static List<String> notRestored(FailoverRunStatus s) {
    return described(s, o -> o.restoredAt == null);
  }

  private static List<String> described(FailoverRunStatus s, java.util.function.Predicate<SavedObject> which) {
    List<String> parts = new ArrayList<>();
    if (s.rollbackData != null) {
      for (SavedObject o : s.rollbackData) {
        if (!which.test(o)) {
          continue;
        }
        List<String> fields = new ArrayList<>();
        for (SavedValue v : o.fields) {
          fields.add(v.path + (Boolean.TRUE.equals(v.absent) ? " (remove it)" : " = " + v.value));
        }
        parts.add(o.kind + " " + o.namespace + "/" + o.name + ": " + String.join(", ", fields));
      }
    }
    return parts;
  }
}
