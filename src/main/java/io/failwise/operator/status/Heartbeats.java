package io.failwise.operator.status;

import io.failwise.api.ClusterStatus;
import io.failwise.api.ObserverStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps heartbeats out of a Cluster's status. The times of the newest reading ({@code
 * lastSignalTime}, each observer's {@code lastReadTime}) move only together with something a person
 * would see change (counts, health, a condition, an observer's state); a reading that only confirms
 * what status already says writes nothing. Freshness is on the metric
 * {@code failwise_cluster_signal_age_seconds} instead, and a stale signal turns the conditions Unknown
 * with its reason.
 */
public final class Heartbeats {
  private Heartbeats() {}

  /** {@code next}, with the previous reading times when they are all that differs. */
  public static ClusterStatus withoutHeartbeat(ClusterStatus previous, ClusterStatus next) {
    if (previous == null || next == null) {
      return next;
    }
    ClusterStatus kept = copy(next);
    kept.lastSignalTime = previous.lastSignalTime;
    kept.observers = withReadTimes(next.observers, previous.observers);
    return StatusDiff.changed(previous, kept) ? next : kept;
  }

  private static List<ObserverStatus> withReadTimes(List<ObserverStatus> next, List<ObserverStatus> previous) {
    if (next == null || previous == null || next.size() != previous.size()) {
      return next;
    }
    List<ObserverStatus> out = new ArrayList<>(next.size());
    for (int i = 0; i < next.size(); i++) {
      ObserverStatus o = StatusDiff.copy(next.get(i), ObserverStatus.class);
      o.lastReadTime = previous.get(i).lastReadTime;
      out.add(o);
    }
    return out;
  }

  private static ClusterStatus copy(ClusterStatus s) {
    return StatusDiff.copy(s, ClusterStatus.class);
  }
}
