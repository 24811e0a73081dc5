package io.failwise.operator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunSpec.Mode;
import io.failwise.api.FailoverRunStatus;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A stop condition or an abort during a Failover's failback. Rolling the whole run back undid the shift
 * too, which puts the routing back as it was before the run in one write: every device still at the
 * target sent to the source at once, the source that a stop condition (or a person) had just called into
 * question. The failback is stopped instead, the shift kept, and the run ends Failed with the devices
 * where they are and what a person does next.
 */
class RunFailbackStopTest {
  private final RunHarness h = new RunHarness();

  @AfterEach
  void close() {
    h.close();
  }

  /** The incident's failover, approved at once, the source healed when the failback waits for it; {@code then} acts once when {@code when} holds. */
  private FailoverRun failover(Predicate<FailoverRunStatus> when, java.util.function.Consumer<FailoverRun> then) {
    h.setConnected("go-eu-west-1", 100_000);
    h.create("incident", "regional-failover", "go-eu-west-1", Mode.Failover, s -> {});
    boolean[] done = {false};
    return h.drive("incident", run -> {
      h.approver("oncall@example.com").accept(run);
      FailoverRunStatus s = run.getStatus();
      if (s == null || s.steps == null) {
        return;
      }
      if ("WaitingForSource".equals(s.reason) && !done[0] && !when.test(s)) {
        h.setConnected("go-eu-west-1", 179_420);
      }
      if (!done[0] && when.test(s)) {
        done[0] = true;
        then.accept(run);
      }
    });
  }

  private static FailoverRunStatus.StepStatus step(FailoverRunStatus s, String name) {
    return s.steps.stream().filter(st -> name.equals(st.name)).findFirst().orElseThrow();
  }

  @Test
  void aStopConditionDuringTheFailbackStopsItAndKeepsTheShift() {
    // After the failback's first wave the target loses its devices: target-offline fires at the next look.
    FailoverRun done = failover(s -> step(s, "failback").wavesAppliedAt.size() == 1, run -> h.setConnected(run.getStatus().plan.target, 0));
    FailoverRunStatus s = done.getStatus();
    assertEquals("Failed", s.phase, s.message);
    assertEquals(RunRollback.FAILBACK_STOPPED, s.reason);
    assertEquals(List.of("1", "10", "50", "100", "90"), h.routingHistory("go-eu-west-1"), "no write after the failback's first wave: nobody sent home at once");
    assertEquals(RunStatuses.SUCCEEDED, step(s, "shift").state, "the shift is kept");
    assertEquals(RunStatuses.UNDONE, step(s, "failback").state);
    assertTrue(s.message.startsWith("Stop condition target-offline fired: "), s.message);
    assertTrue(s.message.contains(" The failback is stopped and the shift (step shift) is not undone: undoing it would send every device still on "
        + s.plan.target + " to go-eu-west-1 at once. 18,000 of the 180,000 devices moved are back on go-eu-west-1, 162,000 still on "
        + s.plan.target + ". A person finishes the failback when go-eu-west-1 can take them, by hand (in steps if the routing allows it),"
        + " and then puts back what the run changed, in this order: ConfigMap failwise/device-routing: /data/go-eu-west-1.target ="
        + " \"go-eu-west-1\", /data/go-eu-west-1.percent (remove it), /data/go-eu-west-1.ratePerSecond (remove it); Deployment"
        + " failwise/" + s.plan.target + "-gateway: /spec/replicas = 2."), s.message);
    assertEquals("target-offline", s.report.stopCondition);
  }

  @Test
  void anAbortWhileTheFailbackWaitsForTheSourceLeavesEveryDeviceOnTheTarget() {
    FailoverRun done = failover(s -> "WaitingForSource".equals(s.reason), run -> h.abort("incident", "sre@example.com"));
    FailoverRunStatus s = done.getStatus();
    assertEquals("Failed", s.phase, s.message);
    assertEquals(RunRollback.FAILBACK_STOPPED, s.reason);
    assertEquals(List.of("1", "10", "50", "100"), h.routingHistory("go-eu-west-1"), "the routing the failover left");
    assertTrue(s.message.startsWith("Aborted by sre@example.com: test. The failback is stopped"), s.message);
    assertTrue(s.message.contains(" All 180,000 devices moved are still on " + s.plan.target + ". "), s.message);
  }

  @Test
  void anAbortBeforeTheFailbackStillRollsTheWholeRunBack() {
    FailoverRun done = failover(s -> step(s, "shift").wavesAppliedAt.size() == 2, run -> h.abort("incident", "sre@example.com"));
    FailoverRunStatus s = done.getStatus();
    assertEquals("RolledBack", s.phase, s.message);
    assertEquals(h.routingAtStart, h.routing());
  }
}
