package io.failwise.operator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunSpec.Mode;
import io.failwise.cli.runs.RunReport;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The markdown report of runs of the repository's playbooks, as `failwise report` prints it. */
class RunReportTest {
  @Test
  void aFailoverReportHasTheTimelineInOrderTheEstimateTheStepsAndWhoApproved() {
    try (RunHarness h = new RunHarness()) {
      h.setConnected("go-eu-west-1", 100_000);
      h.create("incident", "regional-failover", "go-eu-west-1", Mode.Failover, s -> s.reason = "INC-0312: provider capacity");
      FailoverRun run = h.drive("incident", r -> {
        h.approver("oncall@example.com").accept(r);
        if ("WaitingForSource".equals(r.getStatus().reason)) {
          h.setConnected("go-eu-west-1", 179_420);
        }
      });
      String md = RunReport.markdown(run);
      assertTrue(md.startsWith("# FailoverRun failwise/incident\n\n- **Outcome:** Succeeded (Every step completed."), md);
      assertTrue(md.contains("- **Reason:** INC-0312: provider capacity"), md);
      List<String> timeline = md.lines().dropWhile(l -> !l.equals("## Timeline")).skip(4).takeWhile(l -> l.startsWith("|")).toList();
      List<String> times = timeline.stream().map(l -> l.substring(2, 22)).toList();
      assertEquals(times.stream().sorted().toList(), times, "in time order");
      assertTrue(timeline.size() > 20, md);
      assertTrue(timeline.stream().anyMatch(l -> l.contains("Approved by oncall@example.com (step approve)")), md);
      assertTrue(timeline.stream().anyMatch(l -> l.contains("Step scale-target-gateway applied: Scale Deployment go-eu-north-1-gateway")), md);
      assertTrue(timeline.stream().anyMatch(l -> l.contains("Step shift wave 4 applied: 100% at the target (180,000 devices)")), md);
      assertTrue(md.contains("| Devices at the target | 180,000 | 180,000 at most |"), md);
      assertTrue(md.contains("Recommendation at 2026-03-12T21:40:00Z: **FAILOVER to go-eu-north-1**"), md);
      assertTrue(md.contains("| 4 | shift | Shift | Succeeded |"), md);
      assertTrue(md.contains("| approve | oncall@example.com |"), md);
      assertTrue(md.contains("| ConfigMap failwise/device-routing | shift | 2026-03-12T"), "the routing object and when it was restored: " + md);
    }
  }

  @Test
  void aRunAbortedWhileVerifyingReportsWhenTheShiftWasUndoneAndNoStepStillRunning() {
    try (RunHarness h = new RunHarness()) {
      h.create("game-day", "regional-failover", "go-eu-west-1", Mode.Failover, s -> {});
      FailoverRun run = h.drive("game-day", r -> {
        h.approver("oncall").accept(r);
        if ("verify".equals(r.getStatus().currentStep) && r.getStatus().abort == null) {
          h.abort("game-day", "sre@example.com");
        }
      });
      var s = run.getStatus();
      assertEquals("RolledBack", s.phase, s.message);
      assertTrue(s.message.endsWith("Every step that ran was undone."), s.message);
      var shift = s.steps.get(3);
      assertEquals("Undone", shift.state);
      assertTrue(Instant.parse(shift.undoneAt).isAfter(Instant.parse(shift.finishedAt)), "undone after it finished: " + shift.finishedAt + " " + shift.undoneAt);
      assertEquals("Undone", s.steps.get(4).state, "the interrupted verify step is not left Running");

      String md = RunReport.markdown(run);
      List<String> steps = md.lines().dropWhile(l -> !l.equals("## Steps")).skip(4).takeWhile(l -> l.startsWith("|")).toList();
      assertEquals(6, steps.size(), md);
      assertTrue(steps.stream().noneMatch(l -> l.contains("| Running |")), "no step listed Running after the rollback:\n" + md);
      assertTrue(steps.get(3).contains("| Undone | ") && steps.get(3).contains("| " + shift.finishedAt + " | " + shift.undoneAt + " | 4 of 4 |"),
          "the shift's finish and its undo, each at its own time: " + steps.get(3));
      List<String> timeline = md.lines().dropWhile(l -> !l.equals("## Timeline")).skip(4).takeWhile(l -> l.startsWith("|")).toList();
      assertTrue(timeline.contains("| " + Instant.parse(shift.finishedAt) + " | Step shift finished |"), md);
      assertTrue(timeline.contains("| " + Instant.parse(shift.undoneAt) + " | Step shift undone: Undone. |"), md);
    }
  }

  @Test
  void aReportOfAStatusWithoutWaveTimesDoesNotFail() {
    try (RunHarness h = new RunHarness()) {
      h.create("old", "regional-failover", "go-eu-west-1", Mode.Failover, s -> {});
      FailoverRun run = h.drive("old", h.approver("oncall"));
      run.getStatus().steps.forEach(st -> st.wavesAppliedAt = null); // as a status written by hand or an older controller
      String md = RunReport.markdown(run);
      assertTrue(md.contains("| 4 | shift | Shift | Succeeded |") && md.contains("| 0 of 4 |"), md);
    }
  }

  @Test
  void aPlannedRunReportsItsPlanAndSaysNothingRan() {
    try (RunHarness h = new RunHarness()) {
      h.create("what-if", "quarterly-drill", "go-eu-west-1", Mode.Plan, s -> s.drill = new io.failwise.api.FailoverRunSpec.Drill());
      String md = RunReport.markdown(h.drive("what-if", r -> {}));
      assertTrue(md.contains("## Plan (nothing was executed)"), md);
      // Each precheck with its verdict and why: a Plan that says "1 precheck fails" is read here.
      assertTrue(md.contains("## Prechecks\n\n| Check | Result | Why |\n|---|---|---|\n| "), md);
      assertTrue(md.contains("| NotHalted | Passes | "), md);
      assertTrue(md.contains("| 3 | drill-hold | Verify | 10 min | Hold the drill at 5% for 10 min, watching the stop conditions. |"), md);
      assertTrue(md.contains("## Approvals\n\nNone."), md);

      // An approval the controller refused (not in the run's approver group) is in the audit trail too.
      var refused = new io.failwise.api.FailoverApproval();
      refused.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("what-if-approve-bob")
          .withCreationTimestamp("2026-03-12T21:41:00Z").build());
      refused.setSpec(new io.failwise.api.FailoverApprovalSpec());
      refused.getSpec().run = "what-if";
      refused.getSpec().step = "approve";
      refused.getSpec().approver = "bob";
      refused.setStatus(new io.failwise.api.FailoverApprovalStatus());
      refused.getStatus().phase = "Rejected";
      refused.getStatus().message = "bob is not in approver group sre-oncall.";
      String audited = RunReport.markdown(h.run("what-if"), false, java.util.List.of(refused));
      assertTrue(audited.contains("## Approvals\n\nNone accepted.\n\nRefused:\n\n| Step | By | At | FailoverApproval | Why |\n|---|---|---|---|---|\n"
          + "| approve | bob | 2026-03-12T21:41:00Z | what-if-approve-bob | bob is not in approver group sre-oncall. |\n"), audited);
    }
  }
  @Test
  void aRunHaltedAndResumedStillReportsWhoHaltedItWhyAndForHowLongAfterItEnds() {
    try (RunHarness h = new RunHarness()) {
      h.create("drill", "quarterly-drill", "go-eu-west-1", Mode.Drill, s -> {});
      FailoverRun done = h.drive("drill", run -> {
        var steps = run.getStatus().steps;
        if (steps != null && steps.get(1).wavesAppliedAt.size() == 1 && run.getStatus().halts == null && h.halt.isEmpty()) {
          h.halt = java.util.Optional.of(new RunWorld.Halt("lead@example.com", "2026-03-12T21:50:00Z", "provider incident"));
        } else if ("Halted".equals(run.getStatus().phase) && h.clock.instant().isAfter(Instant.parse("2026-03-12T23:00:00Z"))) {
          h.halt = java.util.Optional.empty();
        }
      });
      var s = done.getStatus();
      assertEquals("Succeeded", s.phase, s.message);
      assertEquals(null, s.halt, "resuming clears who holds the run now");
      assertEquals(1, s.halts.size());
      var halt = s.halts.get(0);
      assertEquals("lead@example.com", halt.by);
      assertEquals("2026-03-12T21:50:00Z", halt.at);
      assertEquals("provider incident", halt.reason);
      Instant stopped = Instant.parse(halt.haltedAt);
      Instant resumed = Instant.parse(halt.resumedAt);
      assertTrue(!resumed.isBefore(Instant.parse("2026-03-12T23:00:00Z")) && stopped.isBefore(Instant.parse("2026-03-12T22:00:00Z")),
          halt.haltedAt + " " + halt.resumedAt);
      String held = io.failwise.model.Format.duration(java.time.Duration.between(stopped, resumed));

      String md = RunReport.markdown(done);
      assertTrue(md.contains("- **Halted by:** lead@example.com (provider incident), set at 2026-03-12T21:50:00Z; the run stopped at "
          + halt.haltedAt + " and resumed at " + halt.resumedAt + " (" + held + " halted)\n"), md);
      List<String> timeline = md.lines().dropWhile(l -> !l.equals("## Timeline")).skip(4).takeWhile(l -> l.startsWith("|")).toList();
      assertTrue(timeline.contains("| " + stopped + " | Halted by lead@example.com: provider incident |"), md);
      assertTrue(timeline.contains("| " + resumed + " | Resumed after " + held + " halted |"), md);
    }
  }

  @Test
  void aRunAbortedWhileHaltedReportsTheHaltUntilItEnded() {
    try (RunHarness h = new RunHarness()) {
      h.create("drill", "quarterly-drill", "go-eu-west-1", Mode.Drill, s -> {});
      FailoverRun done = h.drive("drill", run -> {
        var steps = run.getStatus().steps;
        if (steps != null && steps.get(1).wavesAppliedAt.size() == 1 && h.halt.isEmpty() && run.getStatus().abort == null) {
          h.halt = java.util.Optional.of(new RunWorld.Halt("lead", "2026-03-12T21:50:00Z", null));
        } else if ("Halted".equals(run.getStatus().phase) && run.getStatus().abort == null) {
          h.abort("drill", "sre@example.com");
        }
      });
      var s = done.getStatus();
      assertEquals("RolledBack", s.phase, s.message);
      var halt = s.halts.get(0);
      assertEquals(null, halt.resumedAt, "it never resumed");
      String md = RunReport.markdown(done);
      assertTrue(md.contains("- **Halted by:** lead, set at 2026-03-12T21:50:00Z; the run stopped at " + halt.haltedAt
          + " and did not resume; it ended at " + s.finishedAt + " ("), md);
    }
  }

  /**
   * A sped-up world: the run was created at 22:53 by the API server's wall clock, while the
   * controller stamped everything else on the simulated clock, hours later. The timeline is in that
   * one clock, and things of the same second are listed in the order they happened.
   */
  @Test
  void aReportIsInTheControllersClockAndListsTiesInTheOrderTheyHappened() {
    FailoverRun run = new FailoverRun();
    run.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withNamespace("failwise").withName("game-day")
        .withCreationTimestamp("2026-12-04T22:53:00Z").build());
    run.setSpec(new io.failwise.api.FailoverRunSpec());
    run.getSpec().playbook = "regional-failover";
    run.getSpec().source = "go-eu-west-1";
    run.getSpec().mode = Mode.Failover;
    var s = new io.failwise.api.FailoverRunStatus();
    run.setStatus(s);
    s.phase = "RolledBack";
    s.startedAt = "2026-12-05T02:34:00Z";
    s.finishedAt = "2026-12-05T02:37:44Z";
    s.plan = new io.failwise.api.FailoverRunStatus.Plan();
    s.plan.steps = new java.util.ArrayList<>();
    s.steps = new java.util.ArrayList<>();
    step(s, "approve", "Approval", "2026-12-05T02:34:00Z", "2026-12-05T02:35:10Z", null);
    step(s, "scale-target-gateway", "Scale", "2026-12-05T02:35:10Z", "2026-12-05T02:35:30Z", "2026-12-05T02:37:44Z");
    step(s, "shift", "Shift", "2026-12-05T02:35:30Z", "2026-12-05T02:36:00Z", "2026-12-05T02:37:44Z");
    s.approvals = new java.util.ArrayList<>(List.of(new io.failwise.api.FailoverRunStatus.Approval("approve", "alice", "2026-12-05T02:35:10Z")));
    s.abort = new io.failwise.api.FailoverRunStatus.UserRequest("carol", "2026-12-05T02:37:44Z", "drill over");

    String md = RunReport.markdown(run, true);
    List<String> timeline = md.lines().dropWhile(l -> !l.equals("## Timeline")).skip(4).takeWhile(l -> l.startsWith("|")).toList();
    assertTrue(md.contains("- **Created:** 2026-12-04T22:53:00Z by the API server's wall clock; the times below are the controller's simulated clock"), md);
    assertTrue(timeline.stream().noneMatch(l -> l.contains("Created")), "the wall-clock creation is not sorted among simulated times:\n" + md);
    assertTrue(timeline.get(0).startsWith("| 2026-12-05T02:34:00Z | Started"), md);
    List<String> times = timeline.stream().map(l -> l.substring(2, 22)).toList();
    assertEquals(times.stream().sorted().toList(), times, "in time order");
    List<String> what = timeline.stream().map(l -> l.substring(25)).toList();
    assertTrue(what.indexOf("Approved by alice (step approve) |") < what.indexOf("Step approve succeeded |"),
        "the approval, then the step it let finish:\n" + md);
    int abort = what.indexOf("Abort asked by carol: drill over |");
    int shift = what.indexOf("Step shift undone |");
    int gateway = what.indexOf("Step scale-target-gateway undone |");
    assertTrue(abort >= 0 && abort < shift && shift < gateway && gateway < what.size() - 1,
        "the abort, then the undos newest step first, then the end:\n" + md);
    assertTrue(what.get(what.size() - 1).startsWith("Ended RolledBack"), md);

    assertTrue(RunReport.markdown(run).contains("| 2026-12-04T22:53:00Z | Created |"),
        "on a real cluster the controller's clock is the wall clock, and creation is in the timeline");
  }

  private static void step(io.failwise.api.FailoverRunStatus s, String name, String kind, String started, String finished, String undone) {
    var p = new io.failwise.api.FailoverRunStatus.PlannedStep();
    p.name = name;
    p.kind = kind;
    p.summary = name;
    s.plan.steps.add(p);
    var st = new io.failwise.api.FailoverRunStatus.StepStatus();
    st.name = name;
    st.kind = kind;
    st.state = undone == null ? "Succeeded" : "Undone";
    st.startedAt = started;
    st.finishedAt = finished;
    st.undoneAt = undone;
    s.steps.add(st);
  }
}
