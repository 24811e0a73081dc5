package io.failwise.operator.policy;

import io.failwise.api.Cluster;
import io.failwise.api.FailoverPolicy;
import io.failwise.api.FailoverPolicySpec;
import io.failwise.api.FailoverPolicyStatus;
import io.failwise.api.FailoverPolicyStatus.Decision;
import io.failwise.api.FailoverPolicyStatus.Watch;
import io.failwise.model.estimate.ActionBlock;
import io.failwise.model.estimate.ActionLimits;
import io.failwise.model.estimate.DurationPrior;
import io.failwise.model.estimate.Estimate;
import io.failwise.model.estimate.EstimateInput;
import io.failwise.model.estimate.FailoverEstimator;
import io.failwise.model.estimate.Outage;
import io.failwise.model.estimate.Recommendation;
import io.failwise.model.estimate.Sensitivity;
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
  private final WatchRecords records;
  private io.failwise.notify.Notifier notifier;
  private PastOutages.Learning learning = PastOutages.Learning.DEFAULT;
  private java.time.Duration repeat = java.time.Duration.ofHours(1);

  /** Also posts each decision to the notification channels. */
  @jakarta.inject.Inject
  public void notifyWith(io.failwise.notify.Notifier notifier) {
    this.notifier = notifier;
  }

  /** The duration prior learns from the namespace's past outages as failwise.estimator.past-outages.* says. */
  @jakarta.inject.Inject
  public void configure(io.failwise.operator.FailwiseConfig config) {
    learnWith(PastOutages.Learning.of(config.estimator()));
    repeat = config.notifications().repeat();
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
    this.records = new WatchRecords(events, metrics, clock);
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
    if (situation.signalKnown() && !situation.devicesAway()) {
      // A silenced outage goes on: its readings still make the trend when the policy decides again. Readings
      // while a run moves the devices out are not: the count falls because they leave, not because they return.
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
    d.id = decisionId(policy, cluster, now);
    d.time = now.truncatedTo(ChronoUnit.SECONDS).toString();
    d.cluster = cluster.getMetadata().getName();
    d.offlineDevices = situation.offlineDevices();
    d.outageSince = situation.outageSince() == null ? null : situation.outageSince().toString();
    Estimate estimate;
    // What the policy's playbook can carry out, read once: the estimate weighs only that, the explanation says the rest.
    io.failwise.model.estimate.RunnableMoves moves = runs.moves(policy);
    Instant since = situation.outageSince() == null ? now : situation.outageSince();
    try {
      // offlineDevices is what the monitor counts offline now; the readings before it give the trend.
      Outage outage =
          new Outage(since, situation.offlineDevices()).withRecent(recent.before(d.cluster, now));
      // Times in the explanation are in the controller clock's zone (failwise.time-zone).
      // The halt, a freeze window and the daily budget enter the decision: it recommends what can run now.
      // The policy's prior learns from the outages the namespace's clusters recorded as ended.
      DurationPrior prior = PastOutages.prior(prior(policy), inNamespace, learning);
      // Only what the policy's playbook can carry out: a move of the affected devices run by a playbook that
      // moves every device would disrupt the healthy ones the decision meant to leave alone.
      EstimateInput input = available(policy, EstimateInputs.from(cluster, inNamespace, outage, now, prior, clock.getZone()), now)
          .withMoves(moves);
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
    Optional<Guard> blockedInEstimate = estimate.blocked().map(b -> guard(b.block().cause()));
    // A policy whose playbook cannot be used creates no run (it would wait Pending, and start the day the
    // playbook appears, whatever the cluster's state then): said first, before the runs' own guards and
    // before a budget or a freeze the estimate weighed, which would end only to meet it.
    boolean wouldAct = (failover || blockedInEstimate.isPresent()) && mode != PolicyAction.Mode.SHADOW;
    Optional<String> invalid = wouldAct ? runs.playbookProblem(policy) : Optional.empty();
    // Decided again on an outage this policy acted on already: its own run is the action, and the guards
    // that run set off itself (it holds the source, started the cooldown, spent the budget) do not block it.
    // A Stage policy's outage may carry its failover already (created in Auto mode before the mode was
    // changed, or its plan promoted): that is its run for the outage. An outside pass aborted an Auto run,
    // switched the policy to Stage, and saw a new plan staged on the same outage once the cooldown ended.
    Optional<io.failwise.api.FailoverRun> own = mode == PolicyAction.Mode.SHADOW ? Optional.empty()
        : mode == PolicyAction.Mode.STAGE
            ? runs.ownRun(policy, d.cluster, since, io.failwise.api.FailoverRunSpec.Mode.Plan)
                .or(() -> runs.ownRun(policy, d.cluster, since, io.failwise.api.FailoverRunSpec.Mode.Failover))
            : runs.ownRun(policy, d.cluster, since, io.failwise.api.FailoverRunSpec.Mode.Failover);
    boolean actedAlready = own.isPresent() && (failover || blockedInEstimate.isPresent());
    // A run that ended short of its purpose (rolled back, aborted, refused, failed) is not retried on the
    // same outage: the decision says it is blocked by that end, not "Executed" again every look.
    boolean ownEnded = actedAlready && DecisionWords.endedShort(own.get());
    Optional<PolicyRuns.Block> block =
        invalid.isPresent() ? Optional.empty()
            : failover && mode != PolicyAction.Mode.SHADOW && !actedAlready ? runs.firstFailingGuard(policy, cluster, now) : Optional.empty();
    Optional<Guard> guard = invalid.isPresent() ? Optional.of(Guard.INVALID_POLICY) : block.map(PolicyRuns.Block::guard);
    PolicyAction.Choice choice =
        ownEnded ? new PolicyAction.Choice(PolicyAction.BLOCKED, Optional.of(Guard.RUN_ENDED))
            : actedAlready ? PolicyAction.choose(mode, true, Optional.empty())
            : invalid.isPresent() ? new PolicyAction.Choice(PolicyAction.BLOCKED, guard)
            : blockedInEstimate.isPresent() && mode != PolicyAction.Mode.SHADOW
                ? new PolicyAction.Choice(PolicyAction.BLOCKED, blockedInEstimate)
                : PolicyAction.choose(mode, failover, guard);
    // Acted on already while the estimate is held back only by what the policy's own run set off (the budget
    // it spent): the record keeps the move the run makes, not the HOLD that block alone gives. Not once that
    // run ended short: it makes no move, and the record says the estimate's answer, as its explanation does.
    boolean ownBlock = actedAlready && !ownEnded && !failover && estimate.blocked().isPresent();
    d.recommendation = ownBlock ? estimate.blocked().get().option().name() : estimate.recommendation().name();
    d.target = ownBlock ? estimate.blocked().get().target() : estimate.target().orElse(null);
    d.breakEvenMinutes = estimate.breakEven().minutes().isPresent() ? round(estimate.breakEven().minutes().getAsDouble()) : null;
    d.breakEvenProbability = round(estimate.breakEven().probability());
    d.reevaluateAt = estimate.reevaluateAt().truncatedTo(ChronoUnit.SECONDS).toString();
    d.action = choice.action().displayName();
    d.blockedBy = actedAlready && !ownEnded ? null : choice.blockedBy().or(() -> blockedInEstimate).map(Guard::reason).orElse(null);
    // The run's spec.reason is the decision's explanation, the calibration's sentence included.
    String explained = Calibrations.explained(estimate.explanation(), cluster, now, clock.getZone()) + DecisionWords.notWeighed(moves, cluster);
    if (actedAlready) {
      d.run = own.get().getMetadata().getName();
    } else if (choice.action() == PolicyAction.STAGED) {
      d.run = runs.stage(policy, cluster, since, estimate, explained, d.id);
    } else if (choice.action() == PolicyAction.EXECUTED) {
      d.run = runs.execute(policy, cluster, since, estimate, explained, d.id);
    }
    // The policy keeps its shortest interval between scheduled decisions: when the estimate names a
    // sooner moment (a flip or a rise's wait step, for a person to look again), the explanation also says
    // when the policy itself decides again (status.watches[].reevaluateAt), which the record would not.
    // A guard that ends by itself (a cooldown) before the estimate's time: the policy decides again when it
    // ends, not at its next look. An outside pass saw an Auto policy's cooldown end at 00:43:57 with every
    // device offline and the failover paying off within minutes, and the next decision come at 00:53:23.
    Optional<Instant> guardEnds = block.filter(b -> choice.blockedBy().equals(Optional.of(b.guard())))
        .map(PolicyRuns.Block::until)
        .filter(u -> u.isBefore(estimate.reevaluateAt()));
    Instant next = guardEnds.orElse(estimate.reevaluateAt());
    Instant scheduled = PolicyTrigger.scheduledAt(now, next, estimator.config().reevaluateMin()).truncatedTo(ChronoUnit.SECONDS);
    String looks = guardEnds.isPresent()
        ? DecisionWords.decidesWhenItEnds(scheduled, guardEnds.get(), now, clock.getZone(), choice.blockedBy().orElseThrow(),
            estimator.config().reevaluateMin())
        : scheduled.isAfter(estimate.reevaluateAt().truncatedTo(ChronoUnit.SECONDS))
        ? DecisionWords.decidesAgain(scheduled, now, clock.getZone(), estimator.config().reevaluateMin(), forTrigger(spec).config().materialChange())
        : "";
    d.explanation = DecisionWords.decidedAgain(why) + explained + looks + " "
        + (actedAlready ? DecisionWords.actedAlready(own.get(), why)
            : DecisionWords.action(choice, mode, d.run, why, invalid, saying(block, choice),
                choice.action() == PolicyAction.EXECUTED ? runs.approvalStep(policy) : Optional.empty(), policy.getMetadata().getNamespace())
                + own.map(DecisionWords::ownRunStands).orElse(""));
    metrics.decided(d, situation, now, why == PolicyTrigger.Why.FIRST_DECISION || why == PolicyTrigger.Why.NEW_OUTAGE);
    if (choice.action() == PolicyAction.BLOCKED) {
      events.warning(policy, "DecisionBlocked", d.cluster + ": " + d.explanation);
    } else {
      events.normal(policy, "Decision", d.cluster + ": " + d.explanation);
    }
    // The Event records every decision; the people paged hear one when it is news.
    if (notifier != null && io.failwise.notify.Notices.isNews(status == null ? List.of() : status.decisions, d, repeat)) {
      notifier.post(io.failwise.notify.Notices.ofDecision(policy, d, now));
    }
    // The decision names when to look again (at a flip or the end of a rise's wait step, seconds away);
    // the policy's schedule keeps its shortest interval and re-decides sooner when the count moves.
    Watch watch = watch(d, situation);
    watch.reevaluateAt = scheduled.toString();
    return DecisionLog.record(status, d, watch, kept(spec));
  }

  /** The run guard's clause for this cluster, when it is the guard the choice names (a block the estimate knew of comes first). */
  private static Optional<String> saying(Optional<PolicyRuns.Block> block, PolicyAction.Choice choice) {
    return block.filter(b -> choice.blockedBy().equals(Optional.of(b.guard()))).map(PolicyRuns.Block::clause);
  }

  /**
   * The input with every target another run occupies passed over, with its reason: a run created for
   * it would wait until that run ends, so the decision costs the targets that can take the devices now.
   */
  private EstimateInput available(FailoverPolicy policy, EstimateInput input, Instant now) {
    return input.withTargets(
        input.targets().stream().map(t -> runs.occupied(policy, input.source().name(), t.name(), now).map(t::refusedFor).orElse(t)).toList());
  }

  /**
   * Whether the last decision on {@code cluster} was blocked by the global halt and the halt is lifted now:
   * the policy then decides again at once (a halt's end is a person's act, not a time the decision named).
   */
  public boolean haltLifted(FailoverPolicyStatus status, String cluster) {
    Optional<String> last = DecisionLog.watch(status, cluster).map(w -> w.lastDecisionId);
    return last.isPresent()
        && status.decisions.stream().anyMatch(d -> last.get().equals(d.id) && Guard.HALT.reason().equals(d.blockedBy))
        && !runs.halted();
  }

  /** The outage of {@code cluster} the policy watches has ended: recorded, and the watch dropped. */
  public FailoverPolicyStatus recovered(FailoverPolicy policy, FailoverPolicyStatus status, Cluster cluster, Instant now) {
    return records.recovered(policy, status, cluster, now, kept(policy.getSpec()));
  }

  /** A maintenance window silences the outage the policy decided on: see {@link WatchRecords#silenced}. */
  public FailoverPolicyStatus silenced(
      FailoverPolicy policy, FailoverPolicyStatus status, Cluster cluster, ClusterSituation situation, Instant now) {
    return records.silenced(policy, status, cluster, situation, now, kept(policy.getSpec()));
  }

  /** The counts of a cluster whose outage the policy decided on cannot be read: see {@link WatchRecords#signalLost}. */
  public FailoverPolicyStatus signalLost(
      FailoverPolicy policy, FailoverPolicyStatus status, Cluster cluster, ClusterSituation situation, Instant now) {
    return records.signalLost(policy, status, cluster, situation, now, kept(policy.getSpec()), notifier);
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

  /**
   * What is wrong with the playbook a Shadow policy names, if anything: a Shadow policy records without it
   * (weighing every move), so it is not an invalid spec, but a typo must not read as healthy either.
   */
  public Optional<String> shadowPlaybookProblem(FailoverPolicy policy) {
    FailoverPolicySpec spec = policy.getSpec();
    if (spec == null || mode(spec) != PolicyAction.Mode.SHADOW || spec.playbook == null || spec.playbook.isBlank()) {
      return Optional.empty();
    }
    return runs.playbookProblem(policy);
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

  /**
   * POLICY-CLUSTER-EPOCHSECONDS, a label value (63 characters, shortened with a hash): unique per policy,
   * since two policies watching one cluster decide at the same second (an outside pass saw their decisions
   * share an id, one dropped from the terminal and the run's failwise.io/decision label ambiguous).
   */
  static String decisionId(io.fabric8.kubernetes.api.model.HasMetadata policy, Cluster cluster, Instant now) {
    return io.failwise.operator.KubernetesNames.labelValue(
        policy.getMetadata().getName() + "-" + cluster.getMetadata().getName() + "-" + now.getEpochSecond());
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
    return io.failwise.operator.estimate.StatedPriors.of(policy);
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
