package io.failwise.operator;

import io.failwise.api.FailoverPlaybook;
import io.failwise.api.FailoverPlaybookStatus;
import io.failwise.api.PlaybookStep;
import io.failwise.api.validation.ClusterValidator;
import io.failwise.api.validation.PlaybookValidator;
import io.failwise.api.validation.Problem;
import io.failwise.model.Format;
import io.failwise.operator.status.Conditions;
import io.failwise.operator.status.EventRecorder;
import io.failwise.operator.status.StatusDiff;
import io.failwise.operator.watch.Unreadable;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Checks each FailoverPlaybook when it is applied, with the checks a run's admission makes
 * ({@link PlaybookValidator}: templates such as {@code {{tagret}}}, waves, duplicate names, references):
 * its {@code Ready} condition says whether runs and policies can use it, and a Warning Event
 * ({@code InvalidSpec}) names every field to fix. Before, a playbook had no status, and a mistake was
 * found when a run or a policy named it, at the worst moment.
 */
@ControllerConfiguration(name = "failoverplaybook")
public class PlaybookReconciler implements Reconciler<FailoverPlaybook> {
  static final String READY = "Ready";
  static final String INVALID = "InvalidSpec";
  private final Clock clock;
  private final EventRecorder events;

  public PlaybookReconciler(Clock clock, EventRecorder events) {
    this.clock = clock;
    this.events = events;
  }

  @Override
  public UpdateControl<FailoverPlaybook> reconcile(FailoverPlaybook playbook, Context<FailoverPlaybook> context) {
    if (Unreadable.isUnreadable(playbook)) {
      return UpdateControl.noUpdate(); // reported by UnreadableObjects; nothing to do until it is fixed
    }
    FailoverPlaybookStatus next = status(playbook, clock.instant());
    if (!StatusDiff.changed(playbook.getStatus(), next)) {
      return UpdateControl.noUpdate();
    }
    var ready = Conditions.find(next.conditions, READY).orElseThrow();
    if (INVALID.equals(ready.getReason())
        && !Conditions.says(playbook.getStatus() == null ? null : playbook.getStatus().conditions, READY, INVALID, ready.getMessage())) {
      events.warning(playbook, INVALID, ready.getMessage());
    }
    playbook.setStatus(next);
    return UpdateControl.patchStatus(playbook);
  }

  /** The status the playbook should have: Ready, or not and why, for its current generation. */
  static FailoverPlaybookStatus status(FailoverPlaybook playbook, Instant now) {
    FailoverPlaybookStatus previous = playbook.getStatus() == null ? new FailoverPlaybookStatus() : playbook.getStatus();
    Long generation = playbook.getMetadata().getGeneration();
    List<Problem> problems = PlaybookValidator.validate(playbook);
    FailoverPlaybookStatus next = new FailoverPlaybookStatus();
    next.observedGeneration = generation;
    next.conditions = problems.isEmpty()
        ? Conditions.set(previous.conditions, READY, Conditions.TRUE, "Valid", ready(playbook), generation, now)
        : Conditions.set(previous.conditions, READY, Conditions.FALSE, INVALID,
            "Runs and policies naming this playbook are refused until it is fixed: " + ClusterValidator.summary(problems), generation, now);
    return next;
  }

  /** "Usable: steps precheck, approve, scale-target-gateway, shift, verify, failback; 3 stop conditions." */
  private static String ready(FailoverPlaybook playbook) {
    var spec = playbook.getSpec();
    List<String> steps = spec.steps.stream().map((PlaybookStep s) -> s.name).toList();
    int conditions = spec.stopConditions == null ? 0 : spec.stopConditions.size();
    return "Usable: " + (steps.size() == 1 ? "step " : "steps ") + String.join(", ", steps) + "; " + Format.plural(conditions, "stop condition") + ".";
  }
}
