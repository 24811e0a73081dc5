package io.failwise.operator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunSpec.Mode;
import io.failwise.api.FailoverRunStatus;
import io.failwise.execution.ObjectRef;
import io.failwise.execution.WebhookServer;
import io.failwise.model.run.DailyBudget;
import io.failwise.model.run.FreezeWindow;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Runs of the repository's playbooks on the sample clusters, with people and a world that answers. */
class RunEngineTest {
  private final RunHarness h = new RunHarness();
  private final JsonNode routingBefore = h.routing().deepCopy();
  private static final ObjectRef GATEWAY = new ObjectRef("apps/v1", "Deployment", RunHarness.NS, "go-eu-north-1-gateway");

  @AfterEach
  void close() {
    h.close();
  }

  private List<String> routingHistory(String source) {
    return h.objects.history().stream()
        .filter(w -> w.ref().equals(RunHarness.ROUTING))
        .map(w -> w.after().path("data").path(source + ".percent").asText("home"))
        .toList();
  }

  private static List<String> stepStates(FailoverRun run) {
    return run.getStatus().steps.stream().map(s -> s.name + "=" + s.state).toList();
  }

  @Test
  void aRegionalFailoverWaitsForApprovalMovesInPacedWavesAndFailsBackWhenTheSourceHasRecovered() {
    h.setConnected("go-eu-west-1", 100_000); // the source is in an outage
    h.create("incident", "regional-failover", "go-eu-west-1", Mode.Failover, s -> {});
    Instant start = h.clock.instant();
    boolean[] healed = {false};
    FailoverRun done = h.drive("incident", run -> {
      h.approver("oncall@example.com").accept(run);
      FailoverRunStatus s = run.getStatus();
      if ("WaitingForSource".equals(s.reason) && !healed[0]) {
        healed[0] = true;
        h.setConnected("go-eu-west-1", 179_420);
      }
    });
    FailoverRunStatus s = done.getStatus();
    assertEquals("Succeeded", s.phase, s.message);
    assertEquals("go-eu-north-1", s.target);
    assertTrue(healed[0], "the failback waited for the source to recover");
    assertEquals(List.of("1", "10", "50", "100", "90", "50", "home"), routingHistory("go-eu-west-1"));
    assertEquals(routingBefore, h.routing(), "the last failback wave puts the routing back exactly");
    assertEquals(6, h.objects.get(GATEWAY).path("spec").path("replicas").asInt(), "the target keeps its capacity");
    assertEquals("oncall@example.com", s.approvals.get(0).by);
    assertEquals("approve", s.approvals.get(0).step);
    // Paced: each shift wave lasted at least its hold (120 s) and its admission time at 768 devices/s.
    List<Instant> waves = s.steps.get(3).wavesAppliedAt.stream().map(Instant::parse).toList();
    var planned = s.plan.steps.get(3).waves;
    for (int i = 1; i < waves.size(); i++) {
      long took = waves.get(i).getEpochSecond() - waves.get(i - 1).getEpochSecond();
      assertTrue(took >= planned.get(i - 1).durationSeconds, "wave " + i + " after " + took + " s, planned " + planned.get(i - 1).durationSeconds);
    }
    assertEquals(List.of(1_800L, 18_000L, 90_000L, 180_000L), planned.stream().map(w -> w.devicesAtTarget).toList());
    assertEquals(List.of(3L, 22L, 94L, 118L), planned.stream().map(w -> w.pacedSeconds).toList());
    assertEquals(180_000L, s.report.peakDevicesAtTarget);
    assertTrue(Instant.parse(s.finishedAt).isAfter(start));
    assertEquals(2, h.ledger.operations(RunHarness.NS, "go-eu-west-1").size(), "one failover and one failback counted");
    assertEquals("FAILOVER", s.estimate.recommendation, s.estimate.explanation);
    assertEquals(3, s.estimate.options.size());
  }

  @Test
  void aDrillMovesOnlyItsCanaryHoldsAndLeavesTheRoutingExactlyAsItWas() {
    h.create("drill-q1", "quarterly-drill", "go-eu-west-1", Mode.Drill, s -> {
      s.drill = new io.failwise.api.FailoverRunSpec.Drill();
      s.drill.maxPercent = 5;
      s.drill.holdSeconds = 600L;
    });
    FailoverRun done = h.drive("drill-q1", run -> {});
    assertEquals("Succeeded", done.getStatus().phase, done.getStatus().message);
    assertEquals(List.of("1", "5", "home"), routingHistory("go-eu-west-1"));
    assertEquals(routingBefore, h.routing());
    assertEquals(
        List.of("precheck=Succeeded", "shift-canary=Succeeded", "drill-hold=Succeeded", "failback=Succeeded"), stepStates(done));
    assertEquals(9_000L, done.getStatus().report.peakDevicesAtTarget, "5 % of 180,000");
    long held = Instant.parse(done.getStatus().steps.get(2).finishedAt).getEpochSecond()
        - Instant.parse(done.getStatus().steps.get(2).startedAt).getEpochSecond();
    assertTrue(held >= 600, "held " + held + " s");
  }

  @Test
  void aStopConditionInTheMiddleOfAWaveRollsEveryStepBackExactly() {
    h.create("incident", "regional-failover", "go-eu-west-1", Mode.Failover, s -> {});
    boolean[] fired = {false};
    FailoverRun done = h.drive("incident", run -> {
      h.approver("oncall").accept(run);
      var shift = run.getStatus().steps == null ? null : run.getStatus().steps.get(3);
      if (shift != null && shift.wavesAppliedAt.size() == 3 && !fired[0]) {
        fired[0] = true; // half-way through wave 3 (50 %), the target starts losing devices
        h.setConnected("go-eu-north-1", 60_000);
      }
    });
    FailoverRunStatus s = done.getStatus();
    assertEquals("RolledBack", s.phase, s.message);
    assertEquals("StopCondition", s.reason);
    assertEquals("target-offline", s.report.stopCondition);
    assertTrue(s.message.startsWith("Stop condition target-offline fired: 17% of the devices expected at the target are offline"), s.message);
    assertEquals(List.of("1", "10", "50", "home"), routingHistory("go-eu-west-1"), "no fourth wave, then one restore");
    assertEquals(routingBefore, h.routing(), "byte for byte as before");
    assertEquals(2, h.objects.get(GATEWAY).path("spec").path("replicas").asInt(), "the scale was undone too");
    assertEquals(
        List.of("precheck=Succeeded", "approve=Succeeded", "scale-target-gateway=Undone", "shift=Undone", "verify=Pending", "failback=Pending"),
        stepStates(done));
    assertTrue(s.rollbackData.stream().allMatch(o -> o.restoredAt != null));
  }

  @Test
  void anAbortAtTheApprovalStopsBeforeAnythingMoved() {
    h.create("incident", "regional-failover", "go-eu-west-1", Mode.Failover, s -> {});
    FailoverRun done = h.drive("incident", run -> {
      if ("AwaitingApproval".equals(run.getStatus().phase) && run.getStatus().abort == null) {
        h.abort("incident", "sre@example.com");
      }
    });
    assertEquals("RolledBack", done.getStatus().phase);
    assertEquals("Aborted", done.getStatus().reason);
    assertTrue(done.getStatus().message.startsWith("Aborted by sre@example.com: test."), done.getStatus().message);
    assertTrue(done.getStatus().message.endsWith("Nothing had to be undone."), done.getStatus().message);
    assertEquals(List.of(), h.objects.history());
  }

  @Test
  void anApprovalThatTimesOutAbortsTheRun() {
    h.create("incident", "regional-failover", "go-eu-west-1", Mode.Failover, s -> {});
    FailoverRun done = h.drive("incident", run -> {});
    assertEquals("RolledBack", done.getStatus().phase);
    assertEquals("ApprovalTimedOut", done.getStatus().reason);
    assertEquals("Nobody approved within 30 min.", done.getStatus().steps.get(1).message);
  }

  @Test
  void anApprovalWrittenIntoTheRunsStatusIsNotAnApproval() {
    h.create("incident", "regional-failover", "go-eu-west-1", Mode.Failover, s -> {});
    int[] forged = {0};
    FailoverRun done = h.drive("incident", run -> {
      if ("AwaitingApproval".equals(run.getStatus().phase) && forged[0] < 3
          && (run.getStatus().approvals == null || run.getStatus().approvals.isEmpty())) {
        forged[0]++;
        h.forgeApproval("incident", "mallory@example.com");
      }
    });
    assertEquals(3, forged[0], "each forged entry was removed, so mallory could write one again");
    assertEquals("RolledBack", done.getStatus().phase, done.getStatus().message);
    assertEquals("ApprovalTimedOut", done.getStatus().reason);
    assertEquals(List.of(), done.getStatus().approvals, "the report names no approver");
    assertEquals(List.of(), h.objects.history(), "nothing moved");
  }

  @Test
  void fourEyesTakesAColleaguesApprovalObjectAndNotTheRequesters() {
    h.playbooks.get("regional-failover").getSpec().steps.get(1).approval.fourEyes = true;
    h.playbooks.get("regional-failover").getSpec().steps.get(1).approval.approverGroup = "sre-leads";
    h.setConnected("go-eu-west-1", 100_000);
    h.create("incident", "regional-failover", "go-eu-west-1", Mode.Failover, s -> s.requestedBy = "alice@example.com");
    String[] seen = {null};
    FailoverRun done = h.drive("incident", run -> {
      if ("AwaitingApproval".equals(run.getStatus().phase) && h.approvals.isEmpty()) {
        h.approve("incident", "alice@example.com", List.of("sre-leads")); // the requester
        h.approve("incident", "carol@example.com", List.of("developers")); // not in the group
      } else if ("AwaitingApproval".equals(run.getStatus().phase) && h.approvals.size() == 2) {
        seen[0] = run.getStatus().message; // the engine looked at both and still waits
        h.approve("incident", "bob@example.com", List.of("sre-leads"));
      }
      if ("WaitingForSource".equals(run.getStatus().reason)) {
        h.setConnected("go-eu-west-1", 179_420);
      }
    });
    assertTrue(seen[0] != null && seen[0].startsWith("Waiting for approval of step approve"), String.valueOf(seen[0]));
    assertEquals("Succeeded", done.getStatus().phase, done.getStatus().message);
    var approval = done.getStatus().approvals.get(0);
    assertEquals("bob@example.com", approval.by);
    assertEquals(ApprovalRequests.name("incident", "uid-incident", "approve", "bob@example.com"), approval.approval);
    assertEquals(1, done.getStatus().approvals.size());
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
    assertTrue(haltedMessage[0].startsWith("Halted by lead@example.com at 2026-03-12T21:50:00Z (provider incident)"), haltedMessage[0]);
    assertEquals(routingBefore, h.routing());
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
    assertEquals(List.of("1", "5", "home", "1", "5", "home"), routingHistory("go-eu-west-1"), "one after the other, never interleaved");
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
              + " from 2026-03-13T08:10:00Z (in 10 h 30 min).",
          done.getStatus().message);
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
        "Freeze window release=2026-03-12T00:00:00Z/2026-03-13T00:00:00Z is open until 2026-03-13T00:00:00Z; a drill does not start inside it.",
        done.getStatus().message);
  }

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
    assertEquals(List.of(true, true, true, true, true, true), s.plan.prechecks.stream().map(c -> c.passed).toList());
    assertEquals(List.of(), h.objects.history());
    assertTrue(s.message.startsWith("Planned a failover of 120,000 devices to go-eu-north-1 in 6 steps"), s.message);
    assertEquals(null, s.steps);
  }

  @Test
  void theAffectedDevicesPlaybookMovesOnlyOfflineDevicesByWebhookWithIdempotencyKeys() {
    h.setConnected("go-eu-west-2", 100_000); // 20,000 of 120,000 offline
    h.create("reprovision", "affected-devices", "go-eu-west-2", Mode.Failover, s -> {});
    boolean[] healed = {false};
    FailoverRun done = h.drive("reprovision", run -> {
      if ("WaitingForSource".equals(run.getStatus().reason) && !healed[0]) {
        healed[0] = true;
        h.setConnected("go-eu-west-2", 119_610);
      }
    });
    assertEquals("Succeeded", done.getStatus().phase, done.getStatus().message);
    // Both targets have room for the 20,000; go-eu-north-1 admits 960/s against go-eu-north-2's 600/s, so the
    // move queues 20,000^2 / (2 x 57,600) = 3,472 device-minutes there against 5,556: the least loss wins
    // over priority 0, as in the estimate.
    assertEquals("go-eu-north-1", done.getStatus().target);
    List<WebhookServer.Request> effects = h.provisioning.effects();
    assertEquals(
        List.of("uid-reprovision/move-affected/w1", "uid-reprovision/move-affected/w2", "uid-reprovision/move-affected/w3",
            "uid-reprovision/failback/w1", "uid-reprovision/failback/w2"),
        effects.stream().map(WebhookServer.Request::idempotencyKey).toList());
    assertEquals(
        List.of(2_000L, 8_000L, 10_000L),
        effects.subList(0, 3).stream().map(r -> RunHarness.parse(r.body()).path("devices").asLong()).toList());
    assertEquals(20_000L, done.getStatus().report.peakDevicesAtTarget);
    assertEquals(h.provisioning.requests().size(), effects.size(), "no retries were needed");
  }

  @Test
  void aStoppedWebhookShiftCallsItsUndoOnce() {
    h.setConnected("go-eu-west-2", 100_000);
    h.create("reprovision", "affected-devices", "go-eu-west-2", Mode.Failover, s -> {});
    h.arrivingShare = 0.5; // half of the re-provisioned devices never connect at the target
    FailoverRun done = h.drive("reprovision", run -> {});
    assertEquals("RolledBack", done.getStatus().phase, done.getStatus().message);
    assertEquals("target-offline", done.getStatus().report.stopCondition, "they count as offline at the target");
    List<String> keys = h.provisioning.effects().stream().map(WebhookServer.Request::idempotencyKey).toList();
    assertEquals("uid-reprovision/move-affected/undo", keys.get(keys.size() - 1));
    assertEquals(1, keys.stream().filter(k -> k.endsWith("/undo")).count());
    assertTrue(RunHarness.parse(h.provisioning.effects().get(keys.size() - 1).body()).path("select").asText().equals("moved-by-run"));
  }

  @Test
  void aFailingWebhookFailsItsStepAndRollsBack() {
    h.setConnected("go-eu-west-2", 100_000);
    h.provisioning.answer(r -> r.idempotencyKey().endsWith("/w2") ? 503 : 200);
    h.create("reprovision", "affected-devices", "go-eu-west-2", Mode.Failover, s -> {});
    FailoverRun done = h.drive("reprovision", run -> {});
    FailoverRunStatus s = done.getStatus();
    assertEquals("RolledBack", s.phase, s.message);
    assertEquals("ActionFailed", s.reason);
    assertTrue(s.message.startsWith("Step move-affected wave 2 failed: POST " + h.provisioning.url() + "/v1/reassignments failed after 3 attempts: HTTP 503"), s.message);
    assertEquals("Undone", s.steps.get(1).state);
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

  @Test
  void anAbortWhilePendingEndsTheRunWithNothingDone() {
    h.halt = java.util.Optional.of(new RunWorld.Halt("lead", "2026-03-12T21:00:00Z", null));
    h.create("later", "quarterly-drill", "go-eu-west-1", Mode.Drill, s -> {});
    h.controller().advance(RunHarness.NS, "later");
    assertEquals("Halted", h.run("later").getStatus().reason, "a new run waits while the halt is set");
    h.abort("later", "sre");
    FailoverRun done = h.drive("later", run -> {});
    assertEquals("Aborted", done.getStatus().phase);
    assertEquals(RunStatuses.time(h.clock.instant()), done.getStatus().finishedAt, "ended when the abort was acted on");
    assertEquals(List.of(), h.objects.history(), "nothing was done");
  }

  @Test
  void aVerifyStepWatchesTheStopConditionsEvenBeforeAnyDeviceMoved() {
    var playbook = io.fabric8.kubernetes.client.utils.Serialization.jsonMapper().convertValue(h.playbooks.get("quarterly-drill"),
        io.failwise.api.FailoverPlaybook.class);
    playbook.getMetadata().setName("watch-first");
    var verify = new io.failwise.api.PlaybookStep("watch-source");
    verify.verify = new io.failwise.api.PlaybookStep.Verify();
    verify.verify.durationSeconds = 300L;
    playbook.getSpec().steps.add(0, verify);
    h.playbooks.put("watch-first", playbook);
    h.create("drill", "watch-first", "go-eu-west-1", Mode.Drill, s -> {});
    FailoverRun done = h.drive("drill", run -> {
      if ("watch-source".equals(run.getStatus().currentStep)) {
        h.setConnected("go-eu-west-1", 170_000); // the source gets worse while we watch: 5.6 % offline
      }
    });
    assertEquals("RolledBack", done.getStatus().phase, done.getStatus().message);
    assertEquals("source-worse", done.getStatus().report.stopCondition);
    assertEquals(List.of(), h.objects.history(), "stopped before anything moved");
  }

  @Test
  void aBlindTargetStopsTheRunAfterTheConfiguredTime() {
    h.create("drill", "quarterly-drill", "go-eu-west-1", Mode.Drill, s -> {});
    Consumer<FailoverRun> blinder = run -> {
      var steps = run.getStatus().steps;
      if (steps != null && steps.get(1).wavesAppliedAt.size() == 1 && h.blind.isEmpty()) {
        h.blind.add("go-eu-north-1");
      }
    };
    FailoverRun done = h.drive("drill", blinder);
    assertEquals("RolledBack", done.getStatus().phase);
    assertEquals("target-blind", done.getStatus().report.stopCondition);
    assertEquals(routingBefore, h.routing());
  }
}
