package io.failwise.operator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunSpec.Mode;
import io.failwise.api.FailoverRunStatus;
import io.failwise.model.run.DailyBudget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A run deleted while it holds its clusters (kubectl delete, a GitOps prune). Without the finalizer the
 * object went at once: the drill's devices stayed on the target with no run saying why, its clusters were
 * free at once (the next drill took the moved devices for its baseline), and nothing moved them back.
 * The deletion is an abort now, and the object goes only once the run holds nothing.
 */
class RunDeletionTest {
  @AutoClose
  private final RunHarness h = new RunHarness();
  private final List<String> waits = new ArrayList<>();
  private final RunListener listener = new RunListener() {
    @Override
    public void beforeWrite(FailoverRun run, FailoverRunStatus next) {}

    @Override
    public void deletionWaits(FailoverRun run, String message) {
      waits.add(message);
    }
  };

  /** Advances the run as the controller does until {@code until} holds. */
  private void advanceUntil(RunRunner controller, String name, Predicate<FailoverRunStatus> until) {
    for (int i = 0; i < 1_000; i++) {
      FailoverRunStatus s = h.run(name).getStatus();
      if (s != null && until.test(s)) {
        return;
      }
      h.approver("oncall@example.com").accept(h.run(name));
      Optional<Duration> next = controller.advance(RunHarness.NS, name);
      h.clock.advance(next.filter(d -> d.compareTo(Duration.ofSeconds(1)) > 0).orElse(Duration.ofSeconds(1)));
    }
    throw new AssertionError("run " + name + " never got there: " + h.run(name).getStatus().message);
  }

  /** What the reconciler does with a run marked for deletion, pass after pass, until it may go (or must wait for a person). */
  private RunDeletion.Verdict deleted(RunRunner controller, String name) {
    for (int i = 0; i < 1_000; i++) {
      RunDeletion.Verdict v = controller.advanceDeleted(RunHarness.NS, name);
      if (v.letGo() || v.lookAgain() == null) {
        return v;
      }
      h.clock.advance(v.lookAgain().compareTo(Duration.ofSeconds(1)) > 0 ? v.lookAgain() : Duration.ofSeconds(1));
    }
    throw new AssertionError("deleted run " + name + " never let go: " + h.run(name).getStatus().message);
  }

  private static boolean shifted(FailoverRunStatus s) {
    return s.steps != null && s.steps.stream().anyMatch(st -> "shift-canary".equals(st.name) && !st.wavesAppliedAt.isEmpty());
  }

  @Test
  void aDrillDeletedMidShiftIsRolledBackBeforeItGoesAndItsClustersStillSettle() {
    h.settle = Duration.ofMinutes(3);
    h.create("drill", "quarterly-drill", "go-eu-west-1", Mode.Drill, s -> {});
    RunRunner controller = h.controller(listener);
    advanceUntil(controller, "drill", RunDeletionTest::shifted);
    assertEquals(List.of("1"), h.routingHistory("go-eu-west-1"), "the canary wave moved 1 % of the source");

    RunDeletion.Verdict v = deleted(controller, "drill");

    assertTrue(v.letGo(), "the object may go once the run holds nothing");
    FailoverRunStatus s = h.run("drill").getStatus();
    assertEquals("RolledBack", s.phase, s.message);
    assertEquals(RunDeletion.BY, s.abort.by);
    assertTrue(s.message.startsWith("Aborted by the run's deletion: the FailoverRun was deleted (kubectl delete, or a GitOps tool"
        + " pruning it) while it held its clusters"), s.message);
    assertTrue(s.message.endsWith("Every step that ran was undone."), s.message);
    assertEquals(List.of("1", "home"), h.routingHistory("go-eu-west-1"), "the moved devices are sent home, not left on the target");
    assertEquals(h.routingAtStart, h.routing());
    assertEquals(Optional.empty(), h.ledger.holder(RunHarness.NS, "go-eu-west-1"), "its source is released");
    // Released with its settle: the next drill of the source waits for the moved devices' counts to settle
    // rather than taking them for its baseline (the ledger keeps the settle; the deleted run is not needed).
    var next = h.ledger.acquire(RunHarness.NS, "go-eu-west-1", new SourceLedger.Holder("next", "uid-next"), List.of(DailyBudget.Kind.FAILOVER), h.clock.instant());
    assertInstanceOf(SourceLedger.Claim.Settling.class, next);
    assertEquals(List.of(), waits, "no person is needed");
  }

  @Test
  void aPendingRunDeletedEndsAbortedWithNothingDone() {
    h.create("waiting", "quarterly-drill", "go-eu-west-1", Mode.Drill, s -> {});
    RunDeletion.Verdict v = h.controller(listener).advanceDeleted(RunHarness.NS, "waiting");
    assertTrue(v.letGo());
    FailoverRunStatus s = h.run("waiting").getStatus();
    assertEquals("Aborted", s.phase, s.message);
    assertEquals("Aborted by the run's deletion before it started; nothing was done.", s.message);
    assertEquals(List.of(), h.routingHistory("go-eu-west-1"));
  }

  @Test
  void aPersonsAbortStandsWhenTheRunIsThenDeleted() {
    h.create("drill", "quarterly-drill", "go-eu-west-1", Mode.Drill, s -> {});
    RunRunner controller = h.controller(listener);
    advanceUntil(controller, "drill", RunDeletionTest::shifted);
    h.abort("drill", "sre@example.com");
    assertTrue(deleted(controller, "drill").letGo());
    FailoverRunStatus s = h.run("drill").getStatus();
    assertEquals("RolledBack", s.phase, s.message);
    assertEquals("sre@example.com", s.abort.by, "who asked first, and why, stays on the record");
  }

  @Test
  void anEndedRunGoesAtOnce() {
    h.create("drill", "quarterly-drill", "go-eu-west-1", Mode.Drill, s -> s.drill = drill());
    FailoverRun done = h.drive("drill", h.approver("oncall@example.com"));
    assertEquals("Succeeded", done.getStatus().phase, done.getStatus().message);
    assertTrue(h.controller(listener).advanceDeleted(RunHarness.NS, "drill").letGo());
    assertNull(h.run("drill").getStatus().abort, "nothing to abort: it had ended");
  }

  private static io.failwise.api.FailoverRunSpec.Drill drill() {
    var d = new io.failwise.api.FailoverRunSpec.Drill();
    d.maxPercent = 5;
    d.holdSeconds = 60L;
    return d;
  }

  /**
   * A Failover deleted while its failback waits for the source: the abort stops the failback and keeps the
   * shift (sending every device home at once is what an abort must not do), so the run ends Failed with
   * 180,000 devices on the target. Letting the object go would free both clusters with nobody having put
   * routing back: the deletion waits for the resolve, and says so.
   */
  @Test
  void aFailoverDeletedDuringItsFailbackWaitsForAPersonsResolve() {
    h.setConnected("go-eu-west-1", 100_000);
    h.create("incident", "regional-failover", "go-eu-west-1", Mode.Failover, s -> {});
    RunRunner controller = h.controller(listener);
    advanceUntil(controller, "incident", s -> "WaitingForSource".equals(s.reason) && s.steps.stream().anyMatch(st -> "failback".equals(st.name)
        && RunStatuses.RUNNING.equals(st.state)));

    RunDeletion.Verdict v = deleted(controller, "incident");

    assertFalse(v.letGo(), "a Failed run is not let go");
    assertNull(v.lookAgain(), "the resolve, a status write, wakes it");
    FailoverRunStatus s = h.run("incident").getStatus();
    assertEquals("Failed", s.phase, s.message);
    assertEquals(RunRollback.FAILBACK_STOPPED, s.reason);
    assertEquals(List.of("1", "10", "50", "100"), h.routingHistory("go-eu-west-1"), "every device stays on the target");
    assertEquals(Optional.of("incident"), h.ledger.holder(RunHarness.NS, "go-eu-west-1").map(SourceLedger.Holder::name), "its source stays held");
    assertEquals(1, waits.size());
    assertEquals("FailoverRun incident ended Failed and holds its clusters until a person has finished by hand what it left: its deletion"
        + " waits for `failwise resolve incident`. Removing the finalizer failwise.io/undo-before-delete by hand lets it go at once and"
        + " frees its clusters with nothing restored.", waits.get(0));

    new FailoverRuns(null, h.runs, h.clock).resolve(RunHarness.NS, "incident", "sre@example.com", "routing restored by hand", h.clock.instant());
    assertTrue(controller.advanceDeleted(RunHarness.NS, "incident").letGo(), "resolved: it may go");
    assertEquals(Optional.empty(), h.ledger.holder(RunHarness.NS, "go-eu-west-1"), "and its source is free");
  }
}
