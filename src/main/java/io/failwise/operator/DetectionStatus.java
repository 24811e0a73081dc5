package io.failwise.operator;

import io.failwise.api.Cluster;
import io.failwise.api.ClusterStatus;
import io.failwise.api.DeviceCounts;
import io.failwise.api.ObserverStatus;
import io.failwise.model.Health;
import io.failwise.model.detect.DetectionState;
import io.failwise.model.detect.DetectionVerdict;
import io.failwise.model.detect.ObserverVerdict;
import io.failwise.model.detect.QuorumVerdict;
import io.failwise.operator.status.Conditions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Builds a ClusterStatus from the observers' verdicts combined by quorum. Pure. An observer that
 * could not be read is shown as Unknown with its reason and never counts as healthy; when too few
 * observers can be read to reach the quorum, Degraded and Outage are Unknown, not False.
 */
final class DetectionStatus {
  static final String NO_QUORUM = "NoQuorum";

  private DetectionStatus() {}

  static ClusterStatus of(Cluster cluster, QuorumVerdict q, Instant now) {
    ClusterStatus previous = cluster.getStatus() == null ? new ClusterStatus() : cluster.getStatus();
    ClusterStatus next = new ClusterStatus();
    Long generation = cluster.getMetadata().getGeneration();
    next.observedGeneration = generation;
    next.observers = q.observers().stream().map(DetectionStatus::observer).toList();
    Health health = health(q);
    next.health = health.displayName();
    List<ObserverVerdict> known = q.observers().stream().filter(ObserverVerdict::isKnown).toList();
    List<ObserverVerdict> agreeing = q.observers().stream().filter(o -> q.agreeing().contains(o.name())).toList();
    DetectionVerdict shown =
        (health == Health.OUTAGE || health == Health.DEGRADED ? agreeing : known).stream()
            .map(ObserverVerdict::verdict)
            .findFirst()
            .orElse(null);
    if (shown != null) {
      long expected = shown.expected() != null ? shown.expected() : shown.baselineConnected();
      next.devices = new DeviceCounts(expected, shown.connected(), Math.max(0, expected - shown.connected()));
      next.lastSignalTime = shown.at().truncatedTo(ChronoUnit.SECONDS).toString();
    } else {
      next.devices = previous.devices;
      next.lastSignalTime = previous.lastSignalTime;
    }
    if (health == Health.OUTAGE || health == Health.DEGRADED) {
      next.onsetTime = q.onset() == null ? null : q.onset().toString();
      next.excessOfflineDevices =
          agreeing.stream().map(o -> o.verdict().excessOfflineDevices()).max(Comparator.naturalOrder()).orElse(null);
      next.agreeingObservers = List.copyOf(q.agreeing());
    } else if (health == Health.UNKNOWN) {
      next.onsetTime = ClusterStatusFactory.onsetKeptWhileUnknown(previous); // an outage whose signal is lost is not over
    }
    var c = previous.conditions;
    c = ready(c, q, generation, now);
    c = verdict(c, ClusterStatusFactory.DEGRADED, q.degraded(), q, DetectionState.DEGRADED, generation, now);
    if (q.outageSilenced()) {
      // Not over, only silenced: a reason of its own, so that neither the outage history nor a policy
      // takes it for an end, and a message that says which window and until when.
      Instant at = shown == null ? now : shown.at();
      String window =
          io.failwise.api.validation.MaintenanceWindows.of(cluster.getSpec()).schedule().at(at)
              .map(w -> "maintenance window '" + w.reason() + "'" + (w.endOfOccurrence(at) == null ? "" : " until " + w.endOfOccurrence(at)))
              .orElse("a maintenance window");
      String offline = next.devices == null ? "" : " with " + io.failwise.model.Format.plural(next.devices.offline, "device") + " offline";
      String message =
          "The outage since " + next.onsetTime + offline + " is silenced by " + window
              + ": it has not ended. No policy acts on it while the window lasts; if the devices are still offline"
              + " when it ends, it is an Outage again (the same onset), and if they come back before, it ends then.";
      c = Conditions.set(c, ClusterStatusFactory.OUTAGE, Conditions.FALSE, ClusterStatusFactory.SILENCED, message, generation, now);
    } else {
      c = verdict(c, ClusterStatusFactory.OUTAGE, q.outage(), q, DetectionState.OUTAGE, generation, now);
    }
    next.conditions = c;
    return next;
  }

  private static Health health(QuorumVerdict q) {
    if (Boolean.TRUE.equals(q.outage())) {
      return Health.OUTAGE;
    }
    if (Boolean.TRUE.equals(q.degraded())) {
      return Health.DEGRADED;
    }
    return Boolean.FALSE.equals(q.degraded()) ? Health.HEALTHY : Health.UNKNOWN;
  }

  private static List<io.fabric8.kubernetes.api.model.Condition> ready(
      List<io.fabric8.kubernetes.api.model.Condition> c, QuorumVerdict q, Long generation, Instant now) {
    int read = (int) q.observers().stream().filter(ObserverVerdict::judged).count();
    String counted = read + " of " + q.observers().size() + " observers read (quorum " + q.quorum() + ")";
    List<ObserverVerdict> missing = q.observers().stream().filter(o -> !o.judged()).toList();
    if (q.outage() != null) {
      String message = missing.isEmpty() ? counted + "." : counted + "; " + describe(missing);
      return Conditions.set(c, ClusterStatusFactory.READY, Conditions.TRUE, "SignalRead", message, generation, now);
    }
    String reason = missing.isEmpty() ? NO_QUORUM : missing.get(0).reason();
    return Conditions.set(
        c, ClusterStatusFactory.READY, Conditions.FALSE, reason,
        "The signal is unknown: " + counted + "; " + describe(missing), generation, now);
  }

  private static List<io.fabric8.kubernetes.api.model.Condition> verdict(
      List<io.fabric8.kubernetes.api.model.Condition> c,
      String type,
      Boolean value,
      QuorumVerdict q,
      DetectionState state,
      Long generation,
      Instant now) {
    List<ObserverVerdict> saying =
        q.observers().stream()
            .filter(o -> o.judged() && o.verdict().state().ordinal() >= state.ordinal())
            .toList();
    if (value == null) {
      List<ObserverVerdict> missing = q.observers().stream().filter(o -> !o.judged()).toList();
      String reason = missing.isEmpty() ? NO_QUORUM : missing.get(0).reason();
      String message =
          "Cannot tell: " + saying.size() + " of " + q.observers().size() + " observers say " + type
              + " and " + q.quorum() + " must agree; " + describe(missing);
      return Conditions.set(c, type, Conditions.UNKNOWN, reason, message, generation, now);
    }
    if (value) {
      ObserverVerdict first = saying.get(0);
      String message =
          first.message() + " Agreeing: " + names(saying) + " (quorum " + q.quorum() + ")"
              + (q.dissenting().isEmpty() ? "." : "; not agreeing: " + names(q.dissenting(), q) + ".");
      return Conditions.set(c, type, Conditions.TRUE, first.reason(), message, generation, now);
    }
    if (!saying.isEmpty()) {
      String message =
          names(saying) + " " + (saying.size() == 1 ? "says " : "say ") + type + " but " + q.quorum()
              + " must agree; the others see normal churn. " + saying.get(0).message();
      return Conditions.set(c, type, Conditions.FALSE, NO_QUORUM, message, generation, now);
    }
    return q.observers().stream()
        .filter(ObserverVerdict::judged)
        .findFirst()
        .map(any -> Conditions.set(c, type, Conditions.FALSE, any.reason(), any.message(), generation, now))
        .orElseGet(() -> Conditions.set(c, type, Conditions.FALSE, NO_QUORUM, "Too few observers to reach the quorum.", generation, now));
  }

  private static ObserverStatus observer(ObserverVerdict o) {
    ObserverStatus s = new ObserverStatus();
    s.name = o.name();
    s.state = o.isKnown() ? "Known" : "Unknown";
    s.reason = o.reason();
    s.message = o.message();
    s.lastReadTime = o.lastReadTime() == null ? null : o.lastReadTime().truncatedTo(ChronoUnit.SECONDS).toString();
    s.errorsPerSecond = o.errorsPerSecond();
    if (o.isKnown()) {
      DetectionVerdict v = o.verdict();
      s.connected = v.connected();
      s.expected = v.expected();
      s.health =
          switch (v.state()) {
            case LEARNING -> Health.UNKNOWN.displayName();
            case NORMAL -> Health.HEALTHY.displayName();
            case DEGRADED -> Health.DEGRADED.displayName();
            case OUTAGE -> Health.OUTAGE.displayName();
          };
    } else {
      s.health = Health.UNKNOWN.displayName();
    }
    return s;
  }

  private static String describe(List<ObserverVerdict> observers) {
    List<String> parts = new ArrayList<>();
    for (ObserverVerdict o : observers) {
      parts.add(o.name() + ": " + o.reason() + ", " + o.message());
    }
    String joined = String.join("; ", parts);
    return joined.endsWith(".") ? joined : joined + ".";
  }

  private static String names(List<ObserverVerdict> observers) {
    return observers.stream().map(ObserverVerdict::name).collect(Collectors.joining(", "));
  }

  private static String names(List<String> names, QuorumVerdict q) {
    return names.stream()
        .map(n -> n + " (" + q.observers().stream().filter(o -> o.name().equals(n)).map(ObserverVerdict::reason).filter(Objects::nonNull).findFirst().orElse("?") + ")")
        .collect(Collectors.joining(", "));
  }
}
