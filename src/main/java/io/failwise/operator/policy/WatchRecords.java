package io.failwise.operator.policy;

import io.failwise.api.Cluster;
import io.failwise.api.FailoverPolicy;
import io.failwise.api.FailoverPolicyStatus;
import io.failwise.api.FailoverPolicyStatus.Decision;
import io.failwise.api.FailoverPolicyStatus.Watch;
import io.failwise.api.validation.MaintenanceWindows;
import io.failwise.model.Format;
import io.failwise.model.detect.MaintenanceWindow;
import io.failwise.model.policy.ClusterSituation;
import io.failwise.model.policy.PolicyAction;
import io.failwise.operator.ClusterStatusFactory;
import io.failwise.operator.status.Conditions;
import io.failwise.operator.status.EventRecorder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * What a policy records about an outage it watches that is not a decision: its recovery, a maintenance
 * window that silences it, counts that cannot be read. Each carries the recommendation that stands,
 * goes out as an Event, and says when the policy decides again.
 */
final class WatchRecords {
  private final EventRecorder events;
  private final PolicyMetrics metrics;
  private final Clock clock;

  WatchRecords(EventRecorder events, PolicyMetrics metrics, Clock clock) {
    this.events = events;
    this.metrics = metrics;
    this.clock = clock;
  }

  FailoverPolicyStatus recovered(FailoverPolicy policy, FailoverPolicyStatus status, Cluster cluster, Instant now, int kept) {
    String name = cluster.getMetadata().getName();
    Watch w = DecisionLog.watch(status, name).orElseThrow();
    Decision d = onWatch(policy, cluster, w, PolicyAction.RECOVERED, now);
    // Over, the outage calls for nothing: HOLD, not the last advice on it (the decisions table read "FAILOVER
    // Recovered" for a recovery).
    d.recommendation = io.failwise.model.estimate.Recommendation.HOLD.name();
    d.target = null;
    Optional<Instant> back = devicesBack(cluster, w.outageSince);
    String lasted =
        w.outageSince == null ? "" : " after " + Format.duration(Duration.between(Instant.parse(w.outageSince), back.orElse(now)));
    String when = back.map(b -> " (its devices back at " + Format.time(b, now, clock.getZone()) + ")").orElse("");
    d.explanation = name + " has recovered" + lasted + when + "; the policy stops re-evaluating it.";
    events.normal(policy, "Recovered", d.explanation);
    FailoverPolicyStatus next = DecisionLog.record(status, d, null, kept);
    metrics.decided(d, null, now, false);
    return next;
  }

  /**
   * When the devices of the outage since {@code since} came back, as the cluster recorded it in
   * {@code status.pastOutages} (detection's return, before its recovery hold confirmed it); empty when
   * the newest entry is not that outage.
   */
  private static Optional<Instant> devicesBack(Cluster cluster, String since) {
    var past = cluster.getStatus() == null ? null : cluster.getStatus().pastOutages;
    if (since == null || past == null || past.isEmpty()) {
      return Optional.empty();
    }
    var last = past.get(past.size() - 1);
    try {
      return Instant.parse(last.start).equals(Instant.parse(since)) ? Optional.of(Instant.parse(last.end)) : Optional.empty();
    } catch (java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /**
   * A maintenance window (failwise silence) silences the outage the policy decided on: it has not
   * ended, so no recovery is recorded and the watch is kept; the policy records once that it stops
   * deciding until the window ends, naming the window, its reason and its end, and decides again on
   * the same outage then if it goes on (or records the recovery if the devices come back first).
   */
  FailoverPolicyStatus silenced(
      FailoverPolicy policy, FailoverPolicyStatus status, Cluster cluster, ClusterSituation situation, Instant now, int kept) {
    String name = cluster.getMetadata().getName();
    Watch w = DecisionLog.watch(status, name).orElseThrow();
    Optional<MaintenanceWindow> window = MaintenanceWindows.of(cluster.getSpec()).schedule().at(now);
    Instant until = window.map(x -> x.endOfOccurrence(now)).orElse(null);
    java.time.ZoneId zone = clock.getZone();
    Decision d = onWatch(policy, cluster, w, PolicyAction.SILENCED, now);
    d.offlineDevices = situation.offlineDevices();
    d.reevaluateAt = until == null ? null : until.truncatedTo(ChronoUnit.SECONDS).toString();
    String since = w.outageSince == null ? "" : " since " + Format.time(Instant.parse(w.outageSince), now, zone);
    String by =
        window
            .map(x -> "maintenance window '" + x.reason() + "'" + (until == null ? "" : " until " + Format.time(until, now, zone)))
            .orElse("a maintenance window");
    d.explanation =
        "The outage of " + name + since + " (" + Format.plural(situation.offlineDevices(), "device") + " offline) is silenced by "
            + by + "; it has not ended. The policy stops deciding on it while silenced and decides again on the same outage"
            + (until == null ? " when the window ends" : " at " + Format.time(until, now, zone))
            + " if it is still going; if the devices come back before, it records the recovery then.";
    events.normal(policy, "Silenced", name + ": " + d.explanation);
    Watch next = carried(w);
    next.reevaluateAt = d.reevaluateAt;
    next.silenced = true;
    FailoverPolicyStatus after = DecisionLog.record(status, d, next, kept);
    metrics.decided(d, null, now, false);
    return after;
  }

  /**
   * The counts of a cluster whose outage the policy decided on cannot be read: no decision can be made
   * (a policy never acts on an unknown signal), and the last one must not look current. The policy
   * records once, as a Warning Event and a notice too, that it stops deciding, what the cluster's Ready
   * condition says and which decision stands; it keeps watching, and decides again on the same outage
   * when the counts can be read (or records the recovery if they show the devices back).
   */
  FailoverPolicyStatus signalLost(
      FailoverPolicy policy,
      FailoverPolicyStatus status,
      Cluster cluster,
      ClusterSituation situation,
      Instant now,
      int kept,
      io.failwise.notify.Notifier notifier) {
    String name = cluster.getMetadata().getName();
    Watch w = DecisionLog.watch(status, name).orElseThrow();
    java.time.ZoneId zone = clock.getZone();
    Decision d = onWatch(policy, cluster, w, PolicyAction.SIGNAL_LOST, now);
    d.offlineDevices = w.offlineDevicesAtDecision;
    var ready = Conditions.find(
        cluster.getStatus() == null ? null : cluster.getStatus().conditions, ClusterStatusFactory.READY);
    String since = situation.signalLostSince() == null ? "" : " since " + Format.time(situation.signalLostSince(), now, zone);
    String says =
        ready.map(c -> "; its Ready condition says " + c.getReason() + ": " + c.getMessage()).map(m -> m.endsWith(".") ? m : m + ".").orElse(".");
    Optional<Decision> last =
        status.decisions.stream().filter(x -> w.lastDecisionId != null && w.lastDecisionId.equals(x.id)).findFirst();
    String lastSaid =
        w.lastRecommendation
            + last.map(x -> " at " + Format.time(Instant.parse(x.time), now, zone)).orElse("")
            + (w.offlineDevicesAtDecision == null ? "" : ", with " + Format.plural(w.offlineDevicesAtDecision, "device") + " offline");
    String outage = w.outageSince == null ? "" : " since " + Format.time(Instant.parse(w.outageSince), now, zone);
    d.explanation =
        "The device counts of " + name + " cannot be read" + since + says + " The policy cannot decide on its outage" + outage
            + " while they cannot: its last decision (" + lastSaid + ") is not re-evaluated and is not current. It decides again on the"
            + " same outage when the counts can be read, or records the recovery if they show the devices back. Until then a person"
            + " decides; the Cluster's status.observers says what each observer sees.";
    events.warning(policy, "SignalLost", name + ": " + d.explanation);
    if (notifier != null) {
      notifier.post(io.failwise.notify.Notices.ofDecision(policy, d, now));
    }
    Watch next = carried(w);
    next.signalLost = true; // a silence it said before is superseded: when the counts return, it says what they show
    FailoverPolicyStatus after = DecisionLog.record(status, d, next, kept);
    metrics.decided(d, null, now, false);
    return after;
  }

  /** The watch as it was, the decision it stands on included, without its pause or schedule. */
  private static Watch carried(Watch w) {
    Watch next = new Watch();
    next.cluster = w.cluster;
    next.outageSince = w.outageSince;
    next.lastDecisionId = w.lastDecisionId;
    next.offlineDevicesAtDecision = w.offlineDevicesAtDecision;
    next.lastRecommendation = w.lastRecommendation;
    return next;
  }

  /** A record about an outage the policy watches (its recovery, its silence, its lost signal): the last recommendation stands. */
  private static Decision onWatch(FailoverPolicy policy, Cluster cluster, Watch w, PolicyAction action, Instant now) {
    Decision d = new Decision();
    d.id = PolicyDecider.decisionId(policy, cluster, now);
    d.time = now.truncatedTo(ChronoUnit.SECONDS).toString();
    d.cluster = cluster.getMetadata().getName();
    d.recommendation = w.lastRecommendation;
    d.action = action.displayName();
    d.outageSince = w.outageSince;
    return d;
  }
}
