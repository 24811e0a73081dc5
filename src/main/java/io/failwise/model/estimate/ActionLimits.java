package io.failwise.model.estimate;

import io.failwise.model.Format;
import io.failwise.model.run.DailyBudget;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What can be done: the blocks in force on failing a source over. The estimator recommends the best
 * action that can run now and, in its sequential decision, counts a failover as possible only from
 * the moment every block ends. Pure data: the controller fills it from its halt, freeze windows and
 * budget ledger, {@code failwise estimate} from the Scenario's {@code spec.budget}.
 */
public record ActionLimits(List<ActionBlock> blocks) {
  public static final ActionLimits NONE = new ActionLimits(List.of());

  public ActionLimits {
    blocks = List.copyOf(blocks);
  }

  public static ActionLimits of(ActionBlock block) {
    return new ActionLimits(List.of(block));
  }

  /** The first block that keeps a failover starting at {@code t} from running, if any. */
  public Optional<ActionBlock> blockingAt(Instant t) {
    return blocks.stream().filter(b -> b.blocksAt(t)).findFirst();
  }

  /**
   * The daily budget as counts of today's operations, when their times are not known (an offline
   * scenario): a failover needs one failover left and, when the cluster fails back, one failback.
   * Which earlier operation frees the budget first is unknown, so the block has no end time.
   */
  public static ActionLimits budget(
      String source, DailyBudget budget, int failoversToday, int failbacksToday, boolean failbackRequired) {
    if (failoversToday < 0 || failbacksToday < 0) {
      throw new IllegalArgumentException("operations today cannot be negative: " + failoversToday + ", " + failbacksToday);
    }
    Optional<String> spent = spent(source, budget, DailyBudget.Kind.FAILOVER, failoversToday);
    if (spent.isEmpty() && failbackRequired) {
      // "A failover of it fails back too: " first, then the failback budget's words (the reason came after
      // them, ", and go-w fails back", and read as garbled).
      spent = spent(source, budget, DailyBudget.Kind.FAILBACK, failbacksToday).map(s -> "a failover of " + source + " fails back, and " + s);
    }
    return spent.map(s -> of(new ActionBlock(ActionBlock.Cause.BUDGET, s, Optional.empty()))).orElse(NONE);
  }

  private static Optional<String> spent(String source, DailyBudget budget, DailyBudget.Kind kind, int used) {
    int limit = budget.limit(kind);
    if (used < limit) {
      return Optional.empty();
    }
    return Optional.of(
        "the daily budget of " + source + " is used up: " + Format.count(used) + " " + kind.word(used) + " in the last 24 h (limit "
            + limit + "); the next " + kind.word(1) + " is allowed once the oldest of them is 24 h old");
  }
}
