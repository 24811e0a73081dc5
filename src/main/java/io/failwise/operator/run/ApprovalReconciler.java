package io.failwise.operator.run;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.stream.Collectors;
import io.failwise.api.FailoverApproval;
import io.failwise.api.FailoverApprovalStatus;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunStatus;
import io.failwise.model.run.RunPhase;
import io.failwise.operator.status.EventRecorder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Says on each FailoverApproval what became of it: Accepted once the run recorded it (the run engine
 * takes approvals from these objects only, by the rules in {@link RunApprovals}), Rejected when those
 * rules refuse it (approver group, four eyes, an earlier run of the same name) or the step was
 * approved by someone else, Pending while the run does not wait at that step. A rejection is also a
 * Warning Event on the run. It writes nothing to the run: an approval is not a status write.
 */
@ControllerConfiguration(name = "failoverapproval")
public class ApprovalReconciler implements Reconciler<FailoverApproval> {
  static final String PENDING = "Pending";
  static final String ACCEPTED = "Accepted";
  static final String REJECTED = "Rejected";
  /** A backstop: a change of the run wakes a pending approval at once. */
  private static final Duration LOOK_AGAIN = Duration.ofSeconds(30);

  private final KubernetesClient client;
  private final EventRecorder events;

  public ApprovalReconciler(KubernetesClient client, EventRecorder events) {
    this.client = client;
    this.events = events;
  }

  @Override
  public List<EventSource<?, FailoverApproval>> prepareEventSources(EventSourceContext<FailoverApproval> context) {
    var approvals = context.getPrimaryCache();
    var runs =
        InformerEventSourceConfiguration.from(FailoverRun.class, FailoverApproval.class)
            .withSecondaryToPrimaryMapper(
                (FailoverRun r) -> approvals.list(r.getMetadata().getNamespace(),
                        a -> a.getSpec() != null && r.getMetadata().getName().equals(a.getSpec().run))
                    .map(ResourceID::fromResource)
                    .collect(Collectors.toSet()))
            .build();
    return List.of(new InformerEventSource<>(runs, context));
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
    if (done.isPresent() && approval.getMetadata().getName().equals(done.get().approval)) {
      return new Outcome(ACCEPTED, "Step " + spec.step + " of run " + spec.run + " is approved by " + spec.approver + ".", run);
    }
    Optional<String> refusal = RunApprovals.refusal(run, approval);
    if (refusal.isPresent()) {
      return new Outcome(REJECTED, "Approval of step " + spec.step + " of run " + spec.run + " refused: " + refusal.get() + ".", run);
    }
    if (done.isPresent() && done.get().approval != null) {
      return new Outcome(REJECTED, "Step " + spec.step + " of run " + spec.run + " was already approved by " + done.get().by
          + " (FailoverApproval " + done.get().approval + ").", run);
    }
    RunPhase phase = RunStatuses.phase(run);
    if (phase.isTerminal()) {
      return new Outcome(REJECTED, "Run " + spec.run + " has ended (" + phase.displayName() + "); there is nothing to approve.", run);
    }
    if (s != null && s.plan != null && RunApprovals.rules(s, spec.step).isEmpty()) {
      return new Outcome(REJECTED, "Run " + spec.run + " has no approval step " + spec.step + "; its approval steps: "
          + String.join(", ", s.plan.steps.stream().filter(p -> "Approval".equals(p.kind)).map(p -> p.name).toList()) + ".", run);
    }
    if (phase != RunPhase.AWAITING_APPROVAL || !spec.step.equals(s.currentStep)) {
      return new Outcome(PENDING, "Run " + spec.run + " does not wait for approval of step " + spec.step + " yet (phase "
          + phase.displayName() + (s == null || s.currentStep == null ? "" : ", step " + s.currentStep) + ").", run);
    }
    return new Outcome(PENDING, "Run " + spec.run + " waits for this approval; the controller records it at its next look.", run);
  }
}
