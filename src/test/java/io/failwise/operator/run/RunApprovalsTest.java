package io.failwise.operator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.failwise.api.FailoverApproval;
import io.failwise.api.FailoverApprovalSpec;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunSpec;
import io.failwise.api.FailoverRunStatus;
import io.failwise.api.PlaybookStep;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which approval objects pass a step: the step's rules, and never one made for an earlier run of the same name. */
class RunApprovalsTest {
  private static FailoverRun run(boolean fourEyes, String group) {
    FailoverRun run = new FailoverRun();
    run.setMetadata(new ObjectMetaBuilder().withNamespace("failwise").withName("incident").withUid("uid-2")
        .withCreationTimestamp("2026-03-12T21:40:00Z").build());
    run.setSpec(new FailoverRunSpec());
    run.getSpec().requestedBy = "alice";
    var step = new FailoverRunStatus.PlannedStep();
    step.name = "approve";
    step.kind = "Approval";
    step.spec = new PlaybookStep();
    step.spec.approval = new PlaybookStep.Approval();
    step.spec.approval.fourEyes = fourEyes;
    step.spec.approval.approverGroup = group;
    run.setStatus(new FailoverRunStatus());
    run.getStatus().plan = new FailoverRunStatus.Plan();
    run.getStatus().plan.steps = List.of(step);
    return run;
  }

  private static FailoverApproval approval(String name, String approver, String created, String ownerUid, String... groups) {
    FailoverApproval a = new FailoverApproval();
    var meta = new ObjectMetaBuilder().withNamespace("failwise").withName(name).withCreationTimestamp(created);
    if (ownerUid != null) {
      meta.addToOwnerReferences(new OwnerReferenceBuilder().withKind("FailoverRun").withName("incident").withUid(ownerUid).build());
    }
    a.setMetadata(meta.build());
    a.setSpec(new FailoverApprovalSpec());
    a.getSpec().run = "incident";
    a.getSpec().step = "approve";
    a.getSpec().approver = approver;
    a.getSpec().groups = List.of(groups);
    return a;
  }

  private static Optional<String> accepted(FailoverRun run, FailoverApproval... approvals) {
    return RunApprovals.accepted(run, "approve", List.of(approvals)).map(a -> a.getMetadata().getName());
  }

  @Test
  void theFirstApprovalTheRulesAcceptWinsInCreationOrder() {
    FailoverRun run = run(true, "sre-leads");
    assertEquals(Optional.of("bob"), accepted(run,
        approval("carol", "carol", "2026-03-12T21:43:00Z", null, "sre-leads"),
        approval("alice", "alice", "2026-03-12T21:41:00Z", null, "sre-leads"), // the requester: four eyes
        approval("dave", "dave", "2026-03-12T21:41:30Z", null, "developers"), // not in the group
        approval("bob", "bob", "2026-03-12T21:42:00Z", null, "sre-leads")));
    assertEquals(Optional.empty(), accepted(run, approval("alice", "alice", "2026-03-12T21:41:00Z", null, "sre-leads")));
    assertEquals(Optional.of("alice"), accepted(run(false, null), approval("alice", "alice", "2026-03-12T21:41:00Z", null)),
        "without four eyes the requester may approve");
  }

  @Test
  void anApprovalMadeForAnEarlierRunOfTheSameNameDoesNotCount() {
    FailoverRun run = run(false, null);
    assertEquals(Optional.of("it belongs to an earlier run named incident (owner uid uid-1)"),
        RunApprovals.refusal(run, approval("old", "bob", "2026-03-12T21:41:00Z", "uid-1")));
    assertEquals(Optional.of("it was created before run incident was, so it approves an earlier run of that name"),
        RunApprovals.refusal(run, approval("older", "bob", "2026-03-12T20:00:00Z", null)));
    assertEquals(Optional.empty(), RunApprovals.refusal(run, approval("mine", "bob", "2026-03-12T21:41:00Z", "uid-2")));
    assertEquals(Optional.empty(), RunApprovals.refusal(run, approval("same-second", "bob", "2026-03-12T21:40:00Z", null)));
  }

  @Test
  void anApprovalForAnotherStepOrRunOrWithoutApproverIsNotTaken() {
    FailoverRun run = run(false, null);
    FailoverApproval otherStep = approval("other", "bob", "2026-03-12T21:41:00Z", null);
    otherStep.getSpec().step = "second-approval";
    FailoverApproval otherRun = approval("elsewhere", "bob", "2026-03-12T21:41:00Z", null);
    otherRun.getSpec().run = "drill";
    FailoverApproval nobody = approval("nobody", " ", "2026-03-12T21:41:00Z", null);
    assertEquals(Optional.empty(), accepted(run, otherStep, otherRun, nobody));
    assertEquals(Optional.of("the approval needs spec.run, spec.step and spec.approver"), RunApprovals.refusal(run, nobody));
  }
}
