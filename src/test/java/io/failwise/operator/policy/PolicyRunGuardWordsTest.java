package io.failwise.operator.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.api.FailoverPolicySpec;
import io.failwise.model.estimate.ActionBlock;
import io.failwise.model.estimate.ActionLimits;
import io.failwise.model.policy.Guard;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A run guard found after the estimate (the policy's cooldown): which run blocks and until when, the
 * moment the policy decides again once it ends, and its words kept off a block the estimate found first.
 */
class PolicyRunGuardWordsTest extends PolicyDeciderFixture {
  /**
   * A run guard says which run blocks and until when: "Not acted on: this policy ... is within its
   * cooldown" named no run and no end, so the approver could not tell when the policy would act.
   */
  @Test
  void aBlockedDecisionSaysWhichRunBlocksAndUntilWhen() {
    runs.failingAs = new PolicyRuns.Block(Guard.COOLDOWN,
        "this policy started run earlier for this cluster at 20:10 UTC, within its cooldown of 1 h: no new run before 21:10 UTC");
    var d = decide(policy(FailoverPolicySpec.Mode.Auto), 100_000, 0, AT.minusSeconds(4 * 3600)).decisions.get(0);
    assertEquals("Blocked", d.action, d.explanation);
    assertEquals("Cooldown", d.blockedBy);
    assertTrue(d.explanation.endsWith("Not acted on: this policy started run earlier for this cluster at 20:10 UTC, within its cooldown"
        + " of 1 h: no new run before 21:10 UTC."), d.explanation);
  }

  /**
   * A cooldown ends by itself: the policy decides again then, not at its next look. An outside pass saw an
   * Auto policy's cooldown end with every device offline and the failover paying off within minutes, and
   * the next decision come nine minutes later, at the time the estimate had named.
   */
  @Test
  void aCooldownThatEndsBeforeTheNextLookIsWhenThePolicyDecidesAgain() {
    var free = decide(policy(FailoverPolicySpec.Mode.Auto), 100_000, 0, AT.minusSeconds(4 * 3600));
    Instant estimateSays = Instant.parse(free.decisions.get(0).reevaluateAt);
    Instant ends = AT.plus(java.time.Duration.ofMinutes(7));
    assertTrue(ends.isBefore(estimateSays), "the estimate looks again later than the cooldown ends: " + estimateSays);
    runs.failingAs = new PolicyRuns.Block(Guard.COOLDOWN, "this policy started run earlier for this cluster within its cooldown", ends);
    var s = decide(policy(FailoverPolicySpec.Mode.Auto), 100_000, 0, AT.minusSeconds(4 * 3600));
    var d = s.decisions.get(0);
    assertEquals("Cooldown", d.blockedBy, d.explanation);
    assertEquals(ends, Instant.parse(s.watches.get(0).reevaluateAt), "the policy's own next decision");
    assertTrue(d.explanation.contains(" The policy decides again when its cooldown ends, at "
        + io.failwise.model.Format.timeToTheSecond(ends, AT, java.time.ZoneOffset.ofHours(1)) + "."), d.explanation);

    // Ending sooner than the policy's shortest interval between decisions (5 min): then, not before.
    runs.failingAs = new PolicyRuns.Block(Guard.COOLDOWN, "within its cooldown", AT.plusSeconds(60));
    s = decide(policy(FailoverPolicySpec.Mode.Auto), 100_000, 0, AT.minusSeconds(4 * 3600));
    assertEquals(AT.plus(java.time.Duration.ofMinutes(5)), Instant.parse(s.watches.get(0).reevaluateAt));
    // And says both times: an outside pass read "when its cooldown ends, at 04:10:42" beside "no new run before 04:08:15".
    java.time.ZoneId cet = java.time.ZoneOffset.ofHours(1);
    assertTrue(s.decisions.get(0).explanation.contains(" The policy decides again at "
        + io.failwise.model.Format.timeToTheSecond(AT.plus(java.time.Duration.ofMinutes(5)), AT, cet) + ", once its cooldown has ended (at "
        + io.failwise.model.Format.timeToTheSecond(AT.plusSeconds(60), AT, cet) + ") and its shortest interval between decisions (5 min) has"
        + " passed."), s.decisions.get(0).explanation);
  }

  /** A block the estimate knew of comes first: its words, not those of the run guard found after it. */
  @Test
  void aRunGuardsWordsAreNotLentToABlockTheEstimateFoundFirst() {
    runs.failingAs = new PolicyRuns.Block(Guard.COOLDOWN, "this policy started run earlier for this cluster at 20:10 UTC");
    runs.limits = ActionLimits.of(new ActionBlock(ActionBlock.Cause.BUDGET, "the daily budget of go-eu-west-1 is used up", java.util.Optional.empty()));
    var d = decide(policy(FailoverPolicySpec.Mode.Auto), 100_000, 0, AT.minusSeconds(4 * 3600)).decisions.get(0);
    assertEquals("Budget", d.blockedBy, d.explanation);
    assertTrue(!d.explanation.contains("started run earlier"), d.explanation);
  }
}
