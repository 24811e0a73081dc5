package io.failwise.operator.run;

import static io.failwise.operator.run.RunHarness.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunSpec.Mode;
import io.failwise.api.FailoverRunStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A rollback sends the devices it moved home at once, by routing, but they reconnect to the source at its
 * pace. An outside pass aborted a Failover at its third wave: in the same second the target's gateway
 * was scaled back from 6 to 2 with some 51,700 devices still on it, and the run said RolledBack. The
 * gateway is now scaled back once the devices have had the time to leave it, at the failback's pace, as a
 * drill's set-back waits for its devices to be home.
 */
class RunRollbackHomeTest {
  @AutoClose
  private final RunHarness h = new RunHarness();


  @Test
  void anAbortedFailoverScalesTheTargetBackOnlyOnceTheDevicesSentHomeHaveLeftIt() {
    h.setConnected("go-eu-west-1", 100_000); // the source is in an outage
    h.create("incident", "regional-failover", "go-eu-west-1", Mode.Failover, s -> {});
    List<String> whileWaiting = new ArrayList<>();
    boolean[] aborted = {false};
    FailoverRun done = h.drive("incident", run -> {
      h.approver("oncall@example.com").accept(run);
      FailoverRunStatus s = run.getStatus();
      if (s == null || s.steps == null) {
        return;
      }
      if (!aborted[0] && step(s, "shift").wavesAppliedAt.size() == 3) {
        h.abort("incident", "oncall@example.com");
        aborted[0] = true;
      }
      if (s.message != null && s.message.contains("are on their way back")) {
        whileWaiting.add(s.message);
      }
    });
    FailoverRunStatus s = done.getStatus();
    assertEquals("RolledBack", s.phase, s.message);
    assertEquals(h.routingAtStart, h.routing());
    long moved = s.plan.steps.stream().filter(p -> "shift".equals(p.name)).findFirst().orElseThrow().waves.get(2).devicesAtTarget;
    Duration home = Duration.ofSeconds((long) Math.ceil(moved / s.plan.sourceDevicesPerSecond));
    Instant routedHome = RunStatuses.instant(step(s, "shift").undoneAt);
    Instant scaledBack = RunStatuses.instant(step(s, "scale-target-gateway").undoneAt);
    assertTrue(!scaledBack.isBefore(routedHome.plus(home)),
        "scaled back at " + scaledBack + ", the devices sent home at " + routedHome + " need " + home + " to leave the target");
    assertEquals(2, h.objects.get(RunHarness.gateway("go-eu-north-1")).path("spec").path("replicas").asInt(), "scaled back in the end");
    assertTrue(whileWaiting.get(0).contains("Rolling back: the " + io.failwise.model.Format.count(moved) + " devices the run had sent to"
        + " go-eu-north-1 are on their way back to go-eu-west-1 (about "), whileWaiting.get(0));
    assertTrue(whileWaiting.get(0).contains("; step scale-target-gateway is undone once they have left go-eu-north-1, at "), whileWaiting.get(0));
    assertEquals(RunStatuses.UNDONE, step(s, "scale-target-gateway").state);
    assertTrue(s.message.endsWith("Every step that ran was undone."), "home by the end: " + s.message);
  }

  /**
   * With no Scale step to wait for, the rollback ends as soon as the routing is undone; the end says the
   * devices are still on their way and when they will be back, when that is a minute or more.
   */
  @Test
  void aRollbackWithNothingToWaitForSaysWhenItsDevicesWillBeHome() {
    h.create("drill", "quarterly-drill", "go-eu-west-1", Mode.Drill, s -> {
      s.drill = new io.failwise.api.FailoverRunSpec.Drill();
      s.drill.maxPercent = 50;
      s.drill.holdSeconds = 600L;
    });
    boolean[] aborted = {false};
    FailoverRun done = h.drive("drill", run -> {
      FailoverRunStatus s = run.getStatus();
      if (!aborted[0] && s != null && s.steps != null
          && step(s, "shift-canary").wavesAppliedAt.size() == s.plan.steps.stream().filter(p -> "shift-canary".equals(p.name)).findFirst()
              .orElseThrow().waves.size()) {
        h.abort("drill", "oncall@example.com");
        aborted[0] = true;
      }
    });
    FailoverRunStatus s = done.getStatus();
    assertEquals("RolledBack", s.phase, s.message);
    long moved = RunStatuses.devicesAtTarget(s);
    assertTrue(moved / s.plan.sourceDevicesPerSecond >= 60, "a wave that takes a minute or more to come home: " + moved);
    Instant back = RunStatuses.instant(step(s, "shift-canary").undoneAt).plusSeconds((long) Math.ceil(moved / s.plan.sourceDevicesPerSecond));
    assertTrue(s.message.endsWith("Every step that ran was undone; the " + io.failwise.model.Format.count(moved) + " devices the run had sent to "
        + s.plan.target + " are on their way back to go-eu-west-1 (about " + io.failwise.model.Format.duration(
            Duration.ofSeconds((long) Math.ceil(moved / s.plan.sourceDevicesPerSecond))) + " at "
        + io.failwise.model.Format.rate(s.plan.sourceDevicesPerSecond) + ", the failback's pace), back by about " + io.failwise.model.Format.time(back, back, java.time.ZoneOffset.UTC) + "."),
        s.message);
  }
}
