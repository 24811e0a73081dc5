package io.failwise.execution;

import io.failwise.api.ActionSpec;
import java.util.Map;

/**
 * One call of an action by a run's step.
 *
 * @param kind the step's kind: Shift, Failback or Scale (a simulator moves devices back on Failback)
 * @param wave 0-based wave, or null for an undo
 * @param idempotencyKey RUN-UID/STEP/WAVE (or /undo): the same key for every retry and redo of the
 *     same side effect, so that a receiver can do it once
 * @param variables the values of the {{templates}}
 */
public record ActionCall(
    String runName,
    String namespace,
    String step,
    String kind,
    Integer wave,
    String idempotencyKey,
    ActionSpec spec,
    Map<String, String> variables) {}
