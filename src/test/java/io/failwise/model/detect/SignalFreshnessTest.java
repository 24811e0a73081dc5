package io.failwise.model.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When an observer's series is too old to judge, and what the condition then says. */
class SignalFreshnessTest {
  private static final Instant T0 = Instant.parse("2026-03-12T19:00:00Z");
  private static final Duration STALE_AFTER = Duration.ofSeconds(90);

  /** A detector fed {@code n} steady samples 15 s apart from T0; the last is at T0 + 15 (n - 1) s. */
  private static OfflineDetector fed(int n) {
    OfflineDetector d = new OfflineDetector(DetectorSettings.defaults());
    for (int i = 0; i < n; i++) {
      d.step(Sample.of(T0.plusSeconds(15L * i), 48_000 + (i % 3) * 10, 50_000));
    }
    return d;
  }

  @Test
  void aSeriesWithNoSampleIsAnEmptyResultWithTheCallersMessage() {
    OfflineDetector d = fed(0);
    assertEquals(SignalFreshness.EMPTY_RESULT, SignalFreshness.unknownReason(d, T0, STALE_AFTER));
    ObserverVerdict v = SignalFreshness.judge("prometheus-eu", d, T0, STALE_AFTER, "the query returned no series");
    assertFalse(v.isKnown());
    assertEquals("prometheus-eu", v.name());
    assertEquals("EmptyResult", v.reason());
    assertEquals("the query returned no series", v.message());
    assertNull(v.lastReadTime());
  }

  @Test
  void aSampleExactlyStaleAfterOldIsStillJudgedAndOneSecondOlderIsNot() {
    OfflineDetector d = fed(30);
    Instant newest = d.lastSampleTime();
    assertNull(SignalFreshness.unknownReason(d, newest.plus(STALE_AFTER), STALE_AFTER));
    ObserverVerdict fresh = SignalFreshness.judge("eu", d, newest.plus(STALE_AFTER), STALE_AFTER, "none");
    assertTrue(fresh.judged());
    assertSame(d.verdict(), fresh.verdict());
    assertEquals("NormalChurn", fresh.reason());
    assertEquals(newest, fresh.lastReadTime());
    assertEquals(
        SignalFreshness.SIGNAL_LOST, SignalFreshness.unknownReason(d, newest.plus(STALE_AFTER).plusSeconds(1), STALE_AFTER));
  }

  @Test
  void aJudgedSeriesThatStopsIsSignalLostNamingItsLastPoint() {
    OfflineDetector d = fed(30);
    Instant newest = d.lastSampleTime();
    ObserverVerdict v = SignalFreshness.judge("eu", d, newest.plus(Duration.ofMinutes(10)), STALE_AFTER, "none");
    assertFalse(v.isKnown());
    assertFalse(v.judged(), "a lost series never counts towards a quorum");
    assertEquals("SignalLost", v.reason());
    assertEquals(newest, v.lastReadTime());
    assertEquals(
        "the series stopped 10 min ago (last point " + newest + ", " + String.format(java.util.Locale.ROOT, "%,d", d.verdict().connected())
            + " devices connected, normal): the devices, the exporter or the query's labels are gone; not judged until the series returns.",
        v.message());
  }

  @Test
  void aSeriesThatStopsWhileStillLearningIsOnlyStale() {
    OfflineDetector d = fed(3);
    assertEquals(DetectionState.LEARNING, d.verdict().state());
    Instant newest = d.lastSampleTime();
    ObserverVerdict v = SignalFreshness.judge("eu", d, newest.plusSeconds(120), STALE_AFTER, "none");
    assertEquals("Stale", v.reason());
    assertEquals(newest, v.lastReadTime());
    assertEquals("the newest data is 120 s old (from " + newest + "); not judged until fresh data arrives.", v.message());
  }
}
