package io.failwise.operator.run;

import static io.failwise.operator.run.RunHarness.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunSpec.Mode;
import io.failwise.api.FailoverRunStatus;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A stop condition or an abort during a Failover's failback. Rolling the whole run back undid the shift
 * too, which puts the routing back as it was before the run in one write: every device still at the
 * target sent to the source at once, the source that a stop condition (or a person) had just called into
 * question. The failback is stopped instead, the shift kept, and the run ends Failed with the devices
 * where they are and what a person does next.
 */
class RunFailbackStopTest {
  @AutoClose
  private final RunHarness h = new RunHarness();

  /** The incident's failover, approved at once, the source healed when the failback waits for it; {@code then} acts once when {@code when} holds. */
  private FailoverRun failover(Predicate<FailoverRunStatus> when, java.util.function.Consumer<FailoverRun> then) {
    h.setConnected("go-eu-west-1", 100_000);
    h.create("incident", "regional-failover", "go-eu-west-1", Mode.Failover, s -> {});
    boolean[] done = {false};
    return h.drive("incident", run -> {
      h.approver("oncall@example.com").accept(run);
      FailoverRunStatus s = run.getStatus();
      if (s == null || s.steps == null) {
        return;
      }
      if ("WaitingForSource".equals(s.reason) && !done[0] && !when.test(s)) {
        h.setConnected("go-eu-west-1", 179_420);
      }
      if (!done[0] && when.test(s)) {
        done[0] = true;
        then.accept(run);
      }
    });
  }


  @Test
  void aStopConditionDuringTheFailbackStopsItAndKeepsTheShift() {
    // After the failback's first wave the target loses its devices: target-offline fires at the next look.
    FailoverRun done = failover(s -> step(s, "failback").wavesAppliedAt.size() == 1, run -> h.setConnected(run.getStatus().plan.target, 0));
    FailoverRunStatus s = done.getStatus();
    assertEquals("Failed", s.phase, s.message);
    assertEquals(RunRollback.FAILBACK_STOPPED, s.reason);
    assertEquals(List.of("1", "10", "50", "100", "90"), h.routingHistory("go-eu-west-1"), "no write after the failback's first wave: nobody sent home at once");
    assertEquals(RunStatuses.KEPT, step(s, "shift").state, "the shift is kept, and the report says so");
    assertTrue(step(s, "shift").message.startsWith("Kept: the failback was stopped with devices still on " + s.plan.target), step(s, "shift").message);
    assertEquals(RunStatuses.KEPT, step(s, "scale-target-gateway").state, "and the gateway the devices still on the target need");
    assertEquals(RunStatuses.UNDONE, step(s, "failback").state);
    // Of 4: the playbook's three and the probe the run planned for a source in an outage (FailbackProbe).
    assertEquals("Stopped after wave 1 of 4: the devices it sent home to go-eu-west-1 stay there; nothing of its own to undo.",
        step(s, "failback").message);
    assertTrue(s.message.startsWith("Stop condition target-offline fired: "), s.message);
    assertTrue(s.message.contains(" The failback is stopped and the shift (step shift) is not undone: undoing it would send every device still on "
        + s.plan.target + " to go-eu-west-1 at once. 18,000 of the 180,000 devices moved are back on go-eu-west-1, 162,000 still on "
        + s.plan.target + ". A person finishes the failback when go-eu-west-1 can take them, by hand (in steps if the routing allows it),"
        + " and then puts back what the run changed, in this order: ConfigMap failwise/device-routing: /data/go-eu-west-1.target ="
        + " \"go-eu-west-1\", /data/go-eu-west-1.percent (remove it), /data/go-eu-west-1.ratePerSecond (remove it); Deployment"
        + " failwise/" + s.plan.target + "-gateway: /spec/replicas = 2."), s.message);
    assertEquals("target-offline", s.report.stopCondition);
  }

  @Test
  void anAbortWhileTheFailbackWaitsForTheSourceLeavesEveryDeviceOnTheTarget() {
    FailoverRun done = failover(s -> "WaitingForSource".equals(s.reason), run -> h.abort("incident", "sre@example.com"));
    FailoverRunStatus s = done.getStatus();
    assertEquals("Failed", s.phase, s.message);
    assertEquals(RunRollback.FAILBACK_STOPPED, s.reason);
    assertEquals(List.of("1", "10", "50", "100"), h.routingHistory("go-eu-west-1"), "the routing the failover left");
    assertTrue(s.message.startsWith("Aborted by sre@example.com: test. The failback is stopped"), s.message);
    assertTrue(s.message.contains(" All 180,000 devices moved are still on " + s.plan.target + ". "), s.message);
  }

  /**
   * The abort's time is its asker's clock, which may run behind the controller's (a laptop a few seconds
   * off; a sped-up world's clock extrapolated between its publications). An abort asked after the
   * person saw the failback's first wave applied is never stamped before that wave: the report's
   * timeline read "Abort asked 21:49:00" above "failback wave 1 applied 21:49:08", as if ignored.
   */
  @Test
  void anAbortIsNeverStampedBeforeWhatItsAskerSawRecorded() {
    FailoverRuns people = new FailoverRuns(null, h.runs, h.clock);
    java.time.Instant[] wave = new java.time.Instant[1];
    FailoverRun done = failover(
        s -> s.steps.stream().anyMatch(st -> "failback".equals(st.name) && st.wavesAppliedAt != null && !st.wavesAppliedAt.isEmpty()),
        run -> {
          wave[0] = RunStatuses.lastWaveAt(h.run("incident").getStatus());
          people.abort(RunHarness.NS, "incident", "sre@example.com", "test", wave[0].minusSeconds(8));
        });
    assertEquals(RunStatuses.time(wave[0]), done.getStatus().abort.at, "stamped at the wave it saw, not 8 s before it");
  }

  /**
   * Nor after the controller acted on it: a clock extrapolated ahead of the controller's (a sped-up world)
   * once stamped an abort 19 s after the end it caused, and the report listed the end before the abort.
   */
  @Test
  void anAbortIsNeverStampedAfterTheControllerActedOnIt() {
    FailoverRuns people = new FailoverRuns(null, h.runs, h.clock);
    FailoverRun done = failover(
        s -> s.steps.stream().anyMatch(st -> "failback".equals(st.name) && st.wavesAppliedAt != null && !st.wavesAppliedAt.isEmpty()),
        run -> people.abort(RunHarness.NS, "incident", "sre@example.com", "test", h.clock.instant().plusSeconds(60)));
    FailoverRunStatus s = done.getStatus();
    assertTrue(!java.time.Instant.parse(s.abort.at).isAfter(java.time.Instant.parse(s.finishedAt)), s.abort.at + " after " + s.finishedAt);
  }

  @Test
  void aFailedRunHoldsItsClustersUntilAPersonResolvesIt() {
    // The failback was stopped with every device still on the target: a drill of the same source, started
    // now, would take a baseline with 180,000 devices elsewhere, and its canary would route them again.
    FailoverRun failed = failover(s -> "WaitingForSource".equals(s.reason), run -> h.abort("incident", "sre@example.com"));
    String target = failed.getStatus().plan.target;
    assertTrue(failed.getStatus().message.endsWith(" Until then go-eu-west-1 and " + target + " stay held: no run or policy moves"
        + " devices into or out of them. Once routing is back in hand, `failwise resolve incident` frees them."), failed.getStatus().message);
    assertEquals(Optional.of("incident"), h.ledger.holder(RunHarness.NS, "go-eu-west-1").map(SourceLedger.Holder::name), "the source is still held");
    assertEquals(Optional.of("incident"), h.ledger.holder(RunHarness.NS, target).map(SourceLedger.Holder::name), "and the target");

    h.create("canary", "quarterly-drill", "go-eu-west-1", Mode.Drill, spec -> {});
    RunRunner controller = h.controller();
    controller.advance(RunHarness.NS, "canary");
    FailoverRunStatus waiting = h.run("canary").getStatus();
    assertEquals("Pending", waiting.phase, waiting.message);
    assertEquals("WaitingForSource", waiting.reason);
    assertTrue(waiting.message.startsWith("Waiting: run incident ended Failed and still holds go-eu-west-1, its source: routing may be"
        + " partly moved"), waiting.message);
    assertTrue(waiting.message.endsWith("`failwise resolve incident`."), waiting.message);
    assertEquals(List.of(), h.run("canary").getStatus().steps == null ? List.of() : h.run("canary").getStatus().steps, "nothing ran");

    FailoverRuns people = new FailoverRuns(null, h.runs, h.clock);
    RunActionRefused notFailed = org.junit.jupiter.api.Assertions.assertThrows(
        RunActionRefused.class, () -> people.resolve(RunHarness.NS, "canary", "sre@example.com", null, h.clock.instant()));
    assertEquals("run canary is Pending: only a Failed run can be resolved; this one gives its clusters back when it ends", notFailed.getMessage());

    // The person puts the routing back by hand, as the run's message says, then resolves it.
    var restored = (com.fasterxml.jackson.databind.node.ObjectNode) h.objects.get(RunHarness.ROUTING).deepCopy();
    restored.set("data", h.routingAtStart.deepCopy());
    h.objects.put(RunHarness.ROUTING, restored);
    people.resolve(RunHarness.NS, "incident", "sre@example.com", "routing restored by hand", h.clock.instant());
    people.resolve(RunHarness.NS, "incident", "someone@example.com", null, h.clock.instant().plusSeconds(60));
    assertEquals("sre@example.com", h.run("incident").getStatus().resolved.by, "resolving twice keeps the first");
    // Every surface says it is resolved, not "Until then ... stay held" (runs, describe, report).
    var resolved = h.run("incident").getStatus();
    String says = "Resolved by sre@example.com at " + resolved.resolved.at + " (routing restored by hand): ";
    assertTrue(resolved.message.contains(says) && !resolved.message.contains("stay held"), resolved.message);
    assertTrue(resolved.report.summary.contains(says) && !resolved.report.summary.contains("stay held"), resolved.report.summary);
    var progressing = io.failwise.operator.status.Conditions.find(resolved.conditions, "Progressing").orElseThrow();
    assertEquals(resolved.message, progressing.getMessage());
    assertEquals(Optional.empty(), controller.advance(RunHarness.NS, "incident"), "the resolved run has nothing left to do");
    assertEquals(Optional.empty(), h.ledger.holder(RunHarness.NS, "go-eu-west-1"), "its source is free");
    assertEquals(Optional.empty(), h.ledger.holder(RunHarness.NS, target), "and its target");

    controller.advance(RunHarness.NS, "canary");
    FailoverRunStatus started = h.run("canary").getStatus();
    assertTrue(started.startedAt != null && !"Pending".equals(started.phase), "the drill starts once the run is resolved: " + started.message);
  }

  /**
   * Every wave of the failback went (each found the source healthy before it), and with all its devices home
   * the source is in Outage again: a capacity it cannot exceed, which a 10% canary fits under. An outside
   * pass saw such a run end Succeeded with its source in Outage. It ends Failed, saying where the devices are
   * (all home) and what to put back, and holds its clusters for a person.
   */
  @Test
  void aSourceFoundUnhealthyOnceEveryDeviceIsHomeFailsTheRunInsteadOfSucceeding() {
    // After the last of the four failback waves (10, 50, the probe at 65, 100 %): the probe found the source healthy.
    FailoverRun done = failover(s -> step(s, "failback").wavesAppliedAt.size() == 4, run -> h.setConnected("go-eu-west-1", 100_000));
    FailoverRunStatus s = done.getStatus();
    assertEquals("Failed", s.phase, s.message);
    assertEquals(RunRollback.FAILBACK_STOPPED, s.reason);
    assertTrue(s.message.startsWith("Every device is back on go-eu-west-1, and it is not healthy (Outage at "), s.message);
    assertTrue(s.message.contains(" all 180,000 devices moved are back on go-eu-west-1."), s.message);
    assertEquals(List.of("1", "10", "50", "100", "90", "50", "35", "home"), h.routingHistory("go-eu-west-1"), "nothing written after the last wave");
    assertEquals(RunStatuses.KEPT, step(s, "shift").state);
    assertEquals(Optional.of("incident"), h.ledger.holder(RunHarness.NS, "go-eu-west-1").map(SourceLedger.Holder::name), "held for a person");
  }

  /**
   * The outside pass's case: the outage cut the source's capacity, so the canary and the second wave fit under
   * it and the last wave sent the rest home at once, into the cut. The probe (65 %: 117,000 devices, a canary's
   * worth past the 100,000 the source held when the run was planned) finds it down, and the failback pauses
   * there, with 63,000 devices still safe on the target instead of all of them sent into the cut.
   */
  @Test
  void aProbeFindsACapacityStillCutAndTheRestStayOnTheTarget() {
    h.setConnected("go-eu-west-1", 100_000);
    h.create("incident", "regional-failover", "go-eu-west-1", Mode.Failover, s -> {});
    int[] stage = {0};
    String[] paused = {null};
    FailoverRun done = h.drive("incident", run -> {
      h.approver("oncall@example.com").accept(run);
      FailoverRunStatus s = run.getStatus();
      if (s == null || s.steps == null) {
        return;
      }
      if (stage[0] == 0 && "WaitingForSource".equals(s.reason)) {
        stage[0] = 1; // every device away: it looks recovered
        h.setConnected("go-eu-west-1", 179_420);
      } else if (stage[0] == 1 && step(s, "failback").wavesAppliedAt.size() == 3) {
        stage[0] = 2; // the probe's devices find the capacity still cut at 100,000
        h.setConnected("go-eu-west-1", 100_000);
      } else if (stage[0] == 2 && "WaitingForSource".equals(s.reason)) {
        stage[0] = 3; // paused; a person aborts, which keeps the devices where they are
        paused[0] = s.message;
        h.abort("incident", "sre@example.com");
      }
    });
    assertEquals(3, stage[0]);
    assertTrue(paused[0].startsWith("Failback paused after wave 3 of 4: go-eu-west-1 is not healthy"), paused[0]);
    assertEquals("Failed", done.getStatus().phase, done.getStatus().message);
    assertEquals(List.of("1", "10", "50", "100", "90", "50", "35"), h.routingHistory("go-eu-west-1"), "no wave after the probe");
    assertTrue(done.getStatus().message.contains(" 117,000 of the 180,000 devices moved are back on go-eu-west-1, 63,000 still on "
        + done.getStatus().plan.target + "."), done.getStatus().message);
  }

  /** What `failwise abort` tells the person, read from the run as the abort left it: the outcome this run will have. */
  @Test
  void theAbortSaysWhatItWillDoInEachPartOfTheRun() {
    String[] said = new String[2];
    failover(s -> "WaitingForSource".equals(s.reason), run -> {
      h.abort("incident", "sre@example.com");
      said[0] = FailoverRuns.abortOutcome(h.run("incident"));
    });
    assertTrue(said[0].startsWith("its failback has begun: the controller stops the failback and keeps the shift"), said[0]);
    assertTrue(said[0].endsWith("holds its clusters until `failwise resolve incident`"), said[0]);
    h.create("later", "quarterly-drill", "go-eu-west-2", Mode.Drill, spec -> {});
    assertEquals("it has not started: it ends Aborted, and nothing is undone because nothing was done", FailoverRuns.abortOutcome(h.run("later")));
  }

  @Test
  void anAbortBeforeTheFailbackStillRollsTheWholeRunBack() {
    String[] said = new String[1];
    FailoverRun done = failover(s -> step(s, "shift").wavesAppliedAt.size() == 2, run -> {
      h.abort("incident", "sre@example.com");
      said[0] = FailoverRuns.abortOutcome(h.run("incident"));
    });
    assertEquals("the controller rolls it back, newest step first", said[0]);
    FailoverRunStatus s = done.getStatus();
    assertEquals("RolledBack", s.phase, s.message);
    assertEquals(h.routingAtStart, h.routing());
  }
}
