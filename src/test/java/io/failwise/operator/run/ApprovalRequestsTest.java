package io.failwise.operator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.failwise.api.FailoverApproval;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code failwise approve} is idempotent and never writes the run: a step already approved is said,
 * a run not waiting is refused, and the object it would create names the run, step and approver.
 */
class ApprovalRequestsTest {
  private final MemoryRunStore store = new MemoryRunStore();
  /** No API server: every case here must decide before creating anything. */
  private final ApprovalRequests requests = new ApprovalRequests(null, store);

  private FailoverRun runAt(String phase, String step, List<FailoverRunStatus.Approval> approvals) {
    FailoverRun run = new FailoverRun();
    run.setMetadata(new ObjectMetaBuilder().withNamespace("failwise").withName("drill").withUid("uid-drill").build());
    FailoverRunStatus s = new FailoverRunStatus();
    s.phase = phase;
    s.currentStep = step;
    s.approvals = new ArrayList<>(approvals);
    run.setStatus(s);
    store.create(run);
    return run;
  }

  private static FailoverRunStatus.Approval recorded(String step, String by) {
    var a = new FailoverRunStatus.Approval(step, by, "2026-03-12T21:40:00Z");
    a.approval = ApprovalRequests.name("drill", "uid-drill", step, by);
    return a;
  }

  @Test
  void approvingAStepTheControllerRecordedNamesTheApproverAndWritesNothing() {
    runAt("AwaitingApproval", "approve", List.of(recorded("approve", "alice")));
    int writes = store.writes();
    var again = assertInstanceOf(ApprovalRequests.Asked.AlreadyApproved.class, requests.ask("failwise", "drill", "bob", List.of(), null, null));
    assertEquals("alice", again.approval().by);
    assertEquals(writes, store.writes(), "no status write");
  }

  @Test
  void approvingOnAStaleReadAfterTheRunMovedOnIsNotAnError() {
    runAt("Running", "shift", List.of(recorded("approve", "alice")));
    var stale = assertInstanceOf(ApprovalRequests.Asked.AlreadyApproved.class, requests.ask("failwise", "drill", "demo", List.of(), "approve", null));
    assertEquals("alice", stale.approval().by);
    assertEquals("Running", stale.run().getStatus().phase);
    assertInstanceOf(ApprovalRequests.Asked.AlreadyApproved.class, requests.ask("failwise", "drill", "bob", List.of(), null, null),
        "without --step: the last step approved");
  }

  @Test
  void anApprovalEntryTheControllerDidNotRecordDoesNotCountAsApproved() {
    // Written by a client into the status: no FailoverApproval behind it.
    runAt("Running", "shift", List.of(new FailoverRunStatus.Approval("approve", "mallory", "2026-03-12T21:40:00Z")));
    RunActionRefused refused = assertThrows(RunActionRefused.class, () -> requests.ask("failwise", "drill", "bob", List.of(), null, null));
    assertEquals("run drill is Running: it can be approved only while AwaitingApproval", refused.getMessage());
  }

  @Test
  void aRunThatDoesNotExistOrWaitsAtAnotherStepIsRefused() {
    assertEquals("FailoverRun failwise/drill does not exist",
        assertThrows(RunActionRefused.class, () -> requests.ask("failwise", "drill", "bob", List.of(), null, null)).getMessage());
    runAt("AwaitingApproval", "second-approval", List.of(recorded("approve", "alice")));
    RunActionRefused refused = assertThrows(RunActionRefused.class, () -> requests.ask("failwise", "drill", "bob", List.of(), "third", null));
    assertEquals("run drill waits for approval of step second-approval, not third: give --step second-approval or leave --step out",
        refused.getMessage());
  }

  /** Approving a run that does not wait at an approval yet says what it is doing instead, in its own words. */
  @Test
  void anApprovalOfARunThatIsNotThereYetSaysWhatItWaitsFor() {
    FailoverRun run = runAt("Pending", null, List.of());
    run.getStatus().message = "Waiting: run quarterly-drill holds go-eu-west-2; this run starts when it ends.";
    store.writeStatus(store.get("failwise", "drill").orElseThrow(), run.getStatus());
    RunActionRefused refused = assertThrows(RunActionRefused.class, () -> requests.ask("failwise", "drill", "bob", List.of(), null, null));
    assertEquals("run drill is Pending: it can be approved only while AwaitingApproval; now: Waiting: run quarterly-drill holds"
        + " go-eu-west-2; this run starts when it ends.", refused.getMessage());
  }

  @Test
  void theObjectNamesRunStepAndApproverAndIsOwnedByTheRun() {
    FailoverRun run = runAt("AwaitingApproval", "approve", List.of());
    FailoverApproval a = ApprovalRequests.approval(run, "approve", "Alice@Example.com", List.of("sre-leads"), "estimate checked");
    assertEquals("drill", a.getSpec().run);
    assertEquals("approve", a.getSpec().step);
    assertEquals("Alice@Example.com", a.getSpec().approver);
    assertEquals(List.of("sre-leads"), a.getSpec().groups);
    assertEquals("uid-drill", a.getMetadata().getOwnerReferences().get(0).getUid());
    assertEquals("drill", a.getMetadata().getLabels().get("failwise.io/run"));
    assertTrue(a.getMetadata().getName().matches("drill-approve-alice-example-com-[0-9a-f]{8}"), a.getMetadata().getName());
  }

  @Test
  void namesAreValidObjectNamesOnePerApproverAndStep() {
    String long253 = ApprovalRequests.name("r".repeat(200), "uid", "approve", "x".repeat(300));
    assertTrue(long253.length() <= 253 && long253.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?"), long253);
    assertTrue(ApprovalRequests.name("run", "uid", "approve", "on-call SRE (the demo)").matches("run-approve-on-call-sre-the-demo-[0-9a-f]{8}"));
    assertTrue(ApprovalRequests.name("run", "uid", "approve", "((()))").matches("run-approve-[0-9a-f]{8}"));
    assertNotEquals(ApprovalRequests.name("run", "uid", "approve", "Bob"), ApprovalRequests.name("run", "uid", "approve", "bob"), "two people, two objects");
    assertEquals(ApprovalRequests.name("run", "uid", "approve", "bob"), ApprovalRequests.name("run", "uid", "approve", "bob"), "asking twice finds the first");
    assertNotEquals(ApprovalRequests.name("run", "uid-1", "approve", "bob"), ApprovalRequests.name("run", "uid-2", "approve", "bob"),
        "a run created again under the same name does not find the earlier run's approval");
    assertNotEquals(ApprovalRequests.name("run", "uid", "approve", "bob"), ApprovalRequests.name("run", "uid", "approve", "bob", List.of("sre-oncall")),
        "asking again with a group is another attempt, not the one refused without it");
    assertEquals(ApprovalRequests.name("run", "uid", "approve", "bob", List.of("a", "b")), ApprovalRequests.name("run", "uid", "approve", "bob", List.of("b", "a", "b")),
        "the same groups in another order are the same attempt");
    assertEquals(ApprovalRequests.name("run", "uid", "approve", "bob"), ApprovalRequests.name("run", "uid", "approve", "bob", List.of()),
        "without groups the name is what it always was");
  }
}
