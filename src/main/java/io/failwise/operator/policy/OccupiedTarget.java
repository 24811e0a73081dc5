package io.failwise.operator.policy;

import io.failwise.operator.run.SourceLedger;
import java.util.Optional;

/**
 * Why a policy's decision passes over a failover target that another run holds: the run it would
 * create names its target, and admission would keep it waiting (WaitingForTarget) until that run
 * ends, which may be an hour for a drill. The decision costs the targets that can be used now
 * instead, and says which one it passed over. A target whose counts only settle after a run ended is
 * not passed over: its end is minutes away and known, and a run created now starts on its own then.
 */
final class OccupiedTarget {
  private OccupiedTarget() {}

  /** The reason, as a clause of the estimate's "passed over" list; empty for a claim that does not hold it. */
  static Optional<String> reason(String cluster, SourceLedger.Claim claim) {
    if (claim instanceof SourceLedger.Claim.HeldBy held) {
      String role = held.as() == SourceLedger.Role.TARGET ? "its target" : "its source";
      return Optional.of(cluster + " is held by run " + held.run() + " as " + role + " (a run into it would wait until " + held.waitsFor() + ")");
    }
    return Optional.empty();
  }

  /** A run a policy created into {@code cluster}, not admitted yet: it will take the cluster first. */
  static String createdInto(String cluster, String run) {
    return cluster + " is the target of run " + run + ", which a policy created and which has not ended (a run into it would wait"
        + " until that run ends)";
  }
}
