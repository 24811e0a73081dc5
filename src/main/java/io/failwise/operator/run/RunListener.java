package io.failwise.operator.run;

import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunStatus;

/** Told about every status a run is about to get; records Kubernetes Events in production. */
public interface RunListener {
  /** Called before {@code next} is written over {@code run}'s status; throwing stops the write. */
  void beforeWrite(FailoverRun run, FailoverRunStatus next);

  /**
   * Called when a deleted run cannot go yet: it ended Failed and waits for {@code failwise resolve}
   * ({@link RunDeletion}); {@code message} says so to whoever deleted it.
   */
  default void deletionWaits(FailoverRun run, String message) {}

  RunListener NONE = (run, next) -> {};
}
