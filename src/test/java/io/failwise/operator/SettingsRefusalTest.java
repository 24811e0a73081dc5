package io.failwise.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.runtime.configuration.ConfigurationException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A setting the domain refuses is refused naming the setting, its environment variable and what is valid,
 * as a ConfigurationException with no cause (Quarkus then prints its message alone, and failwise exits 2),
 * not as a stack trace ending in "maxTargetUtilization must be in (0, 1], got 2.0".
 */
class SettingsRefusalTest {
  /** An estimator section of FailwiseConfig answering these values (the defaults for the rest). */
  private static FailwiseConfig.Estimator estimator(double cap, Duration min, Duration max) {
    Map<String, Object> values = Map.of("maxTargetUtilization", cap, "reevaluateMin", min, "reevaluateMax", max);
    return (FailwiseConfig.Estimator) Proxy.newProxyInstance(
        FailwiseConfig.Estimator.class.getClassLoader(), new Class<?>[] {FailwiseConfig.Estimator.class}, (p, m, a) -> values.get(m.getName()));
  }

  @Test
  void aCapAboveOneNamesTheSettingAndWhatIsValid() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> SettingsRefusal.estimator(estimator(2, Duration.ofMinutes(5), Duration.ofMinutes(15))));
    assertEquals("Invalid setting: failwise.estimator.max-target-utilization (FAILWISE_ESTIMATOR_MAX_TARGET_UTILIZATION) is the share of a"
        + " target's capacity a failover may fill: above 0 and at most 1 (0.9 by default); got 2.0", e.getMessage());
    assertNull(e.getCause(), "Quarkus prints the root cause's message alone only when it is this exception");
  }

  @Test
  void aNegativeReevaluationBoundNamesBothSettings() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> SettingsRefusal.estimator(estimator(0.9, Duration.ofMinutes(-5), Duration.ofMinutes(15))));
    assertEquals("Invalid setting: failwise.estimator.reevaluate-min (FAILWISE_ESTIMATOR_REEVALUATE_MIN) and failwise.estimator.reevaluate-max"
        + " (FAILWISE_ESTIMATOR_REEVALUATE_MAX) bound when a decision is made again: 0 <= min <= max, max above 0 (5m and 15m by default);"
        + " got -5 min and 15 min", e.getMessage());
  }

  @Test
  void validSettingsMakeTheEstimatorsAssumptions() {
    assertEquals(0.8, SettingsRefusal.estimator(estimator(0.8, Duration.ZERO, Duration.ofMinutes(15))).maxTargetUtilization());
  }

  @Test
  void aFreezeModeIsOneThatMovesDevicesWrittenAsRunsNameIt() {
    // "failover" for "Failover" used to let failovers start inside a freeze without a word.
    assertEquals(java.util.Optional.of("failwise.runs.freeze.modes (FAILWISE_RUNS_FREEZE_MODES) names the run modes a freeze window blocks:"
        + " Drill, Failover or both, written so (Drill,Failover by default); got 'Plan'"),
        SettingsProblems.freeze(java.util.List.of(), java.util.List.of("Drill", "Plan")));
    assertEquals(java.util.Optional.empty(), SettingsProblems.freeze(java.util.List.of("FRI 16:00/MON 08:00"), java.util.List.of(" Failover ")));
  }
}
