package io.failwise.operator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunStatus;
import io.failwise.api.FailoverRunSpec.Mode;
import io.failwise.cli.runs.AbortCommand;
import io.failwise.cli.runs.ApproveCommand;
import io.failwise.cli.runs.HaltCommand;
import io.failwise.cli.runs.ReportCommand;
import io.failwise.cli.runs.ResolveCommand;
import io.failwise.cli.runs.ResumeCommand;
import io.failwise.cli.runs.RunsCommand;
import io.failwise.testing.Cli;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code failwise} commands a person uses on a run of the real controller: runs, approve, halt, resume, abort,
 * resolve and report, with their output and their errors.
 */
@QuarkusTest
@TestProfile(RunsProfile.class)
class RunCommandsIT extends RunsOnTestServer {
  @Inject KubernetesClient client;
  @Inject HaltSwitch halt;
  @Inject FailoverRuns runs;
  @Inject io.failwise.operator.FailwiseConfig config;
  @Inject ApprovalRequests approvals;

  @Test
  void theCommandsApproveHaltResumeAbortAndReportARun() throws Exception {
    world.startController(RunListener.NONE);
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
    Cli.Result halted = cli(new HaltCommand(halt, client), "--as", "bob", "--reason", "provider incident");
    assertTrue(halted.out().startsWith("Halted by bob since "), halted.out());
    Cli.Result second = cli(new HaltCommand(halt, client), "--as", "dave", "--reason", "another incident");
    assertTrue(second.out().startsWith("Already halted by bob since "), second.out());
    assertTrue(second.out().contains(": provider incident (ConfigMap ") && second.out().contains("this one's reason is not recorded"), second.out());
    world.drive("cli-run", r -> false, r -> "Halted".equals(r.getStatus().phase));
    assertTrue(cli(new RunsCommand(client, runs, halt, world.clock), "-n", "failwise").out().startsWith("HALTED by bob since "));
    // Abort while halted, then resume: a halted run writes nothing, so the abort cannot meet a status write
    // of the controller (the test API server does not check a status PUT's resourceVersion, and a resumed
    // run's status no longer holds the halt the report shows). The run acts on an abort before the halt.
    Cli.Result abort = cli(new AbortCommand(client, runs, halt, config), "cli-run", "-n", "failwise", "--as", "carol", "--reason", "drill over");
    assertEquals(0, abort.exitCode(), abort.err());
    Cli.Result resumed = cli(new ResumeCommand(halt));
    assertTrue(resumed.out().startsWith("Resumed: the halt set by bob at "), resumed.out());
    FailoverRun ended = world.driveToEnd("cli-run", r -> false);
    assertEquals("RolledBack", ended.getStatus().phase, ended.getStatus().message);
    assertEquals(world.routingAtStart, world.routing());
    Cli.Result report = cli(new ReportCommand(client, runs, halt), "cli-run", "-n", "failwise");
    for (String part : List.of("# FailoverRun failwise/cli-run", "## Timeline", "Approved by alice (step approve)", "Halted by bob: provider incident",
        "Abort asked by carol: drill over", "## Estimate against what happened", "| 4 | shift | Shift | Undone |", "## Approvals")) {
      assertTrue(report.out().contains(part), part + " in\n" + report.out() + report.err());
    }
    Cli.Result again = cli(new AbortCommand(client, runs, halt, config), "cli-run", "-n", "failwise");
    assertEquals(2, again.exitCode());
    assertEquals("failwise abort: run cli-run is RolledBack (it has ended): it can be aborted only while Pending, Running, AwaitingApproval or Halted",
        again.err().strip());
    Cli.Result resolve = cli(new ResolveCommand(client, runs, halt), "cli-run", "-n", "failwise");
    assertEquals(2, resolve.exitCode());
    assertEquals("failwise resolve: run cli-run is RolledBack (it has ended): only a Failed run can be resolved; this one holds no cluster",
        resolve.err().strip());
    Cli.Result missing = cli(new ReportCommand(client, runs, halt), "nope", "-n", "failwise");
    assertEquals(2, missing.exitCode());
    assertEquals("failwise report: FailoverRun failwise/nope does not exist; `failwise runs -A` lists the runs of every namespace", missing.err().strip());
    // The run's name in the wrong namespace (-n forgotten or mistyped): the answer says where it is.
    Cli.Result elsewhere = cli(new AbortCommand(client, runs, halt, config), "cli-run", "-n", "default");
    assertEquals(2, elsewhere.exitCode());
    assertEquals("failwise abort: FailoverRun default/cli-run does not exist; a run of that name is in namespace failwise (-n failwise)",
        elsewhere.err().strip());
    Cli.Result none = cli(new RunsCommand(client, runs, halt, world.clock), "-n", "nosuch");
    assertEquals("No FailoverRuns found in namespace nosuch.", none.out().strip());
  }

  /**
   * A Stage policy's decision asks a person to create a Failover run of the plan's playbook, source and
   * target: `failwise promote PLAN` does, and the run goes through its own admission; a run that is no
   * Planned plan, or a name taken, is refused naming what to do.
   */
  @Test
  void promoteCreatesTheFailoverRunAPlannedRunDescribes() throws Exception {
    world.startController(RunListener.NONE);
    world.create("staged-plan", "regional-failover", "go-eu-west-1", Mode.Plan, null);
    FailoverRun planned = world.drive("staged-plan", r -> false, r -> "Planned".equals(r.getStatus().phase));
    Cli.Result promoted = cli(new io.failwise.cli.runs.PromoteCommand(client, runs), "staged-plan", "-n", "failwise", "--as", "alice");
    assertEquals(0, promoted.exitCode(), promoted.err());
    assertTrue(promoted.out().startsWith("Created Failover run failwise/staged-failover from plan staged-plan: playbook regional-failover,"
        + " go-eu-west-1 to " + planned.getStatus().target + ", requested by alice."), promoted.out());
    FailoverRun failover = world.run("staged-failover");
    assertEquals(Mode.Failover, failover.getSpec().mode);
    assertEquals(planned.getStatus().target, failover.getSpec().target);
    assertEquals("regional-failover", failover.getSpec().playbook);
    assertTrue(failover.getSpec().reason.startsWith("Promoted from Plan run staged-plan by alice"), failover.getSpec().reason);
    world.drive("staged-failover", r -> false, r -> "AwaitingApproval".equals(r.getStatus().phase));

    Cli.Result again = cli(new io.failwise.cli.runs.PromoteCommand(client, runs), "staged-plan", "-n", "failwise");
    assertEquals(2, again.exitCode());
    assertTrue(again.err().contains("FailoverRun failwise/staged-failover exists already"), again.err());
    Cli.Result notAPlan = cli(new io.failwise.cli.runs.PromoteCommand(client, runs), "staged-failover", "-n", "failwise");
    assertEquals(2, notAPlan.exitCode());
    assertTrue(notAPlan.err().contains("failwise/staged-failover is a Failover run, not a Plan"), notAPlan.err());
    Cli.Result missing = cli(new io.failwise.cli.runs.PromoteCommand(client, runs), "nope", "-n", "failwise");
    assertEquals(2, missing.exitCode());
    assertTrue(missing.err().contains("there is no FailoverRun failwise/nope"), missing.err());
    cli(new AbortCommand(client, runs, halt, config), "staged-failover", "-n", "failwise");
    world.driveToEnd("staged-failover", r -> false);
  }

  /**
   * `failwise resolve` frees a Failed run's clusters on a person's word that what it changed is back: said
   * with the routing still sending the source elsewhere, it is refused with the fields that differ; with
   * --anyway (left so on purpose) it resolves.
   */
  @Test
  void resolveIsRefusedWhileWhatTheRunChangedIsNotBack() {
    world.create("left-over", "regional-failover", "go-eu-west-1", Mode.Failover, null);
    client.configMaps().inNamespace("failwise").withName(RunsFixture.ROUTING)
        .edit(cm -> { cm.getData().put("go-eu-west-1.target", "go-eu-north-1"); return cm; });
    FailoverRun failed = world.run("left-over");
    FailoverRunStatus s = new FailoverRunStatus();
    s.phase = "Failed";
    s.reason = "FailbackStopped";
    s.target = "go-eu-north-1";
    FailoverRunStatus.SavedObject routing = new FailoverRunStatus.SavedObject();
    routing.apiVersion = "v1";
    routing.kind = "ConfigMap";
    routing.namespace = "failwise";
    routing.name = RunsFixture.ROUTING;
    FailoverRunStatus.SavedValue target = new FailoverRunStatus.SavedValue();
    target.path = "/data/go-eu-west-1.target";
    target.value = com.fasterxml.jackson.databind.node.TextNode.valueOf("go-eu-west-1");
    routing.fields = List.of(target);
    s.rollbackData = List.of(routing);
    failed.setStatus(s);
    client.resource(failed).updateStatus();

    Cli.Result refused = cli(new ResolveCommand(client, runs, halt), "left-over", "-n", "failwise", "--as", "alice");
    assertEquals(2, refused.exitCode(), refused.out());
    assertTrue(refused.err().contains("Run failwise/left-over is not resolved: what it changed is not back as it found it: ConfigMap"
        + " failwise/device-routing /data/go-eu-west-1.target is \"go-eu-north-1\", saved \"go-eu-west-1\"."), refused.err());
    assertTrue(refused.err().contains("run again with --anyway"), refused.err());
    assertEquals(null, world.run("left-over").getStatus().resolved, "not resolved");

    Cli.Result anyway = cli(new ResolveCommand(client, runs, halt), "left-over", "-n", "failwise", "--as", "alice", "--anyway");
    assertEquals(0, anyway.exitCode(), anyway.err());
    assertEquals("alice", world.run("left-over").getStatus().resolved.by);
  }

  /**
   * `failwise abort` during the shift of a Failover whose source shows an outage: the rollback would send
   * the devices moved back into it at once, so the abort is refused, saying how many and where, with
   * the halt as the way to keep them; with --anyway it is recorded and the run rolls back.
   */
  @Test
  void anAbortThatSendsDevicesBackIntoAnOutageIsRefusedUnlessAnyway() throws Exception {
    world.startController(RunListener.NONE);
    world.create("into-outage", "regional-failover", "go-eu-west-1", Mode.Failover, null);
    world.drive("into-outage", r -> false, r -> "AwaitingApproval".equals(r.getStatus().phase));
    cli(new ApproveCommand(client, approvals), "into-outage", "-n", "failwise", "--as", "alice");
    world.drive("into-outage", r -> false, r -> r.getStatus().steps.get(3).wavesAppliedAt.size() == 1);
    // Halted first, as the first test does: a halted run writes nothing, so the abort meets no status write of the controller.
    cli(new HaltCommand(halt, client), "--as", "bob", "--reason", "provider incident");
    world.drive("into-outage", r -> false, r -> "Halted".equals(r.getStatus().phase));
    io.failwise.api.Cluster source = client.resources(io.failwise.api.Cluster.class).inNamespace("failwise").withName("go-eu-west-1").get();
    io.failwise.api.ClusterStatus outage = new io.failwise.api.ClusterStatus();
    outage.health = "Outage";
    outage.onsetTime = "2026-03-12T20:04:00Z";
    outage.devices = new io.failwise.api.DeviceCounts(180_000L, 100_000L, 80_000L);
    source.setStatus(outage);
    client.resource(source).updateStatus();

    Cli.Result refused = cli(new AbortCommand(client, runs, halt, config), "into-outage", "-n", "failwise", "--as", "carol");
    assertEquals(2, refused.exitCode(), refused.out());
    String moved = io.failwise.model.Format.plural(RunStatuses.devicesAtTarget(world.run("into-outage").getStatus()), "device");
    String target = world.run("into-outage").getStatus().plan.target;
    assertTrue(refused.err().contains("Run failwise/into-outage is not aborted: its rollback undoes the shift at once, sending the " + moved
        + " now on " + target + " back to go-eu-west-1, which shows an Outage since "), refused.err());
    // The onset as the controller's zone says it (UTC here), the date with it when not today: as the decisions say times.
    assertTrue(refused.err().contains("20:04:00 UTC (80,000 of 180,000 devices offline). To keep the devices on " + target
        + ", do not abort: `failwise halt` pauses every run"), refused.err());
    assertEquals(null, world.run("into-outage").getStatus().abort, "no abort recorded");

    Cli.Result anyway = cli(new AbortCommand(client, runs, halt, config), "into-outage", "-n", "failwise", "--as", "carol", "--anyway");
    assertEquals(0, anyway.exitCode(), anyway.err());
    cli(new ResumeCommand(halt));
    assertEquals("RolledBack", world.driveToEnd("into-outage", r -> false).getStatus().phase);
  }

  /** Runs one command as the CLI does, with its error handling. */
  private static Cli.Result cli(Object command, String... args) {
    return Cli.runCommand(command, args);
  }
}
