package io.failwise.model.estimate;

/** How a source's failover target is chosen among the eligible targets with room (spec.failover.targetOrder). */
public enum TargetOrder {
  /** The target where the move is expected to lose the fewest device-minutes; priority breaks a tie. The default. */
  LEAST_LOSS,
  /** The lowest priority number that is eligible with room, whatever the others would cost. */
  PRIORITY
}
