package io.failwise.model.detect;

/**
 * Where a detector stands. Transitions:
 *
 * <ul>
 *   <li>LEARNING -> NORMAL once the warm-up has passed (a baseline and a noise scale exist).
 *   <li>NORMAL -> DEGRADED or OUTAGE when the CUSUM statistic crosses its alarm level and the devices
 *       offline above the baseline pass that state's floor.
 *   <li>DEGRADED -> OUTAGE when the excess passes the outage floor.
 *   <li>OUTAGE -> DEGRADED or NORMAL, DEGRADED -> NORMAL only after the excess has stayed below a
 *       fraction of the floor for the recovery hold, so a flapping signal does not flap the state.
 * </ul>
 */
public enum DetectionState {
  LEARNING,
  NORMAL,
  DEGRADED,
  OUTAGE;

  /** Whether this state says devices are going offline beyond normal churn. */
  public boolean alarmed() {
    return this == DEGRADED || this == OUTAGE;
  }
}
