package io.failwise.operator;

import java.time.Duration;
import java.util.Optional;

/**
 * What is wrong with a setting the domain refuses, naming the setting, its environment variable and what
 * is valid: read by the controller at start ({@link SettingsRefusal}) and by {@code validate --settings},
 * which runs without Quarkus.
 */
public final class SettingsProblems {
  private SettingsProblems() {}

  /** failwise.estimator.*: the utilisation cap and the re-evaluation bounds. */
  public static Optional<String> estimator(FailwiseConfig.Estimator c) {
    double cap = c.maxTargetUtilization();
    if (!(cap > 0 && cap <= 1)) {
      return Optional.of(setting("estimator.max-target-utilization") + " is the share of a target's capacity a failover may fill: above 0"
          + " and at most 1 (" + defaultOf(FailwiseConfig.Estimator.class, "maxTargetUtilization") + " by default); got " + cap);
    }
    Duration min = c.reevaluateMin();
    Duration max = c.reevaluateMax();
    if (min.isNegative() || max.compareTo(min) < 0 || max.isZero()) {
      return Optional.of(setting("estimator.reevaluate-min") + " and " + setting("estimator.reevaluate-max") + " bound when a decision is made"
          + " again: 0 <= min <= max, max above 0 (" + defaultOf(FailwiseConfig.Estimator.class, "reevaluateMin") + " and "
          + defaultOf(FailwiseConfig.Estimator.class, "reevaluateMax") + " by default); got " + text(min) + " and " + text(max));
    }
    return Optional.empty();
  }

  /** failwise.runs.budget.*: counts of operations a day. */
  public static Optional<String> budget(FailwiseConfig config) {
    int failovers = config.runs().budget().failoversPerDay();
    int failbacks = config.runs().budget().failbacksPerDay();
    if (failovers < 0 || failbacks < 0) {
      return Optional.of(setting("runs.budget.failovers-per-day") + " and " + setting("runs.budget.failbacks-per-day")
          + " are counts of operations a day, 0 or more; got " + failovers + " and " + failbacks);
    }
    return Optional.empty();
  }

  /** failwise.notifications.*: attempts, waits and the repeat of an unchanged decision. */
  public static Optional<String> notifications(FailwiseConfig.Notifications n) {
    Class<?> section = FailwiseConfig.Notifications.class;
    if (n.attempts() < 1) {
      return Optional.of(setting("notifications.attempts") + " counts the attempts per notice, the first included: 1 or more ("
          + defaultOf(section, "attempts") + " by default); got " + n.attempts());
    }
    if (n.backoff().isNegative() || n.backoff().isZero() || n.timeout().isNegative() || n.timeout().isZero()) {
      return Optional.of(setting("notifications.backoff") + " and " + setting("notifications.timeout") + " are waits above 0 ("
          + defaultOf(section, "backoff") + " and " + defaultOf(section, "timeout") + " by default); got " + text(n.backoff()) + " and "
          + text(n.timeout()));
    }
    if (n.repeat().isNegative()) {
      return Optional.of(setting("notifications.repeat") + " is how long an unchanged decision goes untold: 0 (tell every decision) or more ("
          + defaultOf(section, "repeat") + " by default); got " + text(n.repeat()));
    }
    return Optional.empty();
  }

  /** The run modes a freeze window can block: those that move devices. */
  static final java.util.List<String> FREEZABLE_MODES = java.util.List.of("Drill", "Failover");

  /**
   * failwise.runs.freeze.*: every window one that parses, every mode one that moves devices, written as the
   * runs name it. A bad window used to pass validate and then fail every policy's reconcile while /q/health
   * said UP; "failover" in place of "Failover" let failovers start inside the freeze without a word.
   */
  public static Optional<String> freeze(java.util.List<String> windows, java.util.List<String> modes) {
    for (String w : windows) {
      try {
        io.failwise.model.run.FreezeWindow.parse(w);
      } catch (IllegalArgumentException e) {
        return Optional.of(setting("runs.freeze.windows") + ": " + e.getMessage());
      }
    }
    for (String m : modes) {
      if (!FREEZABLE_MODES.contains(m.trim())) {
        return Optional.of(setting("runs.freeze.modes") + " names the run modes a freeze window blocks: " + String.join(", ", FREEZABLE_MODES)
            + " or both, written so (" + defaultOf(FailwiseConfig.Runs.Freeze.class, "modes") + " by default); got '" + m.trim() + "'");
      }
    }
    return Optional.empty();
  }

  /** failwise.runs.freeze.* of the controller's settings ({@link #freeze(java.util.List, java.util.List)}). */
  public static Optional<String> freeze(FailwiseConfig config) {
    return freeze(config.runs().freeze().windows().orElse(java.util.List.of()), config.runs().freeze().modes());
  }

  /** The {@code @WithDefault} of a setting, its accessor in {@code section} of FailwiseConfig; null when it has none. */
  public static String defaultOf(Class<?> section, String accessor) {
    try {
      io.smallrye.config.WithDefault d = section.getMethod(accessor).getAnnotation(io.smallrye.config.WithDefault.class);
      return d == null ? null : d.value();
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException(section.getSimpleName() + " has no setting " + accessor, e);
    }
  }

  /** "failwise.estimator.max-target-utilization (FAILWISE_ESTIMATOR_MAX_TARGET_UTILIZATION)". */
  static String setting(String name) {
    String full = "failwise." + name;
    return full + " (" + full.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_') + ")";
  }

  private static String text(Duration d) {
    return (d.isNegative() ? "-" : "") + io.failwise.model.Format.exactDuration(d.abs());
  }
}
