package io.failwise.operator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunSpec.Mode;
import io.failwise.api.FailoverRunStatus;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What stops or pauses a run of the real controller on an API server: a stop condition half-way through a wave
 * and an abort, each rolled back to the byte, and the halt, which holds running and new runs until resume.
 */
@QuarkusTest
@TestProfile(RunsProfile.class)
class RunInterruptionsIT extends RunsOnTestServer {
  @Inject HaltSwitch halt;
  @Inject FailoverRuns runs;
  @Inject io.fabric8.kubernetes.client.KubernetesClient client;
  @Inject io.failwise.operator.FailwiseConfig config;

  @Test
  void aStopConditionHalfWayThroughAWaveRollsBackToTheByteAndAnAbortRollsBackToo() throws Exception {
    world.startController(RunListener.NONE);
    boolean[] hurt = {false};
    FailoverRun stopped =
        world.driveToEnd(world.create("incident", "regional-failover", "go-eu-west-1", Mode.Failover, null).getMetadata().getName(),
            world.approveAs("oncall").or(run -> {
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
    assertEquals(List.of("1", "10", "50", "home"), world.percents("go-eu-west-1"), "no fourth wave; one restore");
    assertEquals(world.routingYamlAtStart, Serialization.asYaml(world.routingObject().getData()), "byte for byte as before");
    assertEquals(List.of(6, 2), world.gatewayReplicas(), "scaled up, then back");

    world.lost.clear();
    world.simulate(); // the target has recovered before the next run is created
    world.clearRoutingWrites();
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
    assertEquals(List.of("1", "home"), world.percents("go-eu-west-1"));
    assertEquals(world.routingAtStart, world.routing());
    var e = assertThrows(RunActionRefused.class, () -> runs.abort(RunsFixture.NS, "aborted", "sre", null));
    assertEquals("run aborted is RolledBack (it has ended): it can be aborted only while Pending, Running, AwaitingApproval or Halted", e.getMessage());
  }
  /**
   * While a drill holds its source and its target, each carries the annotation the admission policy of
   * manifests/protection reads to refuse deleting it (HeldClusterDeleteIT), naming the run and its role. When the run ends and frees them, the
   * marks come off; a cluster no run holds is never marked.
   */
  @Test
  void theClustersARunHoldsAreMarkedUntilItFreesThem() throws Exception {
    world.startController(RunListener.NONE);
    world.create("marked", "quarterly-drill", "go-eu-west-1", Mode.Drill, null);
    FailoverRun shifted = world.drive("marked", r -> false, r -> r.getStatus().steps != null && !r.getStatus().steps.get(1).wavesAppliedAt.isEmpty());
    String target = shifted.getStatus().target;
    var clusters = client.resources(io.failwise.api.Cluster.class).inNamespace(RunsFixture.NS);
    assertEquals(java.util.Optional.of("marked as its source"), ClusterProtection.holder(clusters.withName("go-eu-west-1").get()));
    assertEquals(java.util.Optional.of("marked as its target"), ClusterProtection.holder(clusters.withName(target).get()));
    assertEquals(java.util.Optional.empty(), ClusterProtection.holder(clusters.withName("go-eu-west-2").get()), "held by no run");

    FailoverRun done = world.driveToEnd("marked", world.approveAs("oncall"));
    assertEquals("Succeeded", done.getStatus().phase, done.getStatus().message);
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).pollInterval(java.time.Duration.ofMillis(50))
        .until(() -> ClusterProtection.holder(clusters.withName("go-eu-west-1").get()).isEmpty()
            && ClusterProtection.holder(clusters.withName(target).get()).isEmpty());
  }

  /**
   * kubectl delete (or a GitOps prune) of a drill mid-shift: the object stays, marked for deletion, until
   * the controller has rolled it back; it went at once before, leaving its devices on the target with no
   * run saying why and its clusters free without a settle. The finalizer's whole round trip is the API
   * server's: delete marks the object, the controller's patch that takes the finalizer off removes it.
   */
  @Test
  void aRunDeletedMidShiftIsRolledBackBeforeTheObjectGoes() throws Exception {
    java.util.List<FailoverRunStatus> written = new java.util.concurrent.CopyOnWriteArrayList<>();
    world.startController((run, next) -> written.add(next));
    world.create("deleted", "quarterly-drill", "go-eu-west-1", Mode.Drill, null);
    FailoverRun shifted = world.drive("deleted", r -> false, r -> r.getStatus().steps != null && !r.getStatus().steps.get(1).wavesAppliedAt.isEmpty());
    assertEquals(List.of(RunDeletion.FINALIZER), shifted.getMetadata().getFinalizers(), "every run the controller has seen carries it");
    assertEquals(List.of("1"), world.percents("go-eu-west-1"));

    client.resource(shifted).delete();
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).pollInterval(java.time.Duration.ofMillis(50)).until(() -> {
      world.simulate();
      return world.run("deleted") == null;
    });

    FailoverRunStatus last = written.get(written.size() - 1);
    assertEquals("RolledBack", last.phase, last.message);
    assertTrue(last.message.startsWith("Aborted by the run's deletion: "), last.message);
    assertEquals(List.of("1", "home"), world.percents("go-eu-west-1"), "its devices are sent home before the object goes");
    assertEquals(world.routingAtStart, world.routing());
    var ledger = client.configMaps().inNamespace(config.runs().controlNamespace())
        .withName(ConfigMapSourceLedger.name(RunsFixture.NS, "go-eu-west-1")).get();
    assertEquals(null, ledger.getData().get("holder"), "its source is released (with its settle: RunDeletionTest)");
  }

  @Test
  void theHaltPausesRunsAndKeepsNewOnesWaitingUntilResume() throws Exception {
    world.startController(RunListener.NONE);
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
    int writes = world.routingWrites().size();
    world.clock.advance(java.time.Duration.ofHours(1));
    // The positive marker: the controller decided on both runs three more times, an hour later.
    long looked = world.looks("drill");
    long lookedNew = world.looks("while-halted");
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
        .until(() -> world.looks("drill") >= looked + 3 && world.looks("while-halted") >= lookedNew + 3);
    assertEquals(writes, world.routingWrites().size(), "nothing moves while halted, however long");
    assertEquals("Halted", world.run("drill").getStatus().phase);
    assertEquals("Pending", world.run("while-halted").getStatus().phase);
    assertEquals("Halted", world.run("while-halted").getStatus().reason);
    halt.resume();
    assertEquals("Succeeded", world.driveToEnd("drill", r -> false).getStatus().phase);
    assertEquals(world.routingAtStart, world.routing());
  }}
