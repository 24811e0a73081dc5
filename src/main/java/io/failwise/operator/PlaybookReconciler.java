package io.failwise.operator;

import io.failwise.api.FailoverPlaybook;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverPlaybookStatus;
import io.failwise.api.PlaybookStep;
import io.failwise.api.validation.ClusterValidator;
import io.failwise.api.validation.PlaybookValidator;
import io.failwise.api.validation.Problem;
import io.failwise.model.Format;
import io.failwise.operator.run.RunStatuses;
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
 * found when a run or a policy named it, at the worst moment. An edit made while runs are in progress
 * does not reach them (each keeps the plan it made): each such run gets a Warning Event saying so
 * ({@code PlaybookEdited}), since an SRE who edits a playbook in an incident expects the run to follow.
 */
@ControllerConfiguration(name = "failoverplaybook")
public class PlaybookReconciler implements Reconciler<FailoverPlaybook> {
  static final String READY = "Ready";
  static final String INVALID = "InvalidSpec";
  static final String EDITED = "PlaybookEdited";
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
    if (edited(playbook)) {
      List<FailoverRun> runs = context.getClient().resources(FailoverRun.class).inNamespace(playbook.getMetadata().getNamespace()).list().getItems();
      List<FailoverRun> before = plannedBefore(playbook, runs);
      for (FailoverRun run : before) {
        events.warning(run, EDITED, editedSentence(playbook, run));
      }
      if (!before.isEmpty()) {
        events.normal(playbook, "EditedDuringRun", "Generation " + playbook.getMetadata().getGeneration() + " applies to runs planned from now on; "
            + Format.plural(before.size(), "run") + (before.size() == 1 ? " in progress keeps the steps it planned with: " : " in progress keep the steps they planned with: ")
            + String.join(", ", before.stream().map(r -> r.getMetadata().getName()).toList()) + ".");
      }
    }
    var ready = Conditions.find(next.conditions, READY).orElseThrow();
    if (INVALID.equals(ready.getReason())
        && !Conditions.says(playbook.getStatus() == null ? null : playbook.getStatus().conditions, READY, INVALID, ready.getMessage())) {
      events.warning(playbook, INVALID, ready.getMessage());
    }
    playbook.setStatus(next);
    return UpdateControl.patchStatus(playbook);
  }

  /** Whether the spec changed since the status was last written (not a first look at the playbook). */
  private static boolean edited(FailoverPlaybook playbook) {
    Long seen = playbook.getStatus() == null ? null : playbook.getStatus().observedGeneration;
    return seen != null && !seen.equals(playbook.getMetadata().getGeneration());
  }

  /**
   * The runs still in progress (not ended) that planned with an earlier generation of
   * this playbook: each follows the steps and stop conditions it planned with, so an edit made during an
   * incident does not reach them. A run not yet planned reads the playbook as it is now.
   */
  static List<FailoverRun> plannedBefore(FailoverPlaybook playbook, List<FailoverRun> runs) {
    Long generation = playbook.getMetadata().getGeneration();
    String name = playbook.getMetadata().getName();
    return runs.stream()
        .filter(r -> r.getSpec() != null && name.equals(r.getSpec().playbook))
        .filter(r -> !RunStatuses.phase(r).isTerminal())
        .filter(r -> r.getStatus() != null && r.getStatus().plan != null && r.getStatus().plan.playbookGeneration != null)
        .filter(r -> generation != null && r.getStatus().plan.playbookGeneration < generation)
        .toList();
  }

  /** "Playbook regional-failover was edited (generation 4) while this run was Running: ..." */
  static String editedSentence(FailoverPlaybook playbook, FailoverRun run) {
    return "Playbook " + playbook.getMetadata().getName() + " was edited (generation " + playbook.getMetadata().getGeneration()
        + ") while this run was " + RunStatuses.phase(run).displayName() + ": the run goes on with the steps and stop conditions of generation "
        + run.getStatus().plan.playbookGeneration + " it planned with; the edit applies to runs planned from now on.";
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
