package io.failwise.operator.run;

import io.failwise.model.run.DailyBudget;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Per source cluster: which run holds it (one at a time, never interleaved) and the failovers and
 * failbacks done in the last day. Every change is atomic on the API server.
 */
public interface SourceLedger {
  /** The outcome of trying to take a source. */
  sealed interface Claim {
    record Acquired() implements Claim {}

    record HeldBy(String run) implements Claim {}

    record OverBudget(String why) implements Claim {}
  }

  /** Who holds a source: a run's name and uid. */
  record Holder(String name, String uid) {}

  /**
   * Takes {@code source} for the run if nobody else (alive) holds it and the budget allows the
   * operations it {@code needs}; taking it again for the same run is a no-op.
   */
  Claim acquire(String namespace, String source, Holder run, List<DailyBudget.Kind> needs, Instant now);

  /** Records an operation the run is about to do; recording the same (run, kind) again is a no-op. */
  void record(String namespace, String source, DailyBudget.Kind kind, Holder run, Instant now);

  /** Frees the source if the run holds it. */
  void release(String namespace, String source, Holder run);

  /** The operations recorded for the source. */
  List<DailyBudget.Operation> operations(String namespace, String source);

  /** The run holding the source, if any. */
  Optional<Holder> holder(String namespace, String source);
}
