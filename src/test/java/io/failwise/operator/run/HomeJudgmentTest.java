package io.failwise.operator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.failwise.api.FailoverRunStatus;
import io.failwise.api.StopConditionSpec;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How long the end of a failback waits for a source whose counts cannot be read (RunDrillHomeTest drives it). */
class HomeJudgmentTest {
  private static StopConditionSpec unknownFor(String cluster, long seconds) {
    StopConditionSpec c = new StopConditionSpec();
    c.name = cluster.toLowerCase() + "-blind";
    c.cluster = cluster;
    c.signalUnknownSeconds = seconds;
    return c;
  }

  private static FailoverRunStatus planWith(StopConditionSpec... conditions) {
    FailoverRunStatus s = new FailoverRunStatus();
    s.plan = new FailoverRunStatus.Plan();
    s.plan.stopConditions = new java.util.ArrayList<>(java.util.List.of(conditions));
    return s;
  }

  /** The team's own tolerance for an unreadable source: it would stop the run then anyway, so the judgment waits no longer. */
  @Test
  void aSourceSignalUnknownConditionIsTheGrace() {
    assertEquals(Duration.ofSeconds(45), HomeJudgment.unreadableGrace(planWith(unknownFor("Source", 90), unknownFor("Source", 45))));
  }

  /** A target's tolerance says nothing of the source's: the default applies (the repository's playbooks watch the target only). */
  @Test
  void withoutASourceConditionTheGraceIsTwoMinutes() {
    assertEquals(Duration.ofMinutes(2), HomeJudgment.unreadableGrace(planWith(unknownFor("Target", 60))));
    assertEquals(Duration.ofMinutes(2), HomeJudgment.unreadableGrace(planWith()));
  }
}
