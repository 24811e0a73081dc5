package io.failwise.operator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunSpec.Mode;
import io.failwise.api.FailoverRunStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A Failover's failback ends when the source shows it took every device back (HomeJudgment). The regional
 * playbook's failback sends them home in three waves, the last watched its hold and then as long as a lost
 * device takes to show (6 min here). A
 * source unreadable at that moment used to end the run Failed ("it is not healthy (Unknown ...)"), its
 * clusters held for a person, though nothing said a device was lost: it now waits for a reading, as a
 * drill's end does (RunDrillHomeTest).
 */
class RunFailbackReadingTest {
  private static final String SOURCE = "go-eu-west-1";
  @AutoClose
  private final RunHarness h = new RunHarness();

  /**
   * go-eu-west-1 blind from 30 s before the failback's last wave is watched out (8 min: its 2-minute hold, then
   * the 6 minutes a lost device takes to show) to 1 min after: read then, healthy, the run succeeds.
   */
  @Test
  void aFailoverWhoseSourceIsUnreadableForAMomentAtTheEndSucceedsOnceItIsRead() {
    List<String> said = new ArrayList<>();
    FailoverRun done = failoverWithSourceBlind(Duration.ofSeconds(-30), Duration.ofSeconds(60), said);
    FailoverRunStatus s = done.getStatus();
    assertEquals("Succeeded", s.phase, s.message);
    assertTrue(said.stream().anyMatch(m -> m.startsWith("Every device is back on go-eu-west-1, whose device counts cannot be read (Unknown at ")),
        said.toString());
    assertTrue(!Instant.parse(s.finishedAt).isBefore(watchedOut(s).plusSeconds(60)), "judged once the source could be read: " + s.finishedAt);
  }

  /** Still blind 2 min after the counts went: judged as it is, and an unreadable source is not a healthy one. */
  @Test
  void aFailoverWhoseSourceStaysUnreadableIsJudgedOnceTheGraceIsOver() {
    FailoverRun done = failoverWithSourceBlind(Duration.ofSeconds(-30), Duration.ofDays(1), new ArrayList<>());
    FailoverRunStatus s = done.getStatus();
    assertEquals("Failed", s.phase, s.message);
    assertTrue(s.message.contains("Every device is back on go-eu-west-1, and it is not healthy (Unknown at "), s.message);
    assertTrue(!Instant.parse(s.finishedAt).isBefore(watchedOut(s).plusSeconds(-30 + 120)), "not before the grace was over: " + s.finishedAt);
  }

  /** When the failback's last wave has been watched long enough for the source to be judged. */
  private static Instant watchedOut(FailoverRunStatus s) {
    var step = s.plan.steps.stream().filter(p -> "failback".equals(p.name)).findFirst().orElseThrow();
    return lastWave(s).plusSeconds(step.waves.get(step.waves.size() - 1).durationSeconds);
  }

  private static Instant lastWave(FailoverRunStatus s) {
    List<String> waves = failback(s).wavesAppliedAt;
    return Instant.parse(waves.get(waves.size() - 1));
  }

  private static FailoverRunStatus.StepStatus failback(FailoverRunStatus s) {
    return s.steps.stream().filter(st -> "failback".equals(st.name)).findFirst().orElseThrow();
  }

  /** The regional failover on go-eu-west-1, its source blind from {@code from} to {@code to} after its last wave is watched out. */
  private FailoverRun failoverWithSourceBlind(Duration from, Duration to, List<String> said) {
    h.lossShowsWithin = Duration.ofMinutes(6);
    h.create("incident", "regional-failover", SOURCE, Mode.Failover, s -> {});
    var approve = h.approver("oncall@example.com");
    return h.drive("incident", run -> {
      approve.accept(run);
      FailoverRunStatus s = run.getStatus();
      if (s == null || s.steps == null) {
        return;
      }
      said.add(String.valueOf(s.message));
      h.blind.remove(SOURCE);
      if (failback(s).wavesAppliedAt.size() == 3) {
        Duration since = Duration.between(watchedOut(s), h.clock.instant());
        if (since.compareTo(from) >= 0 && since.compareTo(to) < 0) {
          h.blind.add(SOURCE);
        }
      }
    });
  }
}
