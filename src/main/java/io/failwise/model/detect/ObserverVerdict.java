package io.failwise.model.detect;

import java.time.Instant;

/**
 * What one observer says about a cluster: a detector verdict, or why it cannot tell (an unknown
 * observer never counts as healthy, nor towards a quorum).
 *
 * @param reason CamelCase: the detector's reason when known, else Unreachable, EmptyResult, Stale,
 *     BadResponse
 * @param lastReadTime time of the newest sample read from this observer, null if none ever was
 * @param errorsPerSecond failed connection attempts per second, when the observer reads them
 */
public record ObserverVerdict(
    String name, DetectionVerdict verdict, String reason, String message, Instant lastReadTime, Double errorsPerSecond) {

  public static ObserverVerdict known(String name, DetectionVerdict verdict) {
    return new ObserverVerdict(name, verdict, verdict.reason(), verdict.message(), verdict.at(), null);
  }

  public static ObserverVerdict unknown(String name, String reason, String message, Instant lastReadTime) {
    return new ObserverVerdict(name, null, reason, message, lastReadTime, null);
  }

  public ObserverVerdict withErrorsPerSecond(Double errors) {
    return new ObserverVerdict(name, verdict, reason, message, lastReadTime, errors);
  }

  /** Known and past its warm-up: only such verdicts count towards a quorum. */
  public boolean judged() {
    return verdict != null && verdict.state() != DetectionState.LEARNING;
  }

  public boolean isKnown() {
    return verdict != null;
  }
}
