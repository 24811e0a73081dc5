package io.failwise.operator.run;

import io.fabric8.kubernetes.api.model.Condition;
import io.failwise.api.Cluster;
import io.failwise.api.FailoverRunStatus;
import io.failwise.api.RunEstimate;
import io.failwise.model.DeviceObservation;
import io.failwise.model.Format;
import io.failwise.model.Health;
import io.failwise.model.HealthAssessment;
import io.failwise.model.HealthThresholds;
import io.failwise.model.estimate.ActionLimits;
import io.failwise.model.estimate.DurationPrior;
import io.failwise.model.estimate.Estimate;
import io.failwise.model.estimate.EstimateInput;
import io.failwise.model.estimate.FailoverEstimator;
import io.failwise.model.estimate.OptionEstimate;
import io.failwise.model.estimate.Outage;
import io.failwise.model.estimate.Recommendation;
import io.failwise.model.estimate.Sensitivity;
import io.failwise.model.estimate.TargetChoice;
import io.failwise.operator.ClusterStatusFactory;
import io.failwise.operator.estimate.Calibrations;
import io.failwise.operator.estimate.EstimateInputs;
import io.failwise.operator.estimate.PastOutages;
import io.failwise.operator.status.Conditions;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * The estimate a run records when it starts (and {@code failwise plan} prints): hold against fail
 * over for the source as it is now. The outage began when the source's Outage condition last turned
 * True. When the source is in no outage (its Outage condition False; in files without conditions, a
 * status.health or, failing that, counts that are not an outage) there is nothing to weigh: the estimate
 * says so and what the plan's move costs by itself, and predicts no outage. When that cannot be told (the
 * condition Unknown: the signal is lost) the offline devices are weighed as an outage beginning now. The
 * duration prior is the default one fitted to the outages the clusters recorded as ended ({@link PastOutages}).
 */
public final class RunEstimates {
  /** How the explanation of a source in no outage begins, its reason next (a run waiting for approval quotes it). */
  static final String NO_OUTAGE = "No outage in progress: ";

  private RunEstimates() {}

  /**
   * @param clusters the clusters of the source's namespace: its targets, and the past outages the prior learns from
   * @param runTarget the run's own spec.target, when it names one: the estimate then costs that target alone, the
   *     move the run would make (else the source's targets, as a policy's decision does)
   * @param plan the run's plan: the move whose cost the estimate states when the source is in no outage (null: the
   *     whole source's failover)
   */
  public static RunEstimate estimate(
      FailoverEstimator estimator, Cluster source, long offlineDevices, Collection<Cluster> clusters, Instant now, PastOutages.Learning learning,
      Optional<String> runTarget, FailoverRunStatus.Plan plan) {
    return estimate(estimator, source, offlineDevices, clusters, now, learning, runTarget, plan, DurationPrior.DEFAULT);
  }

  /**
   * As above, with {@code base} the prior the past outages refine: a policy's stated one for a run the
   * policy created, so that the run's estimate and the decision that created it weigh the outage alike.
   */
  public static RunEstimate estimate(
      FailoverEstimator estimator, Cluster source, long offlineDevices, Collection<Cluster> clusters, Instant now, PastOutages.Learning learning,
      Optional<String> runTarget, FailoverRunStatus.Plan plan, DurationPrior base) {
    return estimate(estimator, source, offlineDevices, clusters, now, learning, runTarget, plan, base, java.time.ZoneOffset.UTC);
  }

  /**
   * As above, its times said in {@code zone}: the controller's (failwise.time-zone), as its policies' decisions
   * say theirs; a run's estimate said "Re-evaluate at 21:36:33 UTC" beside a decision's "22:33:43 +01:00".
   */
  public static RunEstimate estimate(
      FailoverEstimator estimator, Cluster source, long offlineDevices, Collection<Cluster> clusters, Instant now, PastOutages.Learning learning,
      Optional<String> runTarget, FailoverRunStatus.Plan plan, DurationPrior base, java.time.ZoneId zone) {
    RunEstimate out = new RunEstimate();
    out.madeAt = RunStatuses.time(now);
    try {
      long expected = EstimateInputs.expectedDevices(source);
      long offline = Math.min(offlineDevices, expected);
      Optional<String> calm = noOutage(source, expected, offline, now);
      if (calm.isPresent()) {
        return withoutOutage(out, estimator, source, clusters, now, runTarget, plan, calm.get(), expected, offline, zone);
      }
      Instant since =
          source.getStatus() == null
              ? now
              : Conditions.find(source.getStatus().conditions, ClusterStatusFactory.OUTAGE)
                  .filter(c -> Conditions.TRUE.equals(c.getStatus()) && c.getLastTransitionTime() != null)
                  .map(c -> Instant.parse(c.getLastTransitionTime()))
                  .filter(t -> !t.isAfter(now))
                  .orElse(now);
      Outage outage = new Outage(since, offline);
      DurationPrior prior = PastOutages.prior(base, clusters, learning);
      EstimateInput input = EstimateInputs.from(source, clusters, outage, now, prior, zone).withMoves(moves(plan));
      return inOutage(out, estimator, input, ActionLimits.NONE, source, clusters, now, runTarget);
    } catch (IllegalArgumentException e) {
      // InvalidEstimateInputException among them: a field the estimate needs is missing.
      out.explanation = "No estimate could be made: " + e.getMessage();
    }
    return out;
  }

  /**
   * The moves the run's plan can carry out: its shift moves every device (scope All) or only the affected
   * ones (scope Affected). A run whose playbook moves every device had an estimate recommending
   * FAILOVER_AFFECTED, a move it cannot make, under the policy's decision that weighed only its own.
   */
  static io.failwise.model.estimate.RunnableMoves moves(FailoverRunStatus.Plan plan) {
    if (plan == null) {
      return io.failwise.model.estimate.RunnableMoves.ANY;
    }
    return plan.steps.stream()
        .filter(p -> p.spec != null && p.spec.shift != null)
        .findFirst()
        .map(p -> p.spec.shift.scope == io.failwise.api.PlaybookStep.Scope.Affected
            ? io.failwise.model.estimate.RunnableMoves.affectedOnly("the run's playbook " + plan.playbook + " moves only the affected devices")
            : io.failwise.model.estimate.RunnableMoves.wholeOnly("the run's playbook " + plan.playbook + " moves every device of the cluster"))
        .orElse(io.failwise.model.estimate.RunnableMoves.ANY);
  }

  /**
   * The estimate of an outage stated outright rather than read from the source's status: an estimate
   * Scenario's (its since, its counts and recent readings, its prior), for {@code failwise plan} made in
   * that Scenario's world, so that the plan and {@code failwise estimate} of one file say the same.
   */
  public static RunEstimate estimate(
      FailoverEstimator estimator, EstimateInput input, ActionLimits limits, Cluster source, Collection<Cluster> clusters, Optional<String> runTarget) {
    RunEstimate out = new RunEstimate();
    out.madeAt = RunStatuses.time(input.at());
    try {
      return inOutage(out, estimator, input, limits, source, clusters, input.at(), runTarget);
    } catch (IllegalArgumentException e) {
      out.explanation = "No estimate could be made: " + e.getMessage();
    }
    return out;
  }

  private static RunEstimate inOutage(
      RunEstimate out, FailoverEstimator estimator, EstimateInput whole, ActionLimits limits, Cluster source, Collection<Cluster> clusters,
      Instant now, Optional<String> runTarget) {
    EstimateInput input = onlyTarget(whole, source, clusters, runTarget);
    Estimate e = estimator.estimate(input, limits);
    out.recommendation = e.recommendation().name();
    out.target = e.target().orElse(null);
    out.explanation = Calibrations.explained(e.explanation(), source, now, input.zone());
    out.reevaluateAt = RunStatuses.time(e.reevaluateAt());
    out.turnsWith = Sensitivity.sentence(estimator, input, limits, e).orElse(null);
    if (e.breakEven().minutes().isPresent()) {
      out.breakEvenSeconds = Math.round(e.breakEven().minutes().getAsDouble() * 60);
    }
    options(out, e);
    return out;
  }

  /**
   * How the source is when it is in no outage ("go-eu-west-1 is Healthy"), or empty while it is in one or
   * when that cannot be told. The Outage condition decides, as it does for a policy (the controller always
   * writes it); files without conditions have their status.health, else their counts judged with the
   * thresholds a Cluster's health uses.
   */
  static Optional<String> noOutage(Cluster source, long expected, long offline, Instant now) {
    String name = source.getMetadata().getName();
    var status = source.getStatus();
    Optional<Condition> outage = status == null ? Optional.empty() : Conditions.find(status.conditions, ClusterStatusFactory.OUTAGE);
    Optional<Health> stated =
        status == null || status.health == null
            ? Optional.empty()
            : Health.parse(status.health);
    Health judged = HealthAssessment.of(new DeviceObservation(expected, expected - offline, now), HealthThresholds.defaults()).health();
    if (outage.isPresent()) {
      if (!Conditions.FALSE.equals(outage.get().getStatus())) {
        return Optional.empty(); // True: the outage in progress; Unknown: the signal is lost, nothing says it is over
      }
      Health h = stated.filter(x -> x == Health.HEALTHY || x == Health.DEGRADED).orElse(judged == Health.OUTAGE ? null : judged);
      return Optional.of(h == null ? name + "'s Outage condition is False" : name + " is " + h.displayName());
    }
    if (stated.isPresent()) {
      return stated.get() == Health.HEALTHY || stated.get() == Health.DEGRADED
          ? Optional.of(name + " is " + stated.get().displayName())
          : Optional.empty();
    }
    return judged == Health.OUTAGE ? Optional.empty() : Optional.of(name + " is " + judged.displayName() + " by its counts");
  }

  /**
   * The estimate of a source in no outage: HOLD, since holding loses nothing; what the plan's move would
   * cost by itself, in devices disrupted and device-minutes (the same move cost as the plan's target
   * choice); no break-even, no remaining outage, no time to decide again. The options are costed as for an
   * outage with no device offline: holding 0, failing over the switch alone.
   */
  private static RunEstimate withoutOutage(
      RunEstimate out, FailoverEstimator estimator, Cluster source, Collection<Cluster> clusters, Instant now, Optional<String> runTarget,
      FailoverRunStatus.Plan plan, String calm, long expected, long offline, java.time.ZoneId zone) {
    EstimateInput input =
        onlyTarget(EstimateInputs.from(source, clusters, new Outage(now, 0), now, DurationPrior.DEFAULT, zone), source, clusters, runTarget);
    Estimate e = estimator.estimate(input);
    out.recommendation = Recommendation.HOLD.name();
    options(out, e);
    StringBuilder why = new StringBuilder(NO_OUTAGE).append(calm).append(", ")
        .append(Format.count(offline)).append(" of its ").append(Format.plural(expected, "device")).append(" offline")
        .append(churn(expected, offline, now) ? " (normal churn)" : "")
        .append(", so holding costs nothing and a failover has no outage to shorten.");
    String mode = plan == null || plan.mode == null ? "failover" : plan.mode.toLowerCase(Locale.ROOT);
    long devices = plan == null || plan.devicesToMove == null ? expected : plan.devicesToMove;
    Optional<String> target =
        plan != null && plan.target != null ? Optional.of(plan.target) : e.options().stream()
            .filter(o -> o.option() == Recommendation.FAILOVER).findFirst().flatMap(OptionEstimate::target);
    if (target.isPresent()) {
      boolean back = plan == null ? input.source().failbackRequired() : plan.steps.stream().anyMatch(s -> "Failback".equals(s.kind));
      EstimateInput there = onlyTarget(input, source, clusters, target);
      TargetChoice move = TargetChoice.forMove(there, devices, estimator.config().maxTargetUtilization());
      String moving = Format.plural(devices, "device") + " by moving them to " + target.get() + (back ? " and back" : "");
      if (move.fits() && target.get().equals(move.target().map(t -> t.name()).orElse(null))) {
        why.append(" This ").append(mode).append(" disrupts ").append(moving).append(": each is disconnected for the cutover (median ")
            // Rounded as the calibration's sentence rounds it: "median 58 s" beside "Cutover 59 s as measured" for 58.6 s.
            .append(Format.exactDuration(Duration.ofSeconds(Math.round(input.source().cutover().toMillis() / 1000.0))))
            .append(") and then waits its turn to be admitted, about ")
            .append(Format.count(Math.round(move.deviceMinutes()))).append(" device-minutes in all.");
      } else {
        why.append(" This ").append(mode).append(" would disrupt ").append(moving).append(". ").append(move.why());
      }
    }
    out.explanation = Calibrations.explained(why.toString(), source, now, zone);
    return out;
  }

  /** Whether so few devices are offline that a Cluster's health would be Healthy: the churn every fleet has. */
  private static boolean churn(long expected, long offline, Instant now) {
    return HealthAssessment.of(new DeviceObservation(expected, expected - offline, now), HealthThresholds.defaults()).health() == Health.HEALTHY;
  }

  /** The input with the run's own target alone when it names one that exists, else as it is. */
  private static EstimateInput onlyTarget(EstimateInput input, Cluster source, Collection<Cluster> clusters, Optional<String> target) {
    Optional<Cluster> named = target.flatMap(t -> clusters.stream().filter(c -> t.equals(c.getMetadata().getName())).findFirst());
    return named.isPresent() ? EstimateInputs.withOnlyTarget(input, source, named.get()) : input;
  }

  private static void options(RunEstimate out, Estimate e) {
    for (OptionEstimate o : e.options()) {
      RunEstimate.Option option = new RunEstimate.Option();
      option.action = o.option().name();
      option.feasible = o.feasible();
      option.target = o.target().orElse(null);
      option.deviceMinutesLost = Double.isFinite(o.deviceMinutesMean()) ? Math.round(o.deviceMinutesMean() * 10) / 10.0 : null;
      option.devicesDisrupted = o.devicesDisrupted();
      option.devicesMoved = o.devicesMoved();
      option.reason = o.reason() == null || o.reason().isBlank() ? null : o.reason();
      out.options.add(option);
    }
  }
}
