package io.failwise.operator.policy;

import io.failwise.api.Cluster;
import io.failwise.model.Format;
import io.failwise.model.estimate.RunnableMoves;
import io.failwise.model.policy.Guard;
import io.failwise.model.policy.PolicyAction;
import io.failwise.model.policy.PolicyTrigger;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/** The sentences a policy decision adds to the estimate's explanation: why now, what was not weighed, when next, what was done. */
final class DecisionWords {
  private DecisionWords() {}

  /**
   * When the policy itself decides again, said when it is later than the estimate's "Re-evaluate at" (a
   * flip or a rise's wait step, for a person): the policy keeps its shortest interval between scheduled
   * decisions, and re-decides sooner on a material change. Said as later than that time: two times side by
   * side ("Re-evaluate at 21:40:33 ... decides again at 21:45") read as a contradiction otherwise.
   */
  static String decidesAgain(Instant scheduled, Instant now, ZoneId zone, Duration soonest, double materialChange) {
    return " The policy's own next decision comes later, at " + Format.timeToTheSecond(scheduled, now, zone) + " (one scheduled decision every "
        + Format.duration(soonest) + " at most), or sooner if the offline count moves by more than " + Format.percent(materialChange) + ".";
  }

  /**
   * "The policy decides again when its cooldown ends, at 00:43:57 UTC.": a guard that ends by itself before the
   * estimate's time. When the policy's shortest interval between decisions puts that later than the end, both
   * are said: an outside pass read "when its cooldown ends, at 04:10:42" beside "no new run before 04:08:15".
   */
  static String decidesWhenItEnds(Instant scheduled, Instant ends, Instant now, ZoneId zone, Guard guard, Duration soonest) {
    String what = guard.reason().toLowerCase(java.util.Locale.ROOT);
    return scheduled.isAfter(ends)
        ? " The policy decides again at " + Format.timeToTheSecond(scheduled, now, zone) + ", once its " + what + " has ended (at "
            + Format.timeToTheSecond(ends, now, zone) + ") and its shortest interval between decisions (" + Format.duration(soonest) + ") has passed."
        : " The policy decides again when its " + what + " ends, at " + Format.timeToTheSecond(scheduled, now, zone) + ".";
  }

  /** The move the policy's playbook cannot carry out, said when the cluster could have made it. */
  static String notWeighed(RunnableMoves moves, Cluster cluster) {
    boolean byDevice = cluster.getSpec() != null && cluster.getSpec().failover != null
        && cluster.getSpec().failover.granularity == io.failwise.api.FailoverSpec.Granularity.Device;
    if (!moves.affected() && byDevice) {
      return " Not weighed: moving only the affected devices, since " + moves.why() + ".";
    }
    return moves.whole() ? "" : " Not weighed: failing every device over, since " + moves.why() + ".";
  }

  /**
   * Why a decision on an outage already decided on comes now, first in its explanation (docs/policies.md):
   * the window that silenced it ended, its counts can be read again, or the halt that blocked it was lifted.
   */
  static String decidedAgain(PolicyTrigger.Why why) {
    return switch (why == null ? PolicyTrigger.Why.FIRST_DECISION : why) {
      case RESUMED -> "Decided again: the maintenance window that silenced this outage has ended and the outage goes on. ";
      case SIGNAL_RETURNED -> "Decided again: the device counts can be read again and the outage goes on. ";
      case HALT_LIFTED -> "Decided again: the global halt that blocked the last decision was lifted, and the outage goes on. ";
      default -> "";
    };
  }

  /** What the policy did with the decision (after "Re-decided because the offline count changed." for a material change). */
  /** "Acted on this outage already: failover run X (Running)." for a decision made again on an outage the policy ran. */
  static String actedAlready(io.failwise.api.FailoverRun run, PolicyTrigger.Why why) {
    String prefix = why == PolicyTrigger.Why.MATERIAL_CHANGE ? "Re-decided because the offline count changed. " : "";
    String kind = run.getSpec().mode == io.failwise.api.FailoverRunSpec.Mode.Plan ? "Plan run " : "failover run ";
    String phase = run.getStatus() == null || run.getStatus().phase == null ? "Pending" : run.getStatus().phase;
    if (endedShort(run)) {
      String message = run.getStatus().message == null ? "" : ": " + run.getStatus().message.strip();
      return prefix + "Blocked: this policy acted on this outage already, and its " + kind + run.getMetadata().getName() + " ended "
          + phase + (message.endsWith(".") ? message : message.isEmpty() ? "." : message + ".") + " A policy creates one run per"
          + " outage and does not retry it: a person decides what comes next (a new run by hand, or `failwise promote` of a plan).";
    }
    return prefix + "Acted on this outage already: " + kind + run.getMetadata().getName() + " (" + phase + ").";
  }

  /**
   * Whether the run a policy created for an outage has ended short of its purpose: any end but a Failover's
   * Succeeded and a Plan's Planned (the staged plan, there to be promoted).
   */
  static boolean endedShort(io.failwise.api.FailoverRun run) {
    var phase = io.failwise.operator.run.RunStatuses.phase(run);
    return phase.isTerminal() && phase != io.failwise.model.run.RunPhase.SUCCEEDED && phase != io.failwise.model.run.RunPhase.PLANNED;
  }

  /**
   * " Its failover run X for this outage is AwaitingApproval: ..." after a decision that no longer
   * recommends the run this policy created earlier in the outage, so that its approver hears of it.
   */
  static String ownRunStands(io.failwise.api.FailoverRun run) {
    String phase = run.getStatus() == null || run.getStatus().phase == null ? "Pending" : run.getStatus().phase;
    if (io.failwise.operator.run.RunStatuses.phase(run).isTerminal()) {
      return "";
    }
    String kind = run.getSpec().mode == io.failwise.api.FailoverRunSpec.Mode.Plan ? "Plan run " : "failover run ";
    return " Its " + kind + run.getMetadata().getName() + " for this outage, created on an earlier decision, is " + phase
        + ": this decision no longer recommends it.";
  }

  /**
   * What the policy did with the decision. {@code blocked}: the clause a run guard gave for this cluster
   * (which run, until when), said instead of the guard's general words.
   */
  static String action(
      PolicyAction.Choice choice, PolicyAction.Mode mode, String run, PolicyTrigger.Why why, Optional<String> invalid,
      Optional<String> blocked, Optional<String> approvalStep, String namespace) {
    String prefix = why == PolicyTrigger.Why.MATERIAL_CHANGE ? "Re-decided because the offline count changed. " : "";
    return prefix
        + switch (choice.action()) {
          case RECORDED -> mode == PolicyAction.Mode.SHADOW ? "Recorded only (Shadow mode)." : "Recorded; nothing to do.";
          // A Plan run ends Planned: it is reviewed, not approved; a person acts by creating a Failover run.
          case STAGED -> "Staged run " + run + " in Plan mode: its plan, estimate and prechecks are in its status (failwise report "
              + run + " -n " + namespace + "); nothing runs until a person creates a Failover run of the same playbook, source and target (failwise promote "
              + run + " -n " + namespace + ").";
          // Executed: the run exists; a playbook with an approval step moves nothing before a person approves.
          case EXECUTED -> approvalStep
              .map(step -> "Created failover run " + run + "; it moves nothing until a person approves its step " + step
                  + " (failwise approve " + run + " -n " + namespace + ").")
              .orElse("Started failover run " + run + ".");
          case BLOCKED -> choice.blockedBy().orElseThrow() == Guard.INVALID_POLICY && invalid.isPresent()
              ? "Not acted on: the policy cannot create runs: " + invalid.get()
              : "Not acted on: " + blocked.orElseGet(() -> choice.blockedBy().orElseThrow().sentence()) + ".";
          case SILENCED, SIGNAL_LOST, RECOVERED -> "";
        };
  }
}
