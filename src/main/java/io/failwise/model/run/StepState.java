package io.failwise.model.run;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The lifecycle of one step of a run (status.steps[].state). {@link #canMoveTo} is checked on every
 * status write the controller makes, with {@link RunPhase#canMoveTo}, by {@link RunTransitions}.
 */
public enum StepState {
  /** Not started. Moves to {@link #RUNNING}. */
  PENDING("Pending"),
  /** Started: its side effects may be under way. Moves to {@link #SUCCEEDED}, {@link #FAILED}, {@link #UNDONE} or {@link #KEPT}. */
  RUNNING("Running"),
  /** Done. Moves to {@link #UNDONE} or {@link #KEPT} when the run rolls back. */
  SUCCEEDED("Succeeded"),
  /** Could not be done; the run rolls back. Moves to {@link #UNDONE} or {@link #KEPT}. */
  FAILED("Failed"),
  /** Rolled back: what it did was undone. Terminal. */
  UNDONE("Undone"),
  /** Left as it is on rollback, as the playbook's rollback.keep asks. Terminal. */
  KEPT("Kept");

  private final String displayName;

  StepState(String displayName) {
    this.displayName = displayName;
  }

  /** The CamelCase name written in status.steps[].state. */
  public String displayName() {
    return displayName;
  }

  /** The state written as {@code name} in a status, if it is one. */
  public static Optional<StepState> parse(String name) {
    return Arrays.stream(values()).filter(s -> s.displayName.equals(name)).findFirst();
  }

  /** The states this one may move to; staying in the same state is not a transition. */
  public Set<StepState> next() {
    return switch (this) {
      case PENDING -> EnumSet.of(RUNNING);
      case RUNNING -> EnumSet.of(SUCCEEDED, FAILED, UNDONE, KEPT);
      case SUCCEEDED, FAILED -> EnumSet.of(UNDONE, KEPT);
      case UNDONE, KEPT -> EnumSet.noneOf(StepState.class);
    };
  }

  public boolean canMoveTo(StepState target) {
    return next().contains(target);
  }

  public boolean isTerminal() {
    return next().isEmpty();
  }
}
