package io.failwise.operator.policy;

import io.failwise.operator.watch.Unreadable;
import io.failwise.api.Cluster;
import io.failwise.api.FailoverPolicy;
import io.failwise.api.FailoverPolicySpec;
import io.failwise.api.FailoverPolicyStatus;
import io.failwise.model.policy.ClusterSituation;
import io.failwise.model.policy.PolicyTrigger;
import io.failwise.model.policy.TriggerSettings;
import io.failwise.operator.FailwiseConfig;
import io.failwise.api.validation.PolicyValidator;
import io.failwise.api.validation.Problem;
import io.failwise.operator.status.Conditions;
import io.failwise.operator.status.ReconcileFailure;
import io.failwise.operator.status.EventRecorder;
import io.failwise.operator.status.StatusDiff;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Watches the clusters a FailoverPolicy selects; when one has been in an outage long enough, asks the
 * decider for a decision and records it; re-decides when the decision said to, or when the numbers
 * change materially; records the recovery. Reconciles of one policy never overlap (JOSDK), which is
 * what makes "one decision per trigger" hold when many cluster events arrive at once.
 */
@ControllerConfiguration(name = "policy")
public class PolicyReconciler implements Reconciler<FailoverPolicy> {
  private static final Logger LOG = Logger.getLogger(PolicyReconciler.class);

  /** The reason of the Ready condition and the Warning Event when a reconcile of the policy failed. */
  static final String RECONCILE_FAILED = ReconcileFailure.REASON;

  private final PolicyDecider decider;
  private final FailwiseConfig config;
  private final Clock clock;
  private final EventRecorder events;

  public PolicyReconciler(PolicyDecider decider, FailwiseConfig config, Clock clock, EventRecorder events) {
    this.decider = decider;
    this.config = config;
    this.clock = clock;
    this.events = events;
  }

  private static final String BY_NAMESPACE = "failwise.io/namespace";

  @Override
  public List<EventSource<?, FailoverPolicy>> prepareEventSources(EventSourceContext<FailoverPolicy> context) {
    // Policies select clusters of their own namespace: an event looks at that namespace's policies only.
    var policies = context.getPrimaryCache();
    policies.addIndexer(BY_NAMESPACE, p -> List.of(String.valueOf(p.getMetadata().getNamespace())));
    var clusters =
        InformerEventSourceConfiguration.from(Cluster.class, FailoverPolicy.class)
            .withSecondaryToPrimaryMapper(
                (Cluster c) ->
                    policies.byIndex(BY_NAMESPACE, String.valueOf(c.getMetadata().getNamespace())).stream()
                        .filter(p -> ClusterSelection.selects(p, c) || watches(p, c))
                        .map(ResourceID::fromResource)
                        .collect(Collectors.toSet()))
            .build();
    return List.of(new InformerEventSource<>(clusters, context));
  }

  private static boolean watches(FailoverPolicy p, Cluster c) {
    return Objects.equals(p.getMetadata().getNamespace(), c.getMetadata().getNamespace())
        && DecisionLog.watch(p.getStatus(), c.getMetadata().getName()).isPresent();
  }

  /**
   * Reconciles, and turns any failure into the policy's status rather than JOSDK's retry: an exception
   * that comes from the object (a value no code path expected) would come again on every retry and every
   * cluster event, each with a stack trace in the log, and the policy would never show why. Instead the
   * Ready condition says {@code ReconcileFailed} with the exception, a Warning Event and one log line are
   * written when that message first appears, and the policy is looked at again on the poll interval or
   * its next change.
   */
  @Override
  public UpdateControl<FailoverPolicy> reconcile(FailoverPolicy policy, Context<FailoverPolicy> context) {
    if (Unreadable.isUnreadable(policy)) {
      return UpdateControl.noUpdate(); // reported by UnreadableObjects; nothing to do until it is fixed
    }
    try {
      return reconcileReadable(policy, context);
    } catch (RuntimeException e) {
      return failed(policy, e, clock.instant());
    }
  }

  UpdateControl<FailoverPolicy> failed(FailoverPolicy policy, RuntimeException e, Instant now) {
    if (ReconcileFailure.whileStopping(e)) {
      LOG.debugf("FailoverPolicy %s/%s: reconcile cut short by the controller stopping: %s", policy.getMetadata().getNamespace(),
          policy.getMetadata().getName(), describe(e));
      return UpdateControl.noUpdate();
    }
    Long generation = policy.getMetadata().getGeneration();
    String message =
        "The controller could not reconcile this policy: " + describe(e)
            + ". No decision is made until that is fixed; it is tried again on its next change or in "
            + io.failwise.model.Format.duration(config.pollInterval()) + ".";
    FailoverPolicyStatus status = DecisionLog.copy(policy.getStatus());
    status.observedGeneration = generation;
    status.conditions = Conditions.set(status.conditions, "Ready", Conditions.FALSE, RECONCILE_FAILED, message, generation, now);
    boolean saidBefore = ReconcileFailure.saidBefore(policy.getStatus() == null ? null : policy.getStatus().conditions, message);
    UpdateControl<FailoverPolicy> control = UpdateControl.noUpdate();
    if (!saidBefore) {
      String where = policy.getMetadata().getNamespace() + "/" + policy.getMetadata().getName();
      LOG.warnf(e, "FailoverPolicy %s could not be reconciled: %s", where, describe(e));
      events.warning(policy, RECONCILE_FAILED, message);
      policy.setStatus(status);
      control = UpdateControl.patchStatus(policy);
    }
    return control.rescheduleAfter(config.pollInterval());
  }

  /** What failed and where in Failwise ({@link ReconcileFailure#describe}). */
  static String describe(Throwable e) {
    return ReconcileFailure.describe(e);
  }

  private UpdateControl<FailoverPolicy> reconcileReadable(FailoverPolicy policy, Context<FailoverPolicy> context) {
    Instant now = clock.instant();
    List<Problem> bounds = PolicyValidator.bounds(policy.getSpec());
    if (!bounds.isEmpty()) {
      return invalid(policy, bounds, now);
    }
    @SuppressWarnings("unchecked")
    var informer = (InformerEventSource<Cluster, FailoverPolicy>) context.eventSourceRetriever().getEventSourceFor(Cluster.class);
    String namespace = policy.getMetadata().getNamespace();
    // Every stored cluster, those the controller cannot read included (their metadata only), so that a decision
    // passing one over as a target, and the Ready condition naming one, say it cannot be read, not that it does not exist.
    List<Cluster> stored = informer.list(namespace).toList();
    List<Cluster> inNamespace = stored.stream().filter(Unreadable::readable).toList();
    List<Cluster> selected =
        inNamespace.stream()
            .filter(c -> ClusterSelection.selects(policy, c))
            .sorted(Comparator.comparing(c -> c.getMetadata().getName()))
            .toList();
    FailoverPolicySpec spec = policy.getSpec();
    TriggerSettings trigger = triggerSettings(spec);
    FailoverPolicyStatus status = DecisionLog.copy(policy.getStatus());
    Duration next = config.pollInterval();
    for (Cluster cluster : selected) {
      ClusterSituation situation = Situations.of(cluster);
      status = look(decider, policy, status, cluster, stored, situation, trigger, now);
      var after = DecisionLog.state(status, cluster.getMetadata().getName());
      Duration look = PolicyTrigger.untilNextLook(situation, trigger, after, now, config.pollInterval());
      next = look.compareTo(next) < 0 ? look : next;
    }
    Set<String> names = selected.stream().map(c -> c.getMetadata().getName()).collect(Collectors.toSet());
    status.watches.removeIf(w -> !names.contains(w.cluster));
    status.clustersWatched = selected.size();
    status.observedGeneration = policy.getMetadata().getGeneration();
    status.conditions = readiness(policy, status, selected, stored, now);
    UpdateControl<FailoverPolicy> control;
    if (StatusDiff.changed(policy.getStatus(), status)) {
      policy.setStatus(status);
      control = UpdateControl.patchStatus(policy);
    } else {
      control = UpdateControl.noUpdate();
    }
    return control.rescheduleAfter(next);
  }

  /** Numbers out of their bounds: Ready=False InvalidSpec naming each, no decision, the decisions on record kept. */
  private UpdateControl<FailoverPolicy> invalid(FailoverPolicy policy, List<Problem> problems, Instant now) {
    Long generation = policy.getMetadata().getGeneration();
    FailoverPolicyStatus status = DecisionLog.copy(policy.getStatus());
    status.observedGeneration = generation;
    String message = "The spec is invalid: " + io.failwise.api.validation.ClusterValidator.summary(problems) + " No decision is made until it is fixed.";
    boolean saidBefore =
        Conditions.find(policy.getStatus() == null ? null : policy.getStatus().conditions, "Ready")
            .map(c -> message.equals(c.getMessage()))
            .orElse(false);
    status.conditions = Conditions.set(status.conditions, "Ready", Conditions.FALSE, "InvalidSpec", message, generation, now);
    if (!saidBefore) {
      events.warning(policy, "InvalidSpec", message);
    }
    if (!StatusDiff.changed(policy.getStatus(), status)) {
      return UpdateControl.noUpdate();
    }
    policy.setStatus(status);
    return UpdateControl.patchStatus(policy);
  }

  /**
   * One look at one selected cluster: the readings noted for the trend, and what the trigger says done
   * (decide, record the recovery, record that a silence or a lost signal stops the deciding, or wait).
   */
  static FailoverPolicyStatus look(
      PolicyDecider decider,
      FailoverPolicy policy,
      FailoverPolicyStatus status,
      Cluster cluster,
      List<Cluster> stored,
      ClusterSituation situation,
      TriggerSettings trigger,
      Instant now) {
    decider.observed(situation, now);
    var watch = DecisionLog.state(status, cluster.getMetadata().getName());
    var verdict = PolicyTrigger.evaluate(situation, trigger, watch, now);
    if (verdict.next() == PolicyTrigger.Next.WAIT && situation.signalKnown() && situation.outage() && !situation.silenced()
        && !situation.devicesAway() && decider.haltLifted(status, cluster.getMetadata().getName())) {
      verdict = new PolicyTrigger.Verdict(PolicyTrigger.Next.DECIDE, PolicyTrigger.Why.HALT_LIFTED);
    }
    return switch (verdict.next()) {
      case DECIDE -> decider.decide(policy, status, cluster, stored, situation, verdict.why(), now);
      case RECOVERED -> decider.recovered(policy, status, cluster, now);
      case SILENCED -> decider.silenced(policy, status, cluster, situation, now);
      case SIGNAL_LOST -> decider.signalLost(policy, status, cluster, situation, now);
      case WAIT -> status;
    };
  }

  static TriggerSettings triggerSettings(FailoverPolicySpec spec) {
    var t = spec.trigger == null ? new FailoverPolicySpec.Trigger() : spec.trigger;
    return new TriggerSettings(
        Duration.ofSeconds(t.outageForSeconds == null ? 60 : t.outageForSeconds),
        t.minOfflineDevices == null ? 1000 : t.minOfflineDevices,
        t.materialChange == null ? 0.2 : t.materialChange);
  }

  private List<io.fabric8.kubernetes.api.model.Condition> readiness(
      FailoverPolicy policy, FailoverPolicyStatus status, List<Cluster> selected, List<Cluster> stored, Instant now) {
    var problem = decider.problem(policy);
    Long generation = policy.getMetadata().getGeneration();
    // A named cluster that does not exist is a typo an SRE wants to hear of, not a silently smaller watch.
    Map<String, Cluster> existing = new java.util.HashMap<>();
    stored.forEach(c -> existing.put(c.getMetadata().getName(), c));
    List<String> named = policy.getSpec().selector.clusters == null ? List.of()
        : policy.getSpec().selector.clusters.stream().filter(java.util.Objects::nonNull).distinct().sorted().toList();
    List<String> missing = named.stream().filter(n -> !existing.containsKey(n)).toList();
    List<String> unreadable = named.stream().filter(n -> existing.containsKey(n) && Unreadable.isUnreadable(existing.get(n)))
        .map(n -> n + " (" + Unreadable.problem(existing.get(n)).orElseThrow() + ")").toList();
    String unknown = (missing.isEmpty() ? ""
        : " spec.selector.clusters names " + (missing.size() == 1 ? "a Cluster" : "Clusters") + " that do" + (missing.size() == 1 ? "es" : "")
            + " not exist in namespace " + policy.getMetadata().getNamespace() + ": " + String.join(", ", missing) + ".")
        + (unreadable.isEmpty() ? ""
            : " spec.selector.clusters names " + (unreadable.size() == 1 ? "a Cluster" : "Clusters") + " the controller cannot read, left"
                + " unwatched until fixed: " + String.join("; ", unreadable) + ".");
    if (problem.isPresent()) {
      // Said as an Event once, as a spec out of bounds is: an Auto policy naming a missing playbook was
      // visible only in its status until an outage came. A misspelt cluster is said beside it, not only
      // once the playbook is fixed.
      String invalid = problem.get() + unknown;
      if (!saidBefore(status, invalid)) {
        events.warning(policy, "InvalidSpec", invalid);
      }
      return Conditions.set(status.conditions, "Ready", Conditions.FALSE, "InvalidSpec", invalid, generation, now);
    }
    String message =
        (selected.isEmpty()
            ? "The selector matches no cluster in namespace " + policy.getMetadata().getNamespace() + "."
            : "Watching " + io.failwise.model.Format.plural(selected.size(), "cluster") + " in " + policy.getSpec().mode + " mode.") + unknown
            + decider.shadowPlaybookProblem(policy)
                .map(p -> " " + p + " Its decisions weigh every move, not only that playbook's, until it can be used.")
                .orElse("");
    if (selected.isEmpty() || !unknown.isEmpty()) {
      // Said as an Event once, as an invalid spec is: a GitOps typo in a cluster's name or a label left the
      // policy watching nothing (or less) with nothing but its status to say so.
      if (!saidBefore(status, message)) {
        events.warning(policy, selected.isEmpty() ? "NoClusters" : "UnknownClusters", message);
      }
    }
    // A named cluster that does not exist leaves it unwatched: not Ready, so that Argo CD shows the policy
    // Degraded (it was Healthy while one of its two clusters had no protection). The others are watched.
    String reason = selected.isEmpty() ? "NoClusters" : unknown.isEmpty() ? "Watching" : "UnknownClusters";
    return Conditions.set(status.conditions, "Ready", Conditions.status(!selected.isEmpty() && unknown.isEmpty()), reason, message, generation, now);
  }

  /** Whether the Ready condition says {@code message} already: its Event was made when it first did. */
  private static boolean saidBefore(FailoverPolicyStatus status, String message) {
    return Conditions.find(status.conditions, "Ready").map(c -> message.equals(c.getMessage())).orElse(false);
  }
}
