package io.failwise.cli.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * validate --settings and plan --settings refuse what would stop the controller, in the words the
 * controller starts with (an outside pass found a file with a utilisation cap of 2 and an unknown time
 * zone passing validate with "OK", while the controller refused to start on it).
 */
class ControllerSettingsTest {
  private static String refusal(String... lines) {
    Properties p = new Properties();
    for (String line : lines) {
      p.setProperty(line.split("=", 2)[0], line.split("=", 2)[1]);
    }
    java.util.List<String> problems = ControllerSettings.problems(p, "--settings s.properties");
    assertEquals(1, problems.size(), problems.toString());
    return problems.get(0);
  }

  @Test
  void aValueTheControllerRefusesIsRefusedNamingTheSettingAndWhatIsValid() {
    assertEquals("--settings s.properties: failwise.estimator.max-target-utilization (FAILWISE_ESTIMATOR_MAX_TARGET_UTILIZATION) is the share"
        + " of a target's capacity a failover may fill: above 0 and at most 1 (0.9 by default); got 2.0",
        refusal("failwise.estimator.max-target-utilization=2"));
    assertEquals("--settings s.properties: failwise.time-zone: Unknown time-zone ID: Mars/Olympus; give a region ID such as Europe/Berlin, or UTC",
        refusal("failwise.time-zone=Mars/Olympus"));
    assertEquals("--settings s.properties: failwise.runs.budget.failovers-per-day=abc is not a whole number",
        refusal("failwise.runs.budget.failovers-per-day=abc"));
    assertEquals("--settings s.properties: failwise.runs.budget.failovers-per-day (FAILWISE_RUNS_BUDGET_FAILOVERS_PER_DAY) and"
        + " failwise.runs.budget.failbacks-per-day (FAILWISE_RUNS_BUDGET_FAILBACKS_PER_DAY) are counts of operations a day, 0 or more; got 2 and -1",
        refusal("failwise.runs.budget.failbacks-per-day=-1"));
  }

  @Test
  void aSettingLeftOutTakesTheControllersDefault() {
    // reevaluate-min of 20 min is refused only against the default reevaluate-max (15m) the file leaves out.
    assertEquals("--settings s.properties: failwise.estimator.reevaluate-min (FAILWISE_ESTIMATOR_REEVALUATE_MIN) and"
        + " failwise.estimator.reevaluate-max (FAILWISE_ESTIMATOR_REEVALUATE_MAX) bound when a decision is made again: 0 <= min <= max, max"
        + " above 0 (5m and 15m by default); got 20 min and 15 min", refusal("failwise.estimator.reevaluate-min=20m"));
    Properties fine = new Properties();
    fine.setProperty("failwise.estimator.reevaluate-min", "20m");
    fine.setProperty("failwise.estimator.reevaluate-max", "30m");
    fine.setProperty("failwise.time-zone", "Europe/Berlin");
    assertEquals(java.util.List.of(), ControllerSettings.problems(fine, "--settings s.properties"));
    assertEquals(java.util.List.of(), ControllerSettings.problems(new Properties(), "--settings s.properties"));
  }

  @Test
  void aFreezeWindowOrModeTheControllerCannotUseIsRefused() {
    // A window that does not parse used to pass validate, then fail every policy's reconcile while the
    // controller reported UP; a mode in the wrong case let failovers start inside the freeze.
    assertEquals("--settings s.properties: failwise.runs.freeze.windows (FAILWISE_RUNS_FREEZE_WINDOWS): freeze window 'FRI 16:00/MON 8am'"
        + " is not START/END in RFC 3339 (2026-12-24T00:00:00Z/2026-12-27T00:00:00Z) nor weekly in UTC (FRI 16:00/MON 08:00),"
        + " optionally named (christmas=...)",
        refusal("failwise.runs.freeze.windows=xmas=2026-12-24T00:00:00Z/2026-12-27T00:00:00Z,FRI 16:00/MON 8am"));
    assertEquals("--settings s.properties: failwise.runs.freeze.modes (FAILWISE_RUNS_FREEZE_MODES) names the run modes a freeze window"
        + " blocks: Drill, Failover or both, written so (Drill,Failover by default); got 'failover'",
        refusal("failwise.runs.freeze.modes=Drill, failover"));
    Properties fine = new Properties();
    fine.setProperty("failwise.runs.freeze.windows", "xmas=2026-12-24T00:00:00Z/2026-12-27T00:00:00Z, FRI 16:00/MON 08:00");
    fine.setProperty("failwise.runs.freeze.modes", "Failover");
    assertEquals(java.util.List.of(), ControllerSettings.problems(fine, "--settings s.properties"));
  }
}
