package io.failwise.cli.estimate;

import io.failwise.model.estimate.ActionLimits;
import io.failwise.model.estimate.EstimateInput;
import io.failwise.model.run.DailyBudget;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * A scenario read from files, ready for the estimator.
 *
 * @param name the Scenario's metadata.name
 * @param priorFromScenario whether the scenario set the duration prior (else the default applies)
 * @param offset the UTC offset the scenario's {@code at} was written in: output times use it too
 * @param budgetUsed the failovers and failbacks the source has had in the last 24 h ({@code spec.budget}),
 *     if the scenario says
 */
public record LoadedScenario(
    String name, EstimateInput input, boolean priorFromScenario, ZoneOffset offset, Optional<BudgetUsed> budgetUsed) {
  /** {@code spec.budget}: operations the source has had in the last 24 hours. */
  public record BudgetUsed(int failoversToday, int failbacksToday) {}

  public LoadedScenario(String name, EstimateInput input, boolean priorFromScenario, ZoneOffset offset) {
    this(name, input, priorFromScenario, offset, Optional.empty());
  }

  /** What the daily budget (the controller's limits) leaves possible, given what the scenario says was used. */
  public ActionLimits limits(DailyBudget budget) {
    return budgetUsed
        .map(u -> ActionLimits.budget(
            input.source().name(), budget, u.failoversToday(), u.failbacksToday(), input.source().failbackRequired()))
        .orElse(ActionLimits.NONE);
  }
}
