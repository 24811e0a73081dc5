package io.failwise.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunSpec;
import io.failwise.api.FailoverRunStatus;
import io.failwise.model.run.RunPhase;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which phase changes of a run need a person, and only on the change. */
class NoticesTest {
  private static FailoverRun run(String phase) {
    FailoverRun run = new FailoverRun();
    run.setMetadata(new ObjectMetaBuilder().withNamespace("failwise").withName("incident").build());
    run.setSpec(new FailoverRunSpec());
    run.getSpec().mode = FailoverRunSpec.Mode.Failover;
    run.getSpec().source = "go-eu-west-1";
    run.setStatus(new FailoverRunStatus());
    run.getStatus().phase = phase;
    return run;
  }

  private static Optional<Notice.Kind> kind(String before, RunPhase after, String reason) {
    FailoverRunStatus next = new FailoverRunStatus();
    next.phase = after.displayName();
    next.reason = reason;
    next.currentStep = "approve";
    next.message = "m";
    return Notices.ofRun(run(before), next, Instant.EPOCH).map(Notice::kind);
  }

  @Test
  void approvalsStopConditionsAndRollbacksNeedAPersonAndNothingElse() {
    Map<RunPhase, Optional<Notice.Kind>> expected = Map.ofEntries(
        Map.entry(RunPhase.AWAITING_APPROVAL, Optional.of(Notice.Kind.APPROVAL_AWAITED)),
        Map.entry(RunPhase.ROLLING_BACK, Optional.of(Notice.Kind.ROLLBACK)),
        Map.entry(RunPhase.ROLLED_BACK, Optional.of(Notice.Kind.ROLLBACK)),
        Map.entry(RunPhase.FAILED, Optional.of(Notice.Kind.ROLLBACK)));
    for (RunPhase p : RunPhase.values()) {
      assertEquals(expected.getOrDefault(p, Optional.empty()), kind("Running".equals(p.displayName()) ? "Pending" : "Running", p, "Aborted"), p.displayName());
    }
    assertEquals(Optional.of(Notice.Kind.STOP_CONDITION), kind("Running", RunPhase.ROLLING_BACK, "StopCondition"));
    assertEquals(Optional.empty(), kind("AwaitingApproval", RunPhase.AWAITING_APPROVAL, "AwaitingApproval"), "only when the phase changes");
    Notice n = Notices.ofRun(run("Running"), status(RunPhase.AWAITING_APPROVAL), Instant.EPOCH).orElseThrow();
    assertEquals("Failover incident of go-eu-west-1 waits for approval of step approve", n.title());
    assertEquals("failwise approve incident -n failwise", n.command());
  }

  /**
   * A run whose source or target was deleted under it stays Running, stuck between two waves with its
   * devices split, until a person applies the Cluster again or aborts: a notice when it starts to wait,
   * none at the looks after.
   */
  @Test
  void aRunPausedForADeletedClusterNeedsAPersonOnce() {
    FailoverRunStatus next = status(RunPhase.RUNNING);
    next.reason = FailoverRunStatus.WAITING_FOR_CLUSTER;
    next.message = "Paused before wave 2 of 4: Cluster go-eu-west-1, the run's source, does not exist (deleted while the run held it).";
    FailoverRun running = run("Running");
    running.getStatus().reason = "StepShift";
    Notice n = Notices.ofRun(running, next, Instant.EPOCH).orElseThrow();
    assertEquals(Notice.Kind.PAUSE, n.kind());
    assertEquals("Failover incident of go-eu-west-1 is paused: a Cluster it holds is gone or cannot be read", n.title());
    assertEquals(next.message, n.text());
    assertEquals("failwise abort incident -n failwise", n.command());
    running.getStatus().reason = FailoverRunStatus.WAITING_FOR_CLUSTER;
    assertEquals(Optional.empty(), Notices.ofRun(running, next, Instant.EPOCH), "already said");
  }

  /**
   * A failback that sent devices home to a source still down pauses with them there, offline while its
   * outage lasts: a person hears it once (an outside pass found it in the run's status only). Waiting
   * before the first failback wave moves nobody: no notice.
   */
  @Test
  void aFailbackPausedWithDevicesSentHomeIntoAnOutageNeedsAPersonOnce() {
    FailoverRunStatus next = status(RunPhase.RUNNING);
    next.reason = Notices.WAITING_FOR_SOURCE;
    next.message = "Failback paused after wave 1 of 4: go-eu-west-2 is not healthy (Outage at 23:52:10 UTC: 12,000 of 12,000 devices are"
        + " offline (100%)); the next wave waits until it is, and the devices already sent home stay there";
    FailoverRunStatus.StepStatus failback = new FailoverRunStatus.StepStatus();
    failback.kind = "Failback";
    failback.wavesAppliedAt = new java.util.ArrayList<>(java.util.List.of("2026-12-07T23:50:00Z"));
    next.steps = new java.util.ArrayList<>(java.util.List.of(failback));
    FailoverRun running = run("Running");
    running.getStatus().reason = "StepFailback";
    Notice n = Notices.ofRun(running, next, Instant.EPOCH).orElseThrow();
    assertEquals(Notice.Kind.PAUSE, n.kind());
    assertEquals("Failover incident of go-eu-west-1: failback paused, devices it sent home are on a source that is not healthy", n.title());
    assertEquals(next.message, n.text());
    assertEquals("failwise report incident -n failwise", n.command());
    running.getStatus().reason = Notices.WAITING_FOR_SOURCE;
    assertEquals(Optional.empty(), Notices.ofRun(running, next, Instant.EPOCH), "already said");
    running.getStatus().reason = "StepFailback";
    failback.wavesAppliedAt.clear();
    assertEquals(Optional.empty(), Notices.ofRun(running, next, Instant.EPOCH), "before the first failback wave nobody was sent home");
  }

  private static FailoverRunStatus status(RunPhase phase) {
    FailoverRunStatus s = new FailoverRunStatus();
    s.phase = phase.displayName();
    s.currentStep = "approve";
    s.message = "Waiting for approval of step approve.";
    return s;
  }

  @Test
  void aDecisionsNoticeSaysWhyAndWhereTheAnswerWouldTurn() {
    // The person paged reads the notice, not the policy's status: it carries the explanation and where the
    // answer would turn; a decision without turns (no estimate could be made) carries the explanation alone.
    io.failwise.api.FailoverPolicy policy = policy("fleet-shadow");
    io.failwise.api.FailoverPolicyStatus.Decision d = hold("Recorded", "Hold: waiting is the better bet.");
    d.turnsWith = "FAILOVER if the median cutover were under 16 min 27 s (20 min now)";
    Notice n = Notices.ofDecision(policy, d, Instant.EPOCH);
    assertEquals("Policy failwise/fleet-shadow decided HOLD for go-eu-west-1 (Recorded)", n.title());
    assertEquals("Hold: waiting is the better bet. Turns with: FAILOVER if the median cutover were under 16 min 27 s (20 min now).", n.text());
    d.turnsWith = null;
    assertEquals("Hold: waiting is the better bet.", Notices.ofDecision(policy, d, Instant.EPOCH).text());
  }

  @Test
  void aLostSignalsNoticeSaysThePolicyStoppedDecidingNotThatItDecided() {
    var d = hold("SignalLost", "The device counts of go-eu-west-1 cannot be read since 21:35 +01:00 ...");
    Notice n = Notices.ofDecision(policy("fleet-auto"), d, Instant.EPOCH);
    assertEquals("Policy failwise/fleet-auto stopped deciding for go-eu-west-1: its device counts cannot be read", n.title());
    assertEquals(d.explanation, n.text());
  }

  /** A decision on {@code cluster}'s outage since 20:45 UTC, made {@code minutes} after 21:00. */
  private static io.failwise.api.FailoverPolicyStatus.Decision at(int minutes, String cluster, String action, String blockedBy) {
    var d = hold(action, "explained");
    d.cluster = cluster;
    d.outageSince = "2026-03-12T20:45:00Z";
    d.time = Instant.parse("2026-03-12T21:00:00Z").plusSeconds(60L * minutes).toString();
    d.blockedBy = blockedBy;
    return d;
  }

  /** Which of {@code night}'s decisions, in order, the people paged hear of. */
  private static java.util.List<Integer> told(java.util.List<io.failwise.api.FailoverPolicyStatus.Decision> night, java.time.Duration repeat) {
    java.util.List<io.failwise.api.FailoverPolicyStatus.Decision> before = new java.util.ArrayList<>(); // newest first, as the status keeps them
    java.util.List<Integer> told = new java.util.ArrayList<>();
    for (int i = 0; i < night.size(); i++) {
      if (Notices.isNews(before, night.get(i), repeat)) {
        told.add(i);
      }
      before.add(0, night.get(i));
    }
    return told;
  }

  @Test
  void aDecisionIsToldWhenItIsNewsNotAtEveryLook() {
    // A policy re-decides every 15 minutes. With its daily budget spent it held, blocked, at each look, and
    // each look was posted: eight identical pages in two hours. Now the first of the outage is told, then
    // each change of answer (here the budget freed at 22:00: the failover runs), and an answer that stands
    // is told again once an hour has passed since it was told. A look at another cluster is its own story.
    var night = java.util.List.of(
        at(0, "go-eu-west-1", "Blocked", "Budget"),     // 0: the first of the outage: told
        at(15, "go-eu-west-1", "Blocked", "Budget"),    // 1: the same answer
        at(20, "go-eu-west-2", "Recorded", null),       // 2: another cluster's first: told
        at(30, "go-eu-west-1", "Blocked", "Budget"),    // 3
        at(45, "go-eu-west-1", "Blocked", "Budget"),    // 4
        at(60, "go-eu-west-1", "Blocked", "Budget"),    // 5: an hour since 0 was told: told again
        at(75, "go-eu-west-1", "Blocked", "Budget"),    // 6
        at(80, "go-eu-west-1", "Executed", null),       // 7: the budget freed, the failover runs: told
        at(95, "go-eu-west-1", "Executed", null));      // 8: the same run, decided again
    assertEquals(java.util.List.of(0, 2, 5, 7), told(night, java.time.Duration.ofHours(1)));
    assertEquals(java.util.List.of(0, 1, 2, 3, 4, 5, 6, 7, 8), told(night, java.time.Duration.ZERO), "0 tells every decision");
    var later = at(100, "go-eu-west-1", "Executed", null);
    later.outageSince = "2026-03-12T22:35:00Z";
    assertEquals(true, Notices.isNews(java.util.List.of(at(95, "go-eu-west-1", "Executed", null)), later, java.time.Duration.ofHours(1)),
        "a new outage of the same cluster is told from its first decision");
    var otherTarget = at(110, "go-eu-west-1", "Executed", null);
    otherTarget.target = "go-eu-north-2";
    assertEquals(true, Notices.isNews(java.util.List.of(at(95, "go-eu-west-1", "Executed", null)), otherTarget, java.time.Duration.ofHours(1)),
        "another target is another answer");
  }

  private static io.failwise.api.FailoverPolicy policy(String name) {
    io.failwise.api.FailoverPolicy policy = new io.failwise.api.FailoverPolicy();
    policy.setMetadata(new ObjectMetaBuilder().withNamespace("failwise").withName(name).build());
    return policy;
  }

  /** A record on go-eu-west-1 whose recommendation is HOLD. */
  private static io.failwise.api.FailoverPolicyStatus.Decision hold(String action, String explanation) {
    io.failwise.api.FailoverPolicyStatus.Decision d = new io.failwise.api.FailoverPolicyStatus.Decision();
    d.recommendation = "HOLD";
    d.cluster = "go-eu-west-1";
    d.action = action;
    d.explanation = explanation;
    return d;
  }
}
