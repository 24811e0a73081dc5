package io.failwise.model.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When a spent budget frees an operation again: what the decision's "the block ends at" rests on. */
class DailyBudgetFreesAtTest {
  private static final Instant NOW = Instant.parse("2026-03-12T21:00:00Z");
  private final DailyBudget budget = new DailyBudget(2, 1);

  private static DailyBudget.Operation op(DailyBudget.Kind kind, Duration ago) {
    return new DailyBudget.Operation(kind, NOW.minus(ago), "r-" + ago.toMinutes());
  }

  @Test
  void theOldestCountingOperationFreesTheBudget24HoursAfterIt() {
    var ledger = List.of(op(DailyBudget.Kind.FAILOVER, Duration.ofHours(20)), op(DailyBudget.Kind.FAILOVER, Duration.ofHours(3)));
    assertEquals(
        Optional.of(NOW.plus(Duration.ofHours(4))), budget.freesAt(ledger, List.of(DailyBudget.Kind.FAILOVER), NOW, null));
  }

  @Test
  void withFailbacksSpentTooTheLaterOfTheTwoCounts() {
    var ledger =
        List.of(
            op(DailyBudget.Kind.FAILOVER, Duration.ofHours(20)),
            op(DailyBudget.Kind.FAILOVER, Duration.ofHours(3)),
            op(DailyBudget.Kind.FAILBACK, Duration.ofHours(1)));
    assertEquals(
        Optional.of(NOW.plus(Duration.ofHours(23))),
        budget.freesAt(ledger, List.of(DailyBudget.Kind.FAILOVER, DailyBudget.Kind.FAILBACK), NOW, null));
  }

  @Test
  void nothingToFreeWhenTheBudgetAllowsItAndNeverWhenTheLimitIsZero() {
    assertEquals(Optional.empty(), budget.freesAt(List.of(), List.of(DailyBudget.Kind.FAILOVER), NOW, null));
    assertEquals(Optional.empty(), new DailyBudget(0, 0).freesAt(List.of(), List.of(DailyBudget.Kind.FAILOVER), NOW, null));
  }
}
