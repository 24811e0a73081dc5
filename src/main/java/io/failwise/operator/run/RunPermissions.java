package io.failwise.operator.run;

import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunStatus;
import io.failwise.api.FailoverRunStatus.PlannedStep;
import io.failwise.execution.ActionCall;
import io.failwise.model.run.RunPhase;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The owner's allow-lists applied to a whole run before its first step: every call its plan would
 * make (each wave, each undo, the scale) is asked of its action, so a run that would touch one object
 * or URL outside the lists is refused with nothing moved, and its refusal names the object and the
 * rule it misses. The actions check again when they act; this is what makes the answer come first.
 */
public final class RunPermissions {
  /** The reason of a refused run (the Progressing condition's and the Event's). */
  public static final String REASON = "ActionNotAllowed";
  private static final Set<String> ACTING = Set.of("Shift", "Failback", "Scale");

  private final RunEffects effects;

  public RunPermissions(RunEffects effects) {
    this.effects = effects;
  }

  /** An admission's decision, unless the run it admits (or plans) would act outside the allow-lists. */
  Decision screen(FailoverRun run, Decision admitted, Instant now) {
    FailoverRunStatus s = admitted instanceof Decision.Admit a ? a.running()
        : admitted instanceof Decision.Write w && RunPhase.PLANNED.displayName().equals(w.next().phase) ? w.next() : null;
    if (s == null || s.plan == null) {
      return admitted;
    }
    return refusal(run, s, now)
        .<Decision>map(why -> new Decision.Write(RunFinish.finish(RunStatuses.copy(s), RunPhase.REFUSED, REASON, why, now)))
        .orElse(admitted);
  }

  /** Why the planned run may not start, naming the step, the object or URL, and the rule it misses. */
  public Optional<String> refusal(FailoverRun run, FailoverRunStatus plannedStatus, Instant now) {
    FailoverRunStatus planned = RunStatuses.copy(plannedStatus);
    if (planned.steps == null) {
      planned.steps = RunStatuses.pendingSteps(planned.plan.steps); // a Plan run has none: as if it started
    }
    for (int i = 0; i < planned.plan.steps.size(); i++) {
      PlannedStep step = planned.plan.steps.get(i);
      if (!ACTING.contains(step.kind)) {
        continue;
      }
      int waves = step.waves == null || step.waves.isEmpty() ? 1 : step.waves.size();
      for (int w = 0; w <= waves; w++) {
        String operation = w == waves ? RunEffects.UNDO : RunEffects.APPLY;
        ActionCall call = effects.call(run, planned, RunEffects.effect(run, planned, i, w == waves ? null : w, operation, now));
        var action = effects.actions().find(call.spec());
        if (action.isEmpty()) {
          continue; // an action kind this process does not run fails the step when it acts, as before
        }
        Optional<String> why = action.get().refusal(call);
        if (why.isPresent()) {
          return Optional.of("Refused before its first step: in step " + step.name + ", " + why.get() + ". Nothing was changed.");
        }
      }
    }
    return Optional.empty();
  }
}
