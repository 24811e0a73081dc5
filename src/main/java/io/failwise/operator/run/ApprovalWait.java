package io.failwise.operator.run;

import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunSpec.Mode;
import io.failwise.api.FailoverRunStatus;
import io.failwise.api.FailoverRunStatus.PlannedStep;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A run waiting for a person's approval: what its message says, and its estimate kept current while it
 * waits. A Failover run admitted during an outage waits up to its approval timeout (30 minutes in the
 * sample playbook); the outage may end meanwhile, and the approver must read the advice of the moment
 * they approve: its estimate is made again every {@link #REFRESH}, and the message says when it no
 * longer recommends failing over.
 */
final class ApprovalWait {
  /** How old a waiting Failover run's estimate may grow before it is made again. */
  static final Duration REFRESH = Duration.ofMinutes(1);

  private ApprovalWait() {}

  /**
   * "Waiting for approval of step approve: failwise approve X -n NS by 21:50:00Z (then it times out and
   * rolls back). PLAYBOOK'S MESSAGE Before approving: this run's estimate recommends HOLD, ..."
   *
   * @param until " by TIME (...)": when a person must have approved by, or empty when the step has no timeout
   */
  static String message(FailoverRun run, FailoverRunStatus s, PlannedStep step, String until) {
    String name = run.getMetadata().getName();
    String ns = run.getMetadata().getNamespace();
    String asked = step.spec.approval.message;
    String m = "Waiting for approval of step " + step.name + ": failwise approve " + name + " -n " + ns + until
        + (asked == null ? "" : ". " + asked);
    if (againstEstimate(s)) {
      // A Failover against its own estimate's advice is the approver's call, but never a silent one.
      m += (asked == null || asked.endsWith(".") ? " " : ". ")
          + "Before approving: this run's estimate recommends HOLD, not failing over (status.estimate; failwise report " + name
          + " -n " + ns + ")." + why(s);
    }
    return m;
  }

  /** Whether the run is a Failover whose estimate advises against it. */
  static boolean againstEstimate(FailoverRunStatus s) {
    return Mode.Failover.name().equals(s.plan.mode) && s.estimate != null && "HOLD".equals(s.estimate.recommendation);
  }

  /**
   * " No outage in progress: go-eu-west-1 is Healthy.": the reason, when the source is in no outage (the
   * case an approver must not miss: the outage ended while the run waited). Without the counts, which
   * change at every refresh: the message changes when the advice does.
   */
  private static String why(FailoverRunStatus s) {
    String e = s.estimate.explanation;
    if (e == null || !e.startsWith(RunEstimates.NO_OUTAGE)) {
      return "";
    }
    int end = e.indexOf(", ", RunEstimates.NO_OUTAGE.length());
    return " " + (end > 0 ? e.substring(0, end) + "." : e);
  }

  /** Whether a waiting Failover run's estimate is older than {@link #REFRESH} (or has none to go by). */
  static boolean due(FailoverRunStatus s, Instant now) {
    if (!Mode.Failover.name().equals(s.plan.mode) || s.estimate == null || s.estimate.madeAt == null) {
      return false;
    }
    try {
      return !now.isBefore(Instant.parse(s.estimate.madeAt).plus(REFRESH));
    } catch (DateTimeParseException e) {
      return true;
    }
  }
}
