package io.failwise.operator.policy;

import io.failwise.api.Cluster;
import io.failwise.api.FailoverPolicy;
import io.failwise.model.estimate.ActionLimits;
import io.failwise.model.estimate.Estimate;
import io.failwise.model.policy.Guard;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A hand-written fake of the run machinery: records what the policy asked for. */
class FakePolicyRuns implements PolicyRuns {
  Guard failing;
  /** The policy's playbook's approval step, if it has one. */
  Optional<String> approvalStep = Optional.empty();
  /** The guard with what it is here, when a test says more than {@link #failing}. */
  Block failingAs;
  ActionLimits limits = ActionLimits.NONE;
  final List<String> staged = new ArrayList<>();
  final List<String> executed = new ArrayList<>();
  /** The spec.reason of each run staged or started, in order. */
  final List<String> reasons = new ArrayList<>();
  /** Clusters another run occupies, with the reason the decision gives. */
  final java.util.Map<String, String> occupied = new java.util.HashMap<>();

  @Override
  public Optional<String> occupied(FailoverPolicy policy, String source, String cluster, Instant now) {
    return Optional.ofNullable(occupied.get(cluster));
  }

  @Override
  public ActionLimits limits(FailoverPolicy policy, Cluster cluster, Instant now) {
    return limits;
  }

  /** Runs this policy created earlier, by cluster (any outage and mode: the fake keeps one per cluster). */
  final java.util.Map<String, io.failwise.api.FailoverRun> own = new java.util.HashMap<>();

  @Override
  public Optional<io.failwise.api.FailoverRun> ownRun(FailoverPolicy policy, String cluster, Instant outageSince, io.failwise.api.FailoverRunSpec.Mode mode) {
    return Optional.ofNullable(own.get(cluster)).filter(r -> r.getSpec().mode == mode);
  }

  @Override
  public Optional<Block> firstFailingGuard(FailoverPolicy policy, Cluster cluster, Instant now) {
    return failingAs != null ? Optional.of(failingAs) : Optional.ofNullable(failing).map(Block::of);
  }

  @Override
  public Optional<String> approvalStep(FailoverPolicy policy) {
    return approvalStep;
  }

  @Override
  public String stage(FailoverPolicy policy, Cluster cluster, Instant outageSince, Estimate estimate, String reason, String decisionId) {
    reasons.add(reason);
    staged.add(cluster.getMetadata().getName());
    return "plan-" + cluster.getMetadata().getName();
  }

  @Override
  public String execute(FailoverPolicy policy, Cluster cluster, Instant outageSince, Estimate estimate, String reason, String decisionId) {
    reasons.add(reason);
    executed.add(cluster.getMetadata().getName());
    return "failover-" + cluster.getMetadata().getName();
  }

  /** What the policy's playbook can carry out. */
  io.failwise.model.estimate.RunnableMoves moves = io.failwise.model.estimate.RunnableMoves.ANY;

  @Override
  public io.failwise.model.estimate.RunnableMoves moves(FailoverPolicy policy) {
    return moves;
  }

  /** Whether the global halt is set. */
  boolean halted;

  @Override
  public boolean halted() {
    return halted;
  }

  /** Why the policy's playbook cannot be used, or null. */
  String playbookProblem;

  @Override
  public Optional<String> playbookProblem(FailoverPolicy policy) {
    return Optional.ofNullable(playbookProblem);
  }
}
