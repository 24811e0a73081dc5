package io.failwise.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunStatus;
import io.failwise.api.FailoverRunStatus.PlannedStep;
import io.failwise.api.FailoverRunStatus.PlannedWave;
import io.failwise.api.FailoverRunStatus.StepStatus;
import io.failwise.cli.runs.RunReport;
import io.failwise.operator.run.RunStatuses;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo's feed and the report say what a drill's waves did: a failback moves devices home. */
class FailbackFeedTest {
  private static PlannedWave wave(int percent, long devices, long atTarget) {
    PlannedWave w = new PlannedWave();
    w.percent = percent;
    w.devices = devices;
    w.devicesAtTarget = atTarget;
    w.targetPercent = atTarget == 0 ? 0 : percent;
    return w;
  }

  private static PlannedStep step(String name, String kind, PlannedWave... waves) {
    PlannedStep p = new PlannedStep();
    p.name = name;
    p.kind = kind;
    p.waves = List.of(waves);
    return p;
  }

  /** A 5% canary of 180,000 devices shifted in two waves (1%, 5%), then failed back in one. */
  private static FailoverRun drill() {
    FailoverRun run = new FailoverRun();
    run.setMetadata(new ObjectMetaBuilder().withName("drill-go-eu-west-1").withNamespace("failwise")
        .withCreationTimestamp("2026-03-12T22:00:00Z").build());
    run.setSpec(new io.failwise.api.FailoverRunSpec());
    run.getSpec().playbook = "regional-failover-simulated";
    run.getSpec().source = "go-eu-west-1";
    run.getSpec().mode = io.failwise.api.FailoverRunSpec.Mode.Drill;
    FailoverRunStatus s = new FailoverRunStatus();
    s.phase = "Succeeded";
    s.plan = new FailoverRunStatus.Plan();
    s.plan.source = "go-eu-west-1";
    s.plan.target = "go-eu-north-1";
    s.plan.devicesToMove = 9_000L;
    s.plan.steps = new ArrayList<>(List.of(
        step("shift", "Shift", wave(1, 1_800, 1_800), wave(5, 7_200, 9_000)),
        step("failback", "Failback", wave(100, 9_000, 0))));
    s.steps = new ArrayList<>();
    for (PlannedStep p : s.plan.steps) {
      StepStatus st = new StepStatus();
      st.name = p.name;
      st.kind = p.kind;
      s.steps.add(st);
    }
    s.steps.get(0).wavesAppliedAt = List.of("2026-03-12T22:10:00Z", "2026-03-12T22:12:00Z");
    s.steps.get(1).wavesAppliedAt = List.of("2026-03-12T22:20:00Z");
    run.setStatus(s);
    return run;
  }

  @Test
  void eachWaveSaysWhichWaveItIsAndWhereTheDevicesGo() {
    FailoverRunStatus s = drill().getStatus();
    assertEquals("wave 1 of 2: 1,800 devices to go-eu-north-1, 1,800 there in all",
        RunStatuses.wave(s.plan.steps.get(0), 0, "go-eu-west-1", "go-eu-north-1"));
    assertEquals("wave 2 of 2: 7,200 devices to go-eu-north-1, 9,000 there in all",
        RunStatuses.wave(s.plan.steps.get(0), 1, "go-eu-west-1", "go-eu-north-1"));
    assertEquals("wave 1 of 1: 9,000 devices back to go-eu-west-1, 0 left at go-eu-north-1",
        RunStatuses.wave(s.plan.steps.get(1), 0, "go-eu-west-1", "go-eu-north-1"));
    assertEquals("1 wave applied; 9,000 devices back to go-eu-west-1, 0 left at go-eu-north-1.",
        RunStatuses.wavesDone(s.plan.steps.get(1), 1, 0, "go-eu-west-1", "go-eu-north-1"));
    assertEquals("2 waves applied; 9,000 devices at go-eu-north-1.",
        RunStatuses.wavesDone(s.plan.steps.get(0), 2, 9_000, "go-eu-west-1", "go-eu-north-1"));
  }

  @Test
  void theFeedLineIsTheRunsOwnWaveNotTheNextOne() {
    FailoverRun run = drill();
    var s = run.getStatus();
    s.phase = "Running";
    s.currentStep = "shift";
    s.currentWave = 1; // 1-based: the first wave is being applied
    s.message = "Step shift, " + RunStatuses.wave(s.plan.steps.get(0), 0, "go-eu-west-1", "go-eu-north-1") + ".";
    assertEquals("Drill drill-go-eu-west-1: Running. Step shift, wave 1 of 2: 1,800 devices to go-eu-north-1, 1,800 there in all.",
        DemoDrill.describe(run));

    s.currentStep = "failback";
    s.message = "Step failback, " + RunStatuses.wave(s.plan.steps.get(1), 0, "go-eu-west-1", "go-eu-north-1") + ".";
    String line = DemoDrill.describe(run);
    assertEquals("Drill drill-go-eu-west-1: Running. Step failback, wave 1 of 1: 9,000 devices back to go-eu-west-1, 0 left at go-eu-north-1.", line);

    s.currentStep = "verify";
    s.currentWave = null;
    s.message = "Watching the stop conditions.";
    assertEquals("Drill drill-go-eu-west-1: Running, step verify. Watching the stop conditions.", DemoDrill.describe(run));
  }

  @Test
  void theReportSaysTheFailbackMovedTheDevicesHome() {
    String md = RunReport.markdown(drill());
    assertTrue(md.contains("Step shift wave 2 applied: 5% at the target (9,000 devices)"), md);
    assertTrue(md.contains("Step failback wave 1 applied: 9,000 devices back to go-eu-west-1, 0 left at go-eu-north-1"), md);
  }
}
