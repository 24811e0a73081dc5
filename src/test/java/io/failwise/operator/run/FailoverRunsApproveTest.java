package io.failwise.operator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Approve is idempotent: a second approve, or one sent on a stale read, says so and writes nothing. */
class FailoverRunsApproveTest {
  private final MemoryRunStore store = new MemoryRunStore();
  private final FailoverRuns runs =
      new FailoverRuns(null, store, Clock.fixed(Instant.parse("2026-03-12T21:45:00Z"), ZoneOffset.UTC));

  private void runAt(String phase, String step, List<FailoverRunStatus.Approval> approvals) {
    FailoverRun run = new FailoverRun();
    run.setMetadata(new ObjectMetaBuilder().withNamespace("failwise").withName("drill").build());
    FailoverRunStatus s = new FailoverRunStatus();
    s.phase = phase;
    s.currentStep = step;
    s.approvals = new ArrayList<>(approvals);
    run.setStatus(s);
    store.create(run);
  }

  private List<String> approvals() {
    return store.get("failwise", "drill").orElseThrow().getStatus().approvals.stream().map(a -> a.step + " by " + a.by).toList();
  }

  @Test
  void theFirstApproveRecordsTheStepTheRunWaitsAt() {
    runAt("AwaitingApproval", "approve", List.of());
    FailoverRuns.Approved first = runs.approve("failwise", "drill", "alice");
    assertFalse(first.alreadyApproved());
    assertEquals("approve", first.approval().step);
    assertEquals("2026-03-12T21:45:00Z", first.approval().at);
    assertEquals(List.of("approve by alice"), approvals());
  }

  @Test
  void approvingAgainWhileStillAwaitingNamesTheFirstApproverAndWritesNothing() {
    runAt("AwaitingApproval", "approve", List.of());
    runs.approve("failwise", "drill", "alice");
    int writes = store.writes();
    FailoverRuns.Approved again = runs.approve("failwise", "drill", "bob");
    assertTrue(again.alreadyApproved());
    assertEquals("alice", again.approval().by);
    assertEquals(writes, store.writes(), "no second status write");
    assertEquals(List.of("approve by alice"), approvals());
  }

  @Test
  void approvingOnAStaleReadAfterTheRunMovedOnIsNotAnError() {
    runAt("Running", "shift", List.of(new FailoverRunStatus.Approval("approve", "alice", "2026-03-12T21:40:00Z")));
    FailoverRuns.Approved stale = runs.approve("failwise", "drill", "demo", "approve");
    assertTrue(stale.alreadyApproved());
    assertEquals("alice", stale.approval().by);
    assertEquals("Running", stale.run().getStatus().phase);
    assertTrue(runs.approve("failwise", "drill", "bob").alreadyApproved(), "without --step: the last step approved");
  }

  @Test
  void aRunThatNeverHadAnApprovalIsStillRefused() {
    runAt("Running", "shift", List.of());
    RunActionRefused refused = assertThrows(RunActionRefused.class, () -> runs.approve("failwise", "drill", "bob"));
    assertEquals("run drill is Running: it can be approved only while AwaitingApproval", refused.getMessage());
  }

  @Test
  void aStepOtherThanTheOneAwaitedIsRefusedAndNotRecorded() {
    runAt("AwaitingApproval", "second-approval", List.of(new FailoverRunStatus.Approval("approve", "alice", "2026-03-12T21:40:00Z")));
    RunActionRefused refused =
        assertThrows(RunActionRefused.class, () -> runs.approve("failwise", "drill", "bob", "third"));
    assertEquals("run drill waits for approval of step second-approval, not third: approve second-approval or leave out --step",
        refused.getMessage());
    FailoverRuns.Approved second = runs.approve("failwise", "drill", "bob");
    assertFalse(second.alreadyApproved(), "the earlier step's approval does not count for this one");
    assertEquals(List.of("approve by alice", "second-approval by bob"), approvals());
  }
}
