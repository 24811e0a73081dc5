package io.failwise.cli.world;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunSpec;
import io.failwise.api.FailoverRunStatus;
import io.failwise.api.FailoverRunStatus.PlannedStep;
import io.failwise.api.FailoverRunStatus.PlannedWave;
import io.failwise.operator.run.RunStatuses;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The line `failwise run --embedded` prints when a run moves names the wave being applied
 * (status.currentWave is 1-based), never the next one before the gateway has routed this one.
 */
class RunFeedTest {
  private static PlannedWave wave(int percent, long devices, long atTarget) {
    PlannedWave w = new PlannedWave();
    w.percent = percent;
    w.devices = devices;
    w.devicesAtTarget = atTarget;
    return w;
  }

  /** A drill shifting 1% then 5% of go-eu-west-1 to go-eu-north-1, on its first wave. */
  private static FailoverRun drill() {
    FailoverRun run = new FailoverRun();
    run.setMetadata(new ObjectMetaBuilder().withName("quarterly-drill-eu-west-1").withNamespace("failwise").build());
    run.setSpec(new FailoverRunSpec());
    run.getSpec().playbook = "quarterly-drill";
    run.getSpec().source = "go-eu-west-1";
    run.getSpec().mode = FailoverRunSpec.Mode.Drill;
    FailoverRunStatus s = new FailoverRunStatus();
    s.phase = "Running";
    s.plan = new FailoverRunStatus.Plan();
    s.plan.source = "go-eu-west-1";
    s.plan.target = "go-eu-north-1";
    PlannedStep shift = new PlannedStep();
    shift.name = "shift";
    shift.kind = "Shift";
    shift.waves = List.of(wave(1, 1_800, 1_800), wave(5, 7_200, 9_000));
    s.plan.steps = List.of(shift);
    s.currentStep = "shift";
    s.currentWave = 1;
    s.message = "Step shift, " + RunStatuses.wave(shift, 0, "go-eu-west-1", "go-eu-north-1") + ".";
    run.setStatus(s);
    return run;
  }

  @Test
  void theLineNamesTheWaveBeingAppliedOnce() {
    assertEquals(
        "Drill quarterly-drill-eu-west-1 (quarterly-drill on go-eu-west-1): Running. Step shift, wave 1 of 2: 1,800 devices to"
            + " go-eu-north-1, 1,800 there in all.",
        RunFeed.describe(drill()));
  }

  @Test
  void aMessageThatDoesNotNameTheStepGetsTheCurrentWaveInTheSameWordsUpToTheLast() {
    FailoverRun run = drill();
    run.getStatus().currentWave = 2;
    run.getStatus().message = "Waiting for the moved devices to connect.";
    assertEquals(
        "Drill quarterly-drill-eu-west-1 (quarterly-drill on go-eu-west-1): Running, step shift, wave 2 of 2: 7,200 devices to"
            + " go-eu-north-1, 9,000 there in all. Waiting for the moved devices to connect.",
        RunFeed.describe(run));
  }
}
