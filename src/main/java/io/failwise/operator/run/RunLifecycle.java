package io.failwise.operator.run;

import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunStatus;
import io.failwise.model.run.RunPhase;
import io.failwise.model.run.RunTransitions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Enforces the run lifecycle where status is written: every controller write is checked against the
 * tables of {@link RunPhase} and {@link io.failwise.model.run.StepState}. An illegal transition is a
 * bug; it is logged, never written, and the run fails with reason {@code IllegalTransition} instead,
 * so that no further side effect follows from a state the tables do not know.
 */
final class RunLifecycle {
  static final String ILLEGAL_TRANSITION = "IllegalTransition";
  private static final Logger LOG = Logger.getLogger(RunLifecycle.class);

  private RunLifecycle() {}

  /** The run moved (or would have moved) to Failed instead of an illegal write. */
  static final class IllegalTransition extends RuntimeException {
    IllegalTransition(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * The status to write in place of {@code next} when {@code next} breaks the lifecycle (empty when
   * the write is legal): the status as it was, Failed with the reason. A run that has already ended
   * gets nothing written.
   */
  static Optional<FailoverRunStatus> failedInstead(FailoverRun run, FailoverRunStatus next, Instant now) {
    FailoverRunStatus before = run.getStatus();
    Optional<String> illegal = RunTransitions.illegal(snapshot(before), snapshot(next));
    if (illegal.isEmpty()) {
      return Optional.empty();
    }
    String name = run.getMetadata().getNamespace() + "/" + run.getMetadata().getName();
    LOG.errorf("Run %s: refused to write an illegal transition (a bug in the controller): %s", name, illegal.get());
    RunPhase phase = RunStatuses.phase(run);
    if (phase.isTerminal()) {
      return Optional.of(before);
    }
    FailoverRunStatus failed = RunStatuses.copy(before);
    failed.pendingEffect = null;
    return Optional.of(
        RunFinish.failed(
            run.getMetadata().getName(), failed, ILLEGAL_TRANSITION,
            "The controller tried an illegal transition (" + illegal.get() + "), a bug; it stopped the run without"
                + " acting further. Check status.rollbackData and the steps' states, and restore by hand what the run moved.",
            now));
  }

  private static RunTransitions.Snapshot snapshot(FailoverRunStatus s) {
    if (s == null) {
      return new RunTransitions.Snapshot(null, List.of());
    }
    return new RunTransitions.Snapshot(s.phase, s.steps == null ? List.of() : s.steps.stream().map(st -> st.state).toList());
  }
}
