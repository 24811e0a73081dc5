package io.failwise.cli.runs;

import io.failwise.testing.Cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What plan shows (steps, waves, prechecks, the estimate) and its options; what it reads from the files is
 * PlanFilesTest's.
 */
class PlanCommandTest {
  @Test
  void showsTheStepsAndTheWavesPacedToTheTargetsAdmissionRate() {
    Cli.Result r = Cli.run("plan", "-f", "playbooks/regional-failover.yaml", "-f", "manifests/samples/clusters.yaml", "--source", "go-eu-west-1");
    assertEquals(0, r.exitCode(), r.err());
    String out = r.out();
    assertTrue(out.startsWith("Plan: failover of go-eu-west-1 to go-eu-north-1 with playbook regional-failover: 180,000 devices move."), out);
    assertTrue(out.contains("Waves to go-eu-north-1 are paced at 768 devices/s"), "80% of its 960/s admission");
    assertTrue(out.contains("2      10%       16,200    18,000 (10%)       22 s         2 min"), out);
    assertTrue(out.contains("4      100%      90,000    180,000 (100%)     1 min 58 s   2 min"), out);
    assertTrue(out.contains("ok    TargetHasRoom"), out);
    assertTrue(out.contains("Estimate: HOLD"), out);
  }

  /**
   * A wave table says where the devices are after each wave, naming the clusters: the shift fills the
   * target, the failback brings them back to the source and empties the target (a column "at target"
   * read 162,000 after the first failback wave, which are the devices still away, not those back home).
   */
  @Test
  void theWaveTablesNameTheClusterEachCountIsAt() {
    Cli.Result r = Cli.run("plan", "-f", "playbooks/regional-failover.yaml", "-f", "manifests/samples/clusters.yaml", "--source", "go-eu-west-1");
    assertEquals(0, r.exitCode(), r.err());
    List<String> lines = r.out().lines().toList();
    int shift = lines.indexOf("Waves of shift (to go-eu-north-1):");
    assertEquals("WAVE   PERCENT   DEVICES   AT go-eu-north-1   PACED        LASTS", lines.get(shift + 1));
    assertEquals("1      1%        1,800     1,800 (1%)         3 s          2 min", lines.get(shift + 2));
    int failback = lines.indexOf("Waves of failback (to go-eu-west-1):");
    assertEquals(
        List.of(
            "WAVE   PERCENT   DEVICES   BACK AT go-eu-west-1   LEFT AT go-eu-north-1   PACED        LASTS",
            "1      10%       18,000    18,000                 162,000 (90%)           24 s         6 min 24 s",
            "2      50%       72,000    90,000                 90,000 (50%)            1 min 34 s   2 min",
            "3      100%      90,000    180,000                0 (0%)                  1 min 58 s   7 min 58 s"),
        lines.subList(failback + 1, failback + 5));
  }

  /**
   * The sample go-eu-west-1 is healthy: 580 of its 180,000 devices offline is the churn every fleet has, not an
   * outage. The estimate says so and what the plan's move itself costs (the devices it disrupts, the same
   * device-minutes as the plan's target choice), and predicts nothing about an outage: no remaining duration,
   * no break-even, no time to decide again, nothing it would turn with.
   */
  @Test
  void aDrillStopsAtItsCapAndHoldsBeforeFailingBack() throws Exception {
    Cli.Result r = Cli.run("plan", "-f", "playbooks/quarterly-drill.yaml", "-f", "manifests/samples/clusters.yaml",
        "--source", "go-eu-west-1", "--mode", "Drill", "--max-percent", "5", "--hold", "15m", "-o", "json");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode plan = new ObjectMapper().readTree(r.out()).path("plan");
    assertEquals("Drill", plan.path("mode").asText());
    assertEquals(9_000, plan.path("devicesToMove").asLong());
    List<String> steps = new java.util.ArrayList<>();
    plan.path("steps").forEach(s -> steps.add(s.path("name").asText()));
    assertEquals(List.of("precheck", "shift-canary", "drill-hold", "failback"), steps);
    assertEquals(900, plan.path("steps").get(2).path("estimatedSeconds").asLong());
    assertEquals(2, plan.path("steps").get(1).path("waves").size(), "waves 1 and 5");
    assertEquals(0, plan.path("steps").get(3).path("waves").get(0).path("targetPercent").asInt());
  }

  @Test
  void aSingleWaveIsOneWave() {
    Cli.Result r = Cli.run("plan", "-f", "playbooks/quarterly-drill.yaml", "-f", "manifests/samples/clusters.yaml",
        "--source", "go-eu-west-1", "--mode", "Drill", "--max-percent", "5");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains(" in 1 wave (100%)"), r.out());
    assertTrue(!r.out().contains(" 1 waves"), r.out());
    // The Target line costs the drill's 9,000 devices; the estimate weighs the whole failover: said, not left to guess.
    assertTrue(r.out().contains("(The estimate weighs failing go-eu-west-1 over now, every device; this drill moves 9,000 devices and brings"
        + " them back.)"), r.out());
  }

  @Test
  void aTargetInTheSourcesOwnRegionFailsItsPrecheckWithTheReason() {
    // go-eu-west-1 and go-eu-west-2 both run in eu-west: the outage of the region reaches both, so a
    // run into go-eu-west-2 is no regional failover. The estimator never chooses it; a Plan run that names
    // it is planned with a failed precheck saying why, as the controller plans it.
    Cli.Result r = Cli.run("plan", "-f", "playbooks/regional-failover.yaml", "-f", "manifests/samples/clusters.yaml", "--source", "go-eu-west-1",
        "--target", "go-eu-west-2", "--mode", "Plan");
    assertEquals(0, r.exitCode(), "a plan shows its failed prechecks: " + r.err());
    assertTrue(r.out().contains("  FAIL  TargetInAnotherRegion  go-eu-west-2 is in go-eu-west-1's own region (eu-west): failing over there is no"
        + " regional failover."), r.out());
    // The estimate speaks of the run's own target, not of go-eu-north-1 that the run will not go to.
    assertTrue(r.out().contains("This failover would disrupt 180,000 devices by moving them to go-eu-west-2 and back. No failover target of"
        + " go-eu-west-1 is healthy, in another region, free of other runs and with room for 180,000 devices: go-eu-west-2 is in go-eu-west-1's own region"), r.out());
    Cli.Result other = Cli.run("plan", "-f", "playbooks/regional-failover.yaml", "-f", "manifests/samples/clusters.yaml", "--source", "go-eu-west-1");
    assertTrue(other.out().contains("  ok    TargetInAnotherRegion  go-eu-north-1 is in eu-north, go-eu-west-1 in eu-west."), other.out());
  }

  /**
   * A Failover or Drill into the source's own region is Refused by the controller the moment it is applied
   * (RunAdmission), and validate refuses it: plan printed its waves with exit 0, as if it would run. An
   * outside pass saw the two commands disagree on one file.
   */
  @Test
  void aFailoverOrDrillIntoTheSourcesOwnRegionIsRefusedAsTheControllerRefusesIt() {
    for (String mode : new String[] {"Failover", "Drill"}) {
      Cli.Result r = Cli.run("plan", "-f", "playbooks/regional-failover.yaml", "-f", "manifests/samples/clusters.yaml", "--source", "go-eu-west-1",
          "--target", "go-eu-west-2", "--mode", mode);
      assertEquals(2, r.exitCode(), mode + ": " + r.out());
      assertEquals("failwise plan: --target: go-eu-west-2 is in go-eu-west-1's own region (eu-west): failing over there is no regional failover,"
          + " so the controller refuses the " + mode.toLowerCase(java.util.Locale.ROOT) + " at once (phase Refused, reason TargetInSourceRegion);"
          + " name a cluster of another region, or leave spec.target out for the one the estimate chooses", r.err().strip());
    }
  }

  @Test
  void aPipelineCanRefuseAPlanWhosePrechecksFail() {
    // With --fail-on-precheck the plan is printed all the same (the comment a pull request shows), then
    // the job fails with one line per failed check; a plan whose checks pass still exits 0.
    String[] sameRegion = {"plan", "-f", "playbooks/regional-failover.yaml", "-f", "manifests/samples/clusters.yaml", "--source", "go-eu-west-1",
        "--target", "go-eu-west-2", "--mode", "Plan", "--fail-on-precheck"};
    for (String o : new String[] {"text", "json", "markdown"}) {
      String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(sameRegion), java.util.stream.Stream.of("-o", o)).toArray(String[]::new);
      Cli.Result r = Cli.run(args);
      assertEquals(1, r.exitCode(), o + ": " + r.out() + r.err());
      assertTrue(r.out().contains("TargetInAnotherRegion"), o + ": the plan is printed first: " + r.out());
      assertEquals(
          List.of(
              "failwise plan: precheck TargetInAnotherRegion fails: go-eu-west-2 is in go-eu-west-1's own region (eu-west): failing over there"
                  + " is no regional failover.",
              "failwise plan: precheck TargetHasRoom fails: go-eu-west-2 has room for 60,000 more devices (90% of 200,000, 119,610 connected,"
                  + " 390 of its own offline); the run moves 180,000."),
          r.err().strip().lines().toList(),
          o + ": every failed check, one line each");
    }
    Cli.Result passing = Cli.run("plan", "-f", "playbooks/regional-failover.yaml", "-f", "manifests/samples/clusters.yaml", "--source",
        "go-eu-west-1", "--fail-on-precheck");
    assertEquals(0, passing.exitCode(), passing.err());
    assertEquals("", passing.err());
  }

  @Test
  void picksTheNextTargetByPriorityWhenTheFirstHasNoRoomAndSaysWhy() {
    Cli.Result r = Cli.run("plan", "-f", "playbooks/regional-failover.yaml", "-f", "manifests/samples/clusters.yaml", "--source", "go-eu-west-2");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().startsWith("Plan: failover of go-eu-west-2 to go-eu-north-1"), "go-eu-north-2 holds 150,000 with 59,840 connected: " + r.out());
  }

  @Test
  void badInputIsOneLinePerProblemAndExitCode2() {
    Cli.Result noSource = Cli.run("plan", "-f", "playbooks/regional-failover.yaml", "-f", "manifests/samples/clusters.yaml");
    assertEquals(2, noSource.exitCode());
    assertTrue(noSource.err().startsWith("failwise plan: name the cluster whose devices move with --source"), noSource.err());
    Cli.Result granularity = Cli.run("plan", "-f", "playbooks/affected-devices.yaml", "-f", "manifests/samples/clusters.yaml", "--source", "go-eu-west-1");
    assertEquals(2, granularity.exitCode());
    assertEquals(
        "failwise plan: --source: playbook 'affected-devices' moves only the affected devices (scope: Affected), which needs"
            + " failover.granularity: Device, but Cluster 'go-eu-west-1' has failover.granularity: Cluster",
        granularity.err().strip());
    // A field of the run the options make is blamed on the option that set it.
    Cli.Result cap = Cli.run("plan", "-f", "playbooks/quarterly-drill.yaml", "-f", "manifests/samples/clusters.yaml", "--source", "go-eu-west-1",
        "--mode", "Drill", "--max-percent", "-5");
    assertEquals(2, cap.exitCode());
    assertEquals("failwise plan: --max-percent: must be from 1 to 100, got -5", cap.err().strip());
    Cli.Result missing = Cli.run("plan", "-f", "no-such-file.yaml");
    assertEquals(2, missing.exitCode());
    assertEquals("failwise plan: no-such-file.yaml: no such file or folder", missing.err().strip());
  }

  private static final String[] DRILL_RUN = {"plan", "-f", "playbooks/runs/quarterly-drill.yaml", "-f", "playbooks/quarterly-drill.yaml", "-f",
      "manifests/samples/clusters.yaml", "--run", "quarterly-drill-eu-west-1"};

  private static Cli.Result plan(String[] base, String... more) {
    String[] args = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    return Cli.run(args);
  }

  @Test
  void anOptionTheRunOfTheFilesWouldIgnoreIsRefusedNamingTheOptionAndTheRunsField() {
    for (String[] o : List.of(new String[] {"--mode", "Failover", "spec.mode"}, new String[] {"--target", "go-eu-north-2", "spec.target"},
        new String[] {"--source", "go-eu-west-2", "spec.source"}, new String[] {"--max-percent", "50", "spec.drill.maxPercent"},
        new String[] {"--hold", "3m", "spec.drill.holdSeconds"}, new String[] {"--playbook", "quarterly-drill", "spec.playbook"})) {
      Cli.Result r = plan(DRILL_RUN, o[0], o[1]);
      assertEquals(2, r.exitCode(), o[0] + ": " + r.out() + r.err());
      assertTrue(r.err().startsWith("failwise plan: " + o[0] + ": cannot be combined with --run quarterly-drill-eu-west-1: the run's " + o[2]
          + " is used; change it in playbooks/runs/quarterly-drill.yaml, document 1"), r.err());
    }
    assertEquals(0, plan(DRILL_RUN).exitCode(), "the run alone plans");
  }

  @Test
  void drillBoundsWithoutADrillAreRefusedNotIgnored() {
    String[] base = {"plan", "-f", "playbooks/quarterly-drill.yaml", "-f", "manifests/samples/clusters.yaml", "--source", "go-eu-west-1"};
    Cli.Result percent = plan(base, "--max-percent", "3");
    assertEquals(2, percent.exitCode(), percent.out());
    assertEquals("failwise plan: --max-percent: bounds a drill only; with --mode Failover every device moves; add --mode Drill (or --mode Plan"
        + " to plan a drill), or leave it out", percent.err().strip());
    Cli.Result hold = plan(base, "--hold", "3m");
    assertEquals(2, hold.exitCode(), hold.out());
    assertTrue(hold.err().startsWith("failwise plan: --hold: bounds a drill only"), hold.err());
    assertEquals(0, plan(base, "--mode", "Drill", "--max-percent", "3").exitCode());
  }

  @Test
  void anAdmissionShareOutsideAbove0AndAtMost1IsAUsageErrorNamingTheOptionAndTheValueAsGiven() {
    String[] base = {"plan", "-f", "playbooks/regional-failover.yaml", "-f", "manifests/samples/clusters.yaml", "--source", "go-eu-west-1"};
    for (String v : List.of("5", "Infinity", "0", "-1", "NaN", "1.01", "x")) {
      Cli.Result r = plan(base, "--admission-share", v);
      assertEquals(2, r.exitCode(), v + ": " + r.out() + r.err());
      assertEquals("failwise plan: --admission-share " + v + ": must be a number above 0 and at most 1 (the share of the target's admission"
          + " rate the waves use; 1 is all of it), e.g. 0.8", r.err().strip());
    }
    Cli.Result tiny = plan(base, "--admission-share", "1e-9");
    assertEquals(2, tiny.exitCode(), tiny.out() + tiny.err());
    assertTrue(tiny.err().startsWith("failwise plan: --admission-share 1.0E-9: paces go-eu-north-1 (admission 960.0 devices/s) below 0.001"
        + " devices/s; give a share above 0 and at most 1"), tiny.err());
    assertEquals(0, plan(base, "--admission-share", "1").exitCode());
  }

}
