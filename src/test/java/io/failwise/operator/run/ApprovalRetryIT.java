package io.failwise.operator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.failwise.api.FailoverApproval;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunSpec;
import io.failwise.api.FailoverRunStatus;
import io.failwise.api.PlaybookStep;
import io.failwise.cli.runs.ApproveCommand;
import io.failwise.operator.status.EventRecorder;
import io.failwise.testing.ApiServerPerTest;
import io.failwise.testing.Cli;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code failwise approve} after a rejection, on the embedded API server: a new attempt with other
 * groups is judged on the groups it names (a rejected FailoverApproval is a record, never the answer
 * to another attempt), while the same attempt twice, and an accepted one, stay idempotent.
 */
class ApprovalRetryIT {
  private static final String NS = "failwise";

  @RegisterExtension final ApiServerPerTest api = ApiServerPerTest.withNamespaces(NS);

  /** A run waiting at step approve, which only members of sre-oncall may approve. */
  private FailoverRun awaitingApproval(String name) {
    KubernetesClient client = api.client();
    FailoverRun run = new FailoverRun();
    run.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
    run.setSpec(new FailoverRunSpec());
    run.getSpec().mode = FailoverRunSpec.Mode.Failover;
    run.getSpec().playbook = "regional-failover";
    run.getSpec().source = "go-eu-west-1";
    run.getSpec().reason = "test";
    run.getSpec().requestedBy = "test";
    run = client.resource(run).create();
    FailoverRunStatus s = new FailoverRunStatus();
    s.phase = "AwaitingApproval";
    s.currentStep = "approve";
    s.plan = new FailoverRunStatus.Plan();
    var planned = new FailoverRunStatus.PlannedStep();
    planned.name = "approve";
    planned.kind = "Approval";
    planned.spec = new PlaybookStep("approve");
    planned.spec.approval = new PlaybookStep.Approval();
    planned.spec.approval.approverGroup = "sre-oncall";
    s.plan.steps = List.of(planned);
    var step = new FailoverRunStatus.StepStatus();
    step.name = "approve";
    step.kind = "Approval";
    step.state = "Running";
    step.startedAt = "2026-03-12T21:40:00Z";
    s.steps = List.of(step);
    run.setStatus(s);
    return client.resource(run).updateStatus();
  }

  /**
   * {@code failwise approve ARGS} while this thread plays the controller: the approval reconciler
   * answers each new FailoverApproval, and the run engine's rules record the first acceptable one.
   */
  private Cli.Result approve(String... args) throws Exception {
    KubernetesClient client = api.client();
    var approvals = new ApprovalRequests(client, new KubernetesRunStore(client));
    CompletableFuture<Cli.Result> command = CompletableFuture.supplyAsync(() -> Cli.runCommand(new ApproveCommand(client, approvals), args));
    var reconciler = new ApprovalReconciler(client, new EventRecorder(client, Clock.systemUTC()));
    while (!command.isDone()) {
      for (FailoverApproval a : client.resources(FailoverApproval.class).inNamespace(NS).list().getItems()) {
        FailoverRun run = client.resources(FailoverRun.class).inNamespace(NS).withName(a.getSpec().run).get();
        // The run engine's part: record an approval its rules accept (RunEngine.approval does this in the step's write).
        var accepted = RunApprovals.accepted(run, "approve", List.of(a));
        if (accepted.isPresent() && (run.getStatus().approvals == null || run.getStatus().approvals.isEmpty())) {
          run.getStatus().approvals = List.of(RunApprovals.record(accepted.get(), java.time.Instant.now()));
          run.getStatus().phase = "Running";
          client.resource(run).updateStatus();
          run = client.resources(FailoverRun.class).inNamespace(NS).withName(a.getSpec().run).get();
        }
        var control = reconciler.reconcile(a, null);
        if (control.isPatchStatus()) {
          client.resource(control.getResource().orElseThrow()).updateStatus();
        }
      }
      try {
        // Wait for the command itself (its --wait bounds it); between its answers, play the controller again.
        return command.get(50, TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.TimeoutException stillWaiting) {
        // the command waits for the approval's verdict: answer it on the next pass
      }
    }
    return command.get(30, TimeUnit.SECONDS);
  }

  @Test
  void aRetryWithTheMissingGroupIsJudgedOnItAndTheRejectedAttemptStaysARecord() throws Exception {
    awaitingApproval("fe1");
    Cli.Result refused = approve("fe1", "-n", NS, "--as", "alice", "--wait", "20s");
    assertEquals(2, refused.exitCode(), refused.out() + refused.err());
    assertTrue(refused.err().contains("Approval of step approve of run fe1 refused: alice is not in group sre-oncall, whose members alone may"
        + " approve this step (the approval names no groups)."), refused.err());

    // The same attempt again gets the same answer, from the same object (nothing new to judge).
    Cli.Result same = approve("fe1", "-n", NS, "--as", "alice", "--wait", "20s");
    assertEquals(2, same.exitCode(), same.out() + same.err());
    assertTrue(same.err().contains("(the approval names no groups)") && same.err().contains("earlier approval with the same approver and groups"),
        same.err());
    assertEquals(1, approvalsNow().size());

    // With the group: a new attempt, judged on the group it names.
    Cli.Result approved = approve("fe1", "-n", NS, "--as", "alice", "--group", "sre-oncall", "--wait", "20s");
    assertEquals(0, approved.exitCode(), approved.out() + approved.err());
    assertEquals("Approved step approve of run failwise/fe1 as alice.", approved.out().strip());
    var items = approvalsNow();
    assertEquals(2, items.size(), "the rejected attempt is kept as a record; the new one is another object");
    FailoverApproval rejected = items.stream().filter(a -> a.getSpec().groups.isEmpty()).findFirst().orElseThrow();
    FailoverApproval accepted = items.stream().filter(a -> a.getSpec().groups.equals(List.of("sre-oncall"))).findFirst().orElseThrow();
    assertEquals(ApprovalReconciler.REJECTED, rejected.getStatus().phase);
    assertEquals(ApprovalReconciler.ACCEPTED, accepted.getStatus().phase);
    assertNotEquals(rejected.getMetadata().getName(), accepted.getMetadata().getName());
    assertEquals(accepted.getMetadata().getName(), api.client().resources(FailoverRun.class).inNamespace(NS).withName("fe1").get()
        .getStatus().approvals.get(0).approval, "the run names the attempt it took");

    // Approving again, with or without the group: already approved, nothing created.
    Cli.Result again = approve("fe1", "-n", NS, "--as", "alice", "--group", "sre-oncall", "--wait", "20s");
    assertEquals(0, again.exitCode(), again.out() + again.err());
    assertTrue(again.out().startsWith("Step approve of run failwise/fe1 was already approved by alice at "), again.out());
    assertEquals(2, approvalsNow().size());
  }

  @Test
  void theSameGroupsInAnotherOrderAreTheSameAttempt() {
    FailoverRun run = awaitingApproval("fe2");
    var approvals = new ApprovalRequests(api.client(), new KubernetesRunStore(api.client()));
    var first = (ApprovalRequests.Asked.Created) approvals.ask(NS, "fe2", "bob", List.of("sre-oncall", "dba"), null, null);
    var second = (ApprovalRequests.Asked.Created) approvals.ask(NS, "fe2", "bob", List.of("dba", "sre-oncall"), null, null);
    assertEquals(first.approval().getMetadata().getName(), second.approval().getMetadata().getName());
    assertTrue(second.existed());
    assertEquals(ApprovalRequests.name("fe2", run.getMetadata().getUid(), "approve", "bob", List.of("dba", "sre-oncall")),
        first.approval().getMetadata().getName());
  }

  @Test
  void anObjectOfTheSameNameThatNamesOtherFactsIsNeverTakenForTheAttempt() {
    FailoverRun run = awaitingApproval("fe3");
    // Made by other means under the name failwise approve would use for carol with group sre-oncall, but naming no groups.
    FailoverApproval other = ApprovalRequests.approval(run, "approve", "carol", List.of(), null);
    other.getMetadata().setName(ApprovalRequests.name("fe3", run.getMetadata().getUid(), "approve", "carol", List.of("sre-oncall")));
    api.client().resource(other).create();
    var approvals = new ApprovalRequests(api.client(), new KubernetesRunStore(api.client()));
    RunActionRefused refused = org.junit.jupiter.api.Assertions.assertThrows(RunActionRefused.class,
        () -> approvals.ask(NS, "fe3", "carol", List.of("sre-oncall"), null, null));
    assertTrue(refused.getMessage().contains("already exists and names approver carol with groups [] for step approve of run fe3, not approver"
        + " carol with groups [sre-oncall]"), refused.getMessage());
  }

  private List<FailoverApproval> approvalsNow() {
    return api.client().resources(FailoverApproval.class).inNamespace(NS).list().getItems();
  }
}
