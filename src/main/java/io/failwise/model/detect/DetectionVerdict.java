package io.failwise.model.detect;

import io.failwise.model.Format;
import java.time.Instant;

/**
 * The detector's judgement after a sample.
 *
 * @param excessOfflineDevices devices offline above what the baseline expects now (negative when more
 *     are connected than usual)
 * @param baselineConnected devices the baseline expected to be connected at this time
 * @param onset estimated start of the change (CUSUM change point) while DEGRADED or OUTAGE, else null
 * @param maintenance the sample fell inside a planned maintenance window: a loss is at most DEGRADED,
 *     with reason Maintenance
 * @param silencedOutage an OUTAGE that was in progress when a maintenance window (a {@code failwise
 *     silence}) began, and has not ended: shown as DEGRADED while the window lasts, it is not over. It
 *     ends inside the window only when the devices come back as an Outage would end (below half the
 *     Outage floor for the recovery hold); otherwise it is the same OUTAGE (same onset) when the window ends
 * @param outageBackAt when the devices of the latest OUTAGE that ended came back: the start of the
 *     recovery hold that ended it, minutes before the verdict stopped saying OUTAGE (null while one goes
 *     on, or before any ended). The end of an outage is when the devices came back, not when that was
 *     confirmed: a duration learned from it must not carry the hold.
 */
public record DetectionVerdict(
    DetectionState state,
    Instant at,
    long connected,
    Long expected,
    long excessOfflineDevices,
    long baselineConnected,
    Instant onset,
    double cusum,
    boolean maintenance,
    boolean silencedOutage,
    Instant outageBackAt) {

  /** Reason a condition shows for a loss inside a maintenance window. */
  public static final String MAINTENANCE = "Maintenance";

  public DetectionVerdict(
      DetectionState state, Instant at, long connected, Long expected, long excessOfflineDevices, long baselineConnected,
      Instant onset, double cusum) {
    this(state, at, connected, expected, excessOfflineDevices, baselineConnected, onset, cusum, false, false);
  }

  public DetectionVerdict(
      DetectionState state, Instant at, long connected, Long expected, long excessOfflineDevices, long baselineConnected,
      Instant onset, double cusum, boolean maintenance) {
    this(state, at, connected, expected, excessOfflineDevices, baselineConnected, onset, cusum, maintenance, false);
  }

  public DetectionVerdict(
      DetectionState state, Instant at, long connected, Long expected, long excessOfflineDevices, long baselineConnected,
      Instant onset, double cusum, boolean maintenance, boolean silencedOutage) {
    this(state, at, connected, expected, excessOfflineDevices, baselineConnected, onset, cusum, maintenance, silencedOutage, null);
  }

  /** CamelCase reason for a condition. */
  public String reason() {
    if (maintenance && state.alarmed()) {
      return MAINTENANCE;
    }
    return switch (state) {
      case LEARNING -> "LearningBaseline";
      case NORMAL -> "NormalChurn";
      case DEGRADED -> "ElevatedOfflineRate";
      case OUTAGE -> "DevicesDropping";
    };
  }

  /** A sentence for a person: how many devices, since when. */
  public String message() {
    String counts =
        expected == null
            ? Format.plural(connected, "device") + " connected (baseline " + Format.count(baselineConnected) + ")"
            : Format.count(connected) + " of " + Format.count(expected) + " devices connected";
    return switch (state) {
      case LEARNING -> "Learning the normal level and churn of this cluster; " + counts + ".";
      case NORMAL -> counts + "; the offline rate is within normal churn.";
      case DEGRADED, OUTAGE ->
          Format.count(Math.max(0, excessOfflineDevices))
              + " devices went offline above normal churn since about "
              + onset
              + " (estimated onset); "
              + counts
              + (silencedOutage
                  ? "; an Outage silenced by a planned maintenance window: it has not ended, and it is an Outage"
                      + " again when the window ends if the devices are still offline."
                  : maintenance ? "; inside a planned maintenance window, so not an Outage." : ".");
    };
  }
}
