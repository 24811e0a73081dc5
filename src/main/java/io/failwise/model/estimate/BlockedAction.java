package io.failwise.model.estimate;

import java.time.Instant;
import java.util.Optional;

/**
 * A failover option that would be the better bet now but cannot run, and what blocks it: the
 * estimate then recommends the best action that can run (HOLD) and says so.
 *
 * @param option the better option (FAILOVER or FAILOVER_AFFECTED)
 * @param target where it would move devices
 * @param block what keeps it from running now
 * @param actNowMean its expected device-minutes if it could run now
 * @param holdThenDecideMean expected device-minutes of holding and deciding again, the block in force
 */
public record BlockedAction(Recommendation option, String target, ActionBlock block, double actNowMean, double holdThenDecideMean) {
  /** The better action that is blocked now, if the sequential rule would fail over now and a block is in force. */
  static Optional<BlockedAction> of(OptionCosts.Costed act, Waiting waiting, ActionLimits limits, Instant now) {
    if (act == null || !waiting.actNow()) {
      return Optional.empty();
    }
    return limits
        .blockingAt(now)
        .map(b -> new BlockedAction(
            act.estimate().option(), act.estimate().target().orElseThrow(), b, waiting.actNowMean(), waiting.holdThenDecideMean()));
  }

  /**
   * The stop cost of the sequential decision with the blocks in force: a later re-decision can fail
   * over only once every block has ended. Step 0 (now) keeps its cost, so that the decision still
   * says whether failing over now would be the better bet.
   */
  static SequentialDecision.StopCost laterStepsUnblocked(
      SequentialDecision.StopCost cost, ActionLimits limits, Instant since, double elapsedNow) {
    if (limits.blocks().isEmpty()) {
      return cost;
    }
    return (elapsed, offline, mean, heldOffline, heldQueue) -> {
      boolean now = elapsed <= elapsedNow + 1e-9;
      Instant t = since.plusNanos(Math.round(elapsed * 60e9));
      return !now && limits.blockingAt(t).isPresent() ? Double.POSITIVE_INFINITY : cost.at(elapsed, offline, mean, heldOffline, heldQueue);
    };
  }

  /** Said first: what would be better, why it cannot run, and when it can. */
  String sentence(EstimateInput in, Optional<Instant> flipsAt) {
    String what = option == Recommendation.FAILOVER ? "failing " + in.source().name() + " over to " + target : "moving the affected devices to " + target;
    String act = option == Recommendation.FAILOVER ? "failing over" : "moving the affected devices";
    String when =
        flipsAt.map(f -> " If the outage goes on as it is, " + act + " is the better bet again at " + time(in, f) + ", once the block has ended.")
            .orElse(block.until().map(u -> " The block ends at " + time(in, u) + ".").orElse(""));
    return "Blocked: " + what + " now would be the better bet (" + Explanation.millions(actNowMean) + " device-minutes expected against "
        + Explanation.millions(holdThenDecideMean) + " for holding and deciding again), but it cannot run now: " + block.reason()
        + ". Holding is the best action that can run." + when + " ";
  }

  private static String time(EstimateInput in, Instant t) {
    return io.failwise.model.Format.time(t, in.at(), in.zone());
  }
}
