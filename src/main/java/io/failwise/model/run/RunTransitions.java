package io.failwise.model.run;

import java.util.List;
import java.util.Optional;

/**
 * Checks one status write of a run against the lifecycle tables of {@link RunPhase} and {@link
 * StepState}: the controller calls it before every write, and an illegal transition is a bug that
 * fails the run instead of being written.
 */
public final class RunTransitions {
  private RunTransitions() {}

  /**
   * A status as the transition check sees it: the phase and each step's state as written (strings,
   * as on the wire; null where not set yet).
   */
  public record Snapshot(String phase, List<String> stepStates) {}

  /** Why going from {@code before} to {@code after} is illegal, or empty when every change is in the tables. */
  public static Optional<String> illegal(Snapshot before, Snapshot after) {
    RunPhase from = before.phase() == null ? RunPhase.PENDING : RunPhase.parse(before.phase()).orElse(null);
    if (from == null) {
      return Optional.of("the run's phase '" + before.phase() + "' is not a phase");
    }
    Optional<RunPhase> to = after.phase() == null ? Optional.of(RunPhase.PENDING) : RunPhase.parse(after.phase());
    if (to.isEmpty()) {
      return Optional.of("'" + after.phase() + "' is not a phase");
    }
    if (to.get() != from && !from.canMoveTo(to.get())) {
      return Optional.of("phase " + from.displayName() + " may not move to " + to.get().displayName());
    }
    List<String> was = before.stepStates();
    List<String> now = after.stepStates();
    if (now == null || now.isEmpty()) {
      // Steps are dropped only while the run has not started (it waits for its source).
      return was != null && !was.isEmpty() && to.get() != RunPhase.PENDING
          ? Optional.of("the steps may be dropped only while Pending, not " + to.get().displayName())
          : Optional.empty();
    }
    if (was != null && !was.isEmpty() && was.size() != now.size()) {
      return Optional.of("the run had " + io.failwise.model.Format.plural(was.size(), "step") + " and would have " + now.size());
    }
    for (int i = 0; i < now.size(); i++) {
      Optional<StepState> next = StepState.parse(now.get(i));
      if (next.isEmpty()) {
        return Optional.of("step " + (i + 1) + ": '" + now.get(i) + "' is not a step state");
      }
      if (was == null || was.isEmpty()) {
        if (next.get() != StepState.PENDING) {
          return Optional.of("step " + (i + 1) + " starts as " + next.get().displayName() + ", not Pending");
        }
        continue;
      }
      Optional<StepState> prev = StepState.parse(was.get(i));
      if (prev.isEmpty()) {
        return Optional.of("step " + (i + 1) + ": '" + was.get(i) + "' is not a step state");
      }
      if (prev.get() != next.get() && !prev.get().canMoveTo(next.get())) {
        return Optional.of("step " + (i + 1) + " may not move from " + prev.get().displayName() + " to " + next.get().displayName());
      }
    }
    return Optional.empty();
  }
}
