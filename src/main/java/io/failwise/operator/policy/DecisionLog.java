package io.failwise.operator.policy;

import io.failwise.api.FailoverPolicyStatus;
import io.failwise.api.FailoverPolicyStatus.Decision;
import io.failwise.api.FailoverPolicyStatus.Watch;
import io.failwise.model.policy.WatchState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The policy's status as a bounded decision log plus one watch per cluster in an outage. */
public final class DecisionLog {
  private DecisionLog() {}

  /** A copy of the previous status with {@code decision} first and at most {@code kept} decisions. */
  public static FailoverPolicyStatus record(FailoverPolicyStatus previous, Decision decision, Watch watch, int kept) {
    FailoverPolicyStatus next = copy(previous);
    List<Decision> decisions = new ArrayList<>();
    decisions.add(decision);
    decisions.addAll(next.decisions);
    next.decisions = new ArrayList<>(decisions.subList(0, Math.min(kept, decisions.size())));
    next.watches.removeIf(w -> Objects.equals(w.cluster, decision.cluster));
    if (watch != null) {
      next.watches.add(watch);
      next.watches.sort(java.util.Comparator.comparing(w -> w.cluster));
    }
    // A recovery recommends nothing: "FAILOVER/Recovered" read as a failover decided at the recovery.
    next.lastDecision = io.failwise.model.policy.PolicyAction.RECOVERED.displayName().equals(decision.action)
        ? decision.action : decision.recommendation + "/" + decision.action;
    return next;
  }

  public static Optional<Watch> watch(FailoverPolicyStatus status, String cluster) {
    return status == null
        ? Optional.empty()
        : status.watches.stream().filter(w -> Objects.equals(w.cluster, cluster)).findFirst();
  }

  public static Optional<WatchState> state(FailoverPolicyStatus status, String cluster) {
    return watch(status, cluster)
        .map(
            w ->
                new WatchState(
                    w.outageSince == null ? null : Instant.parse(w.outageSince),
                    w.offlineDevicesAtDecision == null ? 0 : w.offlineDevicesAtDecision,
                    w.reevaluateAt == null ? null : Instant.parse(w.reevaluateAt),
                    Boolean.TRUE.equals(w.silenced),
                    Boolean.TRUE.equals(w.signalLost)));
  }

  public static FailoverPolicyStatus copy(FailoverPolicyStatus s) {
    FailoverPolicyStatus next = new FailoverPolicyStatus();
    if (s != null) {
      next.clustersWatched = s.clustersWatched;
      next.lastDecision = s.lastDecision;
      next.decisions = new ArrayList<>(s.decisions);
      next.watches = new ArrayList<>(s.watches);
      next.observedGeneration = s.observedGeneration;
      next.conditions = new ArrayList<>(s.conditions);
    }
    return next;
  }
}
