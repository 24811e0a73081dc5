package io.failwise.console;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunStatus;
import io.failwise.api.FailoverRunStatus.StopConditionReading;
import io.failwise.api.StopConditionSpec;
import io.failwise.cli.runs.RunReport;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The console's run view says of each stop condition what the run's status says: fired, not fired, not evaluated. */
class RunViewTest {
  private static final String AT = "2026-03-13T09:08:00Z";

  private static FailoverRun drill() {
    try (InputStream in = RunViewTest.class.getResourceAsStream("/console/drill-run.yaml")) {
      return Serialization.unmarshal(in, FailoverRun.class);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static StopConditionSpec condition(String name) {
    StopConditionSpec c = new StopConditionSpec();
    c.name = name;
    return c;
  }

  /** The quarterly drill's conditions, stopped by an outage of its target: two fired, as the controller records them. */
  private static FailoverRun stoppedByTheTarget() {
    FailoverRun run = drill();
    FailoverRunStatus s = run.getStatus();
    StopConditionSpec lost = condition("canary-lost");
    lost.reconnectedRatioBelow = 0.9;
    StopConditionSpec offline = condition("target-offline");
    offline.offlineDevicesAbove = 1_000L;
    StopConditionSpec worse = condition("source-worse");
    worse.cluster = "Source";
    worse.offlineRatioRiseAbove = 0.02;
    StopConditionSpec blind = condition("target-blind");
    blind.signalUnknownSeconds = 60L;
    s.plan.stopConditions = new ArrayList<>(List.of(lost, offline, worse, blind));
    s.phase = "RolledBack";
    s.reason = "StopCondition";
    s.report.stopCondition = "target-offline";
    s.report.cause = "Stop condition target-offline fired: 18,055 devices are offline at the target, above the limit of 1,000."
        + " Stop condition canary-lost fired too: only 4,368 of the 9,000 devices moved have connected at the target (49%) ...";
    s.report.stopConditions = new ArrayList<>(List.of(
        new StopConditionReading("target-offline", "Fired", "18,055 devices are offline at the target, above the limit of 1,000.", AT),
        new StopConditionReading("canary-lost", "Fired", "only 4,368 of the 9,000 devices moved have connected at the target (49%) ...", AT),
        new StopConditionReading("source-worse", "NotEvaluated", "not checked until 2 min after the last wave (devices in flight).", AT),
        new StopConditionReading("target-blind", "NotFired", "the device counts of the target are known.", AT)));
    return run;
  }

  /**
   * The drill in its hold, 9,000 devices on the target, its source now in an Outage: the page offered
   * "failwise abort" as if it would go through, and the CLI refused it (the rollback sends the 9,000 back
   * into the outage at once). It says so and offers what the CLI takes: halt, or the abort with --anyway.
   */
  @Test
  void anAbortIntoTheSourcesOutageIsSaidAndTheCommandsAreTheOnesTheCliTakes() {
    FailoverRun run = drill();
    FailoverRunStatus s = run.getStatus();
    s.phase = "Running";
    s.finishedAt = null;
    s.steps.get(2).state = "Running";
    s.steps.get(2).finishedAt = null;
    s.steps.get(3).state = "Pending";
    s.steps.get(3).startedAt = null;
    s.steps.get(3).finishedAt = null;
    s.steps.get(3).wavesAppliedAt = new ArrayList<>();
    io.failwise.api.Cluster source = new io.failwise.api.Cluster();
    source.setStatus(new io.failwise.api.ClusterStatus());
    source.getStatus().health = "Outage";
    source.getStatus().onsetTime = "2026-03-13T09:04:00Z";
    Map<String, Object> d = RunView.detail(run, false, source, Instant.parse("2026-03-13T09:30:00Z"), java.time.ZoneOffset.ofHours(1));
    String warning = (String) d.get("abortWarning");
    assertTrue(warning.startsWith("An abort now: its rollback undoes the shift at once, sending the 9,000 devices now on go-eu-north-1 back to"
        + " go-eu-west-1, which shows an Outage since 10:04:00 +01:00"), warning);
    assertTrue(warning.endsWith("failwise abort refuses it without --anyway; failwise halt pauses every run before its next move instead,"
        + " until failwise resume."), warning);
    @SuppressWarnings("unchecked")
    List<String> commands = (List<String>) d.get("commands");
    assertTrue(commands.contains("failwise halt --reason \"...\""), commands.toString());
    assertTrue(commands.contains("failwise abort drill-go-eu-west-1 -n console --anyway --reason \"...\""), commands.toString());
    // The source healthy again: the abort is an ordinary one.
    source.getStatus().health = "Healthy";
    Map<String, Object> healthy = RunView.detail(run, false, source, Instant.parse("2026-03-13T09:30:00Z"), java.time.ZoneOffset.UTC);
    assertEquals(null, healthy.get("abortWarning"));
    assertTrue(((List<?>) healthy.get("commands")).contains("failwise abort drill-go-eu-west-1 -n console --reason \"...\""), healthy.toString());
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> stops(Map<String, Object> detail) {
    return (List<Map<String, Object>>) detail.get("stopConditions");
  }

  private static List<String> states(Map<String, Object> detail) {
    return stops(detail).stream()
        .map(m -> ((StopConditionSpec) m.get("condition")).name + "=" + m.get("state") + "/" + m.get("fired")).toList();
  }

  @Test
  void everyConditionThatFiredIsShownFiredWithItsReading() {
    Map<String, Object> d = RunView.detail(stoppedByTheTarget());
    assertEquals(
        List.of("canary-lost=Fired/true", "target-offline=Fired/true", "source-worse=NotEvaluated/false", "target-blind=NotFired/false"),
        states(d), "in the playbook's order");
    assertEquals("18,055 devices are offline at the target, above the limit of 1,000.", stops(d).get(1).get("reading"));
    assertEquals(List.of("target-offline", "canary-lost"), d.get("stopConditionsFired"), "the most telling first");
    assertEquals("target-offline", d.get("stopConditionFired"));
  }

  @Test
  void theReportListsEveryConditionsState() {
    String md = RunReport.markdown(stoppedByTheTarget());
    assertTrue(md.contains("| Stop conditions | | target-offline, canary-lost |"), md);
    assertTrue(md.contains("## Stop conditions\n\n| Condition | State | Reading |\n|---|---|---|\n"
        + "| canary-lost | **fired** | only 4,368 of the 9,000 devices moved have connected at the target (49%) ... |\n"
        + "| target-offline | **fired** | 18,055 devices are offline at the target, above the limit of 1,000. |\n"
        + "| source-worse | not evaluated | not checked until 2 min after the last wave (devices in flight). |\n"
        + "| target-blind | not fired | the device counts of the target are known. |\n"), md);
  }

  @Test
  void aStatusThatNamesOnlyTheFirstThatFiredMarksThatOneByItsExactName() {
    FailoverRun run = stoppedByTheTarget();
    run.getStatus().report.stopConditions = null; // as a controller that recorded only the first wrote it
    run.getStatus().plan.stopConditions.get(3).name = "offline"; // a substring of target-offline
    Map<String, Object> d = RunView.detail(run);
    assertEquals(
        List.of("canary-lost=NotEvaluated/false", "target-offline=Fired/true", "source-worse=NotEvaluated/false", "offline=NotEvaluated/false"),
        states(d));
    assertTrue(String.valueOf(stops(d).get(0).get("reading")).startsWith("not recorded"));
  }

  @Test
  void aDrillThatEndedWithoutAStopShowsItsConditionsNotFired() {
    Map<String, Object> d = RunView.detail(drill());
    assertEquals(List.of("canary-lost=NotFired/false", "source-worse=NotFired/false"), states(d));
    assertEquals(List.of(), d.get("stopConditionsFired"));
  }

  @Test
  void aRunThatStoppedBeforeWatchingShowsItsConditionsNotEvaluated() {
    FailoverRun run = drill();
    FailoverRunStatus s = run.getStatus();
    s.steps.forEach(st -> {
      st.state = "Precheck".equals(st.kind) ? "Failed" : "Pending";
      st.wavesAppliedAt = new ArrayList<>();
    });
    s.report = null;
    assertEquals(List.of("canary-lost=NotEvaluated/false", "source-worse=NotEvaluated/false"), states(RunView.detail(run)));
  }

  /** The commands to copy are the ones the CLI accepts in that phase: no abort of a Planned run (refused, it has ended); resume beside a halted run. */
  @Test
  void theCommandsOfferedAreTheOnesThePhaseAccepts() {
    FailoverRun run = drill();
    run.getStatus().phase = "Planned";
    assertTrue(RunView.commands(run, run.getStatus()).stream().noneMatch(c -> c.startsWith("failwise abort")), RunView.commands(run, run.getStatus()).toString());
    run.getStatus().phase = "Halted";
    List<String> halted = RunView.commands(run, run.getStatus());
    assertTrue(halted.contains("failwise resume"), halted.toString());
    assertTrue(halted.stream().anyMatch(c -> c.startsWith("failwise abort drill-")), halted.toString());
    run.getStatus().phase = "AwaitingApproval";
    List<String> waiting = RunView.commands(run, run.getStatus());
    assertTrue(waiting.get(0).startsWith("failwise approve ") && waiting.stream().anyMatch(c -> c.startsWith("failwise abort")), waiting.toString());
    // A Failed run holds its clusters until resolved: the console offers the resolve, once.
    run.getStatus().phase = "Failed";
    assertTrue(RunView.commands(run, run.getStatus()).get(0).startsWith("failwise resolve drill-"), RunView.commands(run, run.getStatus()).toString());
    run.getStatus().resolved = new io.failwise.api.FailoverRunStatus.UserRequest("sre", "2026-03-12T23:00:00Z", null);
    assertTrue(RunView.commands(run, run.getStatus()).stream().noneMatch(c -> c.startsWith("failwise resolve")), RunView.commands(run, run.getStatus()).toString());
  }

  /** In a sped-up world the console's report is failwise report's: the wall-clock creation named apart, not sorted among simulated times. */
  @Test
  void theReportOfARunOnASimulatedClockIsTheOneTheCliPrints() {
    FailoverRun run = drill();
    run.getMetadata().setCreationTimestamp("2026-12-05T13:16:04Z");
    String simulated = (String) RunView.detail(run, true, null, Instant.parse("2026-03-13T09:30:00Z"), java.time.ZoneOffset.UTC).get("report");
    assertEquals(io.failwise.cli.runs.RunReport.markdown(run, true), simulated);
    assertTrue(simulated.contains(" by the API server's wall clock; the times below are the controller's simulated clock"), simulated);
    assertEquals(io.failwise.cli.runs.RunReport.markdown(run, false), RunView.detail(run, false, null, Instant.parse("2026-03-13T09:30:00Z"), java.time.ZoneOffset.UTC).get("report"));
  }
}
