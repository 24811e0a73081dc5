package io.failwise.operator.run;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.failwise.api.FailoverApproval;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunStatus;
import io.failwise.api.PlaybookStep;
import io.failwise.model.Format;
import io.failwise.model.security.ApprovalRules;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which FailoverApproval objects let a run pass an approval step. The only way through an approval
 * step: an entry in the run's {@code status.approvals} that the controller did not take from such an
 * object is not an approval, because anyone who may write a run's status could have written it,
 * under any name. The run engine (to pass the step) and the approval reconciler (to say Accepted or
 * Rejected on the approval) ask the same questions here, so they cannot disagree. No I/O.
 */
public final class RunApprovals {
  private RunApprovals() {}

  /** The first approval of {@code step} that its rules accept, in the order they were created. */
  public static Optional<FailoverApproval> accepted(FailoverRun run, String step, Collection<FailoverApproval> candidates) {
    return candidates.stream()
        .filter(a -> a.getSpec() != null && step.equals(a.getSpec().step) && run.getMetadata().getName().equals(a.getSpec().run))
        .sorted(Comparator.comparing((FailoverApproval a) -> String.valueOf(a.getMetadata().getCreationTimestamp()))
            .thenComparing(a -> a.getMetadata().getName()))
        .filter(a -> refusal(run, a).isEmpty())
        .findFirst();
  }

  /**
   * Why {@code approval} cannot approve its step of {@code run}, empty if it can: the run's rules for
   * that step (approver group, four eyes), and that it was made for this run, not an earlier one
   * of the same name.
   */
  public static Optional<String> refusal(FailoverRun run, FailoverApproval approval) {
    var spec = approval.getSpec();
    if (spec == null || spec.run == null || spec.step == null || spec.approver == null || spec.approver.isBlank()) {
      return Optional.of("the approval needs spec.run, spec.step and spec.approver");
    }
    Optional<String> earlier = madeForAnotherRun(run, approval);
    if (earlier.isPresent()) {
      return earlier;
    }
    PlaybookStep.Approval rules = rules(run.getStatus(), spec.step).orElse(new PlaybookStep.Approval());
    return ApprovalRules.refusal(spec.approver, spec.groups, run.getSpec() == null ? null : run.getSpec().requestedBy,
        Boolean.TRUE.equals(rules.fourEyes), rules.approverGroup);
  }

  /** The rules of approval step {@code step} in the run's plan, if the plan has that approval step. */
  static Optional<PlaybookStep.Approval> rules(FailoverRunStatus s, String step) {
    if (s == null || s.plan == null || s.plan.steps == null) {
      return Optional.empty();
    }
    return s.plan.steps.stream().filter(p -> step.equals(p.name) && p.spec != null && p.spec.approval != null).findFirst().map(p -> p.spec.approval);
  }

  /**
   * When approval step {@code i} times out, empty when it has no timeout (or has not started): its
   * start, plus its timeout, plus the time the global halt held the run while it waited. Nobody can
   * approve a halted run, so a halt must not use up the time people have to approve.
   */
  static Optional<Instant> deadline(FailoverRunStatus s, int i) {
    var rules = s.plan.steps.get(i).spec.approval;
    var st = s.steps.get(i);
    if (rules == null || rules.timeoutSeconds == null || st.startedAt == null) {
      return Optional.empty();
    }
    return Optional.of(RunStatuses.instant(st.startedAt).plusSeconds(rules.timeoutSeconds).plusSeconds(haltedSeconds(st)));
  }

  /** Seconds the halt held the run during this step. */
  static long haltedSeconds(FailoverRunStatus.StepStatus st) {
    return st.haltedSeconds == null ? 0 : st.haltedSeconds;
  }

  /**
   * For a run the halt holds at an approval step: that the step waits with it and its timeout is
   * paused, how much of it is left and that it runs again from {@code failwise resume}. Empty when
   * the run is not held at an approval step.
   */
  static Optional<String> pausedByHalt(FailoverRunStatus s, Instant heldSince) {
    if (s == null || s.plan == null || s.steps == null) {
      return Optional.empty();
    }
    Optional<Integer> current = RunStatuses.currentStep(s);
    if (current.isEmpty() || !"Approval".equals(s.plan.steps.get(current.get()).kind)
        || !RunStatuses.RUNNING.equals(s.steps.get(current.get()).state)) {
      return Optional.empty();
    }
    int i = current.get();
    String step = s.plan.steps.get(i).name;
    Long timeout = s.plan.steps.get(i).spec.approval.timeoutSeconds;
    Optional<Instant> deadline = deadline(s, i);
    if (deadline.isEmpty()) {
      return Optional.of("its approval step " + step + " waits with it: approve it after `failwise resume`");
    }
    Duration left = Duration.between(heldSince, deadline.get());
    return Optional.of("the " + Format.duration(Duration.ofSeconds(timeout)) + " timeout of its approval step " + step
        + " is paused while halted (" + Format.duration(left.isNegative() ? Duration.ZERO : left)
        + " left) and runs again from `failwise resume`: approve it then");
  }

  /**
   * A run deleted and created again under the same name must not inherit the old one's approvals:
   * an approval owned by a run must be owned by this one, and one without an owner must not be older
   * than the run (creation times have whole seconds, so the same second counts as not older).
   */
  private static Optional<String> madeForAnotherRun(FailoverRun run, FailoverApproval approval) {
    String uid = run.getMetadata().getUid();
    List<OwnerReference> owners = approval.getMetadata().getOwnerReferences();
    Optional<OwnerReference> owner = owners == null ? Optional.empty()
        : owners.stream().filter(o -> "FailoverRun".equals(o.getKind())).findFirst();
    if (owner.isPresent()) {
      return uid != null && !uid.equals(owner.get().getUid())
          ? Optional.of("it belongs to an earlier run named " + run.getMetadata().getName() + " (owner uid " + owner.get().getUid() + ")")
          : Optional.empty();
    }
    Optional<Instant> runCreated = created(run.getMetadata().getCreationTimestamp());
    Optional<Instant> approvalCreated = created(approval.getMetadata().getCreationTimestamp());
    if (runCreated.isPresent() && approvalCreated.isPresent()
        && approvalCreated.get().isBefore(runCreated.get().truncatedTo(ChronoUnit.SECONDS))) {
      return Optional.of("it was created before run " + run.getMetadata().getName() + " was, so it approves an earlier run of that name");
    }
    return Optional.empty();
  }

  private static Optional<Instant> created(String timestamp) {
    try {
      return timestamp == null ? Optional.empty() : Optional.of(Instant.parse(timestamp));
    } catch (java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /**
   * The record the run keeps of an accepted approval: who, when, and which object said so. When is
   * {@code now}, the controller's clock as it accepts the approval, like every other time in the run's
   * status: the FailoverApproval's creationTimestamp is the API server's wall clock, hours apart from
   * a sped-up world's simulated one, and the object keeps it for the audit.
   */
  static FailoverRunStatus.Approval record(FailoverApproval approval, Instant now) {
    var record = new FailoverRunStatus.Approval(approval.getSpec().step, approval.getSpec().approver, RunStatuses.time(now));
    record.approval = approval.getMetadata().getName();
    record.comment = approval.getSpec().comment;
    return record;
  }
}
