package io.failwise.model.policy;

import java.util.Optional;

/**
 * What a policy does with a decision, by mode: Shadow only records; Stage creates a Plan run awaiting
 * approval when failover is recommended; Auto creates a Failover run when it is recommended and no
 * guard objects. A HOLD is always only recorded.
 */
public enum PolicyAction {
  RECORDED("Recorded"),
  STAGED("Staged"),
  EXECUTED("Executed"),
  BLOCKED("Blocked"),
  /** Not a decision: a maintenance window silences the outage, and the policy stops deciding until it ends. */
  SILENCED("Silenced"),
  /** Not a decision: the cluster's counts cannot be read, and the policy stops deciding until they can. */
  SIGNAL_LOST("SignalLost"),
  RECOVERED("Recovered");

  private final String displayName;

  PolicyAction(String displayName) {
    this.displayName = displayName;
  }

  public String displayName() {
    return displayName;
  }

  /** How far a policy may go. */
  public enum Mode {
    SHADOW,
    STAGE,
    AUTO
  }

  /** The action and, when blocked, the guard. */
  public record Choice(PolicyAction action, Optional<Guard> blockedBy) {}

  public static Choice choose(Mode mode, boolean failoverRecommended, Optional<Guard> failingGuard) {
    if (mode == Mode.SHADOW || !failoverRecommended) {
      return new Choice(RECORDED, Optional.empty());
    }
    if (failingGuard.isPresent()) {
      return new Choice(BLOCKED, failingGuard);
    }
    return new Choice(mode == Mode.STAGE ? STAGED : EXECUTED, Optional.empty());
  }
}
