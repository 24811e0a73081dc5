package io.failwise.operator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunSpec;
import io.failwise.api.FailoverRunSpec.Mode;
import io.failwise.api.FailoverRunStatus;
import io.failwise.model.Format;
import io.failwise.model.run.RunPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A halt stops the stop conditions too (none acts while halted; the run's message only says which
 * hold), so the steps that exist to let them watch, a verify step and the hold after each wave, do not
 * count the time halted: before, a 10-minute verify halted for 30 minutes passed at the resume without
 * one look at the target.
 */
class RunHaltedWatchTest {
  @AutoClose
  private final RunHarness h = new RunHarness();

  /** The incident's failover, approved at once, the source healed when the failback waits for it, halted once when {@code when} first holds. */
  private FailoverRun failoverHaltedOnce(Predicate<FailoverRunStatus> when, Duration length) {
    h.setConnected("go-eu-west-1", 100_000);
    h.create("incident", "regional-failover", "go-eu-west-1", Mode.Failover, s -> {});
    Consumer<FailoverRun> approver = h.approver("lead@example.com");
    Instant[] haltUntil = {null};
    return h.drive("incident", run -> {
      approver.accept(run);
      FailoverRunStatus s = run.getStatus();
      Instant now = h.clock.instant();
      if (haltUntil[0] == null && RunStatuses.phase(run) == RunPhase.RUNNING && when.test(s)) {
        h.halt = Optional.of(new RunWorld.Halt("lead@example.com", RunStatuses.time(now), "provider call"));
        haltUntil[0] = now.plus(length);
      } else if (h.halt.isPresent() && !now.isBefore(haltUntil[0])) {
        h.halt = Optional.empty();
      }
      if ("WaitingForSource".equals(s.reason)) {
        h.setConnected("go-eu-west-1", 179_420);
      }
    });
  }

  private static int step(FailoverRunStatus s, String name) {
    for (int i = 0; i < s.plan.steps.size(); i++) {
      if (name.equals(s.plan.steps.get(i).name)) {
        return i;
      }
    }
    throw new AssertionError("no step " + name);
  }

  private static Duration held(FailoverRunStatus s) {
    assertEquals(1, s.halts.size(), "halted once");
    var r = s.halts.get(0);
    return Duration.between(RunStatuses.instant(r.haltedAt), RunStatuses.instant(r.resumedAt));
  }

  @Test
  void aVerifyStepWatchesForItsWholeDurationNotCountingTheTimeTheRunWasHalted() {
    Predicate<FailoverRunStatus> twoMinutesIntoVerify = s -> {
      var st = s.steps.get(step(s, "verify"));
      return RunStatuses.RUNNING.equals(st.state)
          && !h.clock.instant().isBefore(RunStatuses.instant(st.startedAt).plus(Duration.ofMinutes(2)));
    };
    FailoverRunStatus done = failoverHaltedOnce(twoMinutesIntoVerify, Duration.ofMinutes(30)).getStatus();

    assertEquals("Succeeded", done.phase, done.message);
    Duration held = held(done);
    assertTrue(held.compareTo(Duration.ofMinutes(30)) >= 0, held.toString());
    var verify = done.steps.get(step(done, "verify"));
    Duration took = Duration.between(RunStatuses.instant(verify.startedAt), RunStatuses.instant(verify.finishedAt));
    assertEquals(Duration.ofMinutes(10).plus(held), took, "10 min of watching, plus the time halted");
    assertEquals("Done after 10 min of watching (the " + Format.duration(held) + " the run was halted not counted).", verify.message);
  }

  @Test
  void aWavesHoldIsNotCutShortByAHalt() {
    Predicate<FailoverRunStatus> afterTheSecondWave = s -> s.steps.get(step(s, "shift")).wavesAppliedAt.size() == 2;
    FailoverRunStatus done = failoverHaltedOnce(afterTheSecondWave, Duration.ofMinutes(20)).getStatus();

    assertEquals("Succeeded", done.phase, done.message);
    int shift = step(done, "shift");
    var applied = done.steps.get(shift).wavesAppliedAt;
    Duration between = Duration.between(RunStatuses.instant(applied.get(1)), RunStatuses.instant(applied.get(2)));
    long hold = done.plan.steps.get(shift).waves.get(1).durationSeconds;
    assertTrue(between.compareTo(Duration.ofSeconds(hold).plus(held(done))) >= 0,
        "wave 3 came " + between + " after wave 2: its " + hold + " s hold plus the " + held(done) + " halted");
    // A wait step is time passing, not watching: the drill's and the wait's own tests keep their timing.
    var verify = done.steps.get(step(done, "verify"));
    assertEquals("Done after 10 min.", verify.message, "a halt before the verify is not the verify's");
  }

  /**
   * The drill's canary has arrived when the run is halted; then 5% of the target's own devices go
   * offline. Nothing acts while halted, but the halted run's message says that target-offline holds and
   * that a resume rolls the run back at once: the person deciding to resume sees it coming. When the
   * target heals the warning goes; when it breaks again and the halt is lifted, the run rolls back.
   */
  @Test
  void aHaltedRunSaysWhichStopConditionHoldsAndThatAResumeRollsItBack() {
    h.create("drill", "quarterly-drill", "go-eu-west-1", Mode.Drill, s -> s.drill = new FailoverRunSpec.Drill());
    List<String> halted = new java.util.ArrayList<>();
    int[] stage = {0};
    int[] routingWrites = {-1, -1}; // at the halt, at the resume
    FailoverRun done = h.drive("drill", run -> {
      FailoverRunStatus s = run.getStatus();
      var shift = s.steps == null ? null : s.steps.get(step(s, "shift-canary"));
      if (RunStatuses.phase(run) == RunPhase.HALTED) {
        halted.add(s.message);
      }
      if (stage[0] == 0 && shift != null && shift.wavesArrivedAt != null && !shift.wavesArrivedAt.isEmpty()) {
        stage[0] = 1;
        h.halt = Optional.of(new RunWorld.Halt("lead@example.com", RunStatuses.time(h.clock.instant()), "provider call"));
      } else if (stage[0] == 1 && RunStatuses.phase(run) == RunPhase.HALTED) {
        stage[0] = 2;
        routingWrites[0] = h.routingHistory("go-eu-west-1").size();
        h.setConnected("go-eu-north-1", 90_000 - 4_500 - 290); // 5% of its own 90,000 offline
      } else if (stage[0] == 2 && s.message.contains(RunHalts.WHILE_HALTED)) {
        stage[0] = 3;
        h.setConnected("go-eu-north-1", 90_000 - 290); // healed: as before the drill
      } else if (stage[0] == 3 && !s.message.contains(RunHalts.WHILE_HALTED)) {
        stage[0] = 4;
        h.setConnected("go-eu-north-1", 90_000 - 4_500 - 290);
      } else if (stage[0] == 4 && s.message.contains(RunHalts.WHILE_HALTED)) {
        stage[0] = 5;
        routingWrites[1] = h.routingHistory("go-eu-west-1").size();
        h.halt = Optional.empty();
      }
    });
    assertEquals(5, stage[0], "warned, cleared, warned again, resumed: " + halted);
    String warned = halted.stream().filter(m -> m.contains(RunHalts.WHILE_HALTED)).findFirst().orElseThrow();
    assertTrue(warned.startsWith("Halted by lead@example.com at "), warned);
    assertTrue(warned.contains("; nothing moves until `failwise resume`. While halted, stop condition target-offline holds: "
        + "4,790 devices are offline at the target, above the limit of 1,000. `failwise resume` rolls the run back at once;"
        + " `failwise abort` rolls it back now."), warned);
    assertTrue(halted.stream().anyMatch(m -> m.startsWith("Halted by ") && !m.contains(RunHalts.WHILE_HALTED)), "the warning went with the cause");
    assertEquals(routingWrites[0], routingWrites[1], "nothing moved while halted");
    FailoverRunStatus s = done.getStatus();
    assertEquals("RolledBack", s.phase, s.message);
    assertEquals("StopCondition", s.reason);
    assertEquals("target-offline", s.report.stopCondition);
  }

  /** An abort while halted rolls back at once (it overrides the halt), and the run no longer says it is held. */
  @Test
  void anAbortWhileHaltedRollsBackAndTheRunNoLongerSaysItIsHeld() {
    h.setConnected("go-eu-west-1", 100_000);
    h.create("incident", "regional-failover", "go-eu-west-1", Mode.Failover, s -> {});
    Consumer<FailoverRun> approver = h.approver("lead@example.com");
    FailoverRun done = h.drive("incident", run -> {
      approver.accept(run);
      FailoverRunStatus s = run.getStatus();
      if (RunStatuses.phase(run) == RunPhase.RUNNING && s.halts == null && s.steps.get(step(s, "shift")).wavesAppliedAt.size() == 1) {
        h.halt = Optional.of(new RunWorld.Halt("lead@example.com", RunStatuses.time(h.clock.instant()), "provider call"));
      } else if (RunStatuses.phase(run) == RunPhase.HALTED && s.abort == null) {
        h.abort("incident", "sre@example.com");
      }
    });
    FailoverRunStatus s = done.getStatus();
    assertEquals("RolledBack", s.phase, s.message);
    assertEquals("Aborted", s.reason);
    assertTrue(h.halt.isPresent(), "the global halt is still set: the abort overrode it for this run");
    assertEquals(null, s.halt, "not held any more");
    assertEquals(1, s.halts.size());
    assertEquals(null, s.halts.get(0).resumedAt, "it never resumed");
    assertEquals(RunStatuses.UNDONE, s.steps.get(step(s, "shift")).state);
  }
}
