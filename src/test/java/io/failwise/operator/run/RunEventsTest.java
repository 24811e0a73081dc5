package io.failwise.operator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunStatus;
import io.failwise.testing.RecordedEvents;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One Event per phase change, by Kubernetes conventions: an ending after a cause has a reason of its own
 * (an outside pass read "Warning StopCondition ... Rolling back." then "Normal StopCondition ... Every step
 * that ran was undone.", and a Normal PrecheckFailed, as if the precheck had passed).
 */
class RunEventsTest {
  private final RecordedEvents recorder = new RecordedEvents(Instant.parse("2026-03-12T21:40:00Z"));
  private final RunEvents events = new RunEvents(recorder);

  private static FailoverRun run(String phase, String reason) {
    FailoverRun r = new FailoverRun();
    r.setMetadata(new ObjectMetaBuilder().withNamespace("failwise").withName("drill").build());
    r.setStatus(status(phase, reason, "before"));
    return r;
  }

  private static FailoverRunStatus status(String phase, String reason, String message) {
    FailoverRunStatus s = new FailoverRunStatus();
    s.phase = phase;
    s.reason = reason;
    s.message = message;
    return s;
  }

  @Test
  void aRollbackIsWarnedWithItsCauseAndItsEndHasAReasonOfItsOwn() {
    events.beforeWrite(run("Running", "StepShift"), status("RollingBack", "StopCondition", "Stop condition target-offline fired. Rolling back."));
    events.beforeWrite(run("RollingBack", "StopCondition"), status("RolledBack", "StopCondition", "Every step that ran was undone."));
    events.beforeWrite(run("Running", "StepPrecheck"), status("RolledBack", "PrecheckFailed", "Precheck failed. Nothing had to be undone."));
    events.beforeWrite(run("RollingBack", "ActionFailed"), status("Failed", "ActionFailed", "Restore by hand."));
    events.beforeWrite(run("Pending", "WaitingForTarget"), status("Refused", "BudgetExhausted", "The daily budget is used up."));
    events.beforeWrite(run(null, null), status("Pending", "InvalidSpec", "The run cannot start: spec.playbook: FailoverPlaybook 'nope' does not exist."));
    events.beforeWrite(run(null, null), status("Pending", "WaitingForTarget", "Waiting."));
    // No phase change, but the waves stopped because a Cluster the run held was deleted: warned once.
    events.beforeWrite(run("Running", "StepShift"), status("Running", "WaitingForCluster", "Paused before wave 2 of 4: Cluster west is gone."));
    events.beforeWrite(run("Running", "WaitingForCluster"), status("Running", "WaitingForCluster", "Paused before wave 2 of 4: Cluster west is gone."));
    assertEquals(
        List.of(
            "Warning StopCondition: Stop condition target-offline fired. Rolling back.",
            "Normal RolledBack: Every step that ran was undone.",
            "Normal RolledBack: Precheck failed. Nothing had to be undone.",
            "Warning Failed: Restore by hand.",
            "Warning BudgetExhausted: The daily budget is used up.",
            "Warning InvalidSpec: The run cannot start: spec.playbook: FailoverPlaybook 'nope' does not exist.",
            "Normal WaitingForTarget: Waiting.",
            "Warning WaitingForCluster: Paused before wave 2 of 4: Cluster west is gone."),
        recorder.all);
  }
}
