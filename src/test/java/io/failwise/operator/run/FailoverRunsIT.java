package io.failwise.operator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunSpec.Drill;
import io.failwise.api.FailoverRunSpec.Mode;
import io.failwise.api.FailoverRunStatus;
import io.failwise.cli.runs.AbortCommand;
import io.failwise.cli.runs.ApproveCommand;
import io.failwise.cli.runs.HaltCommand;
import io.failwise.cli.runs.ReportCommand;
import io.failwise.cli.runs.ResumeCommand;
import io.failwise.cli.runs.RunsCommand;
import io.failwise.execution.WebhookServer;
import io.failwise.model.estimate.FailoverEstimator;
import io.failwise.model.run.RunPhase;
import io.failwise.operator.FailwiseConfig;
import io.failwise.signals.ClusterSignals;
import io.javaoperatorsdk.operator.Operator;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The repository's playbooks run by the real controller on an API server: in Plan, Drill and Failover
 * modes, against the routing ConfigMap and a provisioning API on 127.0.0.1, with approval, a stop
 * condition half-way through a wave, the halt, and a controller killed between every pair of steps.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class FailoverRunsIT {
  @Inject KubernetesClient client;
  @Inject ClusterSignals signals;
  @Inject HaltSwitch halt;
  @Inject FailoverEstimator estimator;
  @Inject FailwiseConfig config;
  @Inject FailoverRuns runs;
  @Inject ApprovalRequests approvals;

  private RunsFixture world;
  private Operator controller;
  private Map<String, String> routingBefore;
  private String routingYamlBefore;

  @BeforeEach
  void setUp() throws Exception {
    world = new RunsFixture(client, signals, halt, estimator, config);
    world.reset();
    halt.resume();
    routingBefore = world.routing();
    routingYamlBefore = Serialization.asYaml(world.routingObject().getData());
  }

  @AfterEach
  void tearDown() {
    if (controller != null) {
      controller.stop();
    }
    world.close();
  }

  /** Approves as people do: a FailoverApproval object (asking again while the run has not recorded it finds the same one). */
  private static Predicate<FailoverRun> approveAs(ApprovalRequests approvals, String who) {
    return run -> {
      if (RunStatuses.phase(run) == RunPhase.AWAITING_APPROVAL) {
        approvals.ask(RunsFixture.NS, run.getMetadata().getName(), who, List.of(), null, null);
        return true;
      }
      return false;
    };
  }

  /** Heals the source once the failback waits for it. */
  private Predicate<FailoverRun> healSourceForFailback(String source, long connected) {
    return run -> {
      if ("WaitingForSource".equals(run.getStatus().reason) && source.equals(run.getSpec().source)) {
        world.setConnected(source, connected);
        return true;
      }
      return false;
    };
  }

  private List<String> percents(String source) {
    return world.routingHistory.stream().map(d -> d.getOrDefault(source + ".percent", "home")).toList();
  }

  @Test
  void eachPlaybookInPlanDrillAndFailoverMode() throws Exception {
    controller = world.startController(RunListener.NONE);

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
    FailoverRun plannedAffected = world.driveToEnd(world.create("plan-affected", "affected-devices", "go-eu-west-2", Mode.Plan, null).getMetadata().getName(), r -> false);
    assertEquals("Planned", plannedAffected.getStatus().phase);
    assertEquals(20_000L, plannedAffected.getStatus().plan.devicesToMove, "only the offline devices");
    assertEquals(List.of(), world.routingHistory, "Plan executes nothing");
    assertEquals(List.of(), world.provisioning.requests());

    // Drill: a 5 % canary, held, failed back; the routing ends as it began.
    Drill drill = new Drill();
    drill.maxPercent = 5;
    drill.holdSeconds = 600L;
    FailoverRun drilled = world.driveToEnd(world.create("drill-q1", "quarterly-drill", "go-eu-west-1", Mode.Drill, drill).getMetadata().getName(), r -> false);
    assertEquals("Succeeded", drilled.getStatus().phase, drilled.getStatus().message);
    assertEquals(List.of("1", "5", "home"), percents("go-eu-west-1"));
    assertEquals(routingBefore, world.routing());
    FailoverRun regionalDrill =
        world.driveToEnd(world.create("drill-regional", "regional-failover", "go-eu-west-1", Mode.Drill, drill).getMetadata().getName(),
            approveAs(approvals, "sre@example.com"));
    assertEquals("Succeeded", regionalDrill.getStatus().phase, regionalDrill.getStatus().message);
    assertEquals(routingBefore, world.routing());
    FailoverRun affectedDrill =
        world.driveToEnd(world.create("drill-affected", "affected-devices", "go-eu-west-2", Mode.Drill, drill).getMetadata().getName(), r -> false);
    assertEquals("Succeeded", affectedDrill.getStatus().phase, affectedDrill.getStatus().message);
    assertEquals(List.of("uid/move-affected/w1", "uid/failback/w1", "uid/failback/w2"), keys(affectedDrill), "waves 5 % (capped), then back in two");

    // Failover: approval, paced waves, failback once the source has recovered.
    world.routingHistory.clear();
    world.setConnected("go-eu-west-1", 100_000);
    FailoverRun failover =
        world.driveToEnd(world.create("incident", "regional-failover", "go-eu-west-1", Mode.Failover, null).getMetadata().getName(),
            approveAs(approvals, "oncall@example.com").or(healSourceForFailback("go-eu-west-1", 179_420)));
    FailoverRunStatus s = failover.getStatus();
    assertEquals("Succeeded", s.phase, s.message);
    assertEquals(List.of("1", "10", "50", "100", "90", "50", "home"), percents("go-eu-west-1"));
    assertEquals(routingYamlBefore, Serialization.asYaml(world.routingObject().getData()));
    assertEquals("oncall@example.com", s.approvals.get(0).by);
    assertTrue(world.gatewayReplicaHistory.contains(6), "the target's gateway was scaled before devices moved");
    FailoverRun affected =
        world.driveToEnd(world.create("reprovision", "affected-devices", "go-eu-west-2", Mode.Failover, null).getMetadata().getName(),
            healSourceForFailback("go-eu-west-2", 119_610));
    assertEquals("Succeeded", affected.getStatus().phase, affected.getStatus().message);
    assertEquals(
        List.of("uid/move-affected/w1", "uid/move-affected/w2", "uid/move-affected/w3", "uid/failback/w1", "uid/failback/w2"), keys(affected));
    // The drill playbook as a real failover: everything would move, and 80 % of the target cannot take it.
    world.routingHistory.clear();
    FailoverRun drillPlaybookForReal =
        world.driveToEnd(world.create("canary-for-real", "quarterly-drill", "go-eu-west-1", Mode.Failover, null).getMetadata().getName(), r -> false);
    assertEquals("RolledBack", drillPlaybookForReal.getStatus().phase);
    assertEquals("PrecheckFailed", drillPlaybookForReal.getStatus().reason);
    assertEquals(
        "Precheck failed: go-eu-north-1 has room for 150,000 more devices (80% of 300,000, 89,710 connected, 290 of its own offline); the run moves 180,000."
            + " Nothing had to be undone.",
        drillPlaybookForReal.getStatus().message);
    assertEquals(List.of(), world.routingHistory, "nothing moved");
  }

  @Test
  void aStopConditionHalfWayThroughAWaveRollsBackToTheByteAndAnAbortRollsBackToo() throws Exception {
    controller = world.startController(RunListener.NONE);
    boolean[] hurt = {false};
    FailoverRun stopped =
        world.driveToEnd(world.create("incident", "regional-failover", "go-eu-west-1", Mode.Failover, null).getMetadata().getName(),
            approveAs(approvals, "oncall").or(run -> {
              var steps = run.getStatus().steps;
              if (!hurt[0] && steps != null && steps.get(3).wavesAppliedAt.size() == 3) {
                hurt[0] = true; // during wave 3 of 4 (50 %), the target starts losing devices
                world.lost.put("go-eu-north-1", 40_000L);
                return true;
              }
              return false;
            }));
    FailoverRunStatus s = stopped.getStatus();
    assertEquals("RolledBack", s.phase, s.message);
    assertEquals("target-offline", s.report.stopCondition);
    assertEquals(List.of("1", "10", "50", "home"), percents("go-eu-west-1"), "no fourth wave; one restore");
    assertEquals(routingYamlBefore, Serialization.asYaml(world.routingObject().getData()), "byte for byte as before");
    assertEquals(List.of(6, 2), world.gatewayReplicaHistory, "scaled up, then back");

    world.lost.clear();
    world.simulate(); // the target has recovered before the next run is created
    world.routingHistory.clear();
    FailoverRun run = world.create("aborted", "quarterly-drill", "go-eu-west-1", Mode.Drill, null);
    FailoverRun aborted = world.driveToEnd(run.getMetadata().getName(), r -> {
      var steps = r.getStatus().steps;
      if (steps != null && steps.get(1).wavesAppliedAt.size() == 1 && r.getStatus().abort == null) {
        runs.abort(RunsFixture.NS, "aborted", "sre@example.com", "drill window over");
        return true;
      }
      return false;
    });
    assertEquals("RolledBack", aborted.getStatus().phase, aborted.getStatus().message);
    assertEquals("Aborted by sre@example.com: drill window over. Every step that ran was undone.", aborted.getStatus().message);
    assertEquals(List.of("1", "home"), percents("go-eu-west-1"));
    assertEquals(routingBefore, world.routing());
    var e = assertThrows(RunActionRefused.class, () -> runs.abort(RunsFixture.NS, "aborted", "sre", null));
    assertEquals("run aborted is RolledBack (it has ended): it can be aborted only while Pending, Running, AwaitingApproval or Halted", e.getMessage());
  }

  @Test
  void theHaltPausesRunsAndKeepsNewOnesWaitingUntilResume() throws Exception {
    controller = world.startController(RunListener.NONE);
    world.create("drill", "quarterly-drill", "go-eu-west-1", Mode.Drill, null);
    FailoverRun paused = world.drive("drill", r -> {
      var steps = r.getStatus().steps;
      if (steps != null && steps.get(1).wavesAppliedAt.size() == 1 && halt.current().isEmpty()) {
        halt.halt("lead@example.com", "provider incident");
        return true;
      }
      return false;
    }, r -> "Halted".equals(r.getStatus().phase));
    assertEquals("lead@example.com", paused.getStatus().halt.by);
    assertTrue(paused.getStatus().message.startsWith("Halted by lead@example.com at "), paused.getStatus().message);
    world.create("while-halted", "affected-devices", "go-eu-west-2", Mode.Drill, null);
    int writes = world.routingHistory.size();
    world.clock.advance(java.time.Duration.ofHours(1));
    // The positive marker: the controller decided on both runs three more times, an hour later.
    long looked = world.looks("drill");
    long lookedNew = world.looks("while-halted");
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
        .until(() -> world.looks("drill") >= looked + 3 && world.looks("while-halted") >= lookedNew + 3);
    assertEquals(writes, world.routingHistory.size(), "nothing moves while halted, however long");
    assertEquals("Halted", world.run("drill").getStatus().phase);
    assertEquals("Pending", world.run("while-halted").getStatus().phase);
    assertEquals("Halted", world.run("while-halted").getStatus().reason);
    halt.resume();
    assertEquals("Succeeded", world.driveToEnd("drill", r -> false).getStatus().phase);
    assertEquals(routingBefore, world.routing());
  }

  @Test
  void aControllerKilledBetweenEveryPairOfStepsDoesEachSideEffectOnce() throws Exception {
    world.setConnected("go-eu-west-1", 100_000);
    world.setConnected("go-eu-west-2", 100_000);
    world.create("incident", "regional-failover", "go-eu-west-1", Mode.Failover, null);
    world.create("reprovision", "affected-devices", "go-eu-west-2", Mode.Failover, null);
    Predicate<FailoverRun> people = approveAs(approvals, "oncall").or(healSourceForFailback("go-eu-west-1", 179_420))
        .or(healSourceForFailback("go-eu-west-2", 119_610));
    int killed = 0;
    for (int step = 1; step < 6; step++) {
      int next = step;
      controller = world.startController(new KillBeforeStep(next));
      for (String run : List.of("incident", "reprovision")) {
        world.drive(run, people, r -> RunStatuses.phase(r).isTerminal() || betweenSteps(r, next));
      }
      controller.stop(); // killed between step `next - 1` and step `next`
      controller = null;
      killed++;
    }
    controller = world.startController(RunListener.NONE);
    FailoverRun incident = world.driveToEnd("incident", people);
    FailoverRun reprovision = world.driveToEnd("reprovision", people);
    assertEquals(5, killed);
    assertEquals("Succeeded", incident.getStatus().phase, incident.getStatus().message);
    assertEquals("Succeeded", reprovision.getStatus().phase, reprovision.getStatus().message);
    // Each routing change once, in order, exactly as an uninterrupted run makes them.
    assertEquals(List.of("1", "10", "50", "100", "90", "50", "home"), percents("go-eu-west-1"));
    assertEquals(List.of(6), world.gatewayReplicaHistory);
    assertEquals(routingBefore, world.routing());
    // Each webhook call once: one request per idempotency key, no retry needed.
    List<String> keys = world.provisioning.requests().stream().map(WebhookServer.Request::idempotencyKey).toList();
    assertEquals(keys.stream().distinct().toList(), keys);
    assertEquals(List.of("uid/move-affected/w1", "uid/move-affected/w2", "uid/move-affected/w3", "uid/failback/w1", "uid/failback/w2"),
        keys(reprovision));
  }

  @Test
  void theCommandsApproveHaltResumeAbortAndReportARun() throws Exception {
    controller = world.startController(RunListener.NONE);
    world.create("cli-run", "regional-failover", "go-eu-west-1", Mode.Failover, null);
    world.drive("cli-run", r -> false, r -> "AwaitingApproval".equals(r.getStatus().phase));
    Cli.Result list = cli(new RunsCommand(client, runs, halt, world.clock), "-n", "failwise");
    assertTrue(list.out().contains("cli-run") && list.out().contains("AwaitingApproval"), list.out());
    Cli.Result approve = cli(new ApproveCommand(client, approvals), "cli-run", "-n", "failwise", "--as", "alice");
    assertEquals("Approved step approve of run failwise/cli-run as alice.", approve.out().strip(), approve.err());
    Cli.Result twice = cli(new ApproveCommand(client, approvals), "cli-run", "-n", "failwise", "--as", "bob", "--step", "approve");
    assertEquals(0, twice.exitCode(), twice.err());
    assertTrue(twice.out().startsWith("Step approve of run failwise/cli-run was already approved by alice at "), twice.out());
    // Without --as the approver is who the API server says (a SelfSubjectReview; this test server cannot say, so the login name).
    Cli.Result asMe = cli(new ApproveCommand(client, approvals), "cli-run", "-n", "failwise");
    assertEquals(0, asMe.exitCode(), asMe.err());
    assertTrue(asMe.out().startsWith("Step approve of run failwise/cli-run was already approved by alice at "), asMe.out());
    var recorded = world.run("cli-run").getStatus().approvals.get(0);
    assertEquals(ApprovalRequests.name("cli-run", world.run("cli-run").getMetadata().getUid(), "approve", "alice"), recorded.approval,
        "the run names the FailoverApproval it took");
    assertEquals("alice", client.resources(io.failwise.api.FailoverApproval.class).inNamespace("failwise").withName(recorded.approval).get()
        .getSpec().approver);
    world.drive("cli-run", r -> false, r -> r.getStatus().steps.get(3).wavesAppliedAt.size() == 1);
    Cli.Result halted = cli(new HaltCommand(halt), "--as", "bob", "--reason", "provider incident");
    assertTrue(halted.out().startsWith("Halted by bob since "), halted.out());
    world.drive("cli-run", r -> false, r -> "Halted".equals(r.getStatus().phase));
    assertTrue(cli(new RunsCommand(client, runs, halt, world.clock), "-n", "failwise").out().startsWith("HALTED by bob since "));
    Cli.Result resumed = cli(new ResumeCommand(halt));
    assertTrue(resumed.out().startsWith("Resumed: the halt set by bob at "), resumed.out());
    Cli.Result abort = cli(new AbortCommand(client, runs), "cli-run", "-n", "failwise", "--as", "carol", "--reason", "drill over");
    assertEquals(0, abort.exitCode(), abort.err());
    FailoverRun ended = world.driveToEnd("cli-run", r -> false);
    assertEquals("RolledBack", ended.getStatus().phase, ended.getStatus().message);
    assertEquals(routingBefore, world.routing());
    Cli.Result report = cli(new ReportCommand(client, runs), "cli-run", "-n", "failwise");
    for (String part : List.of("# FailoverRun failwise/cli-run", "## Timeline", "Approved by alice (step approve)", "Halted by bob: provider incident",
        "Abort asked by carol: drill over", "## Estimate against what happened", "| 4 | shift | Shift | Undone |", "## Approvals")) {
      assertTrue(report.out().contains(part), part + " in\n" + report.out() + report.err());
    }
    Cli.Result again = cli(new AbortCommand(client, runs), "cli-run", "-n", "failwise");
    assertEquals(2, again.exitCode());
    assertEquals("failwise abort: run cli-run is RolledBack (it has ended): it can be aborted only while Pending, Running, AwaitingApproval or Halted",
        again.err().strip());
    Cli.Result missing = cli(new ReportCommand(client, runs), "nope", "-n", "failwise");
    assertEquals(2, missing.exitCode());
    assertEquals("failwise report: FailoverRun failwise/nope does not exist", missing.err().strip());
  }

  /** Runs one command as the CLI does, with its error handling. */
  private static Cli.Result cli(Object command, String... args) {
    picocli.CommandLine cmd = io.failwise.cli.CommandLineSetup.withErrorHandling(new picocli.CommandLine(command));
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    cmd.setOut(new java.io.PrintWriter(out));
    cmd.setErr(new java.io.PrintWriter(err));
    int code = cmd.execute(args);
    return new Cli.Result(code, out.toString(), err.toString());
  }

  /** What a command printed. */
  static final class Cli {
    record Result(int exitCode, String out, String err) {}
  }

  @Test
  void aStatusWriteFromAStaleReadIsRefusedNotOverwritten() {
    FailoverRun run = world.create("stale", "quarterly-drill", "go-eu-west-1", Mode.Plan, null);
    KubernetesRunStore store = new KubernetesRunStore(client);
    FailoverRunStatus first = new FailoverRunStatus();
    first.message = "first";
    FailoverRun written = store.writeStatus(run, first);
    FailoverRunStatus second = new FailoverRunStatus();
    second.message = "from a stale read";
    assertThrows(RunStore.Conflict.class, () -> store.writeStatus(run, second));
    assertEquals("first", world.run("stale").getStatus().message);
    assertEquals("first", store.get(RunsFixture.NS, "stale").orElseThrow().getStatus().message);
    assertEquals(world.run("stale").getMetadata().getResourceVersion(), written.getMetadata().getResourceVersion(),
        "the write returns the run as stored, with the resourceVersion the next write must carry");
    assertNotEquals(run.getMetadata().getResourceVersion(), written.getMetadata().getResourceVersion());
  }

  /** Step {@code next - 1} has succeeded and step {@code next} has not started. */
  private static boolean betweenSteps(FailoverRun r, int next) {
    var steps = r.getStatus().steps;
    return steps != null && steps.size() > next && RunStatuses.SUCCEEDED.equals(steps.get(next - 1).state)
        && RunStatuses.PENDING.equals(steps.get(next).state);
  }

  /** The provisioning calls of a run, with its uid shortened to "uid". */
  private List<String> keys(FailoverRun run) {
    String uid = run.getMetadata().getUid();
    return world.provisioning.effects().stream()
        .map(WebhookServer.Request::idempotencyKey)
        .filter(k -> k.startsWith(uid + "/"))
        .map(k -> "uid" + k.substring(uid.length()))
        .toList();
  }

  /** A controller that dies just before it would start step {@code step} of any run. */
  static final class KillBeforeStep implements RunListener {
    private final int step;

    KillBeforeStep(int step) {
      this.step = step;
    }

    @Override
    public void beforeWrite(FailoverRun run, FailoverRunStatus next) {
      if (next.steps == null || next.steps.size() <= step || run.getStatus() == null || run.getStatus().steps == null) {
        return;
      }
      boolean starting = RunStatuses.RUNNING.equals(next.steps.get(step).state) && RunStatuses.PENDING.equals(run.getStatus().steps.get(step).state);
      if (starting) {
        throw new IllegalStateException("killed before step " + step);
      }
    }
  }
}
