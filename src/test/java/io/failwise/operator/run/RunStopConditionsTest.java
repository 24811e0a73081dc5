package io.failwise.operator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunSpec;
import io.failwise.api.FailoverRunSpec.Mode;
import io.failwise.api.FailoverRunStatus;
import io.failwise.execution.WebhookServer;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Runs that something stops: a stop condition half-way through a wave, a target that loses the moved devices or
 * goes blind, a source that gets worse while a verify step watches, a failing webhook; each rolls back exactly.
 */
class RunStopConditionsTest {
  @AutoClose
  private final RunHarness h = new RunHarness();

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
    assertEquals(List.of("1", "10", "50", "home"), h.routingHistory("go-eu-west-1"), "no fourth wave, then one restore");
    assertEquals(h.routingAtStart, h.routing(), "byte for byte as before");
    assertEquals(2, h.objects.get(RunHarness.gateway("go-eu-north-1")).path("spec").path("replicas").asInt(), "the scale was undone too");
    assertEquals(
        List.of("precheck=Succeeded", "approve=Succeeded", "scale-target-gateway=Undone", "shift=Undone", "verify=Pending", "failback=Pending"),
        RunHarness.stepStates(done));
    assertTrue(s.rollbackData.stream().allMatch(o -> o.restoredAt != null));
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
    assertEquals(h.routingAtStart, h.routing());
  }

  /**
   * The drill of the exploratory test: once the canary of 9,000 devices has arrived at go-eu-north-1, an outage of
   * the target itself takes 5% of its devices offline. Both canary-lost and target-offline fire; the run names the
   * target's own offline devices first, says the canary had arrived, and records every condition's reading.
   */
  @Test
  void anOutageOfTheTargetItselfNamesTheTargetFirstAndRecordsEveryConditionThatFired() {
    h.create("drill", "quarterly-drill", "go-eu-west-1", Mode.Drill, s -> s.drill = new FailoverRunSpec.Drill()); // 5%, held 10 min
    boolean[] injected = {false};
    FailoverRun done = h.drive("drill", run -> {
      var steps = run.getStatus().steps;
      var shift = steps == null ? null : steps.get(1);
      var lastWave = steps == null ? null : RunStatuses.lastWaveAt(run.getStatus());
      // After canary-lost's grace of 2 min, while the drill holds: at the next look both conditions hold at once.
      if (!injected[0] && shift != null && "Succeeded".equals(shift.state) && shift.wavesArrivedAt != null
          && shift.wavesArrivedAt.size() == shift.wavesAppliedAt.size() && h.clock.instant().isAfter(lastWave.plusSeconds(150))) {
        injected[0] = true;
        h.setConnected("go-eu-north-1", 90_000 - 4_500 - 290); // 5% of its own 90,000 (and the 290 of before)
      }
    });
    FailoverRunStatus s = done.getStatus();
    assertTrue(injected[0], "the canary arrived and the outage was injected");
    assertEquals("RolledBack", s.phase, s.message);
    assertEquals("StopCondition", s.reason);
    assertEquals("target-offline", s.report.stopCondition, "the target's own offline devices tell more than the canary's count");
    assertTrue(s.message.startsWith("Stop condition target-offline fired: 4,790 devices are offline at the target, above the limit of 1,000."
        + " Stop condition canary-lost fired too: only 4,500 of the 9,000 devices moved are connected at the target now (50%)"), s.message);
    assertTrue(s.message.contains("the moved devices had arrived (95% of them connected)"), s.message);
    assertTrue(s.message.contains("so devices have gone offline at the target itself since: 4,790 of its 99,000 devices are offline now,"
        + " 290 before the first wave."), s.message);
    assertEquals(
        List.of("target-offline=Fired", "canary-lost=Fired", "source-worse=NotFired", "target-blind=NotFired"),
        s.report.stopConditions.stream().map(c -> c.name + "=" + c.state).toList());
    assertEquals("4,790 devices are offline at the target, above the limit of 1,000.", s.report.stopConditions.get(0).reading);
    assertTrue(s.report.stopConditions.stream().allMatch(c -> c.at != null && c.reading != null));
    assertEquals(h.routingAtStart, h.routing(), "rolled back byte for byte");
  }

  @Test
  void aConditionWithinItsGraceIsRecordedAsNotEvaluated() {
    h.create("drill", "quarterly-drill", "go-eu-west-1", Mode.Drill, s -> {});
    FailoverRun done = h.drive("drill", run -> {
      var steps = run.getStatus().steps;
      if (steps != null && steps.get(1).wavesAppliedAt.size() == 1) {
        h.setConnected("go-eu-north-1", 80_000); // at once after the first wave: canary-lost and source-worse wait for their grace
      }
    });
    FailoverRunStatus s = done.getStatus();
    assertEquals("target-offline", s.report.stopCondition, s.message);
    assertEquals(
        List.of("target-offline=Fired", "canary-lost=NotEvaluated", "source-worse=NotEvaluated", "target-blind=NotFired"),
        s.report.stopConditions.stream().map(c -> c.name + "=" + c.state).toList());
    assertEquals("not checked until 2 min after the last wave.", s.report.stopConditions.get(1).reading);
    assertTrue(s.message.startsWith("Stop condition target-offline fired: 10,000 devices are offline at the target, above the limit of 1,000."
        + " Every step that ran was undone."), s.message);
  }
}
