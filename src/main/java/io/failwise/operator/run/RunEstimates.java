package io.failwise.operator.run;

import io.failwise.api.Cluster;
import io.failwise.api.RunEstimate;
import io.failwise.model.estimate.ActionLimits;
import io.failwise.model.estimate.DurationPrior;
import io.failwise.model.estimate.Estimate;
import io.failwise.model.estimate.EstimateInput;
import io.failwise.model.estimate.FailoverEstimator;
import io.failwise.model.estimate.OptionEstimate;
import io.failwise.model.estimate.Outage;
import io.failwise.model.estimate.Sensitivity;
import io.failwise.operator.estimate.Calibrations;
import io.failwise.operator.estimate.EstimateInputs;
import io.failwise.operator.estimate.PastOutages;
import io.failwise.operator.status.Conditions;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * The estimate a run records when it starts (and {@code failwise plan} prints): hold against fail
 * over for the source as it is now. The outage began when the source's Outage condition last turned
 * True, or now when it is not in one (a drill on a healthy cluster). The duration prior is the default
 * one fitted to the outages the clusters recorded as ended ({@link PastOutages}).
 */
public final class RunEstimates {
  private RunEstimates() {}

  /**
   * @param clusters the clusters of the source's namespace: its targets, and the past outages the prior learns from
   * @param runTarget the run's own spec.target, when it names one: the estimate then costs that target alone, the
   *     move the run would make (else the source's targets, as a policy's decision does)
   */
  public static RunEstimate estimate(
      FailoverEstimator estimator, Cluster source, long offlineDevices, Collection<Cluster> clusters, Instant now, PastOutages.Learning learning,
      Optional<String> runTarget) {
    RunEstimate out = new RunEstimate();
    out.madeAt = RunStatuses.time(now);
    try {
      Instant since =
          source.getStatus() == null
              ? now
              : Conditions.find(source.getStatus().conditions, "Outage")
                  .filter(c -> Conditions.TRUE.equals(c.getStatus()) && c.getLastTransitionTime() != null)
                  .map(c -> Instant.parse(c.getLastTransitionTime()))
                  .filter(t -> !t.isAfter(now))
                  .orElse(now);
      long expected = EstimateInputs.expectedDevices(source);
      Outage outage = new Outage(since, Math.min(offlineDevices, expected));
      DurationPrior prior = PastOutages.prior(DurationPrior.DEFAULT, clusters, learning);
      EstimateInput input = EstimateInputs.from(source, clusters, outage, now, prior);
      Optional<Cluster> named =
          runTarget.flatMap(t -> clusters.stream().filter(c -> t.equals(c.getMetadata().getName())).findFirst());
      if (named.isPresent()) {
        input = EstimateInputs.withOnlyTarget(input, source, named.get());
      }
      Estimate e = estimator.estimate(input);
      out.recommendation = e.recommendation().name();
      out.target = e.target().orElse(null);
      out.explanation = Calibrations.explained(e.explanation(), source, now);
      out.reevaluateAt = RunStatuses.time(e.reevaluateAt());
      out.turnsWith = Sensitivity.sentence(estimator, input, ActionLimits.NONE, e).orElse(null);
      if (e.breakEven().minutes().isPresent()) {
        out.breakEvenSeconds = Math.round(e.breakEven().minutes().getAsDouble() * 60);
      }
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
    } catch (IllegalArgumentException e) {
      // InvalidEstimateInputException among them: a field the estimate needs is missing.
      out.explanation = "No estimate could be made: " + e.getMessage();
    }
    return out;
  }
}
