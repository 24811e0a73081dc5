package io.failwise.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Sets conditions by Kubernetes API conventions: {@code lastTransitionTime} moves only when the
 * status changes, so a reason or message update does not look like a transition.
 */
public final class Conditions {
  public static final String TRUE = "True";
  public static final String FALSE = "False";
  public static final String UNKNOWN = "Unknown";

  private Conditions() {}

  /** A copy of {@code current} with {@code type} set; the list is kept sorted by type for stable diffs. */
  public static List<Condition> set(
      List<Condition> current,
      String type,
      String status,
      String reason,
      String message,
      Long observedGeneration,
      Instant now) {
    List<Condition> result = new ArrayList<>();
    Condition previous = null;
    for (Condition c : current == null ? List.<Condition>of() : current) {
      if (type.equals(c.getType())) {
        previous = c;
      } else {
        result.add(c);
      }
    }
    Condition next = new Condition();
    next.setType(type);
    next.setStatus(status);
    next.setReason(reason);
    next.setMessage(message);
    next.setObservedGeneration(observedGeneration);
    next.setLastTransitionTime(
        previous != null && status.equals(previous.getStatus()) && previous.getLastTransitionTime() != null
            ? previous.getLastTransitionTime()
            : now.truncatedTo(ChronoUnit.SECONDS).toString());
    result.add(next);
    result.sort(Comparator.comparing(Condition::getType));
    return result;
  }

  public static Optional<Condition> find(List<Condition> conditions, String type) {
    return conditions == null
        ? Optional.empty()
        : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  /** Whether the condition of that type already says this, for this reason: no second write, no second Event. */
  public static boolean says(List<Condition> conditions, String type, String reason, String message) {
    return find(conditions, type).map(c -> reason.equals(c.getReason()) && message.equals(c.getMessage())).orElse(false);
  }

  public static boolean isTrue(List<Condition> conditions, String type) {
    return find(conditions, type).map(c -> TRUE.equals(c.getStatus())).orElse(false);
  }

  public static String status(boolean value) {
    return value ? TRUE : FALSE;
  }
}
