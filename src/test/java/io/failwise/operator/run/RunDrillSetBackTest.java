package io.failwise.operator.run;

import static io.failwise.operator.run.RunHarness.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.api.FailoverPlaybookSpec;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunSpec.Drill;
import io.failwise.api.FailoverRunSpec.Mode;
import io.failwise.api.FailoverRunStatus;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A drill leaves the clusters as it found it: the regional playbook scales the target's gateway from 2
 * to 6 replicas before its canary moves, and once the failback has brought every device home the drill
 * sets it back to 2. (A Failover keeps the capacity after its failback, its source having only just
 * recovered: RunWavesTest.)
 */
class RunDrillSetBackTest {
  @AutoClose
  private final RunHarness h = new RunHarness();

  @Test
  void aDrillSetsTheTargetsGatewayBackOnceEveryDeviceIsHome() {
    FailoverRun done = drill();
    FailoverRunStatus s = done.getStatus();
    assertEquals("Succeeded", s.phase, s.message);
    assertEquals(List.of(6, 2), gatewayWrites(), "scaled up for the canary, then back to what it had");
    assertEquals(h.routingAtStart, h.routing(), "the routing as it was");
    // The set-back comes after the failback's last wave: never less capacity while devices are on the target.
    assertEquals("home", h.routingHistory("go-eu-west-1").get(h.routingHistory("go-eu-west-1").size() - 1));
    FailoverRunStatus.StepStatus scale = step(s, "scale-target-gateway");
    assertEquals(RunStatuses.UNDONE, scale.state);
    assertEquals(RunRelease.SET_BACK, scale.message);
    assertEquals("Every step completed. Every device is home, and what step scale-target-gateway scaled is set back as it was.", s.message);
    assertEquals(List.of("precheck=Succeeded", "approve=Succeeded", "scale-target-gateway=Undone", "shift=Succeeded", "verify=Succeeded",
        "drill-hold=Succeeded", "failback=Succeeded"), RunHarness.stepStates(done));
    // The report keeps what each stop condition read at the end: the evidence that the drill hurt nothing.
    assertEquals(List.of("target-offline", "devices-not-arriving", "target-blind"), s.report.stopConditions.stream().map(r -> r.name).toList());
    assertEquals(List.of("target-offline=NotFired: 0.3% of the devices expected at the target are offline, within the limit of 5%.",
        "devices-not-arriving=NotEvaluated: no device the run moved is at the target now: every one is back.",
        "target-blind=NotFired: the device counts of the target are known."),
        s.report.stopConditions.stream().map(r -> r.name + "=" + r.state + ": " + r.reading).toList());
    // The plan said so before anything ran (and failwise plan prints the same summary).
    assertEquals("Scale Deployment go-eu-north-1-gateway to 6 replicas and wait until they are ready (at most 10 min). Set back to the replicas"
        + " it had once the drill's devices are home.", s.plan.steps.get(2).summary);
  }

  @Test
  void aScaleStepTheRollbackKeepsStaysScaledAndTheRunSaysSo() {
    FailoverPlaybookSpec.RollbackSpec keep = new FailoverPlaybookSpec.RollbackSpec();
    keep.keep = List.of("scale-target-gateway");
    h.playbooks.get("regional-failover").getSpec().rollback = keep;
    FailoverRunStatus s = drill().getStatus();
    assertEquals("Succeeded", s.phase, s.message);
    assertEquals(List.of(6), gatewayWrites(), "never set back");
    assertEquals(RunStatuses.KEPT, step(s, "scale-target-gateway").state);
    assertEquals("Kept scaled, as the playbook's rollback.keep asks (Deployment failwise/go-eu-north-1-gateway: /spec/replicas = 2 before the"
        + " drill).", step(s, "scale-target-gateway").message);
    assertEquals("Every step completed. Step scale-target-gateway stays scaled, as rollback.keep asks.", s.message);
    assertTrue(s.plan.steps.get(2).summary.endsWith(" It stays scaled after the drill (rollback.keep)."), s.plan.steps.get(2).summary);
  }

  /**
   * The API server refuses the set-back (an admission webhook, RBAC taken away since): the drill's devices
   * are home, so it still Succeeds, and does not hold its clusters for a person to resolve; what is left
   * to put back, and its value, are in the step and the run's message. (Refused from the failback on: it
   * writes the routing, not the gateway.)
   */
  @Test
  void aSetBackTheApiServerRefusesIsLeftToAPersonAndTheDrillStillSucceeds() {
    FailoverRun done = drill(run -> {
      if (run.getStatus() != null && run.getStatus().steps != null && RunStatuses.RUNNING.equals(step(run.getStatus(), "failback").state)) {
        h.objects.refusing.add(RunHarness.gateway("go-eu-north-1"));
      }
    });
    FailoverRunStatus s = done.getStatus();
    assertEquals("Succeeded", s.phase, s.message);
    assertFalse(RunStatuses.holdsItsClusters(done));
    assertEquals(List.of(6), gatewayWrites());
    FailoverRunStatus.StepStatus scale = step(s, "scale-target-gateway");
    assertEquals(RunStatuses.KEPT, scale.state);
    assertEquals(3, scale.undoAttempts);
    assertEquals("Not set back after 3 attempts: admission webhook denied the request to change Deployment failwise/go-eu-north-1-gateway."
        + " Put back by hand: Deployment failwise/go-eu-north-1-gateway: /spec/replicas = 2.", scale.message);
    assertEquals("Every step completed. Step scale-target-gateway could not be set back (Deployment failwise/go-eu-north-1-gateway:"
        + " /spec/replicas = 2).", s.message);
  }

  private FailoverRun drill() {
    return drill(run -> {});
  }

  private FailoverRun drill(java.util.function.Consumer<FailoverRun> also) {
    Drill drill = new Drill();
    drill.maxPercent = 5;
    drill.holdSeconds = 600L;
    h.create("drill", "regional-failover", "go-eu-west-1", Mode.Drill, spec -> spec.drill = drill);
    return h.drive("drill", run -> {
      h.approver("sre@example.com").accept(run);
      also.accept(run);
    });
  }

  /** The gateway's replicas at each write the run made to it. */
  private List<Integer> gatewayWrites() {
    return h.objects.history().stream()
        .filter(w -> w.ref().equals(RunHarness.gateway("go-eu-north-1")))
        .map(w -> w.after().path("spec").path("replicas").asInt())
        .toList();
  }

}
