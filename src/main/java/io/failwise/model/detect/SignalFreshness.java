package io.failwise.model.detect;

import io.failwise.model.Format;
import java.time.Duration;
import java.time.Instant;

/**
 * Whether an observer's series is fresh enough to judge at a moment, the same for the controller and
 * for a replayed series: no data at all is EmptyResult; data that stopped after the detector had
 * judged the cluster is SignalLost (news: the series of a cluster that was being watched vanished);
 * data that stopped before that is Stale.
 */
public final class SignalFreshness {
  /** The series of a cluster the detector had judged stopped: shown as a distinct reason. */
  public static final String SIGNAL_LOST = "SignalLost";

  public static final String STALE = "Stale";
  public static final String EMPTY_RESULT = "EmptyResult";

  private SignalFreshness() {}

  /** Why the detector cannot be judged at {@code due} (EmptyResult, SignalLost, Stale), or null when it can. */
  public static String unknownReason(OfflineDetector detector, Instant due, Duration staleAfter) {
    Instant newest = detector.lastSampleTime();
    if (newest == null) {
      return EMPTY_RESULT;
    }
    if (Duration.between(newest, due).toSeconds() <= staleAfter.toSeconds()) {
      return null;
    }
    DetectionVerdict last = detector.verdict();
    return last != null && last.state() != DetectionState.LEARNING ? SIGNAL_LOST : STALE;
  }

  /**
   * The verdict of {@code observer} at {@code due}: the detector's own when its newest sample is at
   * most {@code staleAfter} old, else why it cannot tell.
   *
   * @param noDataMessage what to say when the detector never had a sample
   */
  public static ObserverVerdict judge(
      String observer, OfflineDetector detector, Instant due, Duration staleAfter, String noDataMessage) {
    String reason = unknownReason(detector, due, staleAfter);
    if (reason == null) {
      return ObserverVerdict.known(observer, detector.verdict());
    }
    Instant newest = detector.lastSampleTime();
    if (newest == null) {
      return ObserverVerdict.unknown(observer, EMPTY_RESULT, noDataMessage, null);
    }
    long age = Duration.between(newest, due).toSeconds();
    DetectionVerdict last = detector.verdict();
    if (reason.equals(SIGNAL_LOST)) {
      return ObserverVerdict.unknown(
          observer,
          SIGNAL_LOST,
          "the series stopped " + Format.duration(Duration.ofSeconds(age)) + " ago (last point " + newest + ", "
              + Format.plural(last.connected(), "device") + " connected, " + last.state().name().toLowerCase(java.util.Locale.ROOT)
              + "): the devices, the exporter or the query's labels are gone; not judged until the series returns.",
          newest);
    }
    return ObserverVerdict.unknown(
        observer, STALE, "the newest data is " + age + " s old (from " + newest + "); not judged until fresh data arrives.", newest);
  }
}
