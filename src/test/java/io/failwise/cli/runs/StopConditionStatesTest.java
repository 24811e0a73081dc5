package io.failwise.cli.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.failwise.api.FailoverRunStatus;
import io.failwise.api.FailoverRunStatus.StopConditionReading;
import io.failwise.api.StopConditionSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's stop-condition table in the order the run's message names them: the most telling fired first. */
class StopConditionStatesTest {
  private static StopConditionReading reading(String name, String state) {
    StopConditionReading r = new StopConditionReading();
    r.name = name;
    r.state = state;
    r.reading = state.toLowerCase(java.util.Locale.ROOT);
    return r;
  }

  private static StopConditionSpec spec(String name) {
    StopConditionSpec c = new StopConditionSpec();
    c.name = name;
    return c;
  }

  @Test
  void theTableFollowsTheRecordedOrderNotThePlaybooks() {
    FailoverRunStatus s = new FailoverRunStatus();
    s.plan = new FailoverRunStatus.Plan();
    s.plan.stopConditions = new ArrayList<>(List.of(spec("canary-lost"), spec("source-blind"), spec("target-offline")));
    s.report = new FailoverRunStatus.Report();
    s.report.stopConditions =
        List.of(reading("target-offline", StopConditionReading.FIRED), reading("canary-lost", StopConditionReading.FIRED),
            reading("source-blind", StopConditionReading.NOT_FIRED));
    assertEquals(
        List.of("target-offline", "canary-lost", "source-blind"),
        StopConditionStates.of(s).stream().map(r -> r.condition().name).toList());
  }
}
