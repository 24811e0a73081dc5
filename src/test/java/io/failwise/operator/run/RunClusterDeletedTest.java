package io.failwise.operator.run;

import static io.failwise.operator.run.RunHarness.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.api.Cluster;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunSpec.Mode;
import io.failwise.api.FailoverRunStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A Cluster a run holds, deleted mid-run where nothing protects it (no held-cluster policy on the API
 * server). The run went on shifting waves out of a source it could no longer
 * read: a drill whose source was deleted sent its 1% wave, then its 5% one, and judged its end against a
 * cluster that was gone. The next wave now waits until the Cluster exists again, and says why.
 */
class RunClusterDeletedTest {
  @AutoClose
  private final RunHarness h = new RunHarness();


  /**
   * The source is deleted after the shift's first wave (1%) and applied again after five looks at the
   * paused run: no wave goes meanwhile, the run says what it waits for, and then it finishes as if nothing
   * had happened. (The playbook's waves: 1, 10, 50 and 100%.)
   */
  @Test
  void aSourceDeletedMidShiftHoldsTheNextWaveUntilItIsAppliedAgain() {
    h.setConnected("go-eu-west-1", 100_000); // the source is in an outage
    h.create("incident", "regional-failover", "go-eu-west-1", Mode.Failover, s -> {});
    Cluster[] deleted = {null};
    List<String> whilePaused = new ArrayList<>();
    List<String> routingWhilePaused = new ArrayList<>();
    FailoverRun done = h.drive("incident", run -> {
      h.approver("oncall@example.com").accept(run);
      FailoverRunStatus s = run.getStatus();
      if (s == null || s.steps == null) {
        return;
      }
      if (deleted[0] == null && whilePaused.isEmpty() && step(s, "shift").wavesAppliedAt.size() == 1) {
        deleted[0] = h.clusters.remove("go-eu-west-1");
      } else if (deleted[0] != null && "WaitingForCluster".equals(s.reason)) {
        whilePaused.add(s.message);
        routingWhilePaused.add(String.join(",", h.routingHistory("go-eu-west-1")));
        if (whilePaused.size() == 5) {
          h.clusters.put("go-eu-west-1", deleted[0]);
          deleted[0] = null;
        }
      } else if ("WaitingForSource".equals(s.reason)) {
        h.setConnected("go-eu-west-1", 179_420); // recovered by the time the failback waits for it
      }
    });
    assertEquals(5, whilePaused.size());
    for (String paused : whilePaused) {
      assertEquals("Paused before wave 2 of 4: Cluster go-eu-west-1, the run's source, does not exist (deleted while the"
          + " run held it); the next wave waits until it exists again. Apply it again to go on, or `failwise abort` the run.", paused);
    }
    assertEquals(List.of("1", "1", "1", "1", "1"), routingWhilePaused, "no wave while the source was gone");
    FailoverRunStatus s = done.getStatus();
    assertEquals("Succeeded", s.phase, s.message);
    assertEquals(List.of("1", "10", "50", "100", "90", "50", "35", "home"), h.routingHistory("go-eu-west-1"));
  }

  /**
   * The source deleted between the failback's last wave and the judgment of whether it took every device
   * back. Judged then, it would be judged as unreadable: after a two-minute grace the Failover would be
   * refused (SourceUnhealthyAfterFailback) and rolled back, for a Cluster object a person or a pipeline
   * removed, not for anything the devices did. The judgment waits for it as the waves do, and, applied
   * again, the source is judged on what it shows: healthy, so the run succeeds.
   */
  @Test
  void aSourceDeletedBeforeTheFailbackIsJudgedHoldsTheJudgmentUntilItIsAppliedAgain() {
    h.setConnected("go-eu-west-1", 100_000);
    h.create("incident", "regional-failover", "go-eu-west-1", Mode.Failover, s -> {});
    Cluster[] deleted = {null};
    List<String> whilePaused = new ArrayList<>();
    FailoverRun done = h.drive("incident", run -> {
      h.approver("oncall@example.com").accept(run);
      FailoverRunStatus s = run.getStatus();
      if (s == null || s.steps == null) {
        return;
      }
      if ("WaitingForSource".equals(s.reason)) {
        h.setConnected("go-eu-west-1", 179_420);
      } else if (deleted[0] == null && whilePaused.isEmpty() && step(s, "failback").wavesAppliedAt.size() == 4) {
        deleted[0] = h.clusters.remove("go-eu-west-1");
      } else if (deleted[0] != null && "WaitingForCluster".equals(s.reason)) {
        whilePaused.add(s.message);
        if (whilePaused.size() == 5) {
          h.clusters.put("go-eu-west-1", deleted[0]);
          deleted[0] = null;
        }
      }
    });
    assertEquals(5, whilePaused.size(), "the judgment waited while the source was gone");
    assertEquals("Every device is back on go-eu-west-1, but Cluster go-eu-west-1, the run's source, does not exist (deleted while the"
        + " run held it); the judgment of whether it took them back waits until it exists again. Apply it again to go on, or"
        + " `failwise abort` the run.", whilePaused.get(0));
    FailoverRunStatus s = done.getStatus();
    assertEquals("Succeeded", s.phase, s.message);
    assertEquals(List.of("1", "10", "50", "100", "90", "50", "35", "home"), h.routingHistory("go-eu-west-1"));
  }

  /**
   * A drill's target deleted while its canary is held: the canary is not followed by the next wave, and
   * the playbook's target-blind stop condition (60 s without the target's signals) rolls the drill back,
   * leaving the routing as it was.
   */
  @Test
  void aTargetDeletedDuringADrillStopsItsWavesAndItsBlindStopConditionRollsItBack() {
    h.create("drill-q1", "quarterly-drill", "go-eu-west-1", Mode.Drill, s -> {
      s.drill = new io.failwise.api.FailoverRunSpec.Drill();
      s.drill.maxPercent = 5;
      s.drill.holdSeconds = 600L;
    });
    String[] target = {null};
    FailoverRun done = h.drive("drill-q1", run -> {
      FailoverRunStatus s = run.getStatus();
      if (target[0] == null && s != null && s.steps != null && step(s, "shift-canary").wavesAppliedAt.size() == 1) {
        target[0] = s.plan.target;
        h.clusters.remove(target[0]);
      }
    });
    FailoverRunStatus s = done.getStatus();
    assertEquals("RolledBack", s.phase, s.message);
    assertEquals("target-blind", s.report.stopCondition);
    assertEquals(1, step(s, "shift-canary").wavesAppliedAt.size(), "the 5% wave never went");
    assertEquals(h.routingAtStart, h.routing());
  }

  /**
   * A target stored with a field of the wrong type is left out by the informers, as a deleted one is, but
   * it was not deleted: the pause says what is wrong with it, not that it is gone.
   */
  @Test
  void anUnreadableTargetIsSaidToBeUnreadableNotDeleted() {
    h.create("drill-q1", "quarterly-drill", "go-eu-west-1", Mode.Drill, s -> {});
    String[] said = {null};
    h.drive("drill-q1", run -> {
      FailoverRunStatus s = run.getStatus();
      if (said[0] == null && s != null && s.steps != null && step(s, "shift-canary").wavesAppliedAt.size() == 1 && h.unreadable.isEmpty()) {
        h.clusters.remove(s.plan.target);
        h.unreadable.put("Cluster/" + s.plan.target, "spec.capacity.devices: cannot read \"lots\" as a number");
      } else if (said[0] == null && s != null && "WaitingForCluster".equals(s.reason)) {
        said[0] = s.message;
      }
    });
    assertEquals("Paused before wave 2 of 2: Cluster go-eu-north-1, the run's target, cannot be read (spec.capacity.devices: cannot read"
        + " \"lots\" as a number); the next wave waits until it can. Correct it to go on, or `failwise abort` the run.", said[0]);
  }
}
