package io.failwise.execution;

import java.util.List;
import java.util.Optional;

/**
 * A way of moving devices that shift and failback steps use, chosen by the field set in the step's
 * ActionSpec ({@link #type()}): patch, webhook, and the fleet simulator's. The run records its intent
 * before calling {@link #apply} and the result after, so after a crash the same call may come again:
 * every method must be idempotent for one {@link ActionCall#idempotencyKey()}.
 */
public interface StepAction {
  /** The ActionSpec field this implements, e.g. "patch". */
  String type();

  /** Whether {@link #undo} puts the saved state back exactly, so a failback can end with it. */
  default boolean restoresExactly() {
    return false;
  }

  /**
   * Why the owner's allow-lists do not let this call happen (an object or a URL outside them), as a
   * sentence naming what it would touch and the rule it misses; empty if allowed. Pure of side
   * effects: a run asks it of every call before its first step, and {@code plan} asks it offline.
   */
  Optional<String> refusal(ActionCall call);

  /** What {@link #apply} will change, as it is now; read-only. Empty when nothing can be saved. */
  List<SavedState> save(ActionCall call);

  /** Does the action once; a repeat of the same call changes nothing more. */
  void apply(ActionCall call);

  /**
   * Undoes what this step's calls did: restores {@code saved} (what {@link #save} returned, merged
   * over the step's waves, and not restored by another step yet) or calls the undo the spec names.
   */
  void undo(ActionCall call, List<SavedState> saved);
}
