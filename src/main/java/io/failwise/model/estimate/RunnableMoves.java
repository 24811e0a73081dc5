package io.failwise.model.estimate;

/**
 * Which failover moves the caller can carry out: a policy's runs use its playbook, whose shift moves
 * either every device of the cluster or only the affected ones. A recommendation the playbook cannot
 * carry out would be executed as the other move (an outside pass saw "move only the 71,864 affected
 * devices" run as a failover of all 120,000), so the option it cannot run is infeasible, saying why,
 * and the decision weighs what can run.
 *
 * @param whole FAILOVER (every device) can be carried out
 * @param affected FAILOVER_AFFECTED (only the affected devices) can be carried out
 * @param why why the other one cannot (empty when both can)
 */
public record RunnableMoves(boolean whole, boolean affected, String why) {
  /** Both moves: estimate and Shadow policies without a playbook weigh every option. */
  public static final RunnableMoves ANY = new RunnableMoves(true, true, "");

  public RunnableMoves {
    if (!whole && !affected) {
      throw new IllegalArgumentException("at least one move must be runnable");
    }
  }

  /** Only a failover of every device (a playbook whose shift has scope All). */
  public static RunnableMoves wholeOnly(String why) {
    return new RunnableMoves(true, false, why);
  }

  /** Only a move of the affected devices (a playbook whose shift has scope Affected). */
  public static RunnableMoves affectedOnly(String why) {
    return new RunnableMoves(false, true, why);
  }
}
