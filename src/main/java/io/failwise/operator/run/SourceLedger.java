package io.failwise.operator.run;

import io.failwise.model.Format;
import io.failwise.model.run.DailyBudget;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Per cluster: which run holds it (one at a time, never interleaved), as its source or as its target,
 * and the failovers and failbacks done in the last day when it was a source. Every change is atomic on
 * the API server. A run holds its source and its target from admission until it ends, so no two runs
 * move devices into or out of one cluster at once.
 */
public interface SourceLedger {
  /** What a run holds a cluster as: the one it moves devices out of, or the one it moves them into. */
  enum Role {
    SOURCE,
    TARGET;

    /** As the ledger writes it ({@code Source}, {@code Target}); a ledger written before roles means Source. */
    String word() {
      return this == SOURCE ? "Source" : "Target";
    }

    static Role parse(String word) {
      return "Target".equals(word) ? TARGET : SOURCE;
    }
  }

  /** The outcome of trying to take a cluster. */
  sealed interface Claim {
    record Acquired() implements Claim {}

    /**
     * Another run, still alive, holds the cluster {@code as} its source or its target; {@code awaitsResolve}:
     * that run ended Failed and holds it until a person resolves it ({@code failwise resolve}).
     */
    record HeldBy(String run, Role as, boolean awaitsResolve) implements Claim {
      public HeldBy(String run, Role as) {
        this(run, as, false);
      }

      public HeldBy(String run) {
        this(run, Role.SOURCE);
      }

      /** What a run that wants the cluster waits for: {@code that run ends}, or a person's resolve of the failed run. */
      public String waitsFor() {
        return awaitsResolve
            ? "a person finishes by hand what run " + run + " left (it ended Failed) and runs `failwise resolve " + run + "`"
            : "that run ends";
      }
    }

    /**
     * Nobody holds the cluster, but {@code run} moved devices into or out of it and its device counts
     * settle until {@code until}: a device that left is still counted there until its keep-alive
     * expires, and a run that started now would take it for its own baseline.
     */
    record Settling(String run, Instant until) implements Claim {}

    record OverBudget(String why) implements Claim {}

    /**
     * What keeps runs off the cluster, as {@code failwise get clusters} and the console's fleet page say
     * it: {@code drill-q4 (target)}, {@code incident (source, Failed: awaits resolve)}, {@code settles 4 min (after
     * drill-q4)}; empty for the other outcomes.
     */
    default String occupancy(Instant now) {
      if (this instanceof HeldBy held) {
        return held.run() + " (" + (held.as() == Role.TARGET ? "target" : "source") + (held.awaitsResolve() ? ", Failed: awaits resolve" : "") + ")";
      }
      if (this instanceof Settling settling) {
        return "settles " + Format.duration(java.time.Duration.between(now, settling.until())) + " (after " + settling.run() + ")";
      }
      return "";
    }
  }

  /** Who holds a source: a run's name and uid. */
  record Holder(String name, String uid) {}

  /**
   * Takes {@code cluster} for the run, {@code as} its source or its target, if nobody else (alive)
   * holds it in either role and the budget allows the operations it {@code needs} (a target needs
   * none); taking it again for the same run is a no-op.
   */
  Claim acquire(String namespace, String cluster, Holder run, Role as, List<DailyBudget.Kind> needs, Instant now);

  /** Takes {@code source} for the run as its source. */
  default Claim acquire(String namespace, String source, Holder run, List<DailyBudget.Kind> needs, Instant now) {
    return acquire(namespace, source, run, Role.SOURCE, needs, now);
  }

  /** Records an operation the run is about to do; recording the same (run, kind) again is a no-op. */
  void record(String namespace, String source, DailyBudget.Kind kind, Holder run, Instant now);

  /**
   * Frees the cluster if the run holds it, in either role; with {@code settlesUntil} (the run moved
   * devices), no other run takes it before then.
   */
  void release(String namespace, String cluster, Holder run, Instant settlesUntil);

  /** Frees the cluster at once (the run moved no devices). */
  default void release(String namespace, String cluster, Holder run) {
    release(namespace, cluster, run, null);
  }

  /** The operations recorded for the source. */
  List<DailyBudget.Operation> operations(String namespace, String source);

  /** The run holding the cluster, as its source or its target, if any. */
  Optional<Holder> holder(String namespace, String cluster);
}
