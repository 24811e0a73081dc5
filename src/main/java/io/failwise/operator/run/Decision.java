package io.failwise.operator.run;

import io.failwise.api.FailoverRunStatus;
import java.time.Duration;

/** What the engine decided a run does next; the runner carries it out. */
public sealed interface Decision {
  /** Write this status (a transition with no side effect), then decide again. */
  record Write(FailoverRunStatus next) implements Decision {}

  /**
   * Do a side effect: save what it changes, write the intent, do it, write the result. {@code
   * status} is the run's status with the step and message updated for the intent.
   */
  record Act(FailoverRunStatus status, FailoverRunStatus.Effect effect) implements Decision {}

  /** Redo the side effect whose intent is written and whose result is not. */
  record Redo(FailoverRunStatus.Effect effect) implements Decision {}

  /** Admit a Pending run: take its source's lock and budget, then write this Running status. */
  record Admit(FailoverRunStatus running) implements Decision {}

  /** Nothing to do until {@code after} or an event; write {@code next} first if not null and changed. */
  record Sleep(Duration after, FailoverRunStatus next) implements Decision {}

  /** The run is in a terminal phase. */
  record Done() implements Decision {}
}
