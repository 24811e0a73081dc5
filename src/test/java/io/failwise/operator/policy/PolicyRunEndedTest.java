package io.failwise.operator.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.api.Cluster;
import io.failwise.api.FailoverPolicy;
import io.failwise.api.FailoverPolicySpec;
import io.failwise.api.FailoverPolicyStatus;
import io.failwise.api.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A decision on an outage whose own run has ended, and the record of its end: what the policy says once
 * its one run per outage is over, short of its purpose or not, and once the outage itself is.
 */
class PolicyRunEndedTest extends PolicyDeciderFixture {
  /**
   * Decided again on an outage whose own run ended short of its purpose (a person aborted it): the policy
   * does not retry it, and says so as a block. An outside pass saw "FAILOVER Executed" recorded every 15
   * minutes for the rest of the outage after an abort, the Executed counter climbing, nothing moving.
   */
  @Test
  void aDecisionOnAnOutageWhoseOwnRunEndedShortIsBlockedByThatEndNotExecutedAgain() {
    var d = afterAnAbortedFailover(FailoverPolicySpec.Mode.Auto);
    assertEquals("FAILOVER", d.recommendation, "what the outage calls for, blocked by the end of the run for it");
    assertEquals("eu-west-go-eu-west-1-1773338400-failover", d.run);
    assertTrue(d.explanation.endsWith("Blocked: this policy acted on this outage already, and its failover run"
        + " eu-west-go-eu-west-1-1773338400-failover ended RolledBack: Aborted by root: wrong target. Every step that ran was undone."
        + " A policy creates one run per outage and does not retry it: a person decides what comes next (a new run by hand, or"
        + " `failwise promote` of a plan)."), d.explanation);
    assertEquals(List.of(), runs.executed, "no second run");
    assertTrue(events.get(0).startsWith("Warning DecisionBlocked"), events.get(0));

    // A run that did its work is not a block: a Failover that Succeeded, a Plan that is Planned.
    runs.own.put("go-eu-west-1", ownFailover("Succeeded"));
    assertEquals("Executed", decide(policy(FailoverPolicySpec.Mode.Auto), 100_000, 0, AT.minusSeconds(4 * 3600)).decisions.get(0).action);
  }

  /**
   * The policy's failover of this outage, aborted while it was in Auto mode, then the policy switched to
   * Stage: the outage has had its run, and no plan is staged for it (an outside pass saw one staged once the
   * cooldown ended, which `failwise promote` then could not promote: the failover's name was taken).
   */
  @Test
  void aStagePolicyDoesNotStageAPlanForAnOutageWhoseFailoverEndedShort() {
    var d = afterAnAbortedFailover(FailoverPolicySpec.Mode.Stage);
    assertEquals("eu-west-go-eu-west-1-1773338400-failover", d.run);
    assertEquals(List.of(), runs.staged, "no plan staged");
  }

  /** A decision of a policy in {@code mode} on the outage whose failover a person aborted: Blocked by RunEnded. */
  /**
   * The aborted run spent the day's budget: the estimate's answer is HOLD, "holding is the best action that
   * can run". An outside pass saw that explanation recorded as "FAILOVER Blocked RunEnded": the record kept
   * the move the run would have made, though the run had ended and made none.
   */
  @Test
  void aRunThatEndedShortAndSpentTheBudgetLeavesTheEstimatesAnswerOnRecord() {
    runs.limits = io.failwise.model.estimate.ActionLimits.of(new io.failwise.model.estimate.ActionBlock(
        io.failwise.model.estimate.ActionBlock.Cause.BUDGET, "the daily budget of go-eu-west-1 is used up", java.util.Optional.empty()));
    var d = afterAnAbortedFailover(FailoverPolicySpec.Mode.Auto);
    assertEquals("HOLD", d.recommendation, "as its explanation says: " + d.explanation);
    assertTrue(d.explanation.contains("ended RolledBack"), d.explanation);
    assertEquals(List.of(), runs.executed);
  }

  private io.failwise.api.FailoverPolicyStatus.Decision afterAnAbortedFailover(FailoverPolicySpec.Mode mode) {
    var aborted = ownFailover("RolledBack");
    aborted.getStatus().message = "Aborted by root: wrong target. Every step that ran was undone.";
    runs.own.put("go-eu-west-1", aborted);
    var d = decide(policy(mode), 100_000, 0, AT.minusSeconds(4 * 3600)).decisions.get(0);
    assertEquals("Blocked", d.action, d.explanation);
    assertEquals("RunEnded", d.blockedBy);
    return d;
  }

  /**
   * An outage the policy advised failing over that then ends: the recovery is recorded as HOLD, with no
   * target. It kept the last advice, and `failwise decisions` listed "FAILOVER Recovered".
   */
  @Test
  void aRecoveryAfterAFailoverAdviceIsRecordedAsHold() {
    FailoverPolicy shadow = policy(FailoverPolicySpec.Mode.Shadow);
    FailoverPolicyStatus advised = decide(shadow, 100_000, 0, AT.minusSeconds(4 * 3600));
    assertEquals("FAILOVER", advised.decisions.get(0).recommendation, advised.decisions.get(0).explanation);
    Cluster back = withStatus(Fixtures.cluster("fleet", "go-eu-west-1", "eu-west", 100_000, 99_800, "go-eu-north-1"), 100_000, 99_800);
    FailoverPolicyStatus recovered = decider.recovered(shadow, advised, back, AT.plusSeconds(3600));
    var d = recovered.decisions.stream().filter(x -> "Recovered".equals(x.action)).findFirst().orElseThrow();
    assertEquals("HOLD", d.recommendation, d.explanation);
    assertEquals(null, d.target);
  }
}
