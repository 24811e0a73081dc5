package io.failwise.model.run;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The lifecycle of a FailoverRun. Each state documents the states it may move to and the user
 * actions it accepts; {@link #canMoveTo} and {@link #accepts} are the only source of truth: every
 * status write of the controller is checked against them ({@link RunTransitions}), and the command
 * line asks {@link #accepts} before it writes.
 */
public enum RunPhase {
  /**
   * Created and not yet admitted: the spec or its references are being checked, the global halt is
   * set, or another run holds the same source. Nothing has been executed.
   *
   * <p>Moves to {@link #PLANNED} (mode Plan), {@link #REFUSED} (budget or freeze window), {@link
   * #RUNNING} (admitted) or {@link #ABORTED}. Accepts: abort.
   */
  PENDING("Pending"),

  /**
   * Mode Plan finished: the estimate, the prechecks and the resolved plan are in the status; nothing
   * was executed. Terminal. Accepts nothing.
   */
  PLANNED("Planned"),

  /**
   * Would exceed the source's daily failover budget or start inside a freeze window; the status says
   * which. Nothing was executed. Terminal. Accepts nothing.
   */
  REFUSED("Refused"),

  /**
   * Executing steps. Moves to {@link #AWAITING_APPROVAL} (an approval step is reached), {@link
   * #HALTED} (the global halt is set), {@link #ROLLING_BACK} (abort, stop condition, failed step) or
   * {@link #SUCCEEDED}. Accepts: abort.
   */
  RUNNING("Running"),

  /**
   * At an approval step, waiting for a person. Moves to {@link #RUNNING} (approved), {@link
   * #HALTED} or {@link #ROLLING_BACK} (abort, or the approval timed out). Accepts: approve, abort.
   */
  AWAITING_APPROVAL("AwaitingApproval"),

  /**
   * Paused by the global halt between two side effects; the status names who halted and when. Moves
   * to {@link #RUNNING} (resume) or {@link #ROLLING_BACK} (abort). Accepts: abort.
   */
  HALTED("Halted"),

  /**
   * Undoing the steps that ran, newest first. Not paused by the halt: stopping half-way through an
   * undo would leave routing in neither the old nor the new state. Moves to {@link #ROLLED_BACK} or
   * {@link #FAILED} (an undo kept failing, or a Failover's failback was stopped with its shift
   * kept). Accepts nothing: the abort is already under way.
   */
  ROLLING_BACK("RollingBack"),

  /** Every step completed. Terminal. Accepts nothing. */
  SUCCEEDED("Succeeded"),

  /** Stopped, and every step that ran was undone. Terminal. Accepts nothing. */
  ROLLED_BACK("RolledBack"),

  /** Aborted before it started: nothing to undo. Terminal. Accepts nothing. */
  ABORTED("Aborted"),

  /**
   * A person must finish by hand: an undo failed after its retries, or a Failover's failback was
   * stopped (a stop condition or an abort) with its shift kept, so routing may be partly moved, and
   * the status says where the devices are and what to restore. Terminal: no transition leaves it, but it
   * keeps holding its source and target (no other run moves devices into or out of them) until a person
   * resolves it. Accepts: resolve, once. The controller also ends a run here, from any phase
   * that is not terminal, when it catches itself about to write a transition these tables do not
   * allow (a bug: reason {@code IllegalTransition}); that is the one exception to {@link #next}.
   */
  FAILED("Failed");

  private final String displayName;

  RunPhase(String displayName) {
    this.displayName = displayName;
  }

  /** The CamelCase name written in status.phase. */
  public String displayName() {
    return displayName;
  }

  /** The phase written as {@code name} in a status, if it is one. */
  public static Optional<RunPhase> parse(String name) {
    return Arrays.stream(values()).filter(p -> p.displayName.equals(name)).findFirst();
  }

  /** The phases this one may move to; staying in the same phase is not a transition. */
  public Set<RunPhase> next() {
    return switch (this) {
      case PENDING -> EnumSet.of(PLANNED, REFUSED, RUNNING, ABORTED);
      case RUNNING -> EnumSet.of(AWAITING_APPROVAL, HALTED, ROLLING_BACK, SUCCEEDED);
      case AWAITING_APPROVAL -> EnumSet.of(RUNNING, HALTED, ROLLING_BACK);
      case HALTED -> EnumSet.of(RUNNING, ROLLING_BACK);
      case ROLLING_BACK -> EnumSet.of(ROLLED_BACK, FAILED);
      case PLANNED, REFUSED, SUCCEEDED, ROLLED_BACK, ABORTED, FAILED -> EnumSet.noneOf(RunPhase.class);
    };
  }

  public boolean canMoveTo(RunPhase target) {
    return next().contains(target);
  }

  public boolean isTerminal() {
    return next().isEmpty();
  }

  /** Whether a person may ask for {@code action} in this phase. */
  public boolean accepts(UserAction action) {
    return switch (action) {
      case APPROVE -> this == AWAITING_APPROVAL;
      case ABORT -> this == PENDING || this == RUNNING || this == AWAITING_APPROVAL || this == HALTED;
      case RESOLVE -> this == FAILED;
    };
  }
}
