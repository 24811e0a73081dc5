package io.failwise.operator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.api.Cluster;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunSpec.Mode;
import io.failwise.api.FailoverRunStatus;
import io.failwise.api.FailoverSpec;
import io.failwise.api.RunEstimate;
import io.failwise.cli.files.ResourceFiles;
import io.failwise.cli.files.SourcedDocument;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Run admission chooses the target the estimate chooses. The clusters of playbooks/scenarios/two-targets.yaml:
 * go-eu-north-2 (priority 0) admits 60 devices/s, go-eu-north-1 (priority 1) 960/s, both healthy in
 * another region with room for the 180,000 devices of go-eu-west-1 at the playbook's 90%. Queueing
 * 180,000 devices at 3,600 a minute costs 180,000^2 / (2 x 3,600) = 4.5 M device-minutes, at 57,600 a
 * minute 0.28 M; the cutover there and back (8.35 M) and the failback queue (0.28 M) are the same for both:
 * 8.90 M at go-eu-north-1 against 13.12 M at go-eu-north-2.
 */
class RunTargetChoiceTest {
  @AutoClose
  private final RunHarness h = new RunHarness();

  RunTargetChoiceTest() {
    h.clusters.clear();
    for (SourcedDocument d : ResourceFiles.read(List.of(Path.of("playbooks/scenarios/two-targets.yaml")))) {
      if (d.kind().equals("Cluster")) {
        Cluster c = ResourceFiles.convert(d, Cluster.class);
        h.clusters.put(c.getMetadata().getName(), c);
      }
    }
    h.setConnected("go-eu-west-1", 0); // the total outage of the scenario, as the run's signal reads it
  }

  @Test
  void aPlanAndAFailoverGoWhereTheEstimateSaysTheMoveCostsLeastNotToTheFirstByPriority() {
    FailoverRunStatus planned = planned();
    assertEquals("Planned", planned.phase, planned.message);
    assertEquals("go-eu-north-1", planned.target);
    assertEquals("go-eu-north-1", planned.estimate.target, planned.estimate.explanation);
    assertEquals("go-eu-north-1", failoverOption(planned.estimate).target);
    assertTrue(planned.plan.targetChoice.startsWith("go-eu-north-1 (priority 1): moving 180,000 devices there is expected to cost 8.90 M"
        + " device-minutes at 960 devices/s, the least of the eligible targets with room (go-eu-north-2 (priority 0) 13.12 M)"),
        planned.plan.targetChoice);

    h.create("incident", "regional-failover", "go-eu-west-1", Mode.Failover, s -> {});
    h.controller().advance(RunHarness.NS, "incident");
    FailoverRunStatus admitted = h.run("incident").getStatus();
    // Admitted, and its precheck on that target passed: it waits at the playbook's approval step.
    assertEquals("AwaitingApproval", admitted.phase, admitted.message);
    assertEquals("go-eu-north-1", admitted.target);
    assertEquals("go-eu-north-1", admitted.estimate.target);
  }

  @Test
  void aStrictOrderGoesToTheFirstByPriorityWithRoomAndSaysWhatTheOtherWouldCost() {
    h.clusters.get("go-eu-west-1").getSpec().failover.targetOrder = FailoverSpec.TargetOrder.Priority;
    FailoverRunStatus planned = planned();
    assertEquals("Planned", planned.phase, planned.message);
    assertEquals("go-eu-north-2", planned.target);
    assertEquals("go-eu-north-2", failoverOption(planned.estimate).target, "the estimate costs the failover the run would make");
    assertTrue(planned.plan.targetChoice.startsWith("go-eu-north-2 (priority 0): moving 180,000 devices there is expected to cost 13.12 M"
        + " device-minutes at 60 devices/s, the first target by priority with room (spec.failover.targetOrder is Priority);"
        + " go-eu-north-1 would cost less (8.90 M)"), planned.plan.targetChoice);
  }

  @Test
  void theRoomOfTheChoiceIsThePrechecksSoAFullFirstTargetIsPassedOverWithItsReason() {
    // A strict order still skips a target without room under the precheck's 90%: go-eu-north-2 with 250,000
    // connected has 300,000 x 0.9 - 250,000 - 160 = 19,840 free, short of 180,000 (at 100% it had 49,840).
    h.clusters.get("go-eu-west-1").getSpec().failover.targetOrder = FailoverSpec.TargetOrder.Priority;
    Cluster north2 = h.clusters.get("go-eu-north-2");
    north2.getStatus().devices.expected = 250_160L;
    north2.getStatus().devices.connected = 250_000L;
    FailoverRunStatus planned = planned();
    assertEquals("go-eu-north-1", planned.target, planned.plan.targetChoice);
    assertTrue(planned.plan.targetChoice.endsWith(
        "passed over: go-eu-north-2 has room for 19,840 of the 180,000 devices at 90% of its capacity."), planned.plan.targetChoice);
    assertEquals("go-eu-north-1", failoverOption(planned.estimate).target);
  }

  @Test
  void withNoTargetWithRoomThePlanGoesToTheFirstByPriorityAndItsPrecheckSaysTheDevicesDoNotFit() {
    // 300,000 x 0.9 - 200,000 = 70,000 free at each target, short of 180,000: the estimate's FAILOVER is
    // infeasible there, and the plan names the same target so that its precheck shows the numbers.
    for (String name : List.of("go-eu-north-1", "go-eu-north-2")) {
      h.clusters.get(name).getStatus().devices.connected = 200_000L;
      h.clusters.get(name).getStatus().devices.expected = 200_000L;
      h.clusters.get(name).getSpec().signals.staticSignal.connected = 200_000L;
      h.clusters.get(name).getSpec().signals.staticSignal.expected = 200_000L;
    }
    FailoverRunStatus planned = planned();
    assertEquals("go-eu-north-2", planned.target);
    assertEquals(
        "No failover target of go-eu-west-1 has room for 180,000 devices: go-eu-north-2 has room"
            + " for 70,000 of the 180,000 devices at 90% of its capacity; go-eu-north-1 has room for 70,000 of the 180,000 devices at 90%"
            + " of its capacity. go-eu-north-2, the first by priority that is healthy, in another region and free of other runs, is the one"
            + " named, and its precheck will refuse the move.",
        planned.plan.targetChoice);
    var room = RunHarness.precheck(planned, "TargetHasRoom");
    assertEquals(Boolean.FALSE, room.passed, room.message);
    RunEstimate.Option failover = failoverOption(planned.estimate);
    assertEquals(Boolean.FALSE, failover.feasible);
    assertEquals("go-eu-north-2", failover.target);
  }

  @Test
  void aRunThatNamesItsTargetIsEstimatedOnThatTargetNotOnTheCheapest() {
    // The run names go-eu-north-2 (60 devices/s): that is where its devices will go, so its estimate costs
    // that move, 13.12 M device-minutes, not the 8.90 M of go-eu-north-1 it will not make. The plan, its
    // prechecks and its estimate speak of one target.
    h.create("named", "regional-failover", "go-eu-west-1", Mode.Plan, s -> s.target = "go-eu-north-2");
    FailoverRunStatus planned = h.drive("named", run -> {}).getStatus();
    assertEquals("Planned", planned.phase, planned.message);
    assertEquals("go-eu-north-2", planned.target);
    RunEstimate.Option failover = failoverOption(planned.estimate);
    assertEquals("go-eu-north-2", failover.target, planned.estimate.explanation);
    assertEquals(13.12e6, failover.deviceMinutesLost, 0.01e6, planned.estimate.explanation);
    assertTrue(planned.estimate.options.stream().noneMatch(o -> "go-eu-north-1".equals(o.target)),
        "the cheaper target the run does not go to is not costed: " + planned.estimate.explanation);
    // But the choice it set aside is said: a worse target named by hand (plan --target) is not read as the one to take.
    assertEquals("go-eu-north-2 is the target the run names (spec.target). Without it the choice would be go-eu-north-1 (priority 1): moving"
        + " 180,000 devices there is expected to cost 8.90 M device-minutes at 960 devices/s, the least of the eligible targets with room"
        + " (go-eu-north-2 (priority 0) 13.12 M).", planned.plan.targetChoice);
  }

  @Test
  void aRunThatNamesATargetInTheSourcesRegionIsEstimatedAsHavingNoFailover() {
    h.clusters.get("go-eu-north-2").getSpec().region = "eu-west";
    h.create("named", "regional-failover", "go-eu-west-1", Mode.Plan, s -> s.target = "go-eu-north-2");
    FailoverRunStatus planned = h.drive("named", run -> {}).getStatus();
    assertEquals("Planned", planned.phase, planned.message);
    assertEquals("HOLD", planned.estimate.recommendation);
    assertTrue(planned.estimate.explanation.startsWith("Hold: go-eu-west-1 has no feasible failover: go-eu-north-2 is in go-eu-west-1's own"
        + " region (eu-west): failing over there is no regional failover."), planned.estimate.explanation);
    var region = RunHarness.precheck(planned, "TargetInAnotherRegion");
    assertEquals(Boolean.FALSE, region.passed, region.message);
  }

  @Test
  void noEligibleTargetRefusesTheRunNamingEachTargetAndWhy() {
    h.clusters.get("go-eu-north-1").getSpec().region = "eu-west";
    h.clusters.get("go-eu-north-2").getStatus().health = "Outage";
    FailoverRunStatus refused = planned();
    assertEquals("Refused", refused.phase);
    assertEquals("NoTarget", refused.reason);
    assertEquals(
        "No failover target of go-eu-west-1 is healthy, in another region, free of other runs and with room for 180,000 devices: go-eu-north-2 is not"
            + " healthy (Outage); go-eu-north-1 is in go-eu-west-1's own region (eu-west): failing over there is no regional failover."
            // and what to do once it is fixed: applying the same file again said "unchanged" and did nothing
            + " A Refused run is not tried again: once that is fixed, delete it and create it again (applying the same file again changes nothing).",
        refused.message);
  }

  @Test
  void aTargetTheControllerCannotReadIsPassedOverSayingSoNotThatItDoesNotExist() {
    // go-eu-north-1, the cheaper target, is stored with a field of the wrong type: the informers leave it out.
    h.clusters.remove("go-eu-north-1");
    h.unreadable.put("Cluster/go-eu-north-1", "spec.capacity.devices: cannot read \"lots\" as a number");
    FailoverRunStatus planned = planned();
    assertEquals("Planned", planned.phase, planned.message);
    assertEquals("go-eu-north-2", planned.target);
    String unreadable = "Cluster 'go-eu-north-1' exists but cannot be read (spec.capacity.devices: cannot read \"lots\" as a number)";
    assertTrue(planned.plan.targetChoice.contains(unreadable), planned.plan.targetChoice);
    assertTrue(planned.estimate.explanation.contains(unreadable), planned.estimate.explanation);
    assertTrue(!planned.plan.targetChoice.contains("does not exist") && !planned.estimate.explanation.contains("does not exist"),
        planned.plan.targetChoice + " / " + planned.estimate.explanation);
  }

  private FailoverRunStatus planned() {
    h.create("what-if", "regional-failover", "go-eu-west-1", Mode.Plan, s -> {});
    FailoverRun done = h.drive("what-if", run -> {});
    return done.getStatus();
  }

  private static RunEstimate.Option failoverOption(RunEstimate e) {
    return e.options.stream().filter(o -> o.action.equals("FAILOVER")).findFirst().orElseThrow();
  }
}
