package io.failwise.cli.world;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.failwise.api.Cluster;
import io.failwise.api.FailoverPolicy;
import io.failwise.api.FailoverPolicyStatus;
import io.failwise.model.Format;
import io.failwise.operator.status.Conditions;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads what the controller wrote (cluster conditions, policy decisions) through the API server,
 * like any client would, and tells the timeline what changed since the last look.
 */
public final class FleetObserver {
  private final KubernetesClient client;
  private final String namespace;
  private final Timeline timeline;
  private final Map<String, String> lastState = new HashMap<>();
  private final Set<String> printedDecisions = new HashSet<>();
  private Instant firstOutage;
  private String firstDecision;
  /** The control namespace whose halt the feed tells of, or null (the demo's night has no halt). */
  private String controlNamespace;
  private Optional<String> lastHalt = Optional.empty();

  public FleetObserver(KubernetesClient client, String namespace, Timeline timeline) {
    this.client = client;
    this.namespace = namespace;
    this.timeline = timeline;
  }

  /** Also tells of the global halt in {@code namespace} ({@code failwise.runs.control-namespace}): pulled and lifted. */
  public FleetObserver withHalt(String namespace) {
    this.controlNamespace = namespace;
    this.lastHalt = halt();
    return this;
  }

  /** The halt in force, as the rest of a sentence ("by alice (game day)"), or empty. */
  private Optional<String> halt() {
    if (controlNamespace == null) {
      return Optional.empty();
    }
    var cm = client.configMaps().inNamespace(controlNamespace).withName(io.failwise.operator.run.HaltSwitch.NAME).get();
    if (cm == null) {
      return Optional.empty();
    }
    var data = cm.getData() == null ? Map.<String, String>of() : cm.getData();
    String reason = data.get("reason");
    return Optional.of("by " + data.getOrDefault("by", "someone") + (reason == null || reason.isBlank() ? "" : " (" + reason + ")"));
  }

  private void lookAtHalt(Instant now) {
    Optional<String> halt = halt();
    if (!halt.equals(lastHalt)) {
      timeline.failwise(now, halt.map(h -> "Halted " + h + ": no run moves until `failwise resume`.")
          .orElseGet(() -> "Resumed: the halt " + lastHalt.orElse("") + " is lifted; runs go on."));
      lastHalt = halt;
    }
  }

  /**
   * What the timeline calls a cluster's state: Outage, Silenced (an outage in progress a maintenance
   * window silences: the Outage condition False with reason Silenced, not over), Degraded or Healthy.
   */
  static String state(Optional<Condition> outage, Optional<Condition> degraded) {
    if (outage.filter(x -> Conditions.TRUE.equals(x.getStatus())).isPresent()) {
      return "Outage";
    }
    if (outage.filter(x -> Conditions.FALSE.equals(x.getStatus()) && "Silenced".equals(x.getReason())).isPresent()) {
      return "Silenced";
    }
    return degraded.filter(x -> Conditions.TRUE.equals(x.getStatus())).isPresent() ? "Degraded" : "Healthy";
  }

  /**
   * When the cluster turned Degraded, if it did so between two looks of the feed and went on to Outage
   * before the next: at 60x a look is some simulated minutes, and the feed printed "is Outage" alone,
   * though it promises one line per health transition. Empty when the feed saw the Degraded, or none was.
   */
  static Optional<Instant> degradedUnseen(String before, String state, Optional<Condition> outage, Optional<Condition> degraded) {
    if (!"Healthy".equals(before) || !"Outage".equals(state)) {
      return Optional.empty();
    }
    Optional<Instant> degradedAt = degraded.filter(x -> Conditions.TRUE.equals(x.getStatus())).map(Condition::getLastTransitionTime)
        .filter(java.util.Objects::nonNull).map(Instant::parse);
    Optional<Instant> outageAt = outage.map(Condition::getLastTransitionTime).filter(java.util.Objects::nonNull).map(Instant::parse);
    return degradedAt.filter(d -> outageAt.isPresent() && d.isBefore(outageAt.get()));
  }

  private static boolean outageState(String state) {
    return "Outage".equals(state) || "Silenced".equals(state);
  }

  public void look(Instant now) {
    lookAtHalt(now);
    for (Cluster c : client.resources(Cluster.class).inNamespace(namespace).list().getItems()) {
      if (c.getStatus() == null) {
        continue;
      }
      String name = c.getMetadata().getName();
      Optional<Condition> outage = Conditions.find(c.getStatus().conditions, "Outage");
      Optional<Condition> degraded = Conditions.find(c.getStatus().conditions, "Degraded");
      Optional<Condition> ready = Conditions.find(c.getStatus().conditions, "Ready");
      if (ready.filter(x -> !Conditions.TRUE.equals(x.getStatus())).isPresent()) {
        String reason = "Unknown:" + ready.get().getReason();
        if (!reason.equals(lastState.put(name, reason))) {
          timeline.failwise(now, name + " signal unknown (" + ready.get().getReason() + "): " + ready.get().getMessage());
        }
        continue;
      }
      String state = state(outage, degraded);
      String before = lastState.put(name, state);
      // A signal first read is no news; a spec fixed (Unknown:InvalidSpec, said above) is.
      if (before != null && !before.equals(state) && !(before.startsWith("Unknown") && !before.equals("Unknown:InvalidSpec") && "Healthy".equals(state))) {
        // The condition whose transition this is: Outage turning true or false (or silenced), or Degraded turning.
        boolean outageMoved = outageState(state) || outageState(before);
        Condition cause = (outageMoved ? outage : degraded).orElse(null);
        Condition text = ("Healthy".equals(state) ? degraded : outageState(state) ? outage : degraded).orElse(null);
        Instant at = cause == null || cause.getLastTransitionTime() == null ? now : Instant.parse(cause.getLastTransitionTime());
        String message = text == null ? "" : inZone(text.getMessage(), at);
        degradedUnseen(before, state, outage, degraded).ifPresent(d ->
            timeline.failwise(d, name + " is Degraded (and Outage before this feed looked again)."));
        String onset = c.getStatus().onsetTime == null || message.contains("(estimated onset)")
            ? "" : " Estimated onset " + timeline.time(Instant.parse(c.getStatus().onsetTime)) + ".";
        timeline.failwise(at, name + " is " + state + ": " + message + ("Healthy".equals(state) ? "" : onset));
        if ("Outage".equals(state) && firstOutage == null) {
          firstOutage = at;
        }
      }
    }
    for (FailoverPolicy p : client.resources(FailoverPolicy.class).inNamespace(namespace).list().getItems()) {
      if (p.getStatus() == null) {
        continue;
      }
      var decisions = new java.util.ArrayList<>(p.getStatus().decisions);
      java.util.Collections.reverse(decisions);
      for (FailoverPolicyStatus.Decision d : decisions) {
        // Keyed by policy too: two policies on one cluster decide at the same second.
        if (printedDecisions.add(p.getMetadata().getNamespace() + "/" + p.getMetadata().getName() + "/" + d.id)) {
          if (firstDecision == null && d.recommendation != null) {
            firstDecision = d.recommendation;
          }
          timeline.failwise(
              Instant.parse(d.time),
              "Policy " + p.getMetadata().getName() + ("Recovered".equals(d.action) ? " recorded the recovery" : " decided " + d.recommendation + " (" + d.action + ")")
                  + ": " + inZone(String.valueOf(d.explanation), Instant.parse(d.time))
                  + (d.turnsWith == null ? "" : " Turns with: " + d.turnsWith + "."));
        }
      }
    }
  }

  /**
   * The condition messages carry RFC 3339 times in UTC (status is read by programs too); the line a
   * person reads gives every time in the timeline's zone, so one sentence never mixes two zones, and
   * with its date when it is not on the day of {@code at}, the line's own time ("allowed from
   * 2026-03-13 01:42:00 (in 21 h 50 min)", never a bare 01:42:00 that reads as today).
   */
  String inZone(String message, Instant at) {
    return inZone(timeline, message, at);
  }

  static String inZone(Timeline timeline, String message, Instant at) {
    return RFC_3339_UTC.matcher(message).replaceAll(m -> timeline.time(Instant.parse(m.group()), at));
  }

  private static final java.util.regex.Pattern RFC_3339_UTC =
      java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?Z");

  public Optional<Instant> firstOutage() {
    return Optional.ofNullable(firstOutage);
  }

  public Optional<String> firstDecision() {
    return Optional.ofNullable(firstDecision);
  }

  public int decisionsSeen() {
    return printedDecisions.size();
  }
}
