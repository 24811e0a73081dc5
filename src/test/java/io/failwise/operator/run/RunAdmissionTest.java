package io.failwise.operator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunSpec.Mode;
import io.failwise.api.FailoverRunStatus;
import io.failwise.model.run.DailyBudget;
import io.failwise.model.run.FreezeWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * When a run may act: Plan mode stops after the prechecks, one run at a time per cluster (as its source or its
 * target), the daily budget, freeze windows, the halt between waves, and a playbook that does not exist yet.
 */
class RunAdmissionTest {
  @AutoClose
  private final RunHarness h = new RunHarness();

  @Test
  void planModeRecordsThePlanAndThePrechecksAndExecutesNothing() {
    h.create("what-if", "regional-failover", "go-eu-west-2", Mode.Plan, s -> {});
    FailoverRun done = h.drive("what-if", run -> {});
    FailoverRunStatus s = done.getStatus();
    assertEquals("Planned", s.phase, s.message);
    assertEquals("go-eu-north-1", s.target, "go-eu-north-2 (priority 0) has room for 90,160 devices only");
    assertEquals(120_000L, s.plan.devicesToMove);
    assertEquals(List.of("precheck", "approve", "scale-target-gateway", "shift", "verify", "failback"),
        s.plan.steps.stream().map(p -> p.name).toList());
    assertEquals(List.of(true, true, true, true, true, true, true), s.plan.prechecks.stream().map(c -> c.passed).toList());
    assertEquals(List.of(), h.objects.history());
    assertTrue(s.message.startsWith("Planned a failover of 120,000 devices to go-eu-north-1 in 6 steps"), s.message);
    assertEquals(null, s.steps);
  }

  /**
   * A Plan whose precheck fails says which and why in its message, which `failwise runs` and the feed
   * show: "1 precheck fails" sent the reader to status.plan.prechecks to learn that the halt was set.
   */
  @Test
  void aPlanSaysWhichPrecheckFailsAndWhy() {
    h.halt = java.util.Optional.of(new RunWorld.Halt("lead@example.com", "2026-03-12T21:50:00Z", "provider incident"));
    h.create("halted-plan", "regional-failover", "go-eu-west-2", Mode.Plan, s -> {});
    FailoverRunStatus s = h.drive("halted-plan", run -> {}).getStatus();
    assertEquals("Planned", s.phase, s.message);
    assertTrue(s.message.endsWith("; 1 precheck fails: NotHalted (The global halt is set by lead@example.com). Nothing was executed."),
        s.message);
  }

  @Test
  void aRunIntoTheSourcesOwnRegionIsRefusedAtOnceAndPlanningOneShowsTheFailedPrecheck() {
    // go-eu-west-1 and go-eu-west-2 both run in eu-west: the estimator never picks go-eu-west-2 for
    // go-eu-west-1. A drill that names it could never pass its precheck, so it is refused before it
    // waits for anything, even while another run holds go-eu-west-2; planned, it shows the failed check.
    h.create("holder", "quarterly-drill", "go-eu-west-2", Mode.Drill, s -> {});
    h.controller().advance(RunHarness.NS, "holder");
    assertEquals("Running", h.run("holder").getStatus().phase);
    h.create("same-region", "quarterly-drill", "go-eu-west-1", Mode.Drill, s -> s.target = "go-eu-west-2");
    h.controller().advance(RunHarness.NS, "same-region");
    FailoverRunStatus s = h.run("same-region").getStatus();
    assertEquals("Refused", s.phase, s.message);
    assertEquals("TargetInSourceRegion", s.reason);
    assertTrue(s.message.startsWith("go-eu-west-2 is in go-eu-west-1's own region (eu-west): failing over there is no regional failover,"
        + " so the drill does not start."), s.message);
    assertTrue(h.routingHistory("go-eu-west-1").stream().allMatch("home"::equals), "no device of go-eu-west-1 moved (the holder's own waves aside)");

    h.create("same-region-plan", "quarterly-drill", "go-eu-west-1", Mode.Plan, s2 -> s2.target = "go-eu-west-2");
    FailoverRunStatus planned = h.drive("same-region-plan", run -> {}).getStatus();
    assertEquals("Planned", planned.phase, planned.message);
    var region = RunHarness.precheck(planned, "TargetInAnotherRegion");
    assertEquals(Boolean.FALSE, region.passed, region.message);
  }

  @Test
  void admissionReadsTheSignalsOfTheSourceAndTheChosenTargetOnly() {
    // A read may be a request to an observer, and a namespace may hold a thousand Clusters: the run
    // needs the source's and the target's counts, not every Cluster's. The harness has more Clusters
    // than those two (go-eu-north-2 is considered and passed over for room, by its status).
    assertTrue(h.clusters.size() > 2, "the harness has other Clusters: " + h.clusters.keySet());
    h.create("what-if", "regional-failover", "go-eu-west-2", Mode.Plan, s -> {});
    FailoverRun done = h.drive("what-if", run -> {});
    assertEquals("Planned", done.getStatus().phase, done.getStatus().message);
    assertEquals(java.util.Set.of("go-eu-west-2", "go-eu-north-1"), java.util.Set.copyOf(h.reads));
  }

  @Test
  void aSecondRunOnTheSameSourceWaitsUntilTheFirstHasEnded() {
    h.create("first", "quarterly-drill", "go-eu-west-1", Mode.Drill, s -> {});
    h.create("second", "quarterly-drill", "go-eu-west-1", Mode.Drill, s -> {});
    RunRunner controller = h.controller();
    controller.advance(RunHarness.NS, "first");
    controller.advance(RunHarness.NS, "second");
    assertEquals("Running", h.run("first").getStatus().phase);
    assertEquals("Pending", h.run("second").getStatus().phase);
    assertEquals("WaitingForSource", h.run("second").getStatus().reason);
    assertTrue(h.run("second").getStatus().message.startsWith("Waiting: run first holds go-eu-west-1"));
    h.drive("first", run -> {});
    FailoverRun second = h.drive("second", run -> {});
    assertEquals("Succeeded", second.getStatus().phase);
    assertEquals(List.of("1", "5", "home", "1", "5", "home"), h.routingHistory("go-eu-west-1"), "one after the other, never interleaved");
  }

  @Test
  void aSecondRunIntoTheSameTargetWaitsUntilTheFirstHasEndedThenSucceeds() {
    // Both would move devices into go-eu-north-1: each alone passes the target's room precheck, and each
    // run's stop conditions read the target's counts, which the other would be changing.
    h.create("first", "quarterly-drill", "go-eu-west-1", Mode.Drill, s -> {});
    h.create("second", "regional-failover", "go-eu-west-2", Mode.Failover, s -> {});
    RunRunner controller = h.controller();
    controller.advance(RunHarness.NS, "first");
    controller.advance(RunHarness.NS, "second");
    assertEquals("Running", h.run("first").getStatus().phase);
    FailoverRunStatus waiting = h.run("second").getStatus();
    assertEquals("Pending", waiting.phase);
    assertEquals("WaitingForTarget", waiting.reason);
    assertEquals("go-eu-north-1", waiting.target);
    assertEquals(
        "Waiting: run first holds go-eu-north-1 as its target, and this run would move devices into it; this run starts"
            + " when it ends (no two runs move devices into or out of one cluster at once).",
        waiting.message);
    assertEquals(java.util.Optional.empty(), h.ledger.holder(RunHarness.NS, "go-eu-west-2"), "a waiting run holds nothing");
    assertEquals(List.of(), h.routingHistory("go-eu-west-2").stream().filter(p -> !p.equals("home")).toList());

    assertEquals("Succeeded", h.drive("first", run -> {}).getStatus().phase);
    assertEquals(java.util.Optional.empty(), h.ledger.holder(RunHarness.NS, "go-eu-north-1"), "an ended run frees its target");
    FailoverRun second = h.drive("second", h.approver("oncall"));
    assertEquals("Succeeded", second.getStatus().phase, second.getStatus().message);
    assertEquals("go-eu-north-1", second.getStatus().target);
    List<String> west1 = h.routingHistory("go-eu-west-1");
    List<String> west2 = h.routingHistory("go-eu-west-2");
    for (int i = 0; i < west1.size(); i++) {
      assertTrue(west1.get(i).equals("home") || west2.get(i).equals("home"), "never both moved at once: " + west1 + " " + west2);
    }
    assertEquals(h.routingAtStart, h.routing());
  }

  @Test
  void aRunIntoATargetAnotherRunMovedDevicesIntoWaitsUntilItsCountsHaveSettled() {
    // Back to back into go-eu-north-1: the drill's canary leaves it when the drill fails back, but the
    // monitor counts each device there until its keep-alive expires, so a run starting at once would
    // take them for its baseline and see its own devices "not arriving". It waits failwise.runs.settle.
    h.settle = Duration.ofMinutes(6);
    h.create("first", "quarterly-drill", "go-eu-west-1", Mode.Drill, s -> {});
    assertEquals("Succeeded", h.drive("first", run -> {}).getStatus().phase);
    Instant ended = h.clock.instant();
    h.create("second", "regional-failover", "go-eu-west-2", Mode.Failover, s -> {});
    RunRunner controller = h.controller();
    controller.advance(RunHarness.NS, "second");
    FailoverRunStatus waiting = h.run("second").getStatus();
    assertEquals("Pending", waiting.phase);
    assertEquals("WaitingForTarget", waiting.reason);
    assertTrue(
        waiting.message.startsWith(
            "Waiting: run first moved devices into or out of go-eu-north-1, and this run would move devices into it; its device"
                + " counts settle until " + RunStatuses.said(ended.plus(Duration.ofMinutes(6)), ended, java.time.ZoneOffset.UTC) + " ("),
        waiting.message);
    h.clock.advance(Duration.ofMinutes(5));
    controller.advance(RunHarness.NS, "second");
    assertEquals("WaitingForTarget", h.run("second").getStatus().reason, "still settling a minute before");
    h.clock.advance(Duration.ofMinutes(1));
    FailoverRun second = h.drive("second", h.approver("oncall"));
    assertEquals("Succeeded", second.getStatus().phase, second.getStatus().message);
  }

  @Test
  void aRunThatMovedNoDevicesLeavesItsClustersFreeAtOnce() {
    // A Failover aborted while it awaits approval held go-eu-north-1 but moved nothing into it: nothing
    // to settle, the next run starts at once.
    h.settle = Duration.ofMinutes(6);
    h.create("first", "regional-failover", "go-eu-west-2", Mode.Failover, s -> {});
    RunRunner controller = h.controller();
    controller.advance(RunHarness.NS, "first");
    assertEquals("go-eu-north-1", h.run("first").getStatus().target);
    h.abort("first", "oncall");
    FailoverRun first = h.drive("first", run -> {});
    assertTrue(first.getStatus().steps.stream().allMatch(st -> st.wavesAppliedAt == null || st.wavesAppliedAt.isEmpty()), "moved nothing");
    h.create("second", "quarterly-drill", "go-eu-west-1", Mode.Drill, s -> {});
    controller.advance(RunHarness.NS, "second");
    assertEquals("Running", h.run("second").getStatus().phase, h.run("second").getStatus().message);
  }

  @Test
  void aRunWhoseSourceIsAnotherRunsTargetWaitsAndTheReverseToo() {
    h.create("first", "quarterly-drill", "go-eu-west-1", Mode.Drill, s -> {});
    h.create("reverse", "quarterly-drill", "go-eu-north-1", Mode.Drill, s -> {});
    RunRunner controller = h.controller();
    controller.advance(RunHarness.NS, "first");
    controller.advance(RunHarness.NS, "reverse");
    FailoverRunStatus waiting = h.run("reverse").getStatus();
    assertEquals("Pending", waiting.phase);
    assertEquals("WaitingForSource", waiting.reason);
    assertEquals(
        "Waiting: run first holds go-eu-north-1 as its target, and it is this run's source; this run starts when it ends"
            + " (no two runs move devices into or out of one cluster at once).",
        waiting.message);
    assertEquals("Succeeded", h.drive("first", run -> {}).getStatus().phase);

    // Now the other way round: the drill of go-eu-north-1 holds it as its source, and a run into it waits.
    controller.advance(RunHarness.NS, "reverse");
    assertEquals("Running", h.run("reverse").getStatus().phase, h.run("reverse").getStatus().message);
    h.create("into", "regional-failover", "go-eu-west-2", Mode.Failover, s -> {});
    controller.advance(RunHarness.NS, "into");
    FailoverRunStatus into = h.run("into").getStatus();
    assertEquals("WaitingForTarget", into.reason);
    assertEquals(
        "Waiting: run reverse holds go-eu-north-1 as its source, and this run would move devices into it; this run starts"
            + " when it ends (no two runs move devices into or out of one cluster at once).",
        into.message);
    assertEquals("Succeeded", h.drive("reverse", run -> {}).getStatus().phase);
    assertEquals("Succeeded", h.drive("into", h.approver("oncall")).getStatus().phase);
    assertEquals(h.routingAtStart, h.routing());
  }

  @Test
  void aPlanIsNotHeldUpByRunsOnItsSourceOrItsTarget() {
    h.create("first", "quarterly-drill", "go-eu-west-1", Mode.Drill, s -> {});
    h.controller().advance(RunHarness.NS, "first");
    assertEquals("Running", h.run("first").getStatus().phase);
    h.create("into-target", "regional-failover", "go-eu-west-2", Mode.Plan, s -> {});
    h.create("on-source", "regional-failover", "go-eu-west-1", Mode.Plan, s -> {});
    FailoverRun intoTarget = h.drive("into-target", run -> {});
    assertEquals("Planned", intoTarget.getStatus().phase, intoTarget.getStatus().message);
    assertEquals("go-eu-north-1", intoTarget.getStatus().target);
    assertEquals("Planned", h.drive("on-source", run -> {}).getStatus().phase);
    assertEquals("Running", h.run("first").getStatus().phase, "the plans ended while the drill still runs");
    assertEquals(new SourceLedger.Holder("first", "uid-first"), h.ledger.holder(RunHarness.NS, "go-eu-north-1").orElseThrow());
  }

  @Test
  void aSourceTakenBeforeARestartIsFreedWhenTheRunFindsItsTargetHeld() {
    // A controller took the source of "second", then stopped before it could take the target: the new
    // controller finds the target held, frees the source and waits; a third run on that source is not
    // blocked by a run that is only waiting.
    h.create("first", "quarterly-drill", "go-eu-west-1", Mode.Drill, s -> {});
    h.controller().advance(RunHarness.NS, "first");
    h.create("second", "regional-failover", "go-eu-west-2", Mode.Failover, s -> {});
    h.ledger.acquire(RunHarness.NS, "go-eu-west-2", new SourceLedger.Holder("second", "uid-second"), List.of(DailyBudget.Kind.FAILOVER),
        h.clock.instant());
    h.controller().advance(RunHarness.NS, "second");
    assertEquals("WaitingForTarget", h.run("second").getStatus().reason);
    assertEquals(java.util.Optional.empty(), h.ledger.holder(RunHarness.NS, "go-eu-west-2"));
    h.create("canary", "regional-failover", "go-eu-west-2", Mode.Drill, s -> s.target = "go-eu-north-2");
    h.controller().advance(RunHarness.NS, "canary");
    assertEquals("go-eu-north-2", h.run("canary").getStatus().target);
    assertEquals("AwaitingApproval", h.run("canary").getStatus().phase, "started: " + h.run("canary").getStatus().message);
  }

  @Test
  void aRunBeyondTheDailyBudgetIsRefusedAndSaysWhenTheNextIsAllowed() {
    RunHarness tight = new RunHarness(new DailyBudget(2, 2));
    try (tight) {
      var holder = new SourceLedger.Holder("earlier", "uid-earlier");
      tight.ledger.record(RunHarness.NS, "go-eu-west-1", DailyBudget.Kind.FAILOVER, holder, Instant.parse("2026-03-12T08:10:00Z"));
      tight.ledger.record(RunHarness.NS, "go-eu-west-1", DailyBudget.Kind.FAILOVER, new SourceLedger.Holder("e2", "uid-e2"),
          Instant.parse("2026-03-12T14:00:00Z"));
      tight.create("third", "quarterly-drill", "go-eu-west-1", Mode.Drill, s -> {});
      FailoverRun done = tight.drive("third", run -> {});
      assertEquals("Refused", done.getStatus().phase);
      assertEquals("BudgetUsedUp", done.getStatus().reason);
      assertEquals(
          "The daily budget of go-eu-west-1 is used up: 2 failovers in the last 24 h (limit 2); the next failover is allowed"
              + " from 2026-03-13T08:10:00Z (in 10 h 30 min)." + RunFinish.REFUSED_IS_FINAL,
          done.getStatus().message);
      assertEquals(null, done.getStatus().startedAt, "it never started");
      assertEquals(null, done.getStatus().steps, "no step of it ran");
      assertEquals(List.of(), tight.objects.history());
    }
  }

  @Test
  void aRunInsideAFreezeWindowIsRefused() {
    h.freezeWindows.add(FreezeWindow.parse("release=2026-03-12T00:00:00Z/2026-03-13T00:00:00Z"));
    h.create("drill", "quarterly-drill", "go-eu-west-1", Mode.Drill, s -> {});
    FailoverRun done = h.drive("drill", run -> {});
    assertEquals("Refused", done.getStatus().phase);
    assertEquals(
        "Freeze window release=2026-03-12T00:00:00Z/2026-03-13T00:00:00Z is open until 2026-03-13 00:00:00 UTC; a drill does not start inside it." + RunFinish.REFUSED_IS_FINAL,
        done.getStatus().message);
  }

  @Test
  void theHaltPausesARunBetweenWavesAndResumeLetsItFinish() {
    h.create("drill", "quarterly-drill", "go-eu-west-1", Mode.Drill, s -> {});
    int[] writesWhileHalted = {-1};
    String[] haltedMessage = {null};
    FailoverRun done = h.drive("drill", run -> {
      var steps = run.getStatus().steps;
      if (steps != null && steps.get(1).wavesAppliedAt.size() == 1 && writesWhileHalted[0] < 0) {
        h.halt = java.util.Optional.of(new RunWorld.Halt("lead@example.com", "2026-03-12T21:50:00Z", "provider incident"));
        writesWhileHalted[0] = h.objects.history().size();
      } else if ("Halted".equals(run.getStatus().phase) && h.halt.isPresent()) {
        haltedMessage[0] = run.getStatus().message;
        assertEquals("lead@example.com", run.getStatus().halt.by);
        if (h.clock.instant().isAfter(Instant.parse("2026-03-12T23:00:00Z"))) {
          assertEquals(writesWhileHalted[0], h.objects.history().size(), "nothing moved while halted");
          h.halt = java.util.Optional.empty();
        }
      }
    });
    assertEquals("Succeeded", done.getStatus().phase, done.getStatus().message);
    assertTrue(haltedMessage[0].startsWith("Halted by lead@example.com at 21:50:00 UTC (provider incident)"), haltedMessage[0]);
    assertEquals(h.routingAtStart, h.routing());
  }

  @Test
  void aRunNamingAMissingPlaybookWaitsAndSaysWhy() {
    h.create("typo", "regional-failovr", "go-eu-west-1", Mode.Failover, s -> {});
    var next = h.controller().advance(RunHarness.NS, "typo");
    assertTrue(next.isPresent(), "it keeps looking: the playbook may be applied next");
    FailoverRunStatus s = h.run("typo").getStatus();
    assertEquals("Pending", s.phase);
    assertEquals("InvalidSpec", s.reason);
    assertTrue(s.message.contains("spec.playbook: FailoverPlaybook 'regional-failovr' does not exist; known: affected-devices, quarterly-drill, regional-failover"), s.message);
  }

  /**
   * The run names a playbook and a source that are stored but that the controller cannot read (written
   * before the schema was enforced; the informers leave them out): "does not exist" would send the person
   * looking for a typo in a name that is right. The run says what is wrong with each, and waits.
   */
  @Test
  void aRunNamingObjectsTheControllerCannotReadSaysSoRatherThanThatTheyDoNotExist() {
    h.playbooks.remove("regional-failover");
    h.unreadable.put("FailoverPlaybook/regional-failover", "spec.steps: cannot read \"all of them\" as a list");
    h.clusters.remove("go-eu-west-1");
    h.unreadable.put("Cluster/go-eu-west-1", "spec.capacity.devices: cannot read \"lots\" as a number");
    h.create("unreadable", "regional-failover", "go-eu-west-1", Mode.Failover, s -> {});
    assertTrue(h.controller().advance(RunHarness.NS, "unreadable").isPresent(), "it keeps looking: the objects may be fixed");
    FailoverRunStatus s = h.run("unreadable").getStatus();
    assertEquals("Pending", s.phase);
    assertEquals("InvalidSpec", s.reason);
    assertTrue(s.message.contains("spec.playbook: FailoverPlaybook 'regional-failover' exists but cannot be read (spec.steps: cannot read"
        + " \"all of them\" as a list); fix or replace it and the run is checked again"), s.message);
    assertTrue(s.message.contains("spec.source: Cluster 'go-eu-west-1' exists but cannot be read (spec.capacity.devices: cannot read \"lots\""
        + " as a number)"), s.message);
    assertTrue(!s.message.contains("does not exist"), s.message);
  }
}
