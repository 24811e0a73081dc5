package io.failwise.model.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.model.run.DailyBudget.Kind;
import io.failwise.model.run.DailyBudget.Operation;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DailyBudgetTest {
  private static final DailyBudget AZURE = new DailyBudget(2, 2);
  private static final Instant NOW = Instant.parse("2026-03-12T21:40:00Z");

  @Test
  void aThirdFailoverInTwentyFourHoursIsRefusedWithWhenTheNextIsAllowed() {
    List<Operation> ledger =
        List.of(
            new Operation(Kind.FAILOVER, Instant.parse("2026-03-12T08:10:00Z"), "drill-1"),
            new Operation(Kind.FAILBACK, Instant.parse("2026-03-12T08:40:00Z"), "drill-1"),
            new Operation(Kind.FAILOVER, Instant.parse("2026-03-12T14:02:00Z"), "drill-2"));
    assertEquals(
        Optional.of(
            "the daily budget of go-eu-west-1 is used up: 2 failovers in the last 24 h (limit 2); the next failover"
                + " is allowed from 2026-03-13T08:10:00Z (in 10 h 30 min)"),
        AZURE.refusal("go-eu-west-1", ledger, List.of(Kind.FAILOVER, Kind.FAILBACK), NOW, "incident"));
    assertEquals(0, AZURE.left(ledger, Kind.FAILOVER, NOW));
    assertEquals(1, AZURE.left(ledger, Kind.FAILBACK, NOW));
    assertTrue(AZURE.refusal("go-eu-west-1", ledger, List.of(Kind.FAILBACK), NOW, "x").isEmpty(), "one failback left");
  }

  /**
   * A run that needs both kinds may start when the later frees: a refusal once named the failovers' time
   * while the failbacks stayed spent 12 minutes longer, and cut it to the minute, before the budget allowed.
   */
  @Test
  void bothKindsSpentNameTheLaterTimeToTheSecond() {
    List<Operation> ledger =
        List.of(
            new Operation(Kind.FAILOVER, Instant.parse("2026-03-12T08:10:36Z"), "drill-1"),
            new Operation(Kind.FAILBACK, Instant.parse("2026-03-12T08:22:54Z"), "drill-1"),
            new Operation(Kind.FAILOVER, Instant.parse("2026-03-12T14:02:00Z"), "drill-2"),
            new Operation(Kind.FAILBACK, Instant.parse("2026-03-12T14:30:00Z"), "drill-2"));
    assertEquals(
        Optional.of(
            "the daily budget of go-eu-west-1 is used up: 2 failovers in the last 24 h (limit 2) and 2 failbacks in the last 24 h"
                + " (limit 2); the next failover and failback are allowed from 2026-03-13T08:22:54Z (in 10 h 43 min)"),
        AZURE.refusal("go-eu-west-1", ledger, List.of(Kind.FAILOVER, Kind.FAILBACK), NOW, "incident"));
    assertEquals(
        Optional.of(Instant.parse("2026-03-13T08:22:54Z")),
        AZURE.freesAt(ledger, List.of(Kind.FAILOVER, Kind.FAILBACK), NOW, "incident"));
  }

  @Test
  void theWindowRollsAcrossMidnightAndOperationsOlderThanADayNoLongerCount() {
    List<Operation> ledger =
        List.of(
            new Operation(Kind.FAILOVER, Instant.parse("2026-03-11T23:50:00Z"), "a"),
            new Operation(Kind.FAILOVER, Instant.parse("2026-03-12T00:10:00Z"), "b"));
    assertTrue(AZURE.refusal("c1", ledger, List.of(Kind.FAILOVER), Instant.parse("2026-03-12T00:20:00Z"), "c").isPresent());
    assertTrue(AZURE.refusal("c1", ledger, List.of(Kind.FAILOVER), Instant.parse("2026-03-12T23:51:00Z"), "c").isEmpty());
  }

  @Test
  void aRunsOwnReservationDoesNotCountAgainstIt() {
    List<Operation> ledger =
        List.of(
            new Operation(Kind.FAILOVER, NOW.minusSeconds(3600), "a"),
            new Operation(Kind.FAILOVER, NOW.minusSeconds(60), "restarted"));
    assertTrue(AZURE.refusal("c1", ledger, List.of(Kind.FAILOVER), NOW, "restarted").isEmpty());
    assertTrue(AZURE.refusal("c1", ledger, List.of(Kind.FAILOVER), NOW, "other").isPresent());
  }

  @Test
  void aZeroBudgetRefusesEverythingAndPruningKeepsOnlyWhatCanStillCount() {
    DailyBudget frozen = new DailyBudget(0, 0);
    assertTrue(frozen.refusal("c1", List.of(), List.of(Kind.FAILOVER), NOW, "a").orElseThrow().contains("limit 0"));
    List<Operation> ledger =
        List.of(new Operation(Kind.FAILOVER, NOW.minusSeconds(3 * 86_400), "old"), new Operation(Kind.FAILOVER, NOW, "new"));
    assertEquals(List.of("new"), DailyBudget.prune(ledger, NOW).stream().map(Operation::run).toList());
  }
}
