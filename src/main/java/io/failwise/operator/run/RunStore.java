package io.failwise.operator.run;

import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunStatus;
import java.util.Optional;

/** Where runs are read fresh and their status written with optimistic locking. */
public interface RunStore {
  /** The run as the API server has it now (not a cache), or empty if it is gone. */
  Optional<FailoverRun> get(String namespace, String name);

  /**
   * Writes {@code status} to the run if its resourceVersion is still the one in {@code run}.
   *
   * @return the run as written, with its new resourceVersion
   * @throws Conflict if someone wrote the run since it was read: read it again and decide again
   */
  FailoverRun writeStatus(FailoverRun run, FailoverRunStatus status);

  /** The run changed since it was read (HTTP 409). */
  final class Conflict extends RuntimeException {
    public Conflict(String message) {
      super(message, null, false, false);
    }
  }
}
