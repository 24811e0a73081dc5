package io.failwise.operator.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.failwise.api.Cluster;
import io.failwise.api.FailoverPolicySpec;
import io.failwise.api.FailoverPolicyStatus;
import io.failwise.api.Fixtures;
import io.failwise.model.policy.ClusterSituation;
import io.failwise.model.estimate.ActionBlock;
import io.failwise.model.estimate.ActionLimits;
import io.failwise.model.policy.Guard;
import io.failwise.model.policy.PolicyTrigger;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What keeps a decision from acting as recommended: a failing guard, a spent budget, a policy that cannot
 * create runs, and a target another run holds.
 */
class PolicyDecisionGuardsTest extends PolicyDeciderFixture {
  /**
   * An Auto policy whose playbook does not exist: a run it created would wait Pending and start the day
   * the playbook appears, whatever the cluster's state then. It creates none, and says why.
   */
  @Test
  void aPolicyWhosePlaybookCannotBeUsedCreatesNoRunAndSaysWhy() {
    runs.playbookProblem = "spec.playbook: FailoverPlaybook fleet/regional-failovr does not exist.";
    for (FailoverPolicySpec.Mode mode : List.of(FailoverPolicySpec.Mode.Auto, FailoverPolicySpec.Mode.Stage)) {
      var d = decide(policy(mode), 100_000, 0, AT.minusSeconds(4 * 3600)).decisions.get(0);
      assertEquals("FAILOVER", d.recommendation, d.explanation);
      assertEquals("Blocked", d.action, d.explanation);
      assertEquals("InvalidPolicy", d.blockedBy);
      assertTrue(d.explanation.endsWith(
          "Not acted on: the policy cannot create runs: spec.playbook: FailoverPlaybook fleet/regional-failovr does not exist."), d.explanation);
    }
    assertEquals(List.of(), runs.executed);
    assertEquals(List.of(), runs.staged);
    // Shadow mode needs no playbook: recorded as ever.
    assertEquals("Recorded", decide(policy(FailoverPolicySpec.Mode.Shadow), 100_000, 0, AT.minusSeconds(4 * 3600)).decisions.get(0).action);
  }

  /**
   * A drill into go-eu-north-1 holds it: a failover run naming it would wait (WaitingForTarget) until
   * the drill ends, so the decision costs go-eu-central-1, the next target, instead; the run it starts
   * names that one, and the explanation says which target was passed over and why. With only the held
   * target, there is no failover to run now: HOLD, saying so, and the next decision looks again.
   */
  @Test
  void aTargetAnotherRunHoldsIsPassedOverForTheNextAndWithNoOtherTheDecisionHolds() {
    runs.occupied.put("go-eu-north-1", "go-eu-north-1 is held by run drill-q4 as its target (a run into it would wait until that run ends)");
    Instant fourHoursAgo = AT.minusSeconds(4 * 3600);
    Cluster source = withStatus(Fixtures.cluster("fleet", "go-eu-west-1", "eu-west", 100_000, 0, "go-eu-north-1", "go-eu-central-1"), 100_000, 0);
    Cluster north = withStatus(Fixtures.cluster("fleet", "go-eu-north-1", "eu-north", 90_000, 89_700), 90_000, 89_700);
    Cluster central = withStatus(Fixtures.cluster("fleet", "go-eu-central-1", "eu-central", 90_000, 89_700), 90_000, 89_700);
    north.getSpec().capacity.devices = 300_000L;
    central.getSpec().capacity.devices = 300_000L;
    central.getSpec().admission.devicesPerSecond = 500.0; // slower: unheld, north would be the cheaper target
    var situation = new ClusterSituation("go-eu-west-1", true, fourHoursAgo, 100_000, true);

    var d = decider.decide(policy(FailoverPolicySpec.Mode.Auto), new FailoverPolicyStatus(), source, List.of(source, north, central),
        situation, PolicyTrigger.Why.FIRST_DECISION, AT).decisions.get(0);
    assertEquals("FAILOVER", d.recommendation, d.explanation);
    assertEquals("go-eu-central-1", d.target, d.explanation);
    assertEquals("Executed", d.action);
    assertTrue(d.explanation.contains("Passed over: go-eu-north-1 is held by run drill-q4 as its target"), d.explanation);

    // Unheld, the same night fails over to north: the held target alone changed the choice.
    runs.occupied.clear();
    var free = decider.decide(policy(FailoverPolicySpec.Mode.Auto), new FailoverPolicyStatus(), source, List.of(source, north, central),
        situation, PolicyTrigger.Why.FIRST_DECISION, AT).decisions.get(0);
    assertEquals("go-eu-north-1", free.target, free.explanation);

    // Only north listed, and held: nothing can take the devices now.
    runs.occupied.put("go-eu-north-1", "go-eu-north-1 is held by run drill-q4 as its target (a run into it would wait until that run ends)");
    runs.executed.clear();
    var held = decide(policy(FailoverPolicySpec.Mode.Auto), 100_000, 0, fourHoursAgo).decisions.get(0);
    assertEquals("HOLD", held.recommendation, held.explanation);
    assertEquals(null, held.target, held.explanation);
    assertTrue(held.explanation.contains("go-eu-north-1 is held by run drill-q4 as its target"), held.explanation);
    assertEquals(List.of(), runs.executed);
  }

  @Test
  void aFailingGuardBlocksAutoAndTheDecisionSaysWhich() {
    runs.failing = Guard.BUDGET;
    FailoverPolicyStatus s = decide(policy(FailoverPolicySpec.Mode.Auto), 100_000, 0, AT.minusSeconds(4 * 3600));
    var d = s.decisions.get(0);
    assertEquals("Blocked", d.action);
    assertEquals("Budget", d.blockedBy);
    assertTrue(d.explanation.endsWith("Not acted on: the daily failover budget for this cluster is spent."), d.explanation);
    assertEquals(List.of(), runs.executed);
    assertTrue(events.get(0).startsWith("Warning DecisionBlocked"));
  }

  /** An Auto policy whose playbook asks for approval created a run that waits: "Started" would tell the bridge call it is moving. */
  @Test
  void anAutoRunThatWaitsForApprovalIsSaidCreatedNotStarted() {
    var started = decide(policy(FailoverPolicySpec.Mode.Auto), 100_000, 0, AT.minusSeconds(4 * 3600)).decisions.get(0);
    assertEquals("Executed", started.action, started.explanation);
    assertTrue(started.explanation.endsWith("Started failover run failover-go-eu-west-1."), started.explanation);
    runs.approvalStep = java.util.Optional.of("approve");
    var created = decide(policy(FailoverPolicySpec.Mode.Auto), 100_000, 0, AT.minusSeconds(4 * 3600)).decisions.get(0);
    assertEquals("Executed", created.action, created.explanation);
    assertTrue(created.explanation.endsWith("Created failover run failover-go-eu-west-1; it moves nothing until a person approves its step"
        + " approve (failwise approve failover-go-eu-west-1 -n fleet)."), created.explanation);
  }

  /**
   * Decided again on an outage its own run is acting on: that run is the action. The guards it set off
   * itself (it holds the source, its cooldown, the budget it spent) blocked every re-decision before, with
   * a Warning event each time, and the decision named no run.
   */
  @Test
  void aDecisionMadeAgainOnAnOutageThePolicyActedOnNamesItsRunAndIsNotBlockedByIt() {
    runs.own.put("go-eu-west-1", ownFailover("Running"));
    runs.failing = Guard.RUN_IN_PROGRESS;
    runs.limits = ActionLimits.of(new ActionBlock(ActionBlock.Cause.BUDGET, "the daily budget of go-eu-west-1 is used up", java.util.Optional.empty()));
    var d = decide(policy(FailoverPolicySpec.Mode.Auto), 100_000, 0, AT.minusSeconds(4 * 3600)).decisions.get(0);
    assertEquals("Executed", d.action, d.explanation);
    assertEquals("FAILOVER", d.recommendation, "the move the run makes, not the HOLD its own spent budget gives");
    assertEquals(null, d.blockedBy);
    assertEquals("eu-west-go-eu-west-1-1773338400-failover", d.run);
    assertTrue(d.explanation.endsWith("Acted on this outage already: failover run eu-west-go-eu-west-1-1773338400-failover (Running)."),
        d.explanation);
    assertEquals(List.of(), runs.executed, "no second run");
    assertTrue(events.get(0).startsWith("Normal Decision"), events.get(0));
  }

  /** A run of this outage still waiting while the decision no longer recommends it: its approver hears so. */
  @Test
  void aDecisionThatNoLongerRecommendsItsWaitingRunSaysSo() {
    runs.own.put("go-eu-west-1", ownFailover("AwaitingApproval"));
    var d = decide(policy(FailoverPolicySpec.Mode.Auto), 180_000, 155_000, AT.minusSeconds(300)).decisions.get(0);
    assertEquals("HOLD", d.recommendation, d.explanation);
    assertEquals("Recorded", d.action);
    assertTrue(d.explanation.endsWith("Its failover run eu-west-go-eu-west-1-1773338400-failover for this outage, created on an earlier decision, is"
        + " AwaitingApproval: this decision no longer recommends it."), d.explanation);
  }

  @Test
  void aSpentBudgetEntersTheDecisionSoItRecommendsWhatCanRunAndNamesTheBlockedFailover() {
    runs.limits =
        ActionLimits.of(
            new ActionBlock(ActionBlock.Cause.BUDGET, "the daily budget of go-eu-west-1 is used up", java.util.Optional.empty()));
    FailoverPolicyStatus s = decide(policy(FailoverPolicySpec.Mode.Auto), 100_000, 0, AT.minusSeconds(4 * 3600));
    var d = s.decisions.get(0);
    assertEquals("HOLD", d.recommendation, d.explanation);
    assertEquals("Blocked", d.action);
    assertEquals("Budget", d.blockedBy);
    assertTrue(d.explanation.startsWith("Blocked: failing go-eu-west-1 over to "), d.explanation);
    assertTrue(d.explanation.contains("but it cannot run now: the daily budget of go-eu-west-1 is used up."), d.explanation);
    assertEquals("neither the cutover nor the offline count alone changes the answer", d.turnsWith, "a spent budget turns with nothing");
    assertEquals(List.of(), runs.executed);
    assertTrue(events.get(0).startsWith("Warning DecisionBlocked"));

    // In Shadow mode nothing runs anyway: recorded, but the record still says what blocked the failover.
    var shadow = decide(policy(FailoverPolicySpec.Mode.Shadow), 100_000, 0, AT.minusSeconds(4 * 3600)).decisions.get(0);
    assertEquals("Recorded", shadow.action);
    assertEquals("Budget", shadow.blockedBy);
  }

  /**
   * A spent budget and a missing playbook at once: the budget ends tomorrow, the missing playbook does not
   * (an SRE told only "Budget" waits for the reset and then still gets no failover). The decision is
   * blocked by the policy first, and the explanation keeps the budget it would meet after.
   */
  @Test
  void aPolicyThatCannotCreateRunsSaysSoBeforeABudgetItWouldMeetAfter() {
    runs.playbookProblem = "spec.playbook: FailoverPlaybook fleet/regional-failover does not exist.";
    runs.limits =
        ActionLimits.of(
            new ActionBlock(ActionBlock.Cause.BUDGET, "the daily budget of go-eu-west-1 is used up", java.util.Optional.empty()));
    var d = decide(policy(FailoverPolicySpec.Mode.Auto), 100_000, 0, AT.minusSeconds(4 * 3600)).decisions.get(0);
    assertEquals("Blocked", d.action, d.explanation);
    assertEquals("InvalidPolicy", d.blockedBy, d.explanation);
    assertTrue(d.explanation.contains("but it cannot run now: the daily budget of go-eu-west-1 is used up."), d.explanation);
    assertTrue(d.explanation.endsWith(
        "Not acted on: the policy cannot create runs: spec.playbook: FailoverPlaybook fleet/regional-failover does not exist."), d.explanation);
    assertEquals(List.of(), runs.executed);
  }

  /**
   * A halt blocks an Auto policy's failover, then a person lifts it: the policy decides again within its
   * next look, not at the decision's scheduled time up to 15 minutes later (a halt ends when a person says
   * so, a time no decision could name). While the halt stays, nothing new is recorded.
   */
  @Test
  void aLiftedHaltIsDecidedOnAtOnce() {
    runs.halted = true;
    runs.limits = ActionLimits.of(new ActionBlock(ActionBlock.Cause.HALT, "the global halt is set by sre@example.com", java.util.Optional.empty()));
    Cluster source = withStatus(Fixtures.cluster("fleet", "go-eu-west-1", "eu-west", 100_000, 0, "go-eu-north-1"), 100_000, 0);
    source.getSpec().failover.cutoverSeconds = 1200L;
    Cluster target = withStatus(Fixtures.cluster("fleet", "go-eu-north-1", "eu-north", 90_000, 89_700), 90_000, 89_700);
    target.getSpec().capacity.devices = 300_000L;
    var situation = new ClusterSituation("go-eu-west-1", true, AT.minusSeconds(4 * 3600), 100_000, true);
    var trigger = new io.failwise.model.policy.TriggerSettings(java.time.Duration.ZERO, 1000, 0.2);
    var policy = policy(FailoverPolicySpec.Mode.Auto);
    FailoverPolicyStatus s = PolicyReconciler.look(decider, policy, new FailoverPolicyStatus(), source, List.of(source, target), situation, trigger, AT);
    assertEquals("Halt", s.decisions.get(0).blockedBy, s.decisions.get(0).explanation);
    s = PolicyReconciler.look(decider, policy, s, source, List.of(source, target), situation, trigger, AT.plusSeconds(60));
    assertEquals(1, s.decisions.size(), "still halted: nothing new");

    runs.halted = false;
    runs.limits = ActionLimits.NONE;
    s = PolicyReconciler.look(decider, policy, s, source, List.of(source, target), situation, trigger, AT.plusSeconds(75));
    assertEquals(2, s.decisions.size(), "decided again at the next look after the halt was lifted");
    var d = s.decisions.get(0);
    assertEquals("Executed", d.action, d.explanation);
    assertTrue(d.explanation.startsWith("Decided again: the global halt that blocked the last decision was lifted, and the outage goes on."),
        d.explanation);
    s = PolicyReconciler.look(decider, policy, s, source, List.of(source, target), situation, trigger, AT.plusSeconds(90));
    assertEquals(2, s.decisions.size(), "once");
  }

  /**
   * A cluster whose devices move one by one, 60% of them offline for hours: moving only the affected
   * devices is the better bet. An Auto policy whose playbook moves every device cannot carry that out (an
   * outside pass saw "move only the 71,864 affected devices" executed as a failover of all 120,000, the
   * 48,000 connected ones disrupted): its decision weighs only what the playbook can run, and says why the
   * other move is not an option. With a playbook that moves the affected devices, that move is executed.
   */
  @Test
  void aPolicyDecidesOnlyTheMoveItsPlaybookCanCarryOut() {
    Cluster source = withStatus(Fixtures.cluster("fleet", "go-eu-west-1", "eu-west", 120_000, 48_000, "go-eu-north-1"), 120_000, 48_000);
    source.getSpec().failover.cutoverSeconds = 1200L;
    source.getSpec().failover.granularity = io.failwise.api.FailoverSpec.Granularity.Device;
    Cluster target = withStatus(Fixtures.cluster("fleet", "go-eu-north-1", "eu-north", 90_000, 89_700), 90_000, 89_700);
    target.getSpec().capacity.devices = 300_000L;
    var situation = new ClusterSituation("go-eu-west-1", true, AT.minusSeconds(4 * 3600), 72_000, true);
    var policy = policy(FailoverPolicySpec.Mode.Auto);
    java.util.function.Supplier<FailoverPolicyStatus.Decision> decide = () -> decider.decide(policy, new FailoverPolicyStatus(), source,
        List.of(source, target), situation, PolicyTrigger.Why.FIRST_DECISION, AT).decisions.get(0);

    var any = decide.get();
    assertEquals("FAILOVER_AFFECTED", any.recommendation, any.explanation);

    runs.moves = io.failwise.model.estimate.RunnableMoves.wholeOnly("the policy's playbook regional-failover moves every device of the cluster");
    var whole = decide.get();
    assertTrue(!"FAILOVER_AFFECTED".equals(whole.recommendation), whole.explanation);
    assertTrue(whole.explanation.contains("the policy's playbook regional-failover moves every device of the cluster"), whole.explanation);

    runs.moves = io.failwise.model.estimate.RunnableMoves.affectedOnly("the policy's playbook affected-devices moves only the affected devices");
    runs.executed.clear();
    var affected = decide.get();
    assertEquals("FAILOVER_AFFECTED", affected.recommendation, affected.explanation);
    assertEquals("Executed", affected.action, affected.explanation);
  }

  /** Two policies on one cluster decide at the same second: their decisions (and the runs' decision labels) are told apart. */
  @Test
  void twoPoliciesDecisionsOnOneClusterHaveTheirOwnIds() {
    var shadow = policy(FailoverPolicySpec.Mode.Shadow);
    var auto = policy(FailoverPolicySpec.Mode.Auto);
    auto.getMetadata().setName("eu-auto");
    String a = decide(shadow, 100_000, 0, AT.minusSeconds(4 * 3600)).decisions.get(0).id;
    String b = decide(auto, 100_000, 0, AT.minusSeconds(4 * 3600)).decisions.get(0).id;
    assertEquals("eu-west-go-eu-west-1-" + AT.getEpochSecond(), a);
    assertEquals("eu-auto-go-eu-west-1-" + AT.getEpochSecond(), b);
  }
}
