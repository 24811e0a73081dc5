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
  void onAHealthySourceTheEstimateSaysThereIsNoOutageAndWhatTheMoveCosts() throws Exception {
    Cli.Result r = Cli.run("plan", "-f", "playbooks/regional-failover.yaml", "-f", "manifests/samples/clusters.yaml", "--source", "go-eu-west-1");
    assertEquals(0, r.exitCode(), r.err());
    String estimate = r.out().substring(r.out().indexOf("Estimate: "));
    assertEquals(
        List.of(
            "Estimate: HOLD",
            "No outage in progress: go-eu-west-1 is Healthy by its counts, 580 of its 180,000 devices offline (normal churn), so holding"
                + " costs nothing and a failover has no outage to shorten. This failover disrupts 180,000 devices by moving them to"
                + " go-eu-north-1 and back: each is disconnected for the cutover (median 20 min) and then waits its turn to be admitted,"
                + " about 8,896,544 device-minutes in all."),
        estimate.strip().lines().toList());
    assertTrue(r.out().contains("Target: go-eu-north-1 (priority 0): moving 180,000 devices there is expected to cost 8.90 M device-minutes"),
        "the same cost as the target choice: " + r.out());
    for (String outageWords : List.of("the outage", "Re-evaluate", "pays off", "Turns with")) {
      assertTrue(!estimate.contains(outageWords), outageWords + ": " + estimate);
    }
    JsonNode json = new ObjectMapper().readTree(
        Cli.run("plan", "-f", "playbooks/regional-failover.yaml", "-f", "manifests/samples/clusters.yaml", "--source", "go-eu-west-1", "-o", "json")
            .out()).path("estimate");
    assertEquals("HOLD", json.path("recommendation").asText());
    assertTrue(json.path("reevaluateAt").isMissingNode() && json.path("breakEvenSeconds").isMissingNode() && json.path("turnsWith").isMissingNode(),
        json.toString());
    assertEquals(0, json.path("options").get(0).path("devicesDisrupted").asLong(), "holding disrupts nobody");
    assertEquals(180_000, json.path("options").get(1).path("devicesDisrupted").asLong());

    // A drill's move is its canary: 9,000 devices, there and back.
    Cli.Result drill = Cli.run("plan", "-f", "playbooks/quarterly-drill.yaml", "-f", "manifests/samples/clusters.yaml",
        "--source", "go-eu-west-1", "--mode", "Drill", "--max-percent", "5");
    assertTrue(drill.out().contains("This drill disrupts 9,000 devices by moving them to go-eu-north-1 and back: "), drill.out());
  }

  /**
   * A source in an outage is weighed as before: the Outage condition (what the controller writes, and what
   * `kubectl get -o yaml` gives), else status.health, else its counts say so.
   */
  @Test
  void aSourceInAnOutageIsWeighedAgainstTheOutage(@TempDir Path dir) throws Exception {
    String samples = Files.readString(Path.of("manifests/samples/clusters.yaml"));
    String first = "    static: {expected: 180000, connected: 179420}\n";
    assertTrue(samples.contains(first));
    String[] statuses = {
      // By its counts alone: 60,000 of 180,000 offline.
      "    static: {expected: 180000, connected: 120000}\n",
      // status.health written by hand.
      first + "status:\n  devices: {expected: 180000, connected: 120000, offline: 60000}\n  health: Outage\n",
      // As the controller writes it.
      first + "status:\n  devices: {expected: 180000, connected: 120000, offline: 60000}\n  health: Outage\n  conditions:\n"
          + "  - {type: Outage, status: 'True', reason: DevicesOffline, message: x, lastTransitionTime: '2026-03-12T20:45:00Z'}\n",
    };
    for (String status : statuses) {
      Path clusters = Files.writeString(dir.resolve("clusters.yaml"), samples.replaceFirst(java.util.regex.Pattern.quote(first),
          java.util.regex.Matcher.quoteReplacement(status)));
      Cli.Result r = Cli.run("plan", "-f", "playbooks/regional-failover.yaml", "-f", clusters.toString(), "--source", "go-eu-west-1");
      assertEquals(0, r.exitCode(), r.err());
      assertTrue(r.out().contains("60,000 devices are offline now") && !r.out().contains("No outage in progress"), status + r.out());
      assertTrue(r.out().contains("Turns with: "), r.out());
    }
    // The controller wrote that the outage is over: no outage, whatever is still offline.
    Path recovered = Files.writeString(dir.resolve("clusters.yaml"), samples.replaceFirst(java.util.regex.Pattern.quote(first),
        java.util.regex.Matcher.quoteReplacement(first + "status:\n  devices: {expected: 180000, connected: 170000, offline: 10000}\n"
            + "  health: Degraded\n  conditions:\n"
            + "  - {type: Outage, status: 'False', reason: DevicesOffline, message: x, lastTransitionTime: '2026-03-12T23:45:00Z'}\n")));
    Cli.Result r = Cli.run("plan", "-f", "playbooks/regional-failover.yaml", "-f", recovered.toString(), "--source", "go-eu-west-1");
    assertTrue(r.out().contains("No outage in progress: go-eu-west-1 is Degraded, 10,000 of its 180,000 devices offline, so holding costs"
        + " nothing"), r.out());
  }

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
        + " go-eu-west-1 is healthy, in another region and with room for 180,000 devices: go-eu-west-2 is in go-eu-west-1's own region"), r.out());
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
  void theEstimateLearnsFromTheFleetsPastOutagesAsTheControllerIsSetTo(@TempDir Path dir) throws Exception {
    // go-eu-west-1, a third of its devices offline, has recorded 20 outages of 12 minutes: plan's estimate, like the controller's, learns its
    // duration prior from them, unless the configuration (failwise.estimator.past-outages.learn=false,
    // which plan reads when it runs through Quarkus) says not to.
    StringBuilder past = new StringBuilder("status:\n  pastOutages:\n");
    for (int d = 1; d <= 20; d++) {
      past.append(String.format("    - {start: '2026-11-%02dT10:00:00Z', end: '2026-11-%02dT10:12:00Z'}%n", d, d));
    }
    String samples = Files.readString(Path.of("manifests/samples/clusters.yaml"));
    String first = "    static: {expected: 180000, connected: 179420}\n---";
    assertTrue(samples.contains(first));
    Path clusters = Files.writeString(dir.resolve("clusters.yaml"),
        samples.replaceFirst(java.util.regex.Pattern.quote(first), "    static: {expected: 180000, connected: 120000}\n" + past + "---"));
    String[] args = {"plan", "-f", "playbooks/regional-failover.yaml", "-f", clusters.toString(), "--source", "go-eu-west-1"};
    Cli.Result learned = Cli.run(args);
    assertEquals(0, learned.exitCode(), learned.err());
    assertTrue(learned.out().contains("Estimate: HOLD") && learned.out().contains("by a prior learned from 20 past outages of this fleet"),
        learned.out());
    java.io.StringWriter out = new java.io.StringWriter();
    picocli.CommandLine stated =
        new picocli.CommandLine(new PlanCommand(io.failwise.model.estimate.FailoverEstimator.withDefaults(), java.time.Clock.systemUTC(),
            io.failwise.operator.estimate.PastOutages.Learning.OFF));
    stated.setOut(new java.io.PrintWriter(out));
    assertEquals(0, stated.execute(java.util.Arrays.copyOfRange(args, 1, args.length)));
    // With the stated prior (median 2 h), a third of the devices offline for hours is worth a failover; a fleet
    // whose outages end in 12 minutes holds.
    assertTrue(out.toString().contains("Estimate: FAILOVER to go-eu-north-1") && !out.toString().contains("past outages"), out.toString());
  }

  /**
   * plan's estimate cites a calibration of the source as the controller's does; one dated after now (plan's
   * clock) is set aside, as the controller sets it aside, with a warning on stderr naming the file and the field.
   */
  @Test
  void theEstimateCitesTheSourcesCalibrationAndSetsAsideOneFromTheFuture(@TempDir Path dir) throws Exception {
    String samples = Files.readString(Path.of("manifests/samples/clusters.yaml"));
    String first = "    static: {expected: 180000, connected: 179420}\n";
    Path clusters = Files.writeString(dir.resolve("clusters.yaml"), samples.replaceFirst(java.util.regex.Pattern.quote(first),
        java.util.regex.Matcher.quoteReplacement(first + "status:\n  calibration: {cutoverSeconds: 300, cutoverP90Seconds: 400, runs: 2,"
            + " at: '2026-03-01T10:00:00Z'}\n")));
    String[] args = {"-f", "playbooks/regional-failover.yaml", "-f", clusters.toString(), "--source", "go-eu-west-1"};
    java.util.function.Function<String, String[]> at = time -> {
      java.io.StringWriter out = new java.io.StringWriter();
      java.io.StringWriter err = new java.io.StringWriter();
      picocli.CommandLine cmd = new picocli.CommandLine(new PlanCommand(io.failwise.model.estimate.FailoverEstimator.withDefaults(),
          java.time.Clock.fixed(java.time.Instant.parse(time), java.time.ZoneOffset.UTC), io.failwise.operator.estimate.PastOutages.Learning.OFF));
      cmd.setOut(new java.io.PrintWriter(out));
      cmd.setErr(new java.io.PrintWriter(err));
      assertEquals(0, cmd.execute(args), err.toString());
      return new String[] {out.toString(), err.toString()};
    };
    String[] after = at.apply("2026-03-12T21:40:00Z");
    assertTrue(after[0].contains("Cutover 300 s (p90 400 s) as measured by 2 runs, the last at 2026-03-01T10:00:00Z, instead of the 1,200 s"
        + " spec.failover.cutoverSeconds states."), after[0]);
    assertEquals("", after[1]);
    String[] before = at.apply("2026-02-12T21:40:00Z");
    assertTrue(before[0].contains("The measured cutover (status.calibration, the last run at 2026-03-01T10:00:00Z) is ignored: it is dated after"
        + " this estimate (2026-02-12T21:40:00Z), so the 1,200 s spec.failover.cutoverSeconds states applies."), before[0]);
    assertEquals("failwise plan: warning: " + clusters + ", document 1 (Cluster go-eu-west-1): status.calibration.at: 2026-03-01T10:00:00Z is"
        + " after the moment of the estimate (2026-02-12T21:40:00Z): runs that had not finished then cannot inform it, so the calibration is"
        + " ignored and the spec's cutover and admission apply", before[1].strip());
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
            + " failover.granularity: Device, but Cluster 'go-eu-west-1' has Cluster",
        granularity.err().strip());
    Cli.Result missing = Cli.run("plan", "-f", "no-such-file.yaml");
    assertEquals(2, missing.exitCode());
    assertEquals("failwise plan: no-such-file.yaml: no such file or folder", missing.err().strip());
  }

  @Test
  void thePrecheckAndTheEstimateAgreeOnRoomInOneOutput() throws Exception {
    // One idea of room in one output: the playbook's cap (regional-failover: 0.9) times capacity, minus the
    // target's connected devices and its own offline ones (they come back). In target-own-devices-returning
    // that is 300,000 x 0.9 - 90,000 - 1,800 = 178,200 for 180,000 devices: the precheck fails and the
    // estimate finds FAILOVER infeasible. (Counting the 1,800 as room, the precheck passed beside an
    // estimate that said the devices do not fit.)
    for (String scenario : List.of("target-own-devices-returning", "total-outage-hours")) {
      Cli.Result r = Cli.run("plan", "-f", "playbooks/regional-failover.yaml", "-f", "playbooks/scenarios/" + scenario + ".yaml",
          "--source", "go-eu-west-1", "-o", "json");
      assertEquals(0, r.exitCode(), r.err());
      JsonNode out = new ObjectMapper().readTree(r.out());
      JsonNode room = null;
      for (JsonNode check : out.path("prechecks")) {
        if (check.path("name").asText().equals("TargetHasRoom")) {
          room = check;
        }
      }
      JsonNode failover = failover(out);
      assertEquals(failover.path("feasible").asBoolean(), room.path("passed").asBoolean(), scenario + ": " + room + " / " + failover);
      if (scenario.equals("target-own-devices-returning")) {
        assertEquals(false, room.path("passed").asBoolean(), room.toString());
        assertTrue(room.path("message").asText().contains("90,000 connected, 1,800 of its own offline"), room.toString());
        // The target choice counts the same room, and says why the plan still goes there.
        assertEquals("No failover target of go-eu-west-1 is healthy, in another region and with room for 180,000 devices: go-eu-north-1"
            + " has room for 178,200 of the 180,000 devices at 90% of its capacity; go-eu-north-1 is the first eligible by priority, and"
            + " its precheck will refuse the move.", out.path("plan").path("targetChoice").asText());
      }
      if (scenario.equals("total-outage-hours")) {
        assertEquals(true, room.path("passed").asBoolean(), room.toString());
      }
    }
  }

  @Test
  void thePlanGoesWhereTheEstimateSaysTheMoveCostsLeastAndSaysWhy() throws Exception {
    // two-targets.yaml: go-eu-north-2 (priority 0) admits 60/s, go-eu-north-1 (priority 1) 960/s, both with
    // room. Queueing 180,000 devices costs 4.5 M device-minutes at 60/s, 0.28 M at 960/s; the rest of the move
    // (cutover there and back, the failback queue: 8.62 M) is the same, so 8.90 M against 13.12 M.
    Cli.Result r = Cli.run("plan", "-f", "playbooks/regional-failover.yaml", "-f", "playbooks/scenarios/two-targets.yaml",
        "--source", "go-eu-west-1");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().startsWith("Plan: failover of go-eu-west-1 to go-eu-north-1"), r.out());
    assertTrue(r.out().contains("Target: go-eu-north-1 (priority 1): moving 180,000 devices there is expected to cost 8.90 M device-minutes"
        + " at 960 devices/s, the least of the eligible targets with room (go-eu-north-2 (priority 0) 13.12 M)."), r.out());
    assertTrue(r.out().contains("Estimate: FAILOVER to go-eu-north-1"), r.out());
  }

  @Test
  void aStrictOrderMakesThePlanAndTheEstimateTakeTheFirstByPriority(@TempDir Path dir) throws Exception {
    String yaml = Files.readString(Path.of("playbooks/scenarios/two-targets.yaml"))
        .replace("    targets: [{cluster: go-eu-north-2", "    targetOrder: Priority\n    targets: [{cluster: go-eu-north-2");
    Path file = dir.resolve("strict.yaml");
    Files.writeString(file, yaml);
    Cli.Result r = Cli.run("plan", "-f", "playbooks/regional-failover.yaml", "-f", file.toString(), "--source", "go-eu-west-1", "-o", "json");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode out = new ObjectMapper().readTree(r.out());
    assertEquals("go-eu-north-2", out.path("plan").path("target").asText());
    assertTrue(out.path("plan").path("targetChoice").asText().contains("the first target by priority with room (spec.failover.targetOrder"
        + " is Priority); go-eu-north-1 would cost less (8.90 M)"), out.path("plan").toString());
    assertEquals("go-eu-north-2", failover(out).path("target").asText(), "the estimate costs the failover the plan makes");
    Cli.Result bad = Cli.run("plan", "-f", "playbooks/regional-failover.yaml", "-f", Files.writeString(dir.resolve("bad.yaml"),
        yaml.replace("targetOrder: Priority", "targetOrder: Cheapest")).toString(), "--source", "go-eu-west-1");
    assertEquals(2, bad.exitCode(), bad.out());
    assertTrue(bad.err().contains("targetOrder") && bad.err().contains("LeastLoss") && bad.err().contains("Priority"), bad.err());
  }

  private static JsonNode failover(JsonNode planOutput) {
    for (JsonNode option : planOutput.path("estimate").path("options")) {
      if (option.path("action").asText().equals("FAILOVER")) {
        return option;
      }
    }
    throw new AssertionError("no FAILOVER option in " + planOutput.path("estimate"));
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
    assertTrue(r.err().contains("run: spec.drill: bounds a drill only (mode Drill, or Plan to plan one); mode Failover moves every device"), r.err());
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
}
