package io.failwise.cli.estimate;

import io.failwise.api.Cluster;
import io.failwise.model.estimate.ActionLimits;
import io.failwise.model.estimate.EstimateInput;
import io.failwise.model.run.DailyBudget;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * A scenario read from files, ready for the estimator.
 *
 * @param name the Scenario's metadata.name
 * @param priorFromScenario whether the scenario set the duration prior (else the default applies)
 * @param offset the UTC offset the scenario's {@code at} was written in: output times use it too
 * @param budgetUsed the failovers and failbacks the source has had in the last 24 h ({@code spec.budget}),
 *     if the scenario says
 * @param source the source Cluster as the files give it: what the explanation says of its status.calibration
 * @param warnings what the estimate set aside from the files, each a line naming the file, the document and the
 *     field (a calibration dated after spec.at); the estimate is made all the same
 */
public record LoadedScenario(
    String name, EstimateInput input, boolean priorFromScenario, ZoneOffset offset, Optional<BudgetUsed> budgetUsed, Cluster source,
    List<String> warnings) {
  /** {@code spec.budget}: operations the source has had in the last 24 hours. */
  public record BudgetUsed(int failoversToday, int failbacksToday) {}

  /** What the daily budget (the controller's limits) leaves possible, given what the scenario says was used. */
  public ActionLimits limits(DailyBudget budget) {
    return budgetUsed
        .map(u -> ActionLimits.budget(
            input.source().name(), budget, u.failoversToday(), u.failbacksToday(), input.source().failbackRequired()))
        .orElse(ActionLimits.NONE);
  }
}
