package io.failwise.cli.runs;

import io.failwise.api.FailoverRunStatus;
import io.failwise.api.FailoverRunStatus.StopConditionReading;
import io.failwise.api.StopConditionSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Each stop condition of a run's plan with what its status says of it: fired, not fired or not
 * evaluated, with the reading. The controller records every condition's reading when one fires
 * ({@code status.report.stopConditions}); otherwise the state follows from whether the run watched
 * them at all. Pure; the console and {@code failwise report} show the same.
 */
public final class StopConditionStates {
  private StopConditionStates() {}

  /** One condition: its spec, state (Fired, NotFired, NotEvaluated) and reading (may be null). */
  public record Row(StopConditionSpec condition, String state, String reading) {
    public boolean fired() {
      return StopConditionReading.FIRED.equals(state);
    }
  }

  /** Every condition of the plan, in the playbook's order. */
  public static List<Row> of(FailoverRunStatus s) {
    List<Row> rows = new ArrayList<>();
    if (s == null || s.plan == null || s.plan.stopConditions == null) {
      return rows;
    }
    var report = s.report;
    for (StopConditionSpec c : s.plan.stopConditions) {
      if (report != null && report.stopConditions != null && !report.stopConditions.isEmpty()) {
        StopConditionReading r = report.stopConditions.stream().filter(x -> x.name != null && x.name.equals(c.name)).findFirst().orElse(null);
        rows.add(r == null
            ? new Row(c, StopConditionReading.NOT_EVALUATED, "not in the readings recorded when the run stopped.")
            : new Row(c, r.state, r.reading));
      } else if (report != null && report.stopCondition != null) {
        // A status from a controller that recorded only the first condition that fired, by name.
        rows.add(report.stopCondition.equals(c.name)
            ? new Row(c, StopConditionReading.FIRED, report.cause)
            : new Row(c, StopConditionReading.NOT_EVALUATED, "not recorded: the controller recorded only the first condition that fired."));
      } else if (watched(s)) {
        rows.add(new Row(c, StopConditionReading.NOT_FIRED, null));
      } else {
        rows.add(new Row(c, StopConditionReading.NOT_EVALUATED, "not watched: no device moved and no verify step ran."));
      }
    }
    return rows;
  }

  /** The names of the conditions that fired, the most telling first (as the controller recorded them). */
  public static List<String> fired(FailoverRunStatus s) {
    if (s == null || s.report == null) {
      return List.of();
    }
    if (s.report.stopConditions != null && !s.report.stopConditions.isEmpty()) {
      return s.report.stopConditions.stream().filter(r -> StopConditionReading.FIRED.equals(r.state)).map(r -> r.name).toList();
    }
    return s.report.stopCondition == null ? List.of() : List.of(s.report.stopCondition);
  }

  /** Whether the controller watched the stop conditions: once devices moved, or during a verify step. */
  private static boolean watched(FailoverRunStatus s) {
    if (s.steps == null) {
      return false;
    }
    return s.steps.stream().anyMatch(st -> ("Shift".equals(st.kind) && st.state != null && !"Pending".equals(st.state))
        || ("Verify".equals(st.kind) && st.startedAt != null));
  }
}
