package io.failwise.operator.run;

import static io.failwise.operator.run.RunStatuses.setPhase;

import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunStatus;
import io.failwise.api.FailoverRunStatus.PlannedStep;
import io.failwise.api.FailoverRunSpec;
import io.failwise.api.FailoverRunStatus.StepStatus;
import io.failwise.model.Format;
import io.failwise.model.run.RunPhase;
import io.failwise.model.run.StopReadings;
import io.failwise.model.run.StopRule;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Undoes the steps that ran, newest first. A patched object is put back when the first step that
 * changed it is undone, with the values saved before that step: so an abort during a failback does
 * not send devices to the target again on the way back. Scale steps named in rollback.keep stay. A
 * Failover whose failback has begun is undone down to its shift only, and ends Failed
 * ({@link #FAILBACK_STOPPED}) with the devices where they are and what a person does next.
 */
final class RunRollback {
  /** The reason a Failover ends with when a stop condition or an abort came during its failback. */
  static final String FAILBACK_STOPPED = "FailbackStopped";

  private static final Set<String> UNDOABLE = Set.of("Scale", "Shift", "Failback");
  private final RunWorld world;
  private final RunEffects effects;

  RunRollback(RunWorld world, RunEffects effects) {
    this.world = world;
    this.effects = effects;
  }

  /** Moves a running run to RollingBack, saying why. */
  static FailoverRunStatus start(FailoverRunStatus s, String reason, String message) {
    setPhase(s, RunPhase.ROLLING_BACK, reason, message + " Rolling back.");
    s.report = s.report == null ? new FailoverRunStatus.Report() : s.report;
    s.report.cause = message;
    return s;
  }

  /**
   * Moves a running run to RollingBack because stop conditions fired: the reason names every one that
   * fired, the most telling first, and the report keeps each condition's state and reading.
   */
  static FailoverRunStatus stopped(FailoverRunStatus s, StopReadings.Evaluation evaluation, Instant now) {
    List<StopReadings.Verdict> fired = evaluation.fired();
    record(s, evaluation, now);
    s.report.stopCondition = fired.get(0).rule();
    StringBuilder message = new StringBuilder("Stop condition " + fired.get(0).rule() + " fired: " + fired.get(0).reading());
    for (StopReadings.Verdict v : fired.subList(1, fired.size())) {
      message.append(" Stop condition ").append(v.rule()).append(" fired too: ").append(v.reading());
    }
    return start(s, "StopCondition", message.toString());
  }

  /**
   * Keeps every stop condition as evaluated at {@code now} in the report (those that fired first): when
   * one stopped the run, and when the run ends or is aborted with none fired, so that its report shows
   * what each condition read then, not only that it did not fire.
   */
  static void record(FailoverRunStatus s, StopReadings.Evaluation evaluation, Instant now) {
    s.report = s.report == null ? new FailoverRunStatus.Report() : s.report;
    String at = RunStatuses.time(now);
    s.report.stopConditions = evaluation.firedFirst().stream()
        .map(v -> new FailoverRunStatus.StopConditionReading(v.rule(), state(v.state()), v.reading(), at))
        .collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
  }

  private static String state(StopRule.State state) {
    return switch (state) {
      case FIRED -> FailoverRunStatus.StopConditionReading.FIRED;
      case NOT_FIRED -> FailoverRunStatus.StopConditionReading.NOT_FIRED;
      case NOT_EVALUATED -> FailoverRunStatus.StopConditionReading.NOT_EVALUATED;
    };
  }

  Decision next(FailoverRun run) {
    FailoverRunStatus s = RunStatuses.copy(run.getStatus());
    Instant now = world.now();
    int kept = keptThrough(s);
    for (int i = s.steps.size() - 1; i > kept; i--) {
      StepStatus st = s.steps.get(i);
      PlannedStep step = s.plan.steps.get(i);
      if (!UNDOABLE.contains(step.kind) && RunStatuses.RUNNING.equals(st.state)) {
        // A verify, wait or approval the rollback interrupted: it changed nothing, but a report that
        // still lists it Running after the run ended would be untrue.
        st.state = RunStatuses.UNDONE;
        st.undoneAt = RunStatuses.time(now);
        st.message = "Stopped by the rollback; nothing of its own to undo.";
        return new Decision.Write(s);
      }
      if (!UNDOABLE.contains(step.kind) || !(RunStatuses.RUNNING.equals(st.state) || RunStatuses.SUCCEEDED.equals(st.state)
          || RunStatuses.FAILED.equals(st.state))) {
        continue;
      }
      if (RunStatuses.keeps(s, step.name)) {
        st.state = RunStatuses.KEPT;
        st.message = "Kept as the playbook's rollback.keep asks.";
        return new Decision.Write(s);
      }
      if (!needsUndo(s, i)) {
        st.state = RunStatuses.UNDONE;
        st.undoneAt = RunStatuses.time(now);
        int waves = st.wavesAppliedAt == null ? 0 : st.wavesAppliedAt.size();
        st.message = kept >= 0 && "Failback".equals(step.kind) && waves > 0
            ? "Stopped after wave " + waves + " of " + step.waves.size() + ": the devices it sent home to " + s.plan.source
                + " stay there; nothing of its own to undo."
            : "Nothing of its own to undo.";
        return new Decision.Write(s);
      }
      if (st.undoRetryAt != null && now.isBefore(RunStatuses.instant(st.undoRetryAt))) {
        return new Decision.Sleep(java.time.Duration.between(now, RunStatuses.instant(st.undoRetryAt)), null);
      }
      Optional<RollbackHome.InFlight> inFlight = "Scale".equals(step.kind) ? RollbackHome.of(s) : Optional.empty();
      if (inFlight.isPresent() && now.isBefore(inFlight.get().homeBy())) {
        // Not while the devices sent home may still be on the target it scaled (RollbackHome).
        String waiting = cause(s) + " Rolling back: " + RollbackHome.said(s, inFlight.get()) + "; step " + step.name + " is undone once they"
            + " have left " + s.plan.target + ", at " + RunStatuses.said(inFlight.get().homeBy(), now, world.zone()) + ".";
        boolean said = waiting.equals(s.message);
        s.currentStep = step.name;
        s.currentWave = null;
        s.message = waiting;
        return new Decision.Sleep(world.sleepUntil(now, inFlight.get().homeBy()), said ? null : s);
      }
      s.currentStep = step.name;
      s.currentWave = null;
      s.message = cause(s) + " Rolling back: undoing step " + step.name + ".";
      return new Decision.Act(s, RunEffects.effect(run, s, i, null, RunEffects.UNDO, now));
    }
    if (kept >= 0) {
      // The steps the stopped failback leaves in force say so: a report must not call the shift merely Succeeded.
      for (int i = 0; i <= kept; i++) {
        StepStatus st = s.steps.get(i);
        if (UNDOABLE.contains(s.plan.steps.get(i).kind) && RunStatuses.SUCCEEDED.equals(st.state)) {
          st.state = RunStatuses.KEPT;
          st.message = RunStatuses.devicesAtTarget(s) == 0
              ? "Kept: every device is back on " + s.plan.source + ", which is not healthy; put it back by hand once it is settled (the"
                  + " run's message says what, in which order)."
              : "Kept: the failback was stopped with devices still on " + s.plan.target + "; put it back by hand once they are"
                  + " home (the run's message says what, in which order).";
        }
      }
      return new Decision.Write(RunFinish.failed(run.getMetadata().getName(), s, FAILBACK_STOPPED, failbackStopped(s, kept), now));
    }
    boolean undidSomething = java.util.stream.IntStream.range(0, s.steps.size())
        .anyMatch(i -> UNDOABLE.contains(s.plan.steps.get(i).kind) && RunStatuses.UNDONE.equals(s.steps.get(i).state));
    // Said at the end when they may still be on their way a minute or more (a rollback with no Scale step to wait for).
    String home = RollbackHome.of(s).filter(f -> !now.plus(java.time.Duration.ofMinutes(1)).isAfter(f.homeBy()))
        .map(f -> "; " + RollbackHome.said(s, f) + ", back by about " + io.failwise.model.Format.time(f.homeBy(), now, world.zone())).orElse("");
    return new Decision.Write(
        RunFinish.finish(
            s, RunPhase.ROLLED_BACK, s.reason,
            cause(s) + (undidSomething ? " Every step that ran was undone" + home + "." : " Nothing had to be undone."),
            now));
  }

  /**
   * The last step a rollback leaves as it is: a Failover whose failback has begun keeps its shift (and
   * what came before it), since undoing the shift would send every device still at the target to the
   * source at once, the source a stop condition (or a person's abort) has just called into question.
   * -1 when every step that ran is undone.
   */
  static int keptThrough(FailoverRunStatus s) {
    if (s.plan == null || !FailoverRunSpec.Mode.Failover.name().equals(s.plan.mode)) {
      return -1;
    }
    int shift = -1;
    for (int i = 0; i < s.plan.steps.size(); i++) {
      String kind = s.plan.steps.get(i).kind;
      if ("Shift".equals(kind)) {
        shift = i;
      } else if ("Failback".equals(kind) && shift >= 0 && !RunStatuses.PENDING.equals(s.steps.get(i).state)) {
        return shift;
      }
    }
    return -1;
  }

  /** Why the run ends Failed with its failback stopped: where the devices are, and what a person does next. */
  private static String failbackStopped(FailoverRunStatus s, int shift) {
    String source = s.plan.source;
    String target = s.plan.target;
    long moved = s.plan.devicesToMove;
    long atTarget = RunStatuses.devicesAtTarget(s);
    if (atTarget == 0) {
      // Every wave went: nothing is left to send home, only what the run changed to put back.
      String changed = RunManualRestore.newestFirst(s);
      return cause(s) + " The shift (step " + s.plan.steps.get(shift).name + ") is not undone by the controller: all "
          + Format.plural(moved, "device") + " moved are back on " + source + "."
          + (changed.isEmpty() ? "" : " Once " + source + " is settled, a person puts back what the run changed, in this order: " + changed + ".");
    }
    String where = atTarget >= moved
        ? "All " + Format.plural(moved, "device") + " moved are still on " + target + "."
        : Format.count(moved - atTarget) + " of the " + Format.plural(moved, "device") + " moved are back on " + source + ", "
            + Format.count(atTarget) + " still on " + target + ".";
    return cause(s) + " The failback is stopped and the shift (step " + s.plan.steps.get(shift).name + ") is not undone: undoing it would"
        + " send every device still on " + target + " to " + source + " at once. " + where + " A person finishes the failback when "
        + source + " can take them, by hand (in steps if the routing allows it)" + restore(s);
  }

  private static String restore(FailoverRunStatus s) {
    String changed = RunManualRestore.newestFirst(s);
    return changed.isEmpty() ? "." : ", and then puts back what the run changed, in this order: " + changed + ".";
  }

  private static String cause(FailoverRunStatus s) {
    return s.report != null && s.report.cause != null ? s.report.cause : "Stopped.";
  }

  /**
   * Whether undoing step {@code i} has work: objects it patched first that are not restored yet, or
   * (for an action that does not save state, like a webhook) an undo request to send.
   */
  private boolean needsUndo(FailoverRunStatus s, int i) {
    PlannedStep step = s.plan.steps.get(i);
    var action = effects.actions().forSpec(effects.actionSpec(s, i));
    if (action.restoresExactly()) {
      return !RunEffects.savedBy(s, step.name).isEmpty();
    }
    var spec = effects.actionSpec(s, i);
    return spec.webhook == null || spec.webhook.undo != null;
  }
}
