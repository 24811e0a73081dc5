package io.failwise.operator.run;

import io.failwise.api.Cluster;
import io.failwise.api.FailoverRunSpec;
import io.failwise.api.FailoverSpec;
import io.failwise.model.estimate.DurationPrior;
import io.failwise.model.estimate.EstimateInput;
import io.failwise.model.estimate.Outage;
import io.failwise.model.estimate.TargetChoice;
import io.failwise.model.estimate.TargetCluster;
import io.failwise.operator.estimate.EstimateInputs;
import io.failwise.operator.estimate.InvalidEstimateInputException;
import io.failwise.operator.watch.Unreadable;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/** Where a run's devices go: the target it names, or the one {@link TargetChoice} picks, with why. Pure. */
public final class RunTargetPick {
  private RunTargetPick() {}

  /** A picked target and why it, or why none. */
  public record Pick(Optional<String> target, String why) {}

  /**
   * The target: the run's own, or the one the estimator would choose ({@link TargetChoice}): among the
   * source's failover targets that are healthy, in another region and with room for the devices under
   * {@code maxUtilization} (the playbook precheck's cap), the least expected device-minutes lost, or the
   * first by priority when the source's spec.failover.targetOrder is Priority. When none has room, the
   * first eligible by priority, whose precheck then refuses the move with the numbers (a Plan run shows
   * it). With a sentence saying why that target, or why none (each candidate passed over and its reason).
   */
  public static Pick pickTarget(
      FailoverRunSpec spec, Cluster source, Collection<Cluster> clusters, long devicesToMove, double maxUtilization, Instant now) {
    return pickTarget(spec, source, clusters, devicesToMove, maxUtilization, now, false);
  }

  /** As above; {@code affectedOnly}: the playbook moves the affected devices, as many as fit ({@link TargetChoice#forAffectedMove}). */
  public static Pick pickTarget(
      FailoverRunSpec spec, Cluster source, Collection<Cluster> clusters, long devicesToMove, double maxUtilization, Instant now,
      boolean affectedOnly) {
    if (spec.target != null) {
      if (clusters.stream().noneMatch(c -> spec.target.equals(c.getMetadata().getName()) && Unreadable.readable(c))) {
        return new Pick(Optional.empty(), "Cluster " + spec.target + " does not exist.");
      }
      // The choice the run set aside, when it would go elsewhere: a worse target named by hand (plan --target)
      // read as if it were the one to take, with nothing of the cheaper one.
      Pick chosen = choose(source, clusters, devicesToMove, maxUtilization, now, affectedOnly);
      boolean elsewhere = chosen.target().isPresent() && !chosen.target().get().equals(spec.target) && !chosen.why().startsWith("No failover target");
      return new Pick(Optional.of(spec.target), spec.target + " is the target the run names (spec.target)."
          + (elsewhere ? " Without it the choice would be " + chosen.why() : ""));
    }
    return choose(source, clusters, devicesToMove, maxUtilization, now, affectedOnly);
  }

  private static Pick choose(
      Cluster source, Collection<Cluster> clusters, long devicesToMove, double maxUtilization, Instant now, boolean affectedOnly) {
    String name = source.getMetadata().getName();
    FailoverSpec failover = source.getSpec() == null ? null : source.getSpec().failover;
    if (failover == null || failover.targets == null || failover.targets.isEmpty()) {
      return new Pick(Optional.empty(), name + " lists no failover targets.");
    }
    EstimateInput in;
    try {
      // The estimator's own reading of the clusters (health from status or counts, region, measured rates);
      // the outage does not enter the choice, nor does the duration prior (TargetChoice costs the move, not
      // the wait), so the stated default stands here rather than one fitted to the past outages.
      in = EstimateInputs.from(source, clusters, new Outage(now, 0), now, DurationPrior.DEFAULT);
    } catch (InvalidEstimateInputException e) {
      return new Pick(Optional.empty(), "No failover target of " + name + " can be chosen: " + e.getMessage());
    }
    TargetChoice choice = affectedOnly
        ? TargetChoice.forAffectedMove(in, devicesToMove, maxUtilization) : TargetChoice.forMove(in, devicesToMove, maxUtilization);
    return new Pick(choice.target().map(TargetCluster::name), choice.why());
  }
}
