package io.failwise.operator.run;

import static io.failwise.operator.run.RunStatuses.instant;
import static io.failwise.operator.run.RunStatuses.setPhase;
import static io.failwise.operator.run.RunStatuses.time;

import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunStatus;
import io.failwise.api.FailoverRunStatus.PlannedStep;
import io.failwise.api.FailoverRunStatus.PlannedWave;
import io.failwise.api.FailoverRunStatus.StepStatus;
import io.failwise.api.FailoverRunSpec.Mode;
import io.failwise.model.Format;
import io.failwise.model.run.Prechecks;
import io.failwise.model.run.RunPhase;
import io.failwise.model.run.StopReadings;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides the next move of a run from its status and what the world looks like now: one transition
 * or one side effect at a time, so that the status always says what was done and what is about to
 * be. Executing a step (forward) is here; admission and rollback have their own classes.
 */
public final class RunEngine {
  private final RunWorld world;
  private final RunAdmission admission;
  private final RunRollback rollback;
  private final RunObservations observations;
  private final RunPermissions permissions;

  private final RunEffects effects;

  public RunEngine(RunWorld world, RunEffects effects) {
    this.world = world;
    this.effects = effects;
    this.observations = new RunObservations(world);
    this.admission = new RunAdmission(world, observations);
    this.rollback = new RunRollback(world, effects);
    this.permissions = new RunPermissions(effects);
  }

  public Decision decide(FailoverRun run) {
    RunPhase phase = RunStatuses.phase(run);
    if (phase.isTerminal()) {
      return new Decision.Done();
    }
    if (phase == RunPhase.PENDING) {
      return permissions.screen(run, admission.decide(run), world.now());
    }
    FailoverRunStatus s = run.getStatus();
    if (s.pendingEffect != null) {
      return new Decision.Redo(s.pendingEffect);
    }
    if (phase == RunPhase.ROLLING_BACK) {
      return rollback.next(run);
    }
    return forward(run, phase);
  }

  private Decision forward(FailoverRun run, RunPhase phase) {
    FailoverRunStatus s = RunStatuses.copy(run.getStatus());
    Instant now = world.now();
    if (s.abort != null) {
      // The abort ends the hold: status.halt no longer says the run is held (its record in status.halts
      // keeps no resumedAt: it never resumed).
      s.halt = null;
      RunStatuses.actedOn(s.abort, now);
      if (watching(s)) {
        // What the stop conditions read when the person pulled the plug, for the report.
        RunRollback.record(s, StopReadings.evaluate(observations.rules(s), observations.watch(run, s, now).readings()), now);
      }
      return new Decision.Write(
          RunRollback.start(s, "Aborted", "Aborted by " + s.abort.by + (s.abort.reason == null ? "" : ": " + s.abort.reason) + "."));
    }
    Optional<RunWorld.Halt> halt = world.halt();
    if (halt.isPresent()) {
      if (phase != RunPhase.HALTED) {
        var h = halt.get();
        s.halt = new FailoverRunStatus.UserRequest(h.by(), h.at(), h.reason());
        RunHalts.held(s, now);
        String paused = RunApprovals.pausedByHalt(s, now).map(p -> " " + Character.toUpperCase(p.charAt(0)) + p.substring(1) + ".").orElse("");
        setPhase(s, RunPhase.HALTED, "Halted", "Halted by " + h.by() + " at " + RunStatuses.said(h.at(), now, world.zone()) + (h.reason() == null ? "" : " (" + h.reason() + ")")
            + "; nothing moves until `failwise resume`." + paused);
        return new Decision.Write(s);
      }
      Optional<FailoverRunStatus> said = watching(s) ? RunHalts.whatHolds(observations, run, s, now) : Optional.empty();
      return said.<Decision>map(Decision.Write::new).orElse(new Decision.Sleep(world.tick(), null));
    }
    if (phase == RunPhase.HALTED) {
      setPhase(s, RunPhase.RUNNING, "Resumed", "Resumed after the halt by " + s.halt.by + ".");
      RunHalts.resumed(s, now);
      s.halt = null;
      RunStatuses.actedOn(s.abort, now);
      return new Decision.Write(s);
    }
    // A drill whose devices are all home sets back what it scaled: no stop condition has anything left to stop.
    Optional<Decision> release = RunRelease.next(run, s, now);
    if (release.isPresent()) {
      return release.get();
    }
    // Stop conditions are watched once devices move, and during any verify step (that is its purpose).
    StopReadings.Evaluation stops = null;
    if (watching(s)) {
      RunObservations.Watch watch = observations.watch(run, s, now);
      if (watch.changed()) {
        return new Decision.Write(watch.status());
      }
      stops = StopReadings.evaluate(observations.rules(s), watch.readings());
      if (stops.anyFired()) {
        return new Decision.Write(RunRollback.stopped(s, stops, now));
      }
      if (RunArrivals.note(s, watch.readings(), now)) {
        return new Decision.Write(s);
      }
    }
    Optional<Integer> current = RunStatuses.currentStep(s);
    if (current.isEmpty()) {
      if (stops != null) {
        RunRollback.record(s, stops, now); // what each condition read at the end, for the report
      }
      return new Decision.Write(RunFinish.finish(s, RunPhase.SUCCEEDED, "Completed", RunRelease.completed(s), now));
    }
    int i = current.get();
    StepStatus st = s.steps.get(i);
    PlannedStep step = s.plan.steps.get(i);
    if (RunStatuses.PENDING.equals(st.state)) {
      st.state = RunStatuses.RUNNING;
      st.startedAt = time(now);
      s.currentStep = step.name;
      s.currentWave = step.waves == null ? null : 1;
      s.message = "Step " + (i + 1) + " of " + s.steps.size() + ", " + step.name + ": " + step.summary;
      s.reason = "Step" + step.kind;
      return new Decision.Write(s);
    }
    return switch (step.kind) {
      case "Precheck" -> precheck(run, s, i);
      case "Approval" -> approval(run, s, i, phase, now);
      case "Scale" -> scale(run, s, i, now);
      case "Shift", "Failback" -> waves(run, s, i, now);
      default -> timed(s, i, now);
    };
  }

  /** Whether the stop conditions are watched now: once devices move, and during any verify step (that is its purpose). */
  private static boolean watching(FailoverRunStatus s) {
    // From the baseline on (written just before the first wave): a shift step that has only begun has moved
    // nothing, and a rise measured without a baseline is a rise from zero, which stopped a drill on a source
    // that had 2% offline before it ("up from 0% before the first wave") before any device moved.
    boolean moved = RunStatuses.devicesMoved(s) && (s.baseline != null || RunStatuses.lastWaveAt(s) != null);
    return moved || RunStatuses.currentStep(s).map(i -> "Verify".equals(s.plan.steps.get(i).kind)).orElse(false);
  }

  private Decision precheck(FailoverRun run, FailoverRunStatus s, int i) {
    var results = observations.prechecks(run, s, s.plan.steps.get(i).spec.precheck.maxTargetUtilization);
    s.plan.prechecks = RunObservations.checks(results);
    if (results.stream().allMatch(Prechecks.Result::passed)) {
      return new Decision.Write(succeed(s, i, "All prechecks passed."));
    }
    s.steps.get(i).state = RunStatuses.FAILED;
    s.steps.get(i).message = Prechecks.failures(results);
    return new Decision.Write(RunRollback.start(s, "PrecheckFailed", "Precheck failed: " + Prechecks.failures(results)));
  }

  private Decision approval(FailoverRun run, FailoverRunStatus s, int i, RunPhase phase, Instant now) {
    PlannedStep step = s.plan.steps.get(i);
    String name = run.getMetadata().getName();
    var approved = RunApprovals.accepted(run, step.name, world.approvals(run.getMetadata().getNamespace(), name));
    if (approved.isPresent()) {
      // Recorded and passed in one write; an entry for this step that some client wrote is replaced.
      var record = RunApprovals.record(approved.get(), now);
      s.approvals = new java.util.ArrayList<>(s.approvals == null ? java.util.List.of() : s.approvals);
      s.approvals.removeIf(a -> step.name.equals(a.step));
      s.approvals.add(record);
      setPhase(s, RunPhase.RUNNING, "Approved", "Approved by " + record.by + " (FailoverApproval " + record.approval + ").");
      return new Decision.Write(succeed(s, i, "Approved by " + record.by + " at " + RunStatuses.said(record.at, now, world.zone()) + " (FailoverApproval " + record.approval + ")."));
    }
    if (s.approvals != null && s.approvals.removeIf(a -> step.name.equals(a.step))) {
      // Written by a client, not taken from a FailoverApproval: not an approval, and not for the report either.
      s.message = "An approval of step " + step.name + " written into the run's status was removed: approvals are FailoverApproval"
          + " objects (failwise approve " + name + " -n " + run.getMetadata().getNamespace() + ").";
      return new Decision.Write(s);
    }
    Long timeout = step.spec.approval.timeoutSeconds;
    StepStatus st = s.steps.get(i);
    // The time the halt held the run does not count: nobody could approve meanwhile.
    Optional<Instant> deadline = RunApprovals.deadline(s, i);
    long halted = RunApprovals.haltedSeconds(st);
    String heldFor = Format.duration(Duration.ofSeconds(halted));
    if (deadline.isPresent() && !now.isBefore(deadline.get())) {
      st.state = RunStatuses.FAILED;
      st.message = "Nobody approved within " + Format.duration(Duration.ofSeconds(timeout))
          + (halted > 0 ? " (not counting the " + heldFor + " the run was halted)" : "") + ".";
      return new Decision.Write(RunRollback.start(s, "ApprovalTimedOut", st.message));
    }
    // When a person must have approved by (a timed-out approval rolls the run back); after a halt the
    // deadline is no longer startedAt + timeout: say which it is.
    String until = deadline.map(d -> halted > 0
        ? " by " + RunStatuses.said(d, now, world.zone()) + " (the " + Format.duration(Duration.ofSeconds(timeout)) + " timeout, moved by the " + heldFor + " the run was halted)"
        : " by " + RunStatuses.said(d, now, world.zone()) + " (then it times out and rolls back)").orElse("");
    if (phase != RunPhase.AWAITING_APPROVAL) {
      if (halted > 0 && deadline.isPresent()) {
        st.message = "Times out at " + RunStatuses.said(deadline.get(), now, world.zone()) + ": " + Format.duration(Duration.ofSeconds(timeout)) + " after it started plus the "
            + heldFor + " the run was halted.";
      }
      setPhase(s, RunPhase.AWAITING_APPROVAL, "AwaitingApproval", ApprovalWait.message(run, s, step, until));
      return new Decision.Write(s);
    }
    if (ApprovalWait.due(s, now)) {
      Optional<io.failwise.api.RunEstimate> fresh = admission.estimateAgain(run, s);
      if (fresh.isPresent()) {
        s.estimate = fresh.get();
        s.message = ApprovalWait.message(run, s, step, until);
        return new Decision.Write(s);
      }
    }
    return new Decision.Sleep(until(now, deadline.orElse(null)), null);
  }

  private Decision scale(FailoverRun run, FailoverRunStatus s, int i, Instant now) {
    StepStatus st = s.steps.get(i);
    var spec = s.plan.steps.get(i).spec.scale;
    if (st.wavesAppliedAt.isEmpty()) {
      return act(run, s, i, 0, RunEffects.APPLY);
    }
    var ref = effects.scaleRef(run, spec);
    Optional<Boolean> ready = world.workloadReady(ref, spec.replicas);
    if (ready.orElse(false)) {
      return new Decision.Write(succeed(s, i, ref + " has " + spec.replicas + " ready replicas."));
    }
    Instant deadline = instant(st.wavesAppliedAt.get(0)).plusSeconds(spec.readyTimeoutSeconds);
    if (!now.isBefore(deadline)) {
      st.state = RunStatuses.FAILED;
      st.message = ref + (ready.isEmpty() ? " does not exist." : " is not ready after "
          + Format.duration(Duration.ofSeconds(spec.readyTimeoutSeconds)) + ".");
      return new Decision.Write(RunRollback.start(s, "ScaleTimedOut", st.message));
    }
    return new Decision.Sleep(until(now, deadline), null);
  }

  private Decision waves(FailoverRun run, FailoverRunStatus s, int i, Instant now) {
    StepStatus st = s.steps.get(i);
    PlannedStep step = s.plan.steps.get(i);
    int applied = st.wavesAppliedAt.size();
    if (applied > 0) {
      // A wave is held so the stop conditions can see it: time halted (nobody watching) does not count.
      Instant lastWave = instant(st.wavesAppliedAt.get(applied - 1));
      Instant settled = lastWave.plusSeconds(step.waves.get(applied - 1).durationSeconds).plus(RunHalts.heldBetween(s, lastWave, now));
      if (now.isBefore(settled)) {
        return new Decision.Sleep(until(now, settled), null);
      }
    }
    boolean failback = step.kind.equals("Failback");
    if (applied == step.waves.size()) {
      if (failback) {
        // Every device is home and the last wave was watched: the source shows now whether it took them back.
        // A source deleted meanwhile shows nothing: judged, it would be judged as unreadable and refused.
        Optional<String> gone = observations.sourceGone(run, s);
        if (gone.isPresent()) {
          return pause(s, "Every device is back on " + s.plan.source + ", but " + gone.get(), FailoverRunStatus.WAITING_FOR_CLUSTER);
        }
        ClusterFacts source = observations.facts(run, s.plan.source);
        Optional<Instant> reading = HomeJudgment.awaitReading(s, source, now);
        if (reading.isPresent()) {
          return new Decision.Sleep(until(now, reading.get()), HomeJudgment.sayWaiting(s, source, now, reading.get(), world.zone()) ? s : null);
        }
        Optional<HomeJudgment.Refusal> refused = HomeJudgment.judge(s, source, now, world.zone());
        if (refused.isPresent()) {
          return new Decision.Write(RunRollback.start(s, refused.get().reason(), refused.get().message()));
        }
      }
      return new Decision.Write(succeed(s, i, RunStatuses.wavesDone(step, applied, RunStatuses.devicesAtTarget(s), s.plan.source, s.plan.target)));
    }
    Optional<String> gone = observations.gone(run, s);
    if (gone.isPresent()) {
      // Deleted while the run held it: nothing says what another wave would do to it. The run waits (its
      // stop conditions still watch the waves already sent) until the Cluster is back or a person aborts.
      return pause(s, "Paused before wave " + (applied + 1) + " of " + step.waves.size() + ": " + gone.get(), FailoverRunStatus.WAITING_FOR_CLUSTER);
    }
    boolean canary = false;
    if (failback && Mode.Failover.name().equals(s.plan.mode)) {
      // Before every wave, not only the first: the devices a wave sent home are the first to show that the
      // source has not recovered (an evacuated source has no devices left to show it before the first wave).
      ClusterFacts source = observations.facts(run, s.plan.source);
      canary = applied == 0 && source.devices().isPresent() && source.expected() == 0;
      if (!source.healthy()) {
        String seen = HomeJudgment.seenAt(source, now, world.zone());
        String message = applied == 0
            ? "Waiting for " + s.plan.source + " to be healthy before failing back (" + seen + ")"
            : "Failback paused after wave " + applied + " of " + step.waves.size() + ": " + s.plan.source + " is not healthy ("
                + seen + "); the next wave waits until it is, and the devices already sent home stay there";
        return pause(s, message, "WaitingForSource");
      }
    }
    if (!failback && applied == 0 && s.baseline == null) {
      s.baseline = observations.baseline(run, s, now);
      return new Decision.Write(s);
    }
    boolean restore = failback && applied == step.waves.size() - 1 && effects.failbackRestores(s, i);
    Decision acting = act(run, s, i, applied, restore ? RunEffects.RESTORE : RunEffects.APPLY);
    if (canary) {
      PlannedWave first = step.waves.get(0);
      s.message += " " + s.plan.source + " has no devices left to show whether it has recovered: this wave is the canary,"
          + " watched " + Format.duration(Duration.ofSeconds(first.durationSeconds - first.pacedSeconds)) + " once sent, and the failback"
          + " pauses after it while they find " + s.plan.source + " unhealthy.";
    }
    return acting;
  }

  /**
   * A wave held back: written when what the message says changes, not when only its counts (and their
   * time) do, so a pause of hours is one status write and one line of terminal 1, not one every look.
   */
  private Decision pause(FailoverRunStatus s, String message, String reason) {
    if (RunStatuses.sameButForNumbers(message, s.message) && reason.equals(s.reason)) {
      return new Decision.Sleep(world.tick(), null);
    }
    if (!reason.equals(s.reason)) {
      RunStatuses.notePause(s, world.now(), reason, message);
    }
    s.message = message;
    s.reason = reason;
    return new Decision.Sleep(world.tick(), s);
  }

  /**
   * A wait lets time pass: a halt counts (the devices stay where they are). A verify watches the stop
   * conditions for its duration: time halted, when none is evaluated, does not count.
   */
  private Decision timed(FailoverRunStatus s, int i, Instant now) {
    PlannedStep step = s.plan.steps.get(i);
    boolean verify = step.spec.wait == null;
    long seconds = verify ? step.spec.verify.durationSeconds : step.spec.wait.durationSeconds;
    Instant started = instant(s.steps.get(i).startedAt);
    Duration halted = verify ? RunHalts.heldBetween(s, started, now) : Duration.ZERO;
    Instant end = started.plusSeconds(seconds).plus(halted);
    if (!now.isBefore(end)) {
      String notCounted = halted.isZero() ? "" : " of watching (the " + Format.duration(halted) + " the run was halted not counted)";
      return new Decision.Write(succeed(s, i, "Done after " + Format.duration(Duration.ofSeconds(seconds)) + notCounted + "."));
    }
    return new Decision.Sleep(until(now, end), null);
  }

  private Decision act(FailoverRun run, FailoverRunStatus s, int i, int wave, String operation) {
    var effect = RunEffects.effect(run, s, i, wave, operation, world.now());
    PlannedStep step = s.plan.steps.get(i);
    s.currentStep = step.name;
    s.currentWave = step.waves == null ? null : wave + 1;
    s.reason = "Step" + step.kind;
    s.message = step.waves == null
        ? "Step " + step.name + ": " + step.summary
        : "Step " + step.name + ", " + RunStatuses.wave(step, wave, s.plan.source, s.plan.target) + ".";
    return new Decision.Act(s, effect);
  }

  private FailoverRunStatus succeed(FailoverRunStatus s, int i, String message) {
    StepStatus st = s.steps.get(i);
    st.state = RunStatuses.SUCCEEDED;
    st.finishedAt = time(world.now());
    st.message = message;
    return s;
  }

  private Duration until(Instant now, Instant deadline) {
    return world.sleepUntil(now, deadline);
  }
}
