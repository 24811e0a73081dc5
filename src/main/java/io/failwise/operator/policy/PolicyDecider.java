package io.failwise.operator.policy;

import io.failwise.api.Cluster;
import io.failwise.api.FailoverPolicy;
import io.failwise.api.FailoverPolicySpec;
import io.failwise.api.FailoverPolicyStatus;
import io.failwise.api.FailoverPolicyStatus.Decision;
import io.failwise.api.FailoverPolicyStatus.Watch;
import io.failwise.api.validation.MaintenanceWindows;
import io.failwise.model.Format;
import io.failwise.model.estimate.ActionBlock;
import io.failwise.model.estimate.ActionLimits;
import io.failwise.model.estimate.DurationPrior;
import io.failwise.model.estimate.Estimate;
import io.failwise.model.estimate.EstimateInput;
import io.failwise.model.estimate.FailoverEstimator;
import io.failwise.model.estimate.Outage;
import io.failwise.model.estimate.Recommendation;
import io.failwise.model.estimate.Sensitivity;
import io.failwise.model.detect.MaintenanceWindow;
import io.failwise.model.policy.ClusterSituation;
import io.failwise.model.policy.Guard;
import io.failwise.model.policy.PolicyAction;
import io.failwise.model.policy.PolicyTrigger;
import io.failwise.operator.estimate.Calibrations;
import io.failwise.operator.estimate.EstimateInputs;
import io.failwise.operator.estimate.PastOutages;
import io.failwise.operator.status.EventRecorder;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Turns a triggered policy into a decision on record: runs the estimator with the live numbers,
 * chooses the action the mode and the guards allow, stages or starts the run, and explains all of it
 * in one paragraph that also goes out as a Kubernetes Event.
 */
@ApplicationScoped
public class PolicyDecider {
  private final FailoverEstimator estimator;
  private final EventRecorder events;
  private final PolicyMetrics metrics;
  private final PolicyRuns runs;

  private final java.time.Clock clock;
  private final RecentOffline recent = new RecentOffline();
  private io.failwise.notify.Notifier notifier;
  private PastOutages.Learning learning = PastOutages.Learning.DEFAULT;

  /** Also posts each decision to the notification channels. */
  @jakarta.inject.Inject
  public void notifyWith(io.failwise.notify.Notifier notifier) {
    this.notifier = notifier;
  }

  /** The duration prior learns from the namespace's past outages as failwise.estimator.past-outages.* says. */
  @jakarta.inject.Inject
  public void configure(io.failwise.operator.FailwiseConfig config) {
    learnWith(PastOutages.Learning.of(config.estimator()));
  }

  void learnWith(PastOutages.Learning learning) {
    this.learning = learning;
  }

  public PolicyDecider(
      FailoverEstimator estimator, EventRecorder events, PolicyMetrics metrics, PolicyRuns runs, java.time.Clock clock) {
    this.clock = clock;
    this.estimator = estimator;
    this.events = events;
    this.metrics = metrics;
    this.runs = runs;
  }

  /** The estimator as this policy re-decides: on its trigger's material change (the default when unset). */
  private FailoverEstimator forTrigger(FailoverPolicySpec spec) {
    Double change = spec.trigger == null ? null : spec.trigger.materialChange;
    if (change == null || change == estimator.config().materialChange() || !(change > 0)) {
      return estimator;
    }
    return new FailoverEstimator(estimator.config().withMaterialChange(change));
  }

  /** Every look at a watched cluster: its offline readings make the trend the next decision projects. */
  public void observed(ClusterSituation situation, Instant now) {
    if (situation.signalKnown()) {
      // A silenced outage goes on: its readings still make the trend when the policy decides again.
      recent.observed(situation.cluster(), situation.outage() || situation.silenced(), situation.offlineDevices(), now);
    }
  }

  public FailoverPolicyStatus decide(
      FailoverPolicy policy,
      FailoverPolicyStatus status,
      Cluster cluster,
      List<Cluster> inNamespace,
      ClusterSituation situation,
      PolicyTrigger.Why why,
      Instant now) {
    FailoverPolicySpec spec = policy.getSpec();
    Decision d = new Decision();
    d.id = decisionId(cluster, now);
    d.time = now.truncatedTo(ChronoUnit.SECONDS).toString();
    d.cluster = cluster.getMetadata().getName();
    d.offlineDevices = situation.offlineDevices();
    d.outageSince = situation.outageSince() == null ? null : situation.outageSince().toString();
    Estimate estimate;
    Instant since = situation.outageSince() == null ? now : situation.outageSince();
    try {
      // offlineDevices is what the monitor counts offline now; the readings before it give the trend.
      Outage outage =
          new Outage(since, situation.offlineDevices()).withRecent(recent.before(d.cluster, now));
      // Times in the explanation are in the controller clock's zone (failwise.time-zone).
      // The halt, a freeze window and the daily budget enter the decision: it recommends what can run now.
      // The policy's prior learns from the outages the namespace's clusters recorded as ended.
      DurationPrior prior = PastOutages.prior(prior(policy), inNamespace, learning);
      EstimateInput input = available(policy, EstimateInputs.from(cluster, inNamespace, outage, now, prior, clock.getZone()), now);
      ActionLimits limits = runs.limits(policy, cluster, now);
      long started = System.nanoTime(); // the machine's time, not the controller's clock (a simulator's under the demo)
      // While the count rises this policy decides again once it has moved by its own material change.
      FailoverEstimator policyEstimator = forTrigger(spec);
      estimate = policyEstimator.estimate(input, limits);
      d.turnsWith = Sensitivity.sentence(policyEstimator, input, limits, estimate).orElse(null);
      metrics.estimated(System.nanoTime() - started);
    } catch (IllegalArgumentException e) { // InvalidEstimateInputException included: a field the estimate needs
      d.recommendation = Recommendation.HOLD.name();
      d.action = PolicyAction.BLOCKED.displayName();
      d.blockedBy = "InvalidInput";
      d.explanation = "No estimate for " + d.cluster + ": " + e.getMessage() + " Nothing was done.";
      d.reevaluateAt = now.plus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS).toString();
      events.warning(policy, "DecisionBlocked", d.explanation);
      return DecisionLog.record(status, d, watch(d, situation), kept(spec));
    }
    boolean failover = estimate.recommendation() != Recommendation.HOLD;
    PolicyAction.Mode mode = mode(spec);
    // A policy whose playbook cannot be used creates no run (it would wait Pending, and start the day the
    // playbook appears, whatever the cluster's state then): checked before the runs' own guards.
    Optional<String> invalid = failover && mode != PolicyAction.Mode.SHADOW ? runs.playbookProblem(policy) : Optional.empty();
    Optional<Guard> guard =
        invalid.isPresent() ? Optional.of(Guard.INVALID_POLICY)
            : failover && mode != PolicyAction.Mode.SHADOW ? runs.firstFailingGuard(policy, cluster, now) : Optional.empty();
    Optional<Guard> blockedInEstimate = estimate.blocked().map(b -> guard(b.block().cause()));
    PolicyAction.Choice choice =
        blockedInEstimate.isPresent() && mode != PolicyAction.Mode.SHADOW
            ? new PolicyAction.Choice(PolicyAction.BLOCKED, blockedInEstimate)
            : PolicyAction.choose(mode, failover, guard);
    d.recommendation = estimate.recommendation().name();
    d.target = estimate.target().orElse(null);
    d.breakEvenMinutes = estimate.breakEven().minutes().isPresent() ? round(estimate.breakEven().minutes().getAsDouble()) : null;
    d.breakEvenProbability = round(estimate.breakEven().probability());
    d.reevaluateAt = estimate.reevaluateAt().truncatedTo(ChronoUnit.SECONDS).toString();
    d.action = choice.action().displayName();
    d.blockedBy = choice.blockedBy().or(() -> blockedInEstimate).map(Guard::reason).orElse(null);
    // The run's spec.reason is the decision's explanation, the calibration's sentence included.
    String explained = Calibrations.explained(estimate.explanation(), cluster, now);
    if (choice.action() == PolicyAction.STAGED) {
      d.run = runs.stage(policy, cluster, since, estimate, explained, d.id);
    } else if (choice.action() == PolicyAction.EXECUTED) {
      d.run = runs.execute(policy, cluster, since, estimate, explained, d.id);
    }
    d.explanation = explained + " " + actionSentence(choice, mode, d.run, why, invalid, policy.getMetadata().getNamespace());
    metrics.decided(d, situation, now, why == PolicyTrigger.Why.FIRST_DECISION || why == PolicyTrigger.Why.NEW_OUTAGE);
    if (choice.action() == PolicyAction.BLOCKED) {
      events.warning(policy, "DecisionBlocked", d.cluster + ": " + d.explanation);
    } else {
      events.normal(policy, "Decision", d.cluster + ": " + d.explanation);
    }
    if (notifier != null) {
      notifier.post(io.failwise.notify.Notices.ofDecision(policy, d, now));
    }
    // The decision names when to look again (at a flip or the end of a rise's wait step, seconds away);
    // the policy's schedule keeps its shortest interval and re-decides sooner when the count moves.
    Watch watch = watch(d, situation);
    watch.reevaluateAt =
        PolicyTrigger.scheduledAt(now, estimate.reevaluateAt(), estimator.config().reevaluateMin()).truncatedTo(ChronoUnit.SECONDS).toString();
    return DecisionLog.record(status, d, watch, kept(spec));
  }

  /**
   * The input with every target another run occupies passed over, with its reason: a run created for
   * it would wait until that run ends, so the decision costs the targets that can take the devices now.
   */
  private EstimateInput available(FailoverPolicy policy, EstimateInput input, Instant now) {
    return input.withTargets(
        input.targets().stream().map(t -> runs.occupied(policy, t.name(), now).map(t::refusedFor).orElse(t)).toList());
  }

  public FailoverPolicyStatus recovered(FailoverPolicy policy, FailoverPolicyStatus status, Cluster cluster, Instant now) {
    String name = cluster.getMetadata().getName();
    Watch w = DecisionLog.watch(status, name).orElseThrow();
    Decision d = onWatch(cluster, w, PolicyAction.RECOVERED, now);
    String lasted =
        w.outageSince == null ? "" : " after " + Format.duration(Duration.between(Instant.parse(w.outageSince), now));
    d.explanation = name + " has recovered" + lasted + "; the policy stops re-evaluating it.";
    events.normal(policy, "Recovered", d.explanation);
    FailoverPolicyStatus next = DecisionLog.record(status, d, null, kept(policy.getSpec()));
    metrics.decided(d, null, now, false);
    return next;
  }

  /**
   * A maintenance window (failwise silence) silences the outage the policy decided on: it has not
   * ended, so no recovery is recorded and the watch is kept; the policy records once that it stops
   * deciding until the window ends, naming the window, its reason and its end, and decides again on
   * the same outage then if it goes on (or records the recovery if the devices come back first).
   */
  public FailoverPolicyStatus silenced(
      FailoverPolicy policy, FailoverPolicyStatus status, Cluster cluster, ClusterSituation situation, Instant now) {
    String name = cluster.getMetadata().getName();
    Watch w = DecisionLog.watch(status, name).orElseThrow();
    Optional<MaintenanceWindow> window = MaintenanceWindows.of(cluster.getSpec()).schedule().at(now);
    Instant until = window.map(x -> x.endOfOccurrence(now)).orElse(null);
    java.time.ZoneId zone = clock.getZone();
    Decision d = onWatch(cluster, w, PolicyAction.SILENCED, now);
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
    Watch next = new Watch();
    next.cluster = w.cluster;
    next.outageSince = w.outageSince;
    next.lastDecisionId = w.lastDecisionId;
    next.offlineDevicesAtDecision = w.offlineDevicesAtDecision;
    next.lastRecommendation = w.lastRecommendation;
    next.reevaluateAt = d.reevaluateAt;
    next.silenced = true;
    FailoverPolicyStatus after = DecisionLog.record(status, d, next, kept(policy.getSpec()));
    metrics.decided(d, null, now, false);
    return after;
  }

  /** Why the policy cannot act as configured, or empty. */
  public Optional<String> problem(FailoverPolicy policy) {
    FailoverPolicySpec spec = policy.getSpec();
    if (spec == null || spec.selector == null) {
      return Optional.of("spec.selector is required: name clusters or give matchLabels.");
    }
    if (mode(spec) != PolicyAction.Mode.SHADOW) {
      return runs.playbookProblem(policy);
    }
    return Optional.empty();
  }

  private static String actionSentence(
      PolicyAction.Choice choice, PolicyAction.Mode mode, String run, PolicyTrigger.Why why, Optional<String> invalid, String namespace) {
    String prefix =
        switch (why == null ? PolicyTrigger.Why.FIRST_DECISION : why) {
          case MATERIAL_CHANGE -> "Re-decided because the offline count changed. ";
          case RESUMED -> "Decided again: the maintenance window that silenced this outage has ended and the outage goes on. ";
          default -> "";
        };
    return prefix
        + switch (choice.action()) {
          case RECORDED -> mode == PolicyAction.Mode.SHADOW ? "Recorded only (Shadow mode)." : "Recorded; nothing to do.";
          // A Plan run ends Planned: it is reviewed, not approved; a person acts by creating a Failover run.
          case STAGED -> "Staged run " + run + " in Plan mode: its plan, estimate and prechecks are in its status (failwise report "
              + run + " -n " + namespace + "); nothing runs until a person creates a Failover run of the same playbook, source and target.";
          case EXECUTED -> "Started failover run " + run + ".";
          case BLOCKED -> choice.blockedBy().orElseThrow() == Guard.INVALID_POLICY && invalid.isPresent()
              ? "Not acted on: the policy cannot create runs: " + invalid.get()
              : "Not acted on: " + choice.blockedBy().orElseThrow().sentence() + ".";
          case SILENCED, RECOVERED -> "";
        };
  }

  private static Watch watch(Decision d, ClusterSituation s) {
    Watch w = new Watch();
    w.cluster = d.cluster;
    w.outageSince = d.outageSince;
    w.lastDecisionId = d.id;
    w.offlineDevicesAtDecision = s.offlineDevices();
    w.reevaluateAt = d.reevaluateAt;
    w.lastRecommendation = d.recommendation;
    return w;
  }

  /** A record about an outage the policy watches (its recovery, its silence): the last recommendation stands. */
  private static Decision onWatch(Cluster cluster, Watch w, PolicyAction action, Instant now) {
    Decision d = new Decision();
    d.id = decisionId(cluster, now);
    d.time = now.truncatedTo(ChronoUnit.SECONDS).toString();
    d.cluster = cluster.getMetadata().getName();
    d.recommendation = w.lastRecommendation;
    d.action = action.displayName();
    d.outageSince = w.outageSince;
    return d;
  }

  static String decisionId(Cluster cluster, Instant now) {
    String id = cluster.getMetadata().getName() + "-" + now.getEpochSecond();
    return id.length() <= 63 ? id : id.substring(id.length() - 63);
  }

  private static Guard guard(ActionBlock.Cause cause) {
    return switch (cause) {
      case HALT -> Guard.HALT;
      case FREEZE_WINDOW -> Guard.FREEZE_WINDOW;
      case BUDGET -> Guard.BUDGET;
    };
  }

  /** The policy's stated prior; out of its range, an IllegalArgumentException naming the policy and the field. */
  private static DurationPrior prior(FailoverPolicy policy) {
    String name = policy.getMetadata().getName();
    var p = policy.getSpec().durationPrior;
    return p == null || p.medianMinutes == null || p.p90Minutes == null
        ? DurationPrior.DEFAULT
        : DurationPrior.stated(p.medianMinutes, p.p90Minutes, "FailoverPolicy " + name + " spec.durationPrior");
  }

  static PolicyAction.Mode mode(FailoverPolicySpec spec) {
    return switch (spec.mode == null ? FailoverPolicySpec.Mode.Shadow : spec.mode) {
      case Shadow -> PolicyAction.Mode.SHADOW;
      case Stage -> PolicyAction.Mode.STAGE;
      case Auto -> PolicyAction.Mode.AUTO;
    };
  }

  private static int kept(FailoverPolicySpec spec) {
    return spec.decisionsKept == null ? 20 : spec.decisionsKept;
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
