package io.failwise.model.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.model.run.DailyBudget;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What can be done: a blocked failover is not recommended, the explanation names it, and it counts again once unblocked. */
class ActionLimitsTest {
  private final FailoverEstimator estimator = FailoverEstimator.withDefaults();

  /** All 1,000 devices down for 4 h with a healthy target: failing over now is the better bet. */
  private static EstimateInput longTotalOutage() {
    return Fixtures.input(1000, Duration.ofHours(4));
  }

  @Test
  void withNothingBlockingALongTotalOutageFailsOver() {
    Estimate e = estimator.estimate(longTotalOutage(), ActionLimits.NONE);
    assertEquals(Recommendation.FAILOVER, e.recommendation());
    assertTrue(e.blocked().isEmpty());
    assertEquals(e, estimator.estimate(longTotalOutage()), "no limits is the plain estimate");
  }

  @Test
  void aSpentBudgetMakesHoldTheBestActionThatCanRunAndNamesWhatIsBlocked() {
    ActionLimits spent = ActionLimits.budget("src", DailyBudget.AZURE_IOT_HUB, 2, 0, true);
    Estimate e = estimator.estimate(longTotalOutage(), spent);
    assertEquals(Recommendation.HOLD, e.recommendation());
    assertTrue(e.target().isEmpty());
    BlockedAction b = e.blocked().orElseThrow();
    assertEquals(Recommendation.FAILOVER, b.option());
    assertEquals("tgt", b.target());
    assertEquals(ActionBlock.Cause.BUDGET, b.block().cause());
    // Failing over now would cost less than any plan that waits: that is what makes it "better".
    assertTrue(b.actNowMean() < b.holdThenDecideMean(), b.toString());
    assertTrue(
        e.explanation().startsWith("Blocked: failing src over to tgt now would be the better bet ("),
        e.explanation());
    assertTrue(
        e.explanation().contains(
            "but it cannot run now: the daily budget of src is used up: 2 failovers in the last 24 h (limit 2)"),
        e.explanation());
    assertTrue(e.explanation().contains("Holding is the best action that can run."), e.explanation());
    assertTrue(e.flipsAt().isEmpty(), "the end of a budget known only by counts is unknown: no flip promised");
  }

  @Test
  void aSpentFailbackBudgetBlocksAClusterThatFailsBackButNotOneThatDoesNot() {
    assertFalse(ActionLimits.budget("src", DailyBudget.AZURE_IOT_HUB, 1, 2, true).blocks().isEmpty());
    assertTrue(ActionLimits.budget("src", DailyBudget.AZURE_IOT_HUB, 1, 2, false).blocks().isEmpty());
    assertTrue(ActionLimits.budget("src", DailyBudget.AZURE_IOT_HUB, 1, 1, true).blocks().isEmpty());
    assertThrows(IllegalArgumentException.class, () -> ActionLimits.budget("src", DailyBudget.AZURE_IOT_HUB, -1, 0, true));
  }

  @Test
  void aBlockThatEndsLetsTheFailoverComeBackAtTheFirstReDecisionAfterIt() {
    // A freeze window ending 20 minutes from now: the re-decisions every 15 minutes can fail over from the
    // second one (30 minutes from now), the first at or after the window's end.
    Instant end = Fixtures.AT.plus(Duration.ofMinutes(20));
    ActionLimits frozen = ActionLimits.of(new ActionBlock(ActionBlock.Cause.FREEZE_WINDOW, "freeze window xmas is open", Optional.of(end)));
    Estimate e = estimator.estimate(longTotalOutage(), frozen);
    assertEquals(Recommendation.HOLD, e.recommendation());
    assertEquals(Optional.of(Fixtures.AT.plus(Duration.ofMinutes(30))), e.flipsAt());
    assertTrue(e.explanation().contains("failing over is the better bet again at 22:10 +01:00, once the block has ended"), e.explanation());
    // Holding while frozen costs more than failing over now would, but less than holding for ever.
    BlockedAction b = e.blocked().orElseThrow();
    assertTrue(b.holdThenDecideMean() < e.waiting().holdForeverMean(), b + " " + e.waiting());
  }

  @Test
  void theHaltBlocksUntilAPersonLiftsItSoNoFlipIsPromised() {
    ActionLimits halted = ActionLimits.of(new ActionBlock(ActionBlock.Cause.HALT, "the global halt is set by sre", Optional.empty()));
    Estimate e = estimator.estimate(longTotalOutage(), halted);
    assertEquals(Recommendation.HOLD, e.recommendation());
    assertEquals(ActionBlock.Cause.HALT, e.blocked().orElseThrow().block().cause());
    assertTrue(e.flipsAt().isEmpty());
    assertEquals(Fixtures.AT.plus(Duration.ofMinutes(15)), e.reevaluateAt());
  }

  @Test
  void aBlockChangesNothingWhenHoldingIsTheBetterBetAnyway() {
    // One device of 1,000 offline for 10 minutes: failing all 1,000 over would never be better.
    EstimateInput small = Fixtures.input(1, Duration.ofMinutes(10));
    ActionLimits halted = ActionLimits.of(new ActionBlock(ActionBlock.Cause.HALT, "the global halt is set by sre", Optional.empty()));
    Estimate plain = estimator.estimate(small);
    Estimate blocked = estimator.estimate(small, halted);
    assertEquals(Recommendation.HOLD, blocked.recommendation());
    assertTrue(blocked.blocked().isEmpty());
    assertEquals(plain.explanation(), blocked.explanation());
  }

  @Test
  void aBlockOverAtTheMomentOfTheDecisionBlocksNothing() {
    ActionLimits over =
        ActionLimits.of(new ActionBlock(ActionBlock.Cause.FREEZE_WINDOW, "freeze window xmas is open", Optional.of(Fixtures.AT)));
    assertEquals(Recommendation.FAILOVER, estimator.estimate(longTotalOutage(), over).recommendation());
  }

  @Test
  void aSpentFailbackBudgetSaysItIsTheFailbackThatIsSpentAndNoOperationsTodayBlockNothing() {
    ActionBlock b = ActionLimits.budget("src", DailyBudget.AZURE_IOT_HUB, 0, 2, true).blocks().get(0);
    assertEquals(
        "a failover of src fails back, and the daily budget of src is used up: 2 failbacks in the last 24 h (limit 2); the next failback"
            + " is allowed once the oldest of them is 24 h old",
        b.reason());
    assertEquals(Optional.empty(), b.until());
    assertEquals(ActionLimits.NONE, ActionLimits.budget("src", DailyBudget.AZURE_IOT_HUB, 0, 0, true));
  }

  @Test
  void aBlockThatEndsAfterTheDecisionsHorizonSaysWhenItEnds() {
    // A freeze window of 8 days: no re-decision within the week ahead can fail over, so no flip is
    // promised, but the end of the block is known and said.
    Instant end = Fixtures.AT.plus(Duration.ofDays(8));
    ActionLimits frozen = ActionLimits.of(new ActionBlock(ActionBlock.Cause.FREEZE_WINDOW, "freeze window long is open", Optional.of(end)));
    Estimate e = estimator.estimate(longTotalOutage(), frozen);
    assertEquals(Recommendation.HOLD, e.recommendation());
    assertTrue(e.flipsAt().isEmpty());
    assertTrue(
        e.explanation().contains("Holding is the best action that can run. The block ends at 2026-03-20 21:40 +01:00. "), e.explanation());
  }

  @Test
  void anEstimateWithoutAnOptionSaysWhichIsMissing() {
    Estimate e = estimator.estimate(longTotalOutage());
    Estimate holdOnly =
        new Estimate(
            e.recommendation(), e.target(), List.of(e.option(Recommendation.HOLD)), e.breakEven(), e.outlook(), e.flipsAt(),
            e.reevaluateAt(), e.explanation(), e.trend(), e.waiting(), e.blocked(), e.holdCurve());
    assertEquals("no estimate for FAILOVER", assertThrows(IllegalStateException.class, () -> holdOnly.option(Recommendation.FAILOVER)).getMessage());
  }
}
