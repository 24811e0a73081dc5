package io.failwise.operator;

import io.failwise.model.detect.EndedOutage;
import io.failwise.operator.status.Conditions;
import java.util.Optional;

/**
 * The Events a Cluster's outage calls for: a change of its Outage condition, and an outage that began and
 * ended between two readings, which no condition showed. Pure: the reconciler records them.
 */
final class OutageEvents {
  /** The reason of the Warning Event for an outage that began and ended between two readings of the counts. */
  public static final String OUTAGE_BETWEEN_READS = "OutageBetweenReads";

  private OutageEvents() {}

  /**
   * "An outage from 21:05:00 to 21:40:00 (35 min) began and ended between two readings of the device
   * counts ...": no condition turned for it, so no OutageDetected paged anyone; this Event and the record
   * are all that says it happened.
   */
  static String betweenReads(EndedOutage o) {
    return "An outage from " + o.onset() + " to " + o.back() + " ("
        + io.failwise.model.Format.duration(java.time.Duration.between(o.onset(), o.back()))
        + ") began and ended between two readings of the device counts (the controller was down, or could not"
        + " read them); the observers read every sample since and saw it. It is recorded in status.pastOutages;"
        + " no condition showed it, so no policy acted on it.";
  }

  /** A Kubernetes Event for a change of the Outage condition. */
  record Event(boolean warning, String reason, String message) {}

  /**
   * The Event a change of the Outage condition from {@code then} (null: none before) to {@code now}
   * calls for: OutageDetected when it turns True, OutageResumed when a silenced outage is one again at
   * the end of its window, OutageSilenced when a window silences it, OutageOver when it ends, silenced
   * or not. A silence is not an end: OutageOver comes once, when the outage is over.
   */
  static Optional<Event> outageEvent(io.fabric8.kubernetes.api.model.Condition then, io.fabric8.kubernetes.api.model.Condition now) {
    return outageEvent(then, now, false);
  }

  /**
   * With {@code signalLostDuringOne}: the condition was Unknown because the signal of a cluster in Outage
   * was lost. When it can be read again, the same outage going on is no new detection (a second
   * OutageDetected would page as a new outage), and the devices back mean the outage is over.
   */
  static Optional<Event> outageEvent(
      io.fabric8.kubernetes.api.model.Condition then, io.fabric8.kubernetes.api.model.Condition now, boolean signalLostDuringOne) {
    boolean wasTrue = then != null && Conditions.TRUE.equals(then.getStatus());
    boolean wasSilenced = then != null && Conditions.FALSE.equals(then.getStatus()) && ClusterStatusFactory.SILENCED.equals(then.getReason());
    if (Conditions.TRUE.equals(now.getStatus())) {
      if (!wasTrue && signalLostDuringOne) {
        return Optional.of(new Event(false, "OutageGoesOn", "The device counts can be read again and the outage goes on: " + now.getMessage()));
      }
      return wasTrue ? Optional.empty() : Optional.of(new Event(true, wasSilenced ? "OutageResumed" : "OutageDetected", now.getMessage()));
    }
    if (!Conditions.FALSE.equals(now.getStatus())) {
      return Optional.empty();
    }
    if (ClusterStatusFactory.SILENCED.equals(now.getReason())) {
      return wasTrue ? Optional.of(new Event(false, "OutageSilenced", now.getMessage())) : Optional.empty();
    }
    return wasTrue || wasSilenced || signalLostDuringOne ? Optional.of(new Event(false, "OutageOver", now.getMessage())) : Optional.empty();
  }
}
