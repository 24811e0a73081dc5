package io.failwise.operator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunSpec.Mode;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * People at a run's approval step: an approval object passes it (a forged status entry does not, four eyes
 * refuses the requester's), nobody approving times it out, an abort ends the run before anything moved.
 */
class RunApprovalAndAbortTest {
  private final RunHarness h = new RunHarness();

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void anAbortAtTheApprovalStopsBeforeAnythingMoved() {
    h.create("incident", "regional-failover", "go-eu-west-1", Mode.Failover, s -> {});
    FailoverRun done = h.drive("incident", run -> {
      if ("AwaitingApproval".equals(run.getStatus().phase) && run.getStatus().abort == null) {
        h.abort("incident", "sre@example.com");
      }
    });
    assertEquals("RolledBack", done.getStatus().phase);
    assertEquals("Aborted", done.getStatus().reason);
    assertTrue(done.getStatus().message.startsWith("Aborted by sre@example.com: test."), done.getStatus().message);
    assertTrue(done.getStatus().message.endsWith("Nothing had to be undone."), done.getStatus().message);
    assertEquals(List.of(), h.objects.history());
  }

  @Test
  void anApprovalThatTimesOutAbortsTheRun() {
    h.create("incident", "regional-failover", "go-eu-west-1", Mode.Failover, s -> {});
    FailoverRun done = h.drive("incident", run -> {});
    assertEquals("RolledBack", done.getStatus().phase);
    assertEquals("ApprovalTimedOut", done.getStatus().reason);
    assertEquals("Nobody approved within 30 min.", done.getStatus().steps.get(1).message);
  }

  @Test
  void anApprovalWrittenIntoTheRunsStatusIsNotAnApproval() {
    h.create("incident", "regional-failover", "go-eu-west-1", Mode.Failover, s -> {});
    int[] forged = {0};
    FailoverRun done = h.drive("incident", run -> {
      if ("AwaitingApproval".equals(run.getStatus().phase) && forged[0] < 3
          && (run.getStatus().approvals == null || run.getStatus().approvals.isEmpty())) {
        forged[0]++;
        h.forgeApproval("incident", "mallory@example.com");
      }
    });
    assertEquals(3, forged[0], "each forged entry was removed, so mallory could write one again");
    assertEquals("RolledBack", done.getStatus().phase, done.getStatus().message);
    assertEquals("ApprovalTimedOut", done.getStatus().reason);
    assertEquals(List.of(), done.getStatus().approvals, "the report names no approver");
    assertEquals(List.of(), h.objects.history(), "nothing moved");
  }

  @Test
  void fourEyesTakesAColleaguesApprovalObjectAndNotTheRequesters() {
    h.playbooks.get("regional-failover").getSpec().steps.get(1).approval.fourEyes = true;
    h.playbooks.get("regional-failover").getSpec().steps.get(1).approval.approverGroup = "sre-leads";
    h.setConnected("go-eu-west-1", 100_000);
    h.create("incident", "regional-failover", "go-eu-west-1", Mode.Failover, s -> s.requestedBy = "alice@example.com");
    String[] seen = {null};
    FailoverRun done = h.drive("incident", run -> {
      if ("AwaitingApproval".equals(run.getStatus().phase) && h.approvals.isEmpty()) {
        h.approve("incident", "alice@example.com", List.of("sre-leads")); // the requester
        h.approve("incident", "carol@example.com", List.of("developers")); // not in the group
      } else if ("AwaitingApproval".equals(run.getStatus().phase) && h.approvals.size() == 2) {
        seen[0] = run.getStatus().message; // the engine looked at both and still waits
        h.approve("incident", "bob@example.com", List.of("sre-leads"));
      }
      if ("WaitingForSource".equals(run.getStatus().reason)) {
        h.setConnected("go-eu-west-1", 179_420);
      }
    });
    assertTrue(seen[0] != null && seen[0].startsWith("Waiting for approval of step approve"), String.valueOf(seen[0]));
    assertEquals("Succeeded", done.getStatus().phase, done.getStatus().message);
    var approval = done.getStatus().approvals.get(0);
    assertEquals("bob@example.com", approval.by);
    assertEquals(ApprovalRequests.name("incident", "uid-incident", "approve", "bob@example.com"), approval.approval);
    assertEquals(1, done.getStatus().approvals.size());
  }

  @Test
  void anAbortWhilePendingEndsTheRunWithNothingDone() {
    h.halt = java.util.Optional.of(new RunWorld.Halt("lead", "2026-03-12T21:00:00Z", null));
    h.create("later", "quarterly-drill", "go-eu-west-1", Mode.Drill, s -> {});
    h.controller().advance(RunHarness.NS, "later");
    assertEquals("Halted", h.run("later").getStatus().reason, "a new run waits while the halt is set");
    h.abort("later", "sre");
    FailoverRun done = h.drive("later", run -> {});
    assertEquals("Aborted", done.getStatus().phase);
    assertEquals(RunStatuses.time(h.clock.instant()), done.getStatus().finishedAt, "ended when the abort was acted on");
    assertEquals(List.of(), h.objects.history(), "nothing was done");
  }
}
