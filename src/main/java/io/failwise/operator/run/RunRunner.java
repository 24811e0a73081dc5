package io.failwise.operator.run;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunStatus;
import io.failwise.api.FailoverRunStatus.Effect;
import io.failwise.api.FailoverRunStatus.PlannedStep;
import io.failwise.api.FailoverRunStatus.StepStatus;
import io.failwise.execution.ActionCall;
import io.failwise.execution.ActionException;
import io.failwise.execution.StepAction;
import io.failwise.model.run.DailyBudget;
import io.failwise.model.run.RunPhase;
import io.failwise.operator.status.StatusDiff;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Carries out the engine's decisions for one run until it has to wait: every status write carries
 * the resourceVersion read and, on a conflict, the run is read again and the decision made again.
 * A side effect is written as intent first, done, then written as done; a controller that stops
 * between the two finds the intent and redoes the effect, which every action does idempotently.
 */
public final class RunRunner {
  private static final Logger LOG = Logger.getLogger(RunRunner.class);
  /** A run never needs this many transitions in one go; reaching it means a bug, not a busy run. */
  private static final int MAX_DECISIONS = 500;
  /** Attempts at one effect that failed in a way worth retrying (the API server did not answer). */
  static final int EFFECT_ATTEMPTS = 3;

  private final RunStore store;
  private final RunWorld world;
  private final SourceLedger ledger;
  private final RunHolds holds;
  private final RunEffects effects;
  private final RunEngine engine;
  private final RunListener listener;
  private final int undoAttempts;

  public RunRunner(RunStore store, RunWorld world, SourceLedger ledger, RunEffects effects, RunListener listener, int undoAttempts) {
    this(store, world, ledger, effects, listener, undoAttempts, Duration.ZERO);
  }

  /** @param settle how long a cluster a run moved devices into or out of stays free of other runs after it ends */
  public RunRunner(
      RunStore store, RunWorld world, SourceLedger ledger, RunEffects effects, RunListener listener, int undoAttempts, Duration settle) {
    this.store = store;
    this.world = world;
    this.ledger = ledger;
    this.holds = new RunHolds(ledger, settle);
    this.effects = effects;
    this.engine = new RunEngine(world, effects);
    this.listener = listener;
    this.undoAttempts = undoAttempts;
  }

  /** Advances the run as far as it can go now: when to look again, or empty once it has ended. */
  public Optional<Duration> advance(String namespace, String name) {
    for (int n = 0; n < MAX_DECISIONS; n++) {
      Optional<FailoverRun> found = store.get(namespace, name);
      if (found.isEmpty()) {
        return Optional.empty();
      }
      FailoverRun run = found.get();
      Decision decision = engine.decide(run);
      try {
        if (decision instanceof Decision.Done) {
          release(run);
          return Optional.empty();
        } else if (decision instanceof Decision.Write w) {
          if (!changes(run, w.next())) {
            LOG.errorf("Run %s/%s: a transition changed nothing (%s); looking again later", namespace, name, run.getStatus().reason);
            return Optional.of(world.tick());
          }
          write(run, w.next());
        } else if (decision instanceof Decision.Sleep s) {
          if (s.next() != null && changes(run, s.next())) {
            write(run, s.next());
          }
          return Optional.of(s.after().isNegative() ? Duration.ZERO : s.after());
        } else if (decision instanceof Decision.Admit a) {
          Optional<Duration> wait = admit(run, a.running());
          if (wait.isPresent()) {
            return wait;
          }
        } else if (decision instanceof Decision.Act act) {
          act(run, act.status(), act.effect());
        } else if (decision instanceof Decision.Redo redo) {
          Instant retryAt = RunStatuses.instant(redo.effect().retryAt);
          if (retryAt != null && world.now().isBefore(retryAt)) {
            return Optional.of(Duration.between(world.now(), retryAt));
          }
          complete(run, redo.effect(), perform(run, redo.effect()));
        }
      } catch (RunStore.Conflict e) {
        LOG.debugf("Run %s/%s changed while deciding; reading it again", namespace, name);
      }
    }
    LOG.errorf("Run %s/%s made %d decisions without waiting; looking again later", namespace, name, MAX_DECISIONS);
    return Optional.of(world.tick());
  }

  /**
   * The run was deleted and its finalizer keeps it ({@link RunDeletion}): the deletion is recorded as
   * its abort, the run advances as far as it can, and it may go once it holds no cluster.
   */
  public RunDeletion.Verdict advanceDeleted(String namespace, String name) {
    for (int attempt = 0; attempt < EFFECT_ATTEMPTS; attempt++) {
      Optional<FailoverRun> found = store.get(namespace, name);
      Optional<FailoverRunStatus> abort = found.flatMap(run -> RunDeletion.abort(run, world.now()));
      if (abort.isEmpty()) {
        break;
      }
      try {
        store.writeStatus(found.get(), abort.get());
        LOG.infof("Run %s/%s was deleted while it held its clusters: aborting it before it goes", namespace, name);
        break;
      } catch (RunStore.Conflict e) {
        LOG.debugf("Run %s/%s changed while its deletion was recorded; reading it again", namespace, name);
      }
    }
    Optional<Duration> next = advance(namespace, name);
    Optional<FailoverRun> after = store.get(namespace, name);
    if (after.isEmpty() || !RunStatuses.holdsItsClusters(after.get())) {
      return RunDeletion.Verdict.LET_GO;
    }
    if (RunStatuses.awaitsResolve(after.get())) {
      listener.deletionWaits(after.get(), RunDeletion.waitsForResolve(after.get()));
      return RunDeletion.Verdict.keep(null); // the resolve is a status write: it wakes the run again
    }
    return RunDeletion.Verdict.keep(next.orElse(world.tick()));
  }

  private boolean changes(FailoverRun run, FailoverRunStatus next) {
    RunConditions.apply(next, run.getMetadata().getGeneration(), world.now());
    return StatusDiff.changed(run.getStatus(), next);
  }

  private FailoverRun write(FailoverRun run, FailoverRunStatus next) {
    Optional<FailoverRunStatus> failed = RunLifecycle.failedInstead(run, next, world.now());
    if (failed.isPresent()) {
      if (failed.get() != run.getStatus()) {
        RunConditions.apply(failed.get(), run.getMetadata().getGeneration(), world.now());
        listener.beforeWrite(run, failed.get());
        store.writeStatus(run, failed.get());
      }
      // Read the run again: the decision that asked for the illegal write is dropped with its effect.
      throw new RunStore.Conflict("illegal transition of " + run.getMetadata().getName() + "; the run failed instead");
    }
    RunConditions.apply(next, run.getMetadata().getGeneration(), world.now());
    next.observedGeneration = run.getMetadata().getGeneration();
    listener.beforeWrite(run, next);
    return store.writeStatus(run, next);
  }

  private Optional<Duration> admit(FailoverRun run, FailoverRunStatus running) {
    List<DailyBudget.Kind> needs = new ArrayList<>(List.of(DailyBudget.Kind.FAILOVER));
    if (running.plan.steps.stream().anyMatch(p -> "Failback".equals(p.kind))) {
      needs.add(DailyBudget.Kind.FAILBACK);
    }
    RunHolds.Outcome taken = holds.take(run, running, needs, world.now(), world.zone());
    if (taken instanceof RunHolds.Outcome.Taken) {
      guarded(run, "mark its clusters as held", () -> world.protect(run.getMetadata().getNamespace(), run.getMetadata().getName(), roles(run, running)));
      write(run, running);
      return Optional.empty();
    }
    if (taken instanceof RunHolds.Outcome.OverBudget over) {
      // Refused before it started: no start time, no steps (as a refusal at admission).
      FailoverRunStatus refused = RunStatuses.copy(running);
      refused.startedAt = null;
      refused.steps = null;
      write(run, RunFinish.finish(refused, RunPhase.REFUSED, "BudgetUsedUp", sentence(over.why()), world.now()));
      return Optional.empty();
    }
    RunHolds.Outcome.Waits wait = (RunHolds.Outcome.Waits) taken;
    FailoverRunStatus waiting = RunStatuses.copy(running);
    waiting.startedAt = null;
    waiting.steps = null;
    RunStatuses.setPhase(waiting, RunPhase.PENDING, wait.reason(), wait.message());
    if (changes(run, waiting)) {
      write(run, waiting);
    }
    return Optional.of(world.tick());
  }

  private void act(FailoverRun run, FailoverRunStatus status, Effect effect) {
    String step = status.plan.steps.get(effect.step).name;
    if (RunEffects.APPLY.equals(effect.operation)) {
      try {
        ActionCall call = effects.call(run, status, effect);
        RunEffects.remember(status, step, effects.actions().forSpec(call.spec()).save(call));
      } catch (RuntimeException e) {
        // Nothing was done: the step fails before its intent is written.
        StepStatus st = status.steps.get(effect.step);
        st.state = RunStatuses.FAILED;
        st.message = describe(e);
        boolean waves = status.plan.steps.get(effect.step).waves != null;
        write(run, RunRollback.start(status, "ActionFailed",
            "Step " + step + " could not start" + (waves ? " wave " + (effect.wave + 1) : "") + ": " + describe(e)));
        return;
      }
    }
    status.pendingEffect = effect;
    FailoverRun intended = write(run, status);
    complete(intended, effect, perform(intended, effect));
  }

  /** An effect's outcome: null on success, else the failure. */
  private ActionException perform(FailoverRun run, Effect effect) {
    FailoverRunStatus s = run.getStatus();
    PlannedStep step = s.plan.steps.get(effect.step);
    try {
      ActionCall call = effects.call(run, s, effect);
      StepAction action = effects.actions().forSpec(call.spec());
      switch (effect.operation) {
        case RunEffects.UNDO -> action.undo(call, RunEffects.savedBy(s, step.name));
        case RunEffects.RESTORE -> {
          recordBudget(run, step, effect);
          action.undo(call, RunEffects.savedBy(s, RunEffects.shiftStep(s).name));
        }
        default -> {
          recordBudget(run, step, effect);
          action.apply(call);
        }
      }
      return null;
    } catch (ActionException e) {
      return e;
    } catch (KubernetesClientException e) {
      return new ActionException(describe(e), e, true);
    } catch (RuntimeException e) {
      LOG.warnf(e, "Run %s/%s: effect %s failed unexpectedly", run.getMetadata().getNamespace(), run.getMetadata().getName(), effect.key);
      return new ActionException(describe(e), e, false);
    }
  }

  private void recordBudget(FailoverRun run, PlannedStep step, Effect effect) {
    if (effect.wave != null && effect.wave == 0 && ("Shift".equals(step.kind) || "Failback".equals(step.kind))) {
      DailyBudget.Kind kind = "Shift".equals(step.kind) ? DailyBudget.Kind.FAILOVER : DailyBudget.Kind.FAILBACK;
      ledger.record(run.getMetadata().getNamespace(), run.getSpec().source, kind, holder(run), world.now());
    }
  }

  /** Writes the effect's result, from a fresh read if the run changed meanwhile (an abort, an approval). */
  private void complete(FailoverRun run, Effect effect, ActionException failure) {
    FailoverRun current = run;
    for (int attempt = 0; attempt < 10; attempt++) {
      if (attempt > 0) {
        current = store.get(run.getMetadata().getNamespace(), run.getMetadata().getName()).orElse(null);
      }
      if (current == null || current.getStatus() == null || current.getStatus().pendingEffect == null
          || !effect.key.equals(current.getStatus().pendingEffect.key)) {
        return;
      }
      FailoverRunStatus next = RunStatuses.copy(current.getStatus());
      if (failure == null) {
        succeeded(next, effect);
      } else {
        failed(run.getMetadata().getName(), next, effect, failure);
      }
      try {
        write(current, next);
        return;
      } catch (RunStore.Conflict e) {
        LOG.debugf("Run %s changed before the result of %s was written; writing it on a fresh read", run.getMetadata().getName(), effect.key);
      }
    }
    throw new RunStore.Conflict("could not write the result of " + effect.key);
  }

  private void succeeded(FailoverRunStatus s, Effect effect) {
    Instant now = world.now();
    s.pendingEffect = null;
    StepStatus st = s.steps.get(effect.step);
    PlannedStep step = s.plan.steps.get(effect.step);
    switch (effect.operation) {
      case RunEffects.UNDO -> {
        st.state = RunStatuses.UNDONE;
        st.undoneAt = RunStatuses.time(now);
        st.undoRetryAt = null;
        st.message = RunRelease.settingBack(s) ? RunRelease.SET_BACK : "Undone.";
        RunEffects.restored(s, step.name, now);
      }
      default -> {
        st.wavesAppliedAt.add(RunStatuses.time(now));
        if (RunEffects.RESTORE.equals(effect.operation)) {
          RunEffects.restored(s, RunEffects.shiftStep(s).name, now);
        }
        st.message = step.waves == null ? "Applied." : "Wave " + st.wavesAppliedAt.size() + " of " + step.waves.size() + " applied.";
      }
    }
  }

  private void failed(String run, FailoverRunStatus s, Effect effect, ActionException failure) {
    Instant now = world.now();
    StepStatus st = s.steps.get(effect.step);
    PlannedStep step = s.plan.steps.get(effect.step);
    String why = describe(failure);
    if (RunEffects.UNDO.equals(effect.operation)) {
      s.pendingEffect = null;
      st.undoAttempts = (st.undoAttempts == null ? 0 : st.undoAttempts) + 1;
      st.message = "Undo attempt " + st.undoAttempts + " of " + undoAttempts + " failed: " + why;
      if (st.undoAttempts >= undoAttempts && RunRelease.settingBack(s)) {
        RunRelease.gaveUp(s, st, step.name, st.undoAttempts, why);
      } else if (st.undoAttempts >= undoAttempts) {
        RunFinish.failed(run, s, "UndoFailed",
            "Could not undo step " + step.name + " after " + io.failwise.model.Format.plural(undoAttempts, "attempt") + ": " + why + " " + RunManualRestore.instructions(s), now);
      } else {
        st.undoRetryAt = RunStatuses.time(now.plus(world.tick().multipliedBy(st.undoAttempts)));
      }
      return;
    }
    int attempts = (effect.attempts == null ? 0 : effect.attempts) + 1;
    if (failure.retryable() && attempts < EFFECT_ATTEMPTS) {
      s.pendingEffect.attempts = attempts;
      s.pendingEffect.lastError = why;
      s.pendingEffect.retryAt = RunStatuses.time(now.plus(world.tick().multipliedBy(attempts)));
      s.message = "Step " + step.name + ": attempt " + attempts + " of " + EFFECT_ATTEMPTS + " failed (" + why + "); trying again.";
      return;
    }
    s.pendingEffect = null;
    st.state = RunStatuses.FAILED;
    st.message = why;
    String wave = effect.wave == null || step.waves == null ? "" : " wave " + (effect.wave + 1);
    RunRollback.start(s, "ActionFailed", "Step " + step.name + wave + " failed: " + why);
  }

  private void release(FailoverRun run) {
    if (RunStatuses.holdsItsClusters(run)) {
      return; // Failed and not resolved yet: its clusters stay held (RunHolds); the resolve wakes this run again
    }
    if (run.getStatus() != null && run.getStatus().plan != null && run.getSpec() != null) {
      holds.release(run);
      guarded(run, "unmark its clusters", () -> world.unprotect(run.getMetadata().getNamespace(), run.getMetadata().getName(),
          roles(run, run.getStatus()).keySet()));
    }
  }

  /** The clusters the run holds, each in its role: its source and, once chosen, its target. */
  private static java.util.Map<String, SourceLedger.Role> roles(FailoverRun run, FailoverRunStatus s) {
    java.util.Map<String, SourceLedger.Role> held = new java.util.LinkedHashMap<>();
    held.put(run.getSpec().source, SourceLedger.Role.SOURCE);
    if (s.target != null) {
      held.putIfAbsent(s.target, SourceLedger.Role.TARGET);
    }
    return held;
  }

  /**
   * The marks on a run's clusters never stop the run: a failover goes on when they cannot be written (a
   * controller without patch on clusters, a conflict), and says so in the log.
   */
  private static void guarded(FailoverRun run, String what, Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      LOG.warnf("Run %s/%s could not %s (%s): %s; it goes on", run.getMetadata().getNamespace(), run.getMetadata().getName(), what,
          ClusterProtection.ANNOTATION, describe(e));
    }
  }

  static SourceLedger.Holder holder(FailoverRun run) {
    return new SourceLedger.Holder(run.getMetadata().getName(), run.getMetadata().getUid());
  }

  private static String describe(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.endsWith(".") ? m : m + ".";
  }

  private static String sentence(String s) {
    String t = Character.toUpperCase(s.charAt(0)) + s.substring(1);
    return t.endsWith(".") ? t : t + ".";
  }
}
