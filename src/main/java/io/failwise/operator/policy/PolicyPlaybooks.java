package io.failwise.operator.policy;

import io.failwise.api.FailoverPlaybook;
import io.failwise.api.PlaybookStep;
import io.failwise.model.estimate.RunnableMoves;

/** What a policy's playbook can carry out of a decision: the scope of its shift step. */
final class PolicyPlaybooks {
  private PolicyPlaybooks() {}

  /**
   * A shift with scope Affected moves only the affected devices, scope All every device; a playbook with
   * no shift step (a drill, a webhook) is left to its own validation, and both moves are weighed.
   */
  static RunnableMoves moves(FailoverPlaybook playbook) {
    if (playbook.getSpec() == null || playbook.getSpec().steps == null) {
      return RunnableMoves.ANY;
    }
    String name = playbook.getMetadata().getName();
    return io.failwise.operator.run.RunPlanner.shift(playbook)
        .map(s -> s.shift.scope == PlaybookStep.Scope.Affected
            ? RunnableMoves.affectedOnly("the policy's playbook " + name + " moves only the affected devices (its shift has scope Affected)")
            : RunnableMoves.wholeOnly("the policy's playbook " + name + " moves every device of the cluster (its shift has scope All);"
                + " a playbook whose shift has scope Affected, such as affected-devices, moves only the affected ones"))
        .orElse(RunnableMoves.ANY);
  }
}
