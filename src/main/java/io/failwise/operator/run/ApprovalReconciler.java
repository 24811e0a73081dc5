package io.failwise.operator.run;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.failwise.api.FailoverApproval;
import io.failwise.api.FailoverApprovalStatus;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunStatus;
import io.failwise.api.PlaybookStep;
import io.failwise.model.run.RunPhase;
import io.failwise.model.security.ApprovalRules;
import io.failwise.operator.status.EventRecorder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a FailoverApproval, whose approver the API server's admission policy pinned to the
 * authenticated user, into the approval a run waits for: observe the run, check the step's rules
 * (approver group, four eyes), record it, and say in the approval's status what happened.
 */
@ControllerConfiguration(name = "failoverapproval")
public class ApprovalReconciler implements Reconciler<FailoverApproval> {
  static final String PENDING = "Pending";
  static final String ACCEPTED = "Accepted";
  static final String REJECTED = "Rejected";
  private static final Duration LOOK_AGAIN = Duration.ofSeconds(5);

  private final KubernetesClient client;
  private final FailoverRuns runs;
  private final EventRecorder events;

  public ApprovalReconciler(KubernetesClient client, FailoverRuns runs, EventRecorder events) {
    this.client = client;
    this.runs = runs;
    this.events = events;
  }

  @Override
  public UpdateControl<FailoverApproval> reconcile(FailoverApproval approval, Context<FailoverApproval> context) {
    var current = approval.getStatus();
    if (current != null && (ACCEPTED.equals(current.phase) || REJECTED.equals(current.phase))) {
      return UpdateControl.noUpdate(); // a record: decided once
    }
    Outcome outcome = decide(approval);
    if (REJECTED.equals(outcome.phase()) && outcome.run() != null) {
      events.warning(outcome.run(), "ApprovalRejected", outcome.message());
    }
    FailoverApprovalStatus next = new FailoverApprovalStatus();
    next.phase = outcome.phase();
    next.message = outcome.message();
    boolean changed = current == null || !Objects.equals(current.phase, next.phase) || !Objects.equals(current.message, next.message);
    UpdateControl<FailoverApproval> control;
    if (changed) {
      approval.setStatus(next);
      control = UpdateControl.patchStatus(approval);
    } else {
      control = UpdateControl.noUpdate();
    }
    return PENDING.equals(next.phase) ? control.rescheduleAfter(LOOK_AGAIN) : control;
  }

  private record Outcome(String phase, String message, FailoverRun run) {}

  private Outcome decide(FailoverApproval approval) {
    var spec = approval.getSpec();
    String ns = approval.getMetadata().getNamespace();
    if (spec == null || spec.run == null || spec.step == null) {
      return new Outcome(REJECTED, "The approval needs spec.run, spec.step and spec.approver.", null);
    }
    FailoverRun run = client.resources(FailoverRun.class).inNamespace(ns).withName(spec.run).get();
    if (run == null) {
      return new Outcome(REJECTED, "FailoverRun " + ns + "/" + spec.run + " does not exist.", null);
    }
    FailoverRunStatus s = run.getStatus();
    Optional<FailoverRunStatus.Approval> done = s == null || s.approvals == null ? Optional.empty()
        : s.approvals.stream().filter(a -> spec.step.equals(a.step)).findFirst();
    if (done.isPresent()) {
      return done.get().by.equals(spec.approver)
          ? new Outcome(ACCEPTED, "Step " + spec.step + " of run " + spec.run + " is approved by " + spec.approver + ".", run)
          : new Outcome(REJECTED, "Step " + spec.step + " of run " + spec.run + " was already approved by " + done.get().by + ".", run);
    }
    RunPhase phase = RunStatuses.phase(run);
    if (phase.isTerminal()) {
      return new Outcome(REJECTED, "Run " + spec.run + " has ended (" + phase.displayName() + "); there is nothing to approve.", run);
    }
    if (phase != RunPhase.AWAITING_APPROVAL || !spec.step.equals(s.currentStep)) {
      return new Outcome(PENDING, "Run " + spec.run + " does not wait for approval of step " + spec.step + " yet (phase "
          + phase.displayName() + (s == null || s.currentStep == null ? "" : ", step " + s.currentStep) + ").", run);
    }
    PlaybookStep.Approval rules = s.plan.steps.stream().filter(p -> spec.step.equals(p.name)).findFirst()
        .map(p -> p.spec.approval).orElse(new PlaybookStep.Approval());
    Optional<String> refusal = ApprovalRules.refusal(spec.approver, spec.groups, run.getSpec().requestedBy,
        Boolean.TRUE.equals(rules.fourEyes), rules.approverGroup);
    if (refusal.isPresent()) {
      return new Outcome(REJECTED, "Approval of step " + spec.step + " of run " + spec.run + " refused: " + refusal.get() + ".", run);
    }
    try {
      runs.approve(ns, spec.run, spec.approver);
    } catch (RunActionRefused e) {
      return new Outcome(PENDING, e.getMessage(), run);
    }
    return new Outcome(ACCEPTED, "Step " + spec.step + " of run " + spec.run + " is approved by " + spec.approver + ".", run);
  }
}
