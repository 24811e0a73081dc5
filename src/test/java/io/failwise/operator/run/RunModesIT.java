package io.failwise.operator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunSpec.Drill;
import io.failwise.api.FailoverRunSpec.Mode;
import io.failwise.api.FailoverRunStatus;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each of the repository's playbooks run by the real controller on an API server in Plan, Drill and Failover
 * mode, against the routing ConfigMap and a provisioning API on 127.0.0.1: Plan touches nothing, a drill leaves
 * the routing as it was, a failover waits for its approval and fails back once the source has recovered.
 */
@QuarkusTest
@TestProfile(RunsProfile.class)
class RunModesIT extends RunsOnTestServer {
  @Test
  void eachPlaybookInPlanDrillAndFailoverMode() throws Exception {
    world.startController(RunListener.NONE);

    // Plan: the plan, the estimate and the prechecks in status; nothing touched.
    FailoverRun planned = world.driveToEnd(world.create("plan-regional", "regional-failover", "go-eu-west-1", Mode.Plan, null).getMetadata().getName(), r -> false);
    assertEquals("Planned", planned.getStatus().phase, planned.getStatus().message);
    // The sample source is healthy (580 of 180,000 offline, normal churn): failing it over never pays off.
    assertEquals("HOLD", planned.getStatus().estimate.recommendation, planned.getStatus().estimate.explanation);
    assertTrue(planned.getStatus().plan.prechecks.stream().allMatch(c -> c.passed), planned.getStatus().message);
    // The drill playbook planned as a failover would not fit in 80 % of the target; as a drill it does.
    FailoverRun asFailover = world.driveToEnd(world.create("plan-drill-all", "quarterly-drill", "go-eu-west-1", Mode.Plan, null).getMetadata().getName(), r -> false);
    assertEquals(
        List.of("TargetHasRoom"), asFailover.getStatus().plan.prechecks.stream().filter(c -> !c.passed).map(c -> c.name).toList());
    Drill canary = new Drill();
    FailoverRun asDrill = world.driveToEnd(world.create("plan-drill", "quarterly-drill", "go-eu-west-1", Mode.Plan, canary).getMetadata().getName(), r -> false);
    assertEquals("Drill", asDrill.getStatus().plan.mode);
    assertTrue(asDrill.getStatus().plan.prechecks.stream().allMatch(c -> c.passed), asDrill.getStatus().message);
    world.setConnected("go-eu-west-2", 100_000);
    world.awaitObserved("go-eu-west-2", 100_000);
    FailoverRun plannedAffected = world.driveToEnd(world.create("plan-affected", "affected-devices", "go-eu-west-2", Mode.Plan, null).getMetadata().getName(), r -> false);
    assertEquals("Planned", plannedAffected.getStatus().phase);
    assertEquals(20_000L, plannedAffected.getStatus().plan.devicesToMove, "only the offline devices");
    assertEquals(List.of(), world.routingWrites(), "Plan executes nothing");
    assertEquals(List.of(), world.provisioning.requests());

    // Drill: a 5 % canary, held, failed back; the routing ends as it began.
    Drill drill = new Drill();
    drill.maxPercent = 5;
    drill.holdSeconds = 600L;
    FailoverRun drilled = world.driveToEnd(world.create("drill-q1", "quarterly-drill", "go-eu-west-1", Mode.Drill, drill).getMetadata().getName(), r -> false);
    assertEquals("Succeeded", drilled.getStatus().phase, drilled.getStatus().message);
    assertEquals(List.of("1", "5", "home"), world.percents("go-eu-west-1"));
    assertEquals(world.routingAtStart, world.routing());
    FailoverRun regionalDrill =
        world.driveToEnd(world.create("drill-regional", "regional-failover", "go-eu-west-1", Mode.Drill, drill).getMetadata().getName(),
            world.approveAs("sre@example.com"));
    assertEquals("Succeeded", regionalDrill.getStatus().phase, regionalDrill.getStatus().message);
    assertEquals(world.routingAtStart, world.routing());
    FailoverRun affectedDrill =
        world.driveToEnd(world.create("drill-affected", "affected-devices", "go-eu-west-2", Mode.Drill, drill).getMetadata().getName(), r -> false);
    assertEquals("Succeeded", affectedDrill.getStatus().phase, affectedDrill.getStatus().message);
    assertEquals(List.of("uid/move-affected/w1", "uid/failback/w1", "uid/failback/w2"), world.keys(affectedDrill), "waves 5 % (capped), then back in two");

    // Failover: approval, paced waves, failback once the source has recovered.
    world.clearRoutingWrites();
    world.setConnected("go-eu-west-1", 100_000);
    world.awaitObserved("go-eu-west-1", 100_000);
    FailoverRun failover =
        world.driveToEnd(world.create("incident", "regional-failover", "go-eu-west-1", Mode.Failover, null).getMetadata().getName(),
            world.approveAs("oncall@example.com").or(world.healSourceForFailback("go-eu-west-1", 179_420)));
    FailoverRunStatus s = failover.getStatus();
    assertEquals("Succeeded", s.phase, s.message);
    assertEquals(List.of("1", "10", "50", "100", "90", "50", "35", "home"), world.percents("go-eu-west-1"), "with the failback probe at 65 %: the source held 100,000 when planned");
    assertEquals(world.routingYamlAtStart, Serialization.asYaml(world.routingObject().getData()));
    assertEquals("oncall@example.com", s.approvals.get(0).by);
    assertTrue(world.gatewayReplicas().contains(6), "the target's gateway was scaled before devices moved");
    FailoverRun affected =
        world.driveToEnd(world.create("reprovision", "affected-devices", "go-eu-west-2", Mode.Failover, null).getMetadata().getName(),
            world.healSourceForFailback("go-eu-west-2", 119_610));
    assertEquals("Succeeded", affected.getStatus().phase, affected.getStatus().message);
    assertEquals(
        List.of("uid/move-affected/w1", "uid/move-affected/w2", "uid/move-affected/w3", "uid/failback/w1", "uid/failback/w2"), world.keys(affected));
    // The drill playbook as a real failover: everything would move, and 80 % of the target cannot take it.
    world.clearRoutingWrites();
    FailoverRun drillPlaybookForReal =
        world.driveToEnd(world.create("canary-for-real", "quarterly-drill", "go-eu-west-1", Mode.Failover, null).getMetadata().getName(), r -> false);
    assertEquals("RolledBack", drillPlaybookForReal.getStatus().phase);
    assertEquals("PrecheckFailed", drillPlaybookForReal.getStatus().reason);
    assertEquals(
        "Precheck failed: go-eu-north-1 has room for 150,000 more devices (80% of 300,000, 89,710 connected, 290 of its own offline); the run moves 180,000."
            + " Nothing had to be undone.",
        drillPlaybookForReal.getStatus().message);
    assertEquals(List.of(), world.routingWrites(), "nothing moved");
  }}
