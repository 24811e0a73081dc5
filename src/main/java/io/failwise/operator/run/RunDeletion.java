package io.failwise.operator.run;

import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunStatus;
import io.failwise.model.run.UserAction;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A FailoverRun deleted while it holds its clusters ({@code kubectl delete}, a GitOps prune of the file
 * that created it). Without a finalizer the object was gone at once: the devices it had moved stayed on
 * the target with nothing saying why, its clusters were free at once (no settle: the next drill took the
 * moved devices for its baseline), and nothing would ever move them back. With {@link #FINALIZER} the
 * object stays, marked for deletion, and the deletion is an abort, exactly as {@code failwise abort}
 * aborts: a Pending run ends with nothing done, a running one is rolled back newest step first, a
 * Failover whose failback has begun ends Failed with its devices where they are. The object goes once it
 * holds nothing, its clusters released with their settle (kept in the ledger, so the settle outlives
 * the run). A Failed run waits for {@code failwise resolve}: it is what says a person has put routing
 * back in hand.
 */
final class RunDeletion {
  /** The finalizer on every FailoverRun the controller has seen: undo, then let the object go. */
  static final String FINALIZER = "failwise.io/undo-before-delete";
  /** Who asked the abort, as the report prints it: "Abort asked by the run's deletion: ...". */
  static final String BY = "the run's deletion";
  static final String REASON =
      "the FailoverRun was deleted (kubectl delete, or a GitOps tool pruning it) while it held its clusters; the controller undoes"
          + " what it did before it lets the object go";

  /** What to do with a deleted run now: let the object go, or keep it and look again after {@code lookAgain} (null: at its next change). */
  record Verdict(boolean letGo, Duration lookAgain) {
    static final Verdict LET_GO = new Verdict(true, null);

    static Verdict keep(Duration lookAgain) {
      return new Verdict(false, lookAgain);
    }
  }

  private RunDeletion() {}

  /**
   * The status with the deletion's abort asked at {@code now} (never before what the status already
   * records), if the run accepts an abort and none was asked yet; empty otherwise (rolling back, ended,
   * or already aborted by a person: their request stands, with its who and why).
   */
  static Optional<FailoverRunStatus> abort(FailoverRun run, Instant now) {
    if (!RunStatuses.phase(run).accepts(UserAction.ABORT) || run.getStatus() != null && run.getStatus().abort != null) {
      return Optional.empty();
    }
    FailoverRunStatus next = RunStatuses.copy(run.getStatus());
    next.abort = new FailoverRunStatus.UserRequest(BY, RunStatuses.time(RunStatuses.askedAt(next, now)), REASON);
    return Optional.of(next);
  }

  /** What a person who deleted a Failed run reads in its Event: why the object stays, and the two ways out. */
  static String waitsForResolve(FailoverRun run) {
    String name = run.getMetadata().getName();
    return "FailoverRun " + name + " ended Failed and holds its clusters until a person has finished by hand what it left: its deletion"
        + " waits for `failwise resolve " + name + "`. Removing the finalizer " + FINALIZER + " by hand lets it go at once and"
        + " frees its clusters with nothing restored.";
  }
}
