package io.failwise.operator.policy;

import io.failwise.api.Cluster;
import io.failwise.api.FailoverPolicy;
import io.failwise.model.estimate.ActionLimits;
import io.failwise.model.estimate.Estimate;
import io.failwise.model.policy.Guard;
import java.time.Instant;
import java.util.Optional;

/** What a policy needs from the run machinery: the guards, and creating runs exactly once. */
public interface PolicyRuns {
  /**
   * What blocks a failover of this cluster now, as the estimator takes it (halt, freeze window, daily
   * budget), so that the decision recommends the best action that can run. None by default.
   */
  default ActionLimits limits(FailoverPolicy policy, Cluster cluster, Instant now) {
    return ActionLimits.NONE;
  }

  /**
   * Why a run of {@code source} could not use {@code cluster} now, because another run that is alive
   * holds it (as its source or its target), as admission would find it; empty when it is free, when its
   * counts only settle after a run (minutes, then a run created now starts on its own), or when the run
   * holding it is a failover of {@code source} itself (that run is the failover the decision weighs: a
   * second policy on the same cluster must not call it "no feasible failover"). None by default.
   */
  default Optional<String> occupied(FailoverPolicy policy, String source, String cluster, Instant now) {
    return Optional.empty();
  }

  /** Whether the global halt is set now (as the next decision would find it). Not by default. */
  default boolean halted() {
    return false;
  }

  /**
   * The run this policy created for this outage of {@code cluster} in {@code mode}, when it exists: a
   * decision made again on the same outage names it, and its guards (the run itself holds the source,
   * started the cooldown and spent the budget) do not block it. None by default.
   */
  default Optional<io.failwise.api.FailoverRun> ownRun(FailoverPolicy policy, String cluster, Instant outageSince, io.failwise.api.FailoverRunSpec.Mode mode) {
    return Optional.empty();
  }

  /** The first guard that forbids a new run on this cluster now, in {@link Guard} order, and what it is here. */
  Optional<Block> firstFailingGuard(FailoverPolicy policy, Cluster cluster, Instant now);

  /**
   * A guard that forbids a new run, and the clause that says it of this cluster for the decision
   * ("this policy started run x for this cluster at 14:18:11 UTC, within its cooldown of 1 h: no new
   * run before 15:18:11 UTC"): the approver learns which run and until when, not only which guard.
   * {@code until}: when it ends by itself (a cooldown), or null; the policy decides again then.
   */
  record Block(Guard guard, String clause, Instant until) {
    public Block(Guard guard, String clause) {
      this(guard, clause, null);
    }

    /** The guard's own words, when there is nothing more to say of it. */
    public static Block of(Guard guard) {
      return new Block(guard, guard.sentence());
    }
  }

  /**
   * Creates (once per outage, which {@code outageSince} identifies) a Plan-mode run awaiting
   * approval, to the estimate's target, with {@code reason} (the decision's explanation) as its
   * spec.reason; returns its name, also when it existed already.
   */
  String stage(FailoverPolicy policy, Cluster cluster, Instant outageSince, Estimate estimate, String reason, String decisionId);

  /** Creates (once per outage) a Failover-mode run; returns its name, also when it existed already. */
  String execute(FailoverPolicy policy, Cluster cluster, Instant outageSince, Estimate estimate, String reason, String decisionId);

  /**
   * Which moves the policy's runs can carry out: its playbook's shift moves every device (scope All) or
   * only the affected ones (scope Affected); both when it names no usable playbook (a Shadow policy
   * without one weighs every option). Both by default.
   */
  default io.failwise.model.estimate.RunnableMoves moves(FailoverPolicy policy) {
    return io.failwise.model.estimate.RunnableMoves.ANY;
  }

  /**
   * The first approval step of the policy's playbook, when it has one: the Failover run an Auto policy
   * creates waits there for a person, and the decision says so instead of "Started". None by default.
   */
  default Optional<String> approvalStep(FailoverPolicy policy) {
    return Optional.empty();
  }

  /** Why the policy's playbook cannot be used (missing, invalid), or empty. */
  Optional<String> playbookProblem(FailoverPolicy policy);
}
