package io.failwise.operator.run;

import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunStatus;

/** Told about every status a run is about to get; records Kubernetes Events in production. */
public interface RunListener {
  /** Called before {@code next} is written over {@code run}'s status; throwing stops the write. */
  void beforeWrite(FailoverRun run, FailoverRunStatus next);

  RunListener NONE = (run, next) -> {};
}
