package io.failwise.operator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An illegal transition is never written: the run fails with a reason instead. */
class RunLifecycleTest {
  private static final Instant NOW = Instant.parse("2026-03-12T21:45:00Z");

  private static FailoverRun run(String phase, String... steps) {
    FailoverRun run = new FailoverRun();
    run.setMetadata(new ObjectMetaBuilder().withNamespace("failwise").withName("incident").build());
    run.setStatus(status(phase, steps));
    return run;
  }

  private static FailoverRunStatus status(String phase, String... steps) {
    FailoverRunStatus s = new FailoverRunStatus();
    s.phase = phase;
    s.startedAt = "2026-03-12T21:40:00Z";
    s.steps = new ArrayList<>();
    for (String state : steps) {
      FailoverRunStatus.StepStatus st = new FailoverRunStatus.StepStatus();
      st.state = state;
      s.steps.add(st);
    }
    return s;
  }

  @Test
  void aLegalWriteIsLeftAlone() {
    assertEquals(Optional.empty(), RunLifecycle.failedInstead(run("Running", "Running"), status("Running", "Succeeded"), NOW));
  }

  @Test
  void anIllegalPhaseMoveFailsTheRunWithTheTransitionNamed() {
    FailoverRun running = run("Running", "Succeeded", "Running");
    running.getStatus().pendingEffect = new FailoverRunStatus.Effect();
    FailoverRunStatus failed = RunLifecycle.failedInstead(running, status("Planned", "Succeeded", "Running"), NOW).orElseThrow();
    assertEquals("Failed", failed.phase);
    assertEquals("IllegalTransition", failed.reason);
    assertTrue(failed.message.startsWith("The controller tried an illegal transition (phase Running may not move to Planned), a bug"),
        failed.message);
    assertEquals("2026-03-12T21:45:00Z", failed.finishedAt);
    assertEquals(null, failed.pendingEffect, "no effect is redone after the bug");
    assertEquals(List.of("Succeeded", "Running"), failed.steps.stream().map(s -> s.state).toList(), "the steps as they were");
  }

  @Test
  void anIllegalStepMoveFailsTheRunToo() {
    FailoverRunStatus failed =
        RunLifecycle.failedInstead(run("RollingBack", "Undone"), status("RollingBack", "Running"), NOW).orElseThrow();
    assertEquals("Failed", failed.phase);
    assertTrue(failed.message.contains("step 1 may not move from Undone to Running"), failed.message);
  }

  @Test
  void aRunThatHasEndedGetsNothingWritten() {
    FailoverRun ended = run("Succeeded", "Succeeded");
    assertSame(ended.getStatus(), RunLifecycle.failedInstead(ended, status("Running", "Succeeded"), NOW).orElseThrow());
  }
}
