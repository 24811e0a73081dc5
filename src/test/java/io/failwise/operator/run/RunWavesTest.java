package io.failwise.operator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunSpec.Mode;
import io.failwise.api.FailoverRunStatus;
import io.failwise.execution.WebhookServer;
import java.time.Instant;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Runs that go through: a regional failover in approved, paced waves with its failback, a drill's canary, and the
 * affected-devices playbook by webhook, on the repository's playbooks and the sample clusters.
 */
class RunWavesTest {
  @AutoClose
  private final RunHarness h = new RunHarness();

  /**
   * The source looked recovered and the failback began, but the devices its first wave (10%) sent home
   * find it down again: the failback goes no further while it is unhealthy (before, waves 2 and 3 sent
   * every device into it and the run ended Succeeded), says so, and goes on once it has recovered.
   */
  @Test
  void aFailbackPausesAfterAWaveThatFindsTheSourceDownAgainAndGoesOnOnceItHasRecovered() {
    h.setConnected("go-eu-west-1", 100_000); // the source is in an outage
    h.create("relapse", "regional-failover", "go-eu-west-1", Mode.Failover, s -> {});
    int[] stage = {0};
    String[] paused = {null};
    List<String> routingWhilePaused = new java.util.ArrayList<>();
    FailoverRun done = h.drive("relapse", run -> {
      h.approver("oncall@example.com").accept(run);
      FailoverRunStatus s = run.getStatus();
      if (s == null || s.steps == null) {
        return;
      }
      var failback = s.steps.stream().filter(st -> "failback".equals(st.name)).findFirst().orElseThrow();
      if (stage[0] == 0 && "WaitingForSource".equals(s.reason)) {
        stage[0] = 1; // recovered, as far as its counts show
        h.setConnected("go-eu-west-1", 179_420);
      } else if (stage[0] == 1 && failback.wavesAppliedAt.size() == 1) {
        stage[0] = 2; // the first wave's devices find it down again
        h.setConnected("go-eu-west-1", 100_000);
      } else if (stage[0] == 2 && "WaitingForSource".equals(s.reason)) {
        stage[0] = 3;
        paused[0] = s.message;
        routingWhilePaused.addAll(h.routingHistory("go-eu-west-1"));
        h.setConnected("go-eu-west-1", 179_420); // now it has
      }
    });
    assertEquals(3, stage[0], "the failback paused after its first wave");
    // Four failback waves: the playbook's 10, 50 and 100 % and a probe at 65 % (FailbackProbe: the source held
    // 100,000 of its 180,000 devices when the run was planned, and 100 % would take it 80,000 past that at once).
    assertTrue(paused[0].matches("Failback paused after wave 1 of 4: go-eu-west-1 is not healthy \\(Outage at \\d\\d:\\d\\d:\\d\\d UTC: 80,000 of 180,000 devices are"
        + " offline \\(44%\\)\\); the next wave.*"), paused[0]);
    assertEquals(List.of("1", "10", "50", "100", "90"), routingWhilePaused, "no wave after the one that found the source down");
    FailoverRunStatus s = done.getStatus();
    assertEquals("Succeeded", s.phase, s.message);
    assertEquals(List.of("1", "10", "50", "100", "90", "50", "35", "home"), h.routingHistory("go-eu-west-1"));
    // Both stops are on record with their words, and in the report's timeline: the run's message, rewritten
    // since, no longer says that the first wave's devices waited on a source that was down.
    var pauses = RunHarness.step(s, "failback").pauses;
    assertEquals(List.of("WaitingForSource", "WaitingForSource"), pauses.stream().map(p -> p.reason).toList());
    assertTrue(pauses.get(0).message.startsWith("Waiting for go-eu-west-1 to be healthy before failing back"), pauses.get(0).message);
    assertEquals(paused[0], pauses.get(1).message);
    String report = io.failwise.cli.runs.RunReport.markdown(done);
    assertTrue(report.contains("| " + pauses.get(1).at + " | Step failback paused: Failback paused after wave 1 of 4: go-eu-west-1 is not healthy"),
        report);
  }

  /**
   * A pause of hours is one status write and one line of terminal 1: an outside pass saw 56 lines, one a
   * look, because the message carries the source's live counts. It is rewritten when its words change.
   */
  @Test
  void aPausedFailbacksMessageIsRewrittenWhenItsWordsChangeNotItsCounts() {
    String before = "Failback paused after wave 1 of 3: west is not healthy (Outage at 06:49:43 UTC: 4,425 of 18,000 devices are"
        + " offline (25%)); the next wave waits until it is";
    assertTrue(RunStatuses.sameButForNumbers(before, before.replace("06:49:43", "06:50:13").replace("4,425", "4,101").replace("25%", "23%")));
    assertTrue(!RunStatuses.sameButForNumbers(before, before.replace("Outage at", "Degraded at")), "a new verdict is written");
    assertTrue(!RunStatuses.sameButForNumbers(before, null));
  }

  /**
   * Every device has left the source: its counts (0 of 0, "Healthy") cannot show whether it recovered.
   * The failback's first wave goes, and its status says that this wave is the canary the next ones wait on.
   * It is watched as long as a device lost there takes to be counted offline (failwise.runs.settle, 6 min
   * here), not the playbook's 2-minute hold: an outside pass saw the canary waved through into an outage
   * still going on, its devices counted offline only after their 230 s keep-alive, when two more waves had
   * gone and the run had Succeeded.
   */
  @Test
  void aFailbackIntoAnEvacuatedSourceSaysItsFirstWaveIsTheCanaryAndWatchesItUntilLossesCanShow() {
    h.lossShowsWithin = Duration.ofMinutes(6);
    h.setConnected("go-eu-west-1", 100_000);
    h.create("evacuated", "regional-failover", "go-eu-west-1", Mode.Failover, s -> {});
    List<String> messages = new java.util.ArrayList<>();
    FailoverRun done = h.drive("evacuated", run -> {
      h.approver("oncall@example.com").accept(run);
      FailoverRunStatus s = run.getStatus();
      if (s != null && "WaitingForSource".equals(s.reason) && messages.isEmpty()) {
        h.evacuated.add("go-eu-west-1");
      }
      if (s != null && s.message != null && s.message.startsWith("Step failback, wave 1")) {
        messages.add(s.message);
      }
    });
    assertTrue(!messages.isEmpty(), "the failback's first wave ran: " + done.getStatus().phase + " " + done.getStatus().message);
    assertTrue(messages.get(0).endsWith("go-eu-west-1 has no devices left to show whether it has recovered: this wave is the canary,"
        + " watched 6 min once sent, and the failback pauses after it while they find go-eu-west-1 unhealthy."), messages.get(0));
    FailoverRunStatus.StepStatus failback = done.getStatus().steps.stream().filter(st -> "failback".equals(st.name)).findFirst().orElseThrow();
    Duration canaryToNext = Duration.between(Instant.parse(failback.wavesAppliedAt.get(0)), Instant.parse(failback.wavesAppliedAt.get(1)));
    assertTrue(canaryToNext.compareTo(Duration.ofMinutes(6)) >= 0, "the next wave waited for the canary's losses to show: " + canaryToNext);
    Duration secondToThird = Duration.between(Instant.parse(failback.wavesAppliedAt.get(1)), Instant.parse(failback.wavesAppliedAt.get(2)));
    assertTrue(secondToThird.compareTo(Duration.ofMinutes(6)) < 0, "the later waves keep the playbook's hold: " + secondToThird);
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
    // The source held 100,000 of its 180,000 devices when the run was planned (its outage): before the wave that
    // would take it from 90,000 to 180,000 at once, a probe takes it to 117,000, a canary's worth (18,000) past
    // what it held, and is judged before the rest goes (FailbackProbe). 35 % of the devices are still at the target then.
    assertEquals(List.of("1", "10", "50", "100", "90", "50", "35", "home"), h.routingHistory("go-eu-west-1"));
    var failbackPlan = s.plan.steps.stream().filter(p -> "failback".equals(p.name)).findFirst().orElseThrow();
    assertTrue(failbackPlan.summary.endsWith(" The 65% wave is a probe: it takes go-eu-west-1 to 117,000 devices, at most a canary's worth (18,000) past the"
        + " 100,000 it held connected when the run was planned, in case its outage cut its capacity; the next wave goes only if it is still"
        + " healthy then."), failbackPlan.summary);
    assertEquals(h.routingAtStart, h.routing(), "the last failback wave puts the routing back exactly");
    assertEquals(6, h.objects.get(RunHarness.gateway("go-eu-north-1")).path("spec").path("replicas").asInt(), "the target keeps its capacity");
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
    assertEquals(List.of("1", "5", "home"), h.routingHistory("go-eu-west-1"));
    assertEquals(h.routingAtStart, h.routing());
    assertEquals(
        List.of("precheck=Succeeded", "shift-canary=Succeeded", "drill-hold=Succeeded", "failback=Succeeded"), RunHarness.stepStates(done));
    assertEquals(9_000L, done.getStatus().report.peakDevicesAtTarget, "5 % of 180,000");
    // A drill on a healthy source: its estimate (the drill report's) speaks of no outage, only of what the canary's move costs.
    String estimate = done.getStatus().estimate.explanation;
    assertTrue(estimate.startsWith("No outage in progress: go-eu-west-1 is Healthy by its counts, 580 of its 180,000 devices offline (normal"
        + " churn)"), estimate);
    assertTrue(estimate.contains("This drill disrupts 9,000 devices by moving them to go-eu-north-1 and back"), estimate);
    assertEquals(null, done.getStatus().estimate.breakEvenSeconds);
    long held = Instant.parse(done.getStatus().steps.get(2).finishedAt).getEpochSecond()
        - Instant.parse(done.getStatus().steps.get(2).startedAt).getEpochSecond();
    assertTrue(held >= 600, "held " + held + " s");
  }

  @Test
  void aDrillThatLeavesSpecDrillOutIsACanaryOfFivePercentHeldTenMinutesNotOneFailedBackUnwatched() {
    // An outside pass applied a Drill with no spec.drill: it was capped at 5% but failed back at once,
    // its canary never watched by the stop conditions. Left out, the bounds are the CRD's defaults.
    h.create("drill-defaults", "quarterly-drill", "go-eu-west-1", Mode.Drill, s -> s.drill = null);
    FailoverRun done = h.drive("drill-defaults", run -> {});
    assertEquals("Succeeded", done.getStatus().phase, done.getStatus().message);
    assertEquals(
        List.of("precheck=Succeeded", "shift-canary=Succeeded", "drill-hold=Succeeded", "failback=Succeeded"), RunHarness.stepStates(done));
    assertEquals(9_000L, done.getStatus().report.peakDevicesAtTarget, "5 % of 180,000");
    long held = Instant.parse(done.getStatus().steps.get(2).finishedAt).getEpochSecond()
        - Instant.parse(done.getStatus().steps.get(2).startedAt).getEpochSecond();
    assertTrue(held >= 600, "held " + held + " s");
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
}
