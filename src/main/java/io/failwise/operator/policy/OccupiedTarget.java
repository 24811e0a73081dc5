package io.failwise.operator.policy;

import io.failwise.model.Format;
import io.failwise.operator.run.SourceLedger;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Why a policy's decision passes over a failover target that another run occupies: the run it would
 * create names its target, and admission would keep it waiting (WaitingForTarget) until that run
 * ends and the target's counts have settled. The decision costs the targets that can be used now
 * instead, and says which one it passed over and until when.
 */
final class OccupiedTarget {
  private OccupiedTarget() {}

  /** The reason, as a clause of the estimate's "passed over" list; empty for a claim that keeps nobody off. */
  static Optional<String> reason(String cluster, SourceLedger.Claim claim, Instant now, ZoneId zone) {
    if (claim instanceof SourceLedger.Claim.HeldBy held) {
      String role = held.as() == SourceLedger.Role.TARGET ? "its target" : "its source";
      return Optional.of(cluster + " is held by run " + held.run() + " as " + role + " (a run into it would wait until that run ends)");
    }
    if (claim instanceof SourceLedger.Claim.Settling settling) {
      return Optional.of(cluster + " settles until " + Format.time(settling.until(), now, zone) + " after run " + settling.run()
          + " moved devices there (failwise.runs.settle: its counts still include devices that left)");
    }
    return Optional.empty();
  }
}
