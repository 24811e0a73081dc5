package io.failwise.operator;

import io.failwise.model.estimate.EstimatorConfig;
import io.failwise.model.run.DailyBudget;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * The domain values built from settings, refused naming the setting ({@link SettingsProblems}): a value the
 * domain refuses (a utilisation cap of 2, a negative budget) stopped every command with a Java stack trace
 * ending in "maxTargetUtilization must be in (0, 1], got 2.0". A {@link ConfigurationException} with no
 * cause is what Quarkus prints as its message alone; {@code failwise} then exits 2, input to fix.
 */
public final class SettingsRefusal {
  private SettingsRefusal() {}

  /** The estimator's assumptions, failwise.estimator.*. */
  public static EstimatorConfig estimator(FailwiseConfig.Estimator c) {
    SettingsProblems.estimator(c).ifPresent(SettingsRefusal::refuse);
    return new EstimatorConfig(c.maxTargetUtilization(), c.reevaluateMin(), c.reevaluateMax());
  }

  /** The daily budget, failwise.runs.budget.*. */
  public static DailyBudget budget(FailwiseConfig config) {
    SettingsProblems.budget(config).ifPresent(SettingsRefusal::refuse);
    return new DailyBudget(config.runs().budget().failoversPerDay(), config.runs().budget().failbacksPerDay());
  }

  /** The freeze windows, failwise.runs.freeze.*: each parsed, the modes each Drill or Failover. */
  public static java.util.List<io.failwise.model.run.FreezeWindow> freezeWindows(FailwiseConfig config) {
    SettingsProblems.freeze(config).ifPresent(SettingsRefusal::refuse);
    return config.runs().freeze().windows().orElse(java.util.List.of()).stream().map(io.failwise.model.run.FreezeWindow::parse).toList();
  }

  /**
   * Every setting the domain judges, at start: the controller's run world is built at its first run, so a
   * bad freeze window started a controller whose every policy then failed to reconcile.
   */
  public static void check(FailwiseConfig config) {
    SettingsProblems.estimator(config.estimator())
        .or(() -> SettingsProblems.budget(config))
        .or(() -> SettingsProblems.freeze(config))
        .or(() -> SettingsProblems.notifications(config.notifications()))
        .ifPresent(SettingsRefusal::refuse);
  }

  private static void refuse(String problem) {
    throw new ConfigurationException("Invalid setting: " + problem);
  }
}
