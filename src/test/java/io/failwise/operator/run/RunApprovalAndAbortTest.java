package io.failwise.operator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunSpec.Mode;
import io.failwise.api.FailoverRunStatus;
import io.failwise.model.Format;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * People at a run's approval step: an approval object passes it (a forged status entry does not, four eyes
 * refuses the requester's), nobody approving times it out (the time the halt held the run not counted), an abort
 * ends the run before anything moved.
 */
class RunApprovalAndAbortTest {
  @AutoClose
  private final RunHarness h = new RunHarness();

  /** A deadline as the run's message says it: in the controller's zone (the harness's UTC), to the second. */
  private static String said(java.time.Instant t) {
    return RunStatuses.said(t, t, java.time.ZoneOffset.UTC);
  }

  @Test
  void anAbortAtTheApprovalStopsBeforeAnythingMoved() {
    h.create("incident", "regional-failover", "go-eu-west-1", Mode.Failover, s -> {});
    FailoverRun done = h.drive("incident", run -> {
      if ("AwaitingApproval".equals(run.getStatus().phase) && run.getStatus().abort == null) {
        h.abort("incident", "sre@example.com");
      }
    });
    assertEquals("RolledBack", done.getStatus().phase);
    assertEquals("Aborted", done.getStatus().reason);
    assertTrue(done.getStatus().message.startsWith("Aborted by sre@example.com: test."), done.getStatus().message);
    assertTrue(done.getStatus().message.endsWith("Nothing had to be undone."), done.getStatus().message);
    assertEquals(List.of(), h.objects.history());
    assertEquals(null, done.getStatus().report.stopConditions, "nothing moved: no condition was watched, none is reported as read");
  }

  /**
   * A person aborts a drill while its canary is at the target: the report keeps what each stop condition
   * read at that moment (none fired), so whoever reviews the abort sees the readings it was taken on,
   * not an empty "not fired".
   */
  @Test
  void anAbortAfterDevicesMovedKeepsWhatEachStopConditionReadThen() {
    h.create("drill", "quarterly-drill", "go-eu-west-1", Mode.Drill, s -> {});
    FailoverRun done = h.drive("drill", run -> {
      var steps = run.getStatus().steps;
      if (steps != null && steps.get(1).wavesAppliedAt.size() == 2 && run.getStatus().abort == null) {
        h.abort("drill", "sre@example.com");
      }
    });
    FailoverRunStatus s = done.getStatus();
    assertEquals("RolledBack", s.phase, s.message);
    assertEquals("Aborted", s.reason);
    assertEquals(List.of("canary-lost", "target-offline", "source-worse", "target-blind"), s.report.stopConditions.stream().map(r -> r.name).toList());
    assertTrue(s.report.stopConditions.stream().noneMatch(r -> "Fired".equals(r.state)), s.report.stopConditions.toString());
    assertTrue(s.report.stopConditions.stream().allMatch(r -> r.reading != null && !r.reading.isBlank() && r.at != null),
        "each with its reading and time");
    assertEquals(null, s.report.stopCondition, "no condition stopped it");
  }

  /**
   * A Failover of a cluster in no outage: its own estimate recommends HOLD. The approver may still have
   * reasons, but the wait for approval says so; a failover its estimate supports says nothing of it.
   */
  @Test
  void aFailoverAgainstItsOwnEstimateSaysSoWhileItWaitsForApproval() {
    FailoverRunStatus healthy = awaitingApproval("healthy");
    assertEquals("HOLD", healthy.estimate.recommendation);
    assertTrue(healthy.message.endsWith("Before approving: this run's estimate recommends HOLD, not failing over"
        + " (status.estimate; failwise report healthy -n " + RunHarness.NS + "). No outage in progress: go-eu-west-1 is Healthy by its counts."),
        healthy.message);
    h.setConnected("go-eu-west-1", 100_000); // now an outage
    FailoverRunStatus incident = awaitingApproval("incident");
    assertEquals("FAILOVER", incident.estimate.recommendation, incident.estimate.explanation);
    assertTrue(!incident.message.contains("Before approving"), incident.message);
  }

  /**
   * The outage ends while a Failover run waits for approval (30 minutes in the sample playbook). Its
   * estimate was made at admission and said FAILOVER until the end: an approver reading it would move
   * every device off a cluster that had recovered. It is made again every minute while the run waits,
   * and the message says the advice turned, and why.
   */
  @Test
  void theEstimateOfAFailoverWaitingForApprovalFollowsTheOutageToItsEnd() {
    h.setConnected("go-eu-west-1", 100_000);
    h.create("late", "regional-failover", "go-eu-west-1", Mode.Failover, s -> {});
    List<FailoverRunStatus> waiting = new java.util.ArrayList<>();
    h.drive("late", run -> {
      FailoverRunStatus s = run.getStatus();
      if (!"AwaitingApproval".equals(s.phase) || run.getStatus().abort != null) {
        return;
      }
      waiting.add(s);
      if (waiting.size() == 1) {
        h.setConnected("go-eu-west-1", 180_000); // the provider recovers while nobody has approved yet
      } else if ("HOLD".equals(s.estimate.recommendation)) {
        h.abort("late", "sre@example.com");
      }
    });
    FailoverRunStatus first = waiting.get(0);
    FailoverRunStatus last = waiting.get(waiting.size() - 1);
    assertEquals("FAILOVER", first.estimate.recommendation, first.estimate.explanation);
    assertTrue(!first.message.contains("Before approving"), first.message);
    assertEquals("HOLD", last.estimate.recommendation, "the estimate followed the recovery");
    java.time.Duration later = java.time.Duration.between(RunStatuses.instant(first.estimate.madeAt), RunStatuses.instant(last.estimate.madeAt));
    assertTrue(!later.isNegative() && later.compareTo(java.time.Duration.ofMinutes(2)) <= 0,
        "made again within a minute or two of the recovery, not at admission: " + later);
    assertTrue(last.message.endsWith("Before approving: this run's estimate recommends HOLD, not failing over (status.estimate; failwise report"
        + " late -n " + RunHarness.NS + "). No outage in progress: go-eu-west-1 is Healthy by its counts."), last.message);
    assertTrue(last.message.startsWith(first.message), "the rest of the message (the command, the deadline) is as it was: " + last.message);
  }

  /** The run's status when it first waits for approval (the run is aborted then). */
  private FailoverRunStatus awaitingApproval(String name) {
    h.create(name, "regional-failover", "go-eu-west-1", Mode.Failover, s -> {});
    FailoverRunStatus[] seen = {null};
    h.drive(name, run -> {
      if ("AwaitingApproval".equals(run.getStatus().phase) && seen[0] == null) {
        seen[0] = run.getStatus();
        h.abort(name, "sre@example.com");
      }
    });
    assertNotNull(seen[0], name + " waited for approval");
    return seen[0];
  }

  @Test
  void anApprovalThatTimesOutAbortsTheRun() {
    h.create("incident", "regional-failover", "go-eu-west-1", Mode.Failover, s -> {});
    FailoverRun done = h.drive("incident", run -> {});
    assertEquals("RolledBack", done.getStatus().phase);
    assertEquals("ApprovalTimedOut", done.getStatus().reason);
    assertEquals("Nobody approved within 30 min.", done.getStatus().steps.get(1).message);
  }

  @Test
  void anApprovalWrittenIntoTheRunsStatusIsNotAnApproval() {
    h.create("incident", "regional-failover", "go-eu-west-1", Mode.Failover, s -> {});
    int[] forged = {0};
    FailoverRun done = h.drive("incident", run -> {
      if ("AwaitingApproval".equals(run.getStatus().phase) && forged[0] < 3
          && (run.getStatus().approvals == null || run.getStatus().approvals.isEmpty())) {
        forged[0]++;
        h.forgeApproval("incident", "mallory@example.com");
      }
    });
    assertEquals(3, forged[0], "each forged entry was removed, so mallory could write one again");
    assertEquals("RolledBack", done.getStatus().phase, done.getStatus().message);
    assertEquals("ApprovalTimedOut", done.getStatus().reason);
    assertEquals(List.of(), done.getStatus().approvals, "the report names no approver");
    assertEquals(List.of(), h.objects.history(), "nothing moved");
  }

  @Test
  void fourEyesTakesAColleaguesApprovalObjectAndNotTheRequesters() {
    h.playbooks.get("regional-failover").getSpec().steps.get(1).approval.fourEyes = true;
    h.playbooks.get("regional-failover").getSpec().steps.get(1).approval.approverGroup = "sre-leads";
    h.setConnected("go-eu-west-1", 100_000);
    h.create("incident", "regional-failover", "go-eu-west-1", Mode.Failover, s -> s.requestedBy = "alice@example.com");
    String[] seen = {null};
    FailoverRun done = h.drive("incident", run -> {
      if ("AwaitingApproval".equals(run.getStatus().phase) && h.approvals.isEmpty()) {
        h.approve("incident", "alice@example.com", List.of("sre-leads")); // the requester
        h.approve("incident", "carol@example.com", List.of("developers")); // not in the group
      } else if ("AwaitingApproval".equals(run.getStatus().phase) && h.approvals.size() == 2) {
        seen[0] = run.getStatus().message; // the engine looked at both and still waits
        h.approve("incident", "bob@example.com", List.of("sre-leads"));
      }
      if ("WaitingForSource".equals(run.getStatus().reason)) {
        h.setConnected("go-eu-west-1", 179_420);
      }
    });
    assertTrue(seen[0] != null && seen[0].startsWith("Waiting for approval of step approve"), String.valueOf(seen[0]));
    assertEquals("Succeeded", done.getStatus().phase, done.getStatus().message);
    var approval = done.getStatus().approvals.get(0);
    assertEquals("bob@example.com", approval.by);
    assertEquals(ApprovalRequests.name("incident", "uid-incident", "approve", "bob@example.com", List.of("sre-leads")), approval.approval);
    assertEquals(1, done.getStatus().approvals.size());
  }

  @Test
  void anAbortWhilePendingEndsTheRunWithNothingDone() {
    h.halt = java.util.Optional.of(new RunWorld.Halt("lead", "2026-03-12T21:00:00Z", null));
    h.create("later", "quarterly-drill", "go-eu-west-1", Mode.Drill, s -> {});
    h.controller().advance(RunHarness.NS, "later");
    assertEquals("Halted", h.run("later").getStatus().reason, "a new run waits while the halt is set");
    h.abort("later", "sre");
    FailoverRun done = h.drive("later", run -> {});
    assertEquals("Aborted", done.getStatus().phase);
    assertEquals(RunStatuses.time(h.clock.instant()), done.getStatus().finishedAt, "ended when the abort was acted on");
    assertEquals(List.of(), h.objects.history(), "nothing was done");
  }

  /** A person at the approval step: halts the run for {@code halts} (one after another, 5 min apart), tries to approve while halted. */
  private final class HaltingPerson implements java.util.function.Consumer<FailoverRun> {
    final List<Duration> halts;
    final List<String> refusals = new ArrayList<>();
    final List<String> haltedMessages = new ArrayList<>();
    final List<String> resumedMessages = new ArrayList<>();
    Instant next;
    Instant haltUntil;
    int done;

    HaltingPerson(Duration... halts) {
      this.halts = List.of(halts);
    }

    @Override
    public void accept(FailoverRun run) {
      var s = run.getStatus();
      Instant now = h.clock.instant();
      if ("AwaitingApproval".equals(s.phase) && done < halts.size() && h.halt.isEmpty() && (next == null || !now.isBefore(next))) {
        h.halt = Optional.of(new RunWorld.Halt("lead@example.com", RunStatuses.time(now), "provider incident"));
        haltUntil = now.plus(halts.get(done));
      } else if ("Halted".equals(s.phase) && h.halt.isPresent()) {
        if (haltedMessages.size() == done) {
          haltedMessages.add(s.message);
          refusals.add(assertThrows(RunActionRefused.class,
              () -> new ApprovalRequests(null, h.runs).ask(RunHarness.NS, "incident", "bob@example.com", List.of(), null, null)).getMessage());
        }
        if (!now.isBefore(haltUntil)) {
          h.halt = Optional.empty();
          done++;
          next = now.plus(Duration.ofMinutes(5));
        }
      } else if ("AwaitingApproval".equals(s.phase) && resumedMessages.size() < done) {
        resumedMessages.add(s.message);
      }
    }
  }

  /**
   * The approver reads the deadline beside decisions that say "22:55 +01:00": an outside pass saw "by
   * 2026-12-07T21:51:35Z" there, an hour's sum to do at the moment that matters. Said in the controller's
   * zone, to the second; so is the moment it was approved.
   */
  @Test
  void theApproversDeadlineAndTheApprovalAreSaidInTheControllersZone() {
    h.clock.zone = java.time.ZoneId.of("Europe/Paris");
    h.create("incident", "regional-failover", "go-eu-west-1", Mode.Failover, s -> {});
    String[] waiting = new String[1];
    FailoverRun done = h.drive("incident", run -> {
      if ("AwaitingApproval".equals(run.getStatus().phase) && waiting[0] == null) {
        waiting[0] = run.getStatus().message;
        h.approver("bob@example.com").accept(run);
      }
      if ("WaitingForSource".equals(run.getStatus().reason)) {
        h.setConnected("go-eu-west-1", 179_420);
      }
    });
    var step = done.getStatus().steps.get(1);
    // The harness starts at 21:40 UTC, 22:40 in Paris in March; the playbook's approval waits 30 minutes.
    Instant deadline = RunStatuses.instant(step.startedAt).plus(Duration.ofMinutes(30));
    String local = deadline.atZone(java.time.ZoneId.of("Europe/Paris")).toLocalTime().toString();
    assertTrue(waiting[0].contains(" by " + (local.length() == 5 ? local + ":00" : local) + " +01:00 (then it times out and rolls back)"), waiting[0]);
    assertTrue(!waiting[0].contains(deadline.toString()), "not the status's UTC: " + waiting[0]);
    assertTrue(step.message.matches("Approved by bob@example.com at \\d\\d:\\d\\d:\\d\\d \\+01:00 \\(FailoverApproval .*"), step.message);
    assertTrue(done.getStatus().approvals.get(0).at.endsWith("Z"), "the status field stays RFC 3339 UTC, for programs");
  }

  @Test
  void theTimeTheHaltHoldsARunDoesNotCountTowardItsApprovalTimeout() {
    h.create("incident", "regional-failover", "go-eu-west-1", Mode.Failover, s -> {});
    var person = new HaltingPerson(Duration.ofMinutes(40), Duration.ofMinutes(20));
    FailoverRun done = h.drive("incident", person);

    assertEquals("RolledBack", done.getStatus().phase, done.getStatus().message);
    assertEquals("ApprovalTimedOut", done.getStatus().reason);
    var step = done.getStatus().steps.get(1);
    var halts = done.getStatus().halts;
    assertEquals(2, halts.size());
    long held = 0;
    for (var halt : halts) {
      held += Duration.between(RunStatuses.instant(halt.haltedAt), RunStatuses.instant(halt.resumedAt)).toSeconds();
    }
    assertEquals(held, step.haltedSeconds, "each halt during the step is counted on it");
    assertTrue(held >= 60 * 60, "the run was halted for an hour, twice the timeout: " + held);
    Instant deadline = RunStatuses.instant(step.startedAt).plusSeconds(30 * 60 + held);
    assertEquals(RunStatuses.time(deadline), done.getStatus().finishedAt,
        "timed out (and, nothing to undo, ended) 30 min after the step started plus the time halted, not at the resume");
    assertEquals("Nobody approved within 30 min (not counting the " + Format.duration(Duration.ofSeconds(held)) + " the run was halted).",
        step.message);

    // While halted approving is refused, and the refusal and the run say that the timeout is paused, and how much of it is left.
    Instant firstHalt = RunStatuses.instant(halts.get(0).haltedAt);
    String left = Format.duration(Duration.between(firstHalt, RunStatuses.instant(step.startedAt).plusSeconds(30 * 60)));
    assertEquals("run incident is Halted: it can be approved only while AwaitingApproval; the 30 min timeout of its approval step approve"
        + " is paused while halted (" + left + " left) and runs again from `failwise resume`: approve it then", person.refusals.get(0));
    assertTrue(person.haltedMessages.get(0).endsWith("; nothing moves until `failwise resume`. The 30 min timeout of its approval step approve"
        + " is paused while halted (" + left + " left) and runs again from `failwise resume`: approve it then."), person.haltedMessages.get(0));
    // After each resume the run says its new deadline.
    long firstHeld = Duration.between(firstHalt, RunStatuses.instant(halts.get(0).resumedAt)).toSeconds();
    assertEquals("Waiting for approval of step approve: failwise approve incident -n failwise by "
        + said(RunStatuses.instant(step.startedAt).plusSeconds(30 * 60 + firstHeld)) + " (the 30 min timeout, moved by the "
        + Format.duration(Duration.ofSeconds(firstHeld)) + " the run was halted). Check status.estimate (hold against fail over) and the"
        + " prechecks before approving. Before approving: this run's estimate recommends HOLD, not failing over (status.estimate;"
        + " failwise report incident -n failwise). No outage in progress: go-eu-west-1 is Healthy by its counts.", person.resumedMessages.get(0));
    assertTrue(person.resumedMessages.get(1).contains(" by " + said(deadline) + " "), person.resumedMessages.get(1));
    assertEquals(List.of(), h.objects.history(), "nothing moved");
  }

  @Test
  void anApprovalAfterTheResumeIsInTimeThoughTheTimeoutHasPassedOnTheClock() {
    h.setConnected("go-eu-west-1", 100_000);
    h.create("incident", "regional-failover", "go-eu-west-1", Mode.Failover, s -> {});
    var halting = new HaltingPerson(Duration.ofMinutes(35));
    String[] approvedAt = {null};
    FailoverRun done = h.drive("incident", run -> {
      halting.accept(run);
      if ("AwaitingApproval".equals(run.getStatus().phase) && halting.done == 1 && h.approvals.isEmpty()) {
        approvedAt[0] = RunStatuses.time(h.clock.instant());
        h.approve("incident", "bob@example.com");
      }
      if ("WaitingForSource".equals(run.getStatus().reason)) {
        h.setConnected("go-eu-west-1", 179_420);
      }
    });
    assertNotNull(approvedAt[0]);
    var step = done.getStatus().steps.get(1);
    assertTrue(RunStatuses.instant(approvedAt[0]).isAfter(RunStatuses.instant(step.startedAt).plusSeconds(30 * 60)),
        "approved more than 30 min after the step started");
    assertEquals("Succeeded", done.getStatus().phase, done.getStatus().message);
    assertEquals("Succeeded", step.state);
    assertEquals("bob@example.com", done.getStatus().approvals.get(0).by);
  }
}
