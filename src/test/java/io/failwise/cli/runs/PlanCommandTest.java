package io.failwise.cli.runs;

import io.failwise.testing.Cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanCommandTest {
  @TempDir Path dir;

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

  @Test
  void plansFromTheListsKubectlGetWrites() throws Exception {
    // `kubectl get fwplaybook -o yaml > playbooks.yaml`: the playbook is an item of a List, not a document of its own.
    Path playbooks = io.failwise.testing.KubectlGetYaml.write(dir.resolve("playbooks.yaml"), Path.of("playbooks/regional-failover.yaml"));
    Path clusters = io.failwise.testing.KubectlGetYaml.write(dir.resolve("clusters.yaml"), Path.of("manifests/samples/clusters.yaml"));
    Cli.Result r = Cli.run("plan", "-f", playbooks.toString(), "-f", clusters.toString(), "--source", "go-eu-west-1");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().startsWith("Plan: failover of go-eu-west-1 to go-eu-north-1 with playbook regional-failover: 180,000 devices move."), r.out());
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
            "1      10%       18,000    18,000                 162,000 (90%)           24 s         2 min",
            "2      50%       72,000    90,000                 90,000 (50%)            1 min 34 s   2 min",
            "3      100%      90,000    180,000                0 (0%)                  1 min 58 s   2 min"),
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
  }

  @Test
  void aTargetInTheSourcesOwnRegionFailsItsPrecheckWithTheReason() {
    // go-eu-west-1 and go-eu-west-2 both run in eu-west: the outage of the region reaches both, so a
    // run into go-eu-west-2 is no regional failover. The estimator never chooses it; a run that names it
    // gets a failed precheck saying why, as the controller's precheck step would refuse it.
    Cli.Result r = Cli.run("plan", "-f", "playbooks/regional-failover.yaml", "-f", "manifests/samples/clusters.yaml", "--source", "go-eu-west-1",
        "--target", "go-eu-west-2");
    assertEquals(0, r.exitCode(), "a plan shows its failed prechecks: " + r.err());
    assertTrue(r.out().contains("  FAIL  TargetInAnotherRegion  go-eu-west-2 is in go-eu-west-1's own region (eu-west): failing over there is no"
        + " regional failover."), r.out());
    // The estimate speaks of the run's own target, not of go-eu-north-1 that the run will not go to.
    assertTrue(r.out().contains("This failover would disrupt 180,000 devices by moving them to go-eu-west-2 and back. No failover target of"
        + " go-eu-west-1 is healthy, in another region, free of other runs and with room for 180,000 devices: go-eu-west-2 is in go-eu-west-1's own region"), r.out());
    Cli.Result other = Cli.run("plan", "-f", "playbooks/regional-failover.yaml", "-f", "manifests/samples/clusters.yaml", "--source", "go-eu-west-1");
    assertTrue(other.out().contains("  ok    TargetInAnotherRegion  go-eu-north-1 is in eu-north, go-eu-west-1 in eu-west."), other.out());
  }

  @Test
  void aPipelineCanRefuseAPlanWhosePrechecksFail() {
    // With --fail-on-precheck the plan is printed all the same (the comment a pull request shows), then
    // the job fails with one line per failed check; a plan whose checks pass still exits 0.
    String[] sameRegion = {"plan", "-f", "playbooks/regional-failover.yaml", "-f", "manifests/samples/clusters.yaml", "--source", "go-eu-west-1",
        "--target", "go-eu-west-2", "--fail-on-precheck"};
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
        "failwise plan: run: spec.source: playbook 'affected-devices' moves only the affected devices (scope: Affected), which needs"
            + " failover.granularity: Device, but Cluster 'go-eu-west-1' has failover.granularity: Cluster",
        granularity.err().strip());
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
  void aRunInTheFilesWithDrillBoundsAndModeFailoverIsRefused(@TempDir Path dir) throws Exception {
    Path run = Files.writeString(dir.resolve("run.yaml"), Files.readString(Path.of("playbooks/runs/quarterly-drill.yaml")).replace("mode: Drill", "mode: Failover"));
    Cli.Result r = Cli.run("plan", "-f", run.toString(), "-f", "playbooks/quarterly-drill.yaml", "-f", "manifests/samples/clusters.yaml");
    assertEquals(2, r.exitCode(), r.out());
    assertTrue(r.err().contains(run + ", document 1 (FailoverRun quarterly-drill-eu-west-1): spec.drill: bounds a drill only (mode Drill, or Plan to"
        + " plan one); mode Failover moves every device"), r.err());
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

  @Test
  void aNameNotInTheFilesIsBlamedOnTheOptionWithTheNamesThatAre() {
    Cli.Result source = Cli.run("plan", "-f", "playbooks/regional-failover.yaml", "-f", "manifests/samples/clusters.yaml", "--source", "nope");
    assertEquals(2, source.exitCode());
    assertTrue(source.err().strip().matches("failwise plan: --source nope: no Cluster of that name in the files; Clusters: go-eu-west-1, go-eu-west-2, .*"),
        source.err());
    Cli.Result target = Cli.run("plan", "-f", "playbooks/regional-failover.yaml", "-f", "manifests/samples/clusters.yaml", "--source", "go-eu-west-1",
        "--target", "nope");
    assertEquals(2, target.exitCode());
    assertTrue(target.err().startsWith("failwise plan: --target nope: no Cluster of that name in namespace failwise of the files; Clusters there: go-eu-west-1"),
        target.err());
    Cli.Result playbook = Cli.run("plan", "-f", "playbooks/regional-failover.yaml", "-f", "manifests/samples/clusters.yaml", "--source", "go-eu-west-1",
        "--playbook", "nope");
    assertEquals(2, playbook.exitCode());
    assertEquals("failwise plan: --playbook nope: no FailoverPlaybook of that name in namespace failwise of the files; FailoverPlaybooks there:"
        + " regional-failover", playbook.err().strip());
    Cli.Result run = Cli.run("plan", "-f", "playbooks/regional-failover.yaml", "-f", "manifests/samples/clusters.yaml", "--run", "nope");
    assertEquals(2, run.exitCode());
    assertEquals("failwise plan: --run nope: no FailoverRun of that name in the files; FailoverRuns there: (none)", run.err().strip());
  }

  /**
   * The Clusters of an estimate Scenario file are that scenario's world, not the one a plan is made in:
   * set aside (said once on stderr), whatever the order of the -f's. same-region-target.yaml defines a
   * go-eu-west-1 whose only target is go-eu-west-3; the real go-eu-west-1 (manifests/samples) fails over
   * to go-eu-north-1. The first definition read once won.
   */
  @Test
  void theClustersOfAScenarioFileAreSetAsideWhateverTheOrderOfTheFiles() {
    String scenario = "playbooks/scenarios/same-region-target.yaml";
    String expected = "Plan: failover of go-eu-west-1 to go-eu-north-1 with playbook regional-failover: 180,000 devices move.";
    for (String[] order : List.of(new String[] {scenario, "manifests/samples/clusters.yaml", "playbooks/regional-failover.yaml"},
        new String[] {"manifests/samples/clusters.yaml", scenario, "playbooks/regional-failover.yaml"},
        new String[] {"playbooks/", "manifests/samples/"}, new String[] {"manifests/samples/", "playbooks/"})) {
      List<String> args = new java.util.ArrayList<>(List.of("plan", "--source", "go-eu-west-1", "--playbook", "regional-failover"));
      for (String f : order) {
        args.addAll(List.of("-f", f));
      }
      Cli.Result r = Cli.run(args.toArray(String[]::new));
      assertEquals(0, r.exitCode(), String.join(" ", order) + ": " + r.err());
      assertTrue(r.out().startsWith(expected), String.join(" ", order) + ": " + r.out());
      List<String> notes = r.err().lines().filter(l -> l.startsWith("failwise plan: set aside the Clusters of ")).toList();
      assertEquals(1, notes.size(), r.err());
      assertTrue(notes.get(0).contains("an estimate Scenario is a world of its own"), r.err());
    }
    // The one Scenario file given without other Clusters is the world planned in (plan -f PLAYBOOK -f SCENARIO); of
    // several, none is chosen by the order of the files.
    Cli.Result only = Cli.run("plan", "-f", scenario, "-f", "playbooks/regional-failover.yaml", "--source", "go-eu-west-1");
    assertEquals(2, only.exitCode(), only.out());
    assertEquals("failwise plan: No failover target of go-eu-west-1 is healthy, in another region, free of other runs and with room for 180,000"
        + " devices: go-eu-west-3 is in go-eu-west-1's own region (eu-west): failing over there is no regional failover.\n", only.err());
    Cli.Result several = Cli.run("plan", "-f", "playbooks/scenarios/", "-f", "playbooks/regional-failover.yaml", "--source", "go-eu-west-1");
    assertEquals(2, several.exitCode(), several.out());
    assertEquals("failwise plan: the files' Clusters are those of 17 Scenario files (playbooks/scenarios/2026-03-12-incident.yaml and 16 more),"
        + " each an estimate Scenario's world of its own: give one of them with -f, or the files that define the real Clusters\n", several.err());
    // Without a Scenario file, nothing is said.
    Cli.Result plain = Cli.run("plan", "-f", "playbooks/regional-failover.yaml", "-f", "manifests/samples/clusters.yaml", "--source", "go-eu-west-1");
    assertEquals("", plain.err());
  }

  /** Two definitions of one Cluster are an error naming both, never a choice made by the order of the -f's. */
  @Test
  void aClusterDefinedTwiceIsAnErrorNamingBothPlaces() throws Exception {
    String samples = Files.readString(Path.of("manifests/samples/clusters.yaml"));
    Path copy = Files.writeString(dir.resolve("copy.yaml"), samples.replace("devices: 250000", "devices: 260000"));
    Cli.Result r = Cli.run("plan", "-f", "playbooks/regional-failover.yaml", "-f", "manifests/samples/clusters.yaml", "-f", copy.toString(),
        "--source", "go-eu-west-1");
    assertEquals(2, r.exitCode(), r.out());
    assertTrue(r.err().contains("failwise plan: " + copy + ", document 1 (Cluster go-eu-west-1): metadata.name: Cluster failwise/go-eu-west-1 is also"
        + " defined in manifests/samples/clusters.yaml, document 1 (Cluster go-eu-west-1)"), r.err());
    // The same name in another namespace: which one --source means is not for the order of the files to say.
    Path other = Files.writeString(dir.resolve("other.yaml"), samples.replace("namespace: failwise", "namespace: staging"));
    Cli.Result two = Cli.run("plan", "-f", "playbooks/regional-failover.yaml", "-f", "manifests/samples/clusters.yaml", "-f", other.toString(),
        "--source", "go-eu-west-1");
    assertEquals(2, two.exitCode(), two.out());
    assertTrue(two.err().contains("failwise plan: --source go-eu-west-1: Clusters of that name in 2 namespaces: failwise (manifests/samples/clusters.yaml,"
        + " document 1 (Cluster go-eu-west-1)); staging (" + other + ", document 1 (Cluster go-eu-west-1))"), two.err());
  }

  /** A problem of a FailoverRun of the files names its file and document, as validate's lines do. */
  @Test
  void aProblemOfARunInTheFilesNamesTheFileAndTheDocument() throws Exception {
    Path run = Files.writeString(dir.resolve("r2.yaml"), """
        apiVersion: failwise.io/v1alpha1
        kind: FailoverRun
        metadata: {name: r2, namespace: failwise}
        spec: {playbook: regional-failover, source: go-eu-west-9, target: go-eu-north-1, mode: Failover}
        """);
    Cli.Result r = Cli.run("plan", "-f", run.toString(), "-f", "playbooks/regional-failover.yaml", "-f", "manifests/samples/");
    assertEquals(2, r.exitCode(), r.out());
    assertEquals("failwise plan: " + run + ", document 1 (FailoverRun r2): spec.source: Cluster 'go-eu-west-9' does not exist; known: go-eu-north-1,"
        + " go-eu-north-2, go-eu-west-1, go-eu-west-2\n", r.err());
  }
}
