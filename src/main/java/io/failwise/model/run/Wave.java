package io.failwise.model.run;

import java.time.Duration;

/**
 * One wave of a shift or a failback.
 *
 * @param index 0-based position in its step
 * @param percent cumulative share of the step's devices moved once this wave is done (1 to 100)
 * @param devices devices this wave moves
 * @param devicesAfter devices the step has moved once this wave is done
 * @param paced the least time the receiving cluster needs to admit {@code devices} at its rate
 * @param duration how long the wave lasts before the next may start: the paced time, or the hold
 *     the playbook asks for if that is longer
 */
public record Wave(int index, int percent, long devices, long devicesAfter, Duration paced, Duration duration) {}
