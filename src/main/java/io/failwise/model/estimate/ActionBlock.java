package io.failwise.model.estimate;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Something that stops a failover (of the whole cluster or of its affected devices) from running
 * now, however good a bet it is: the global halt, a freeze window or a spent daily budget.
 *
 * @param cause what blocks it
 * @param reason a clause a person reads after "it cannot run now: " (no final full stop)
 * @param until when the block ends, if anyone knows (a freeze window's end, the moment the daily budget
 *     frees a failover); empty when only a person can lift it (the halt) or the time is not known
 */
public record ActionBlock(Cause cause, String reason, Optional<Instant> until) {
  /** What blocks a failover, in the order the run machinery checks them. */
  public enum Cause {
    HALT,
    FREEZE_WINDOW,
    BUDGET
  }

  public ActionBlock {
    Objects.requireNonNull(cause, "cause");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(until, "until");
  }

  /** Whether a failover starting at {@code t} would still be blocked. */
  public boolean blocksAt(Instant t) {
    return until.map(t::isBefore).orElse(true);
  }
}
