package io.failwise.operator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunSpec.Mode;
import io.failwise.api.FailoverRunStatus;
import io.failwise.execution.WebhookServer;
import io.javaoperatorsdk.operator.Operator;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Each side effect of a run happens once on an API server, whatever happens to the controller: killed between
 * every pair of steps, or writing a status from a stale read (refused, not overwritten).
 */
@QuarkusTest
@TestProfile(RunsProfile.class)
class RunExactlyOnceIT extends RunsOnTestServer {
  @Inject KubernetesClient client;

  @Test
  void aControllerKilledBetweenEveryPairOfStepsDoesEachSideEffectOnce() throws Exception {
    world.setConnected("go-eu-west-1", 100_000);
    world.setConnected("go-eu-west-2", 100_000);
    world.create("incident", "regional-failover", "go-eu-west-1", Mode.Failover, null);
    // Into go-eu-north-2: two runs into one target take turns, and this test kills the controller while both run.
    world.create("reprovision", "affected-devices", "go-eu-west-2", Mode.Failover, null, spec -> spec.target = "go-eu-north-2");
    Predicate<FailoverRun> people = world.approveAs("oncall").or(world.healSourceForFailback("go-eu-west-1", 179_420))
        .or(world.healSourceForFailback("go-eu-west-2", 119_610));
    int killed = 0;
    for (int step = 1; step < 6; step++) {
      int next = step;
      Operator controller = world.startController(new KillBeforeStep(next));
      for (String run : List.of("incident", "reprovision")) {
        world.drive(run, people, r -> RunStatuses.phase(r).isTerminal() || betweenSteps(r, next));
      }
      world.stop(controller); // killed between step `next - 1` and step `next`
      killed++;
    }
    world.startController(RunListener.NONE);
    FailoverRun incident = world.driveToEnd("incident", people);
    FailoverRun reprovision = world.driveToEnd("reprovision", people);
    assertEquals(5, killed);
    assertEquals("Succeeded", incident.getStatus().phase, incident.getStatus().message);
    assertEquals("Succeeded", reprovision.getStatus().phase, reprovision.getStatus().message);
    // Each routing change once, in order, exactly as an uninterrupted run makes them.
    assertEquals(List.of("1", "10", "50", "100", "90", "50", "35", "home"), world.percents("go-eu-west-1"), "with the failback probe at 65 %: the source held 100,000 when planned");
    assertEquals(List.of(6), world.gatewayReplicas());
    assertEquals(world.routingAtStart, world.routing());
    // Each webhook call once: one request per idempotency key, no retry needed.
    List<String> keys = world.provisioning.requests().stream().map(WebhookServer.Request::idempotencyKey).toList();
    assertEquals(keys.stream().distinct().toList(), keys);
    assertEquals(List.of("uid/move-affected/w1", "uid/move-affected/w2", "uid/move-affected/w3", "uid/failback/w1", "uid/failback/w2"),
        world.keys(reprovision));
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
