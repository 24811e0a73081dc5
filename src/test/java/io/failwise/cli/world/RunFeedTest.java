package io.failwise.cli.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

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
  void aFailbackPausedAfterAWaveGetsALineOfItsOwnAndOtherReasonsDoNot() {
    FailoverRunStatus running = new FailoverRunStatus();
    running.phase = "Running";
    running.currentStep = "failback";
    running.currentWave = 1;
    running.reason = "Started";
    running.message = "Step failback, wave 1 of 3: 18,000 devices back.";
    FailoverRunStatus paused = io.failwise.operator.run.RunStatuses.copy(running);
    paused.reason = "WaitingForSource";
    paused.message = "Failback paused after wave 1 of 3: go-eu-west-1 is not healthy (now Outage: ...)";
    assertNotEquals(RunFeed.state(running), RunFeed.state(paused), "the pause is printed: terminal 1 showed the wave and nothing after it");
    FailoverRunStatus reworded = io.failwise.operator.run.RunStatuses.copy(running);
    reworded.reason = "Progressing";
    reworded.message = "Step failback, wave 1 of 3: 18,000 devices back, 17,990 connected.";
    assertEquals(RunFeed.state(running), RunFeed.state(reworded), "a running step's own rewording is not a new line");
  }

  /**
   * A step's first wave is its current wave from the step's start: when the wave went at a later look than
   * the start, the feed printed the step's start and never the wave (the demo's drill showed its failback
   * begin and then Succeeded, with no line for the devices sent home).
   */
  @Test
  void theWaveAppliedAtALaterLookThanItsStepsStartGetsALineOfItsOwn() {
    FailoverRunStatus started = new FailoverRunStatus();
    started.phase = "Running";
    started.currentStep = "failback";
    started.currentWave = 1;
    FailoverRunStatus.StepStatus failback = new FailoverRunStatus.StepStatus();
    failback.name = "failback";
    started.steps = List.of(failback);
    started.message = "Step 6 of 6, failback: Move the 9,000 devices back to go-eu-west-1 in 1 wave (100%).";
    FailoverRunStatus applied = io.failwise.operator.run.RunStatuses.copy(started);
    applied.steps.get(0).wavesAppliedAt = List.of("2026-03-12T22:32:30Z");
    applied.message = "Step failback, wave 1 of 1: 9,000 devices back to go-eu-west-1, 0 left at go-eu-north-1.";
    assertNotEquals(RunFeed.state(started), RunFeed.state(applied));
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

  /** A deleted run is undone and gone between two looks: the feed says it went, and where its end is told. */
  @Test
  void aRunThatIsGoneGetsALineSayingItWasDeleted() {
    assertEquals("Run quarterly-drill-eu-west-1 was deleted (last seen Running); how it ended: `kubectl get events -n failwise"
        + " --field-selector involvedObject.name=quarterly-drill-eu-west-1`.",
        RunFeed.gone("failwise/quarterly-drill-eu-west-1", RunFeed.state(drill().getStatus())));
  }
}
