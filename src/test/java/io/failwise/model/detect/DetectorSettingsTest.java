package io.failwise.model.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Which detector settings are refused, with what message, and what warm-up and half-life mean. */
class DetectorSettingsTest {
  private static final DetectorSettings D = DetectorSettings.defaults();

  /** The defaults with one field changed through a copy of every field. */
  private static DetectorSettings with(UnaryOperator<Object[]> change) {
    Object[] f = {
      D.step(), D.baselineHalfLife(), D.warmUp(), D.allowanceSigmas(), D.alarmSigmas(), D.maxStepSigmas(),
      D.degradedExcessRatio(), D.minimumDegradedDevices(), D.outageExcessRatio(), D.minimumOutageDevices(),
      D.recoveryRatio(), D.recoveryHold(), D.degradedAcceptAfter(), D.confirmSamples()
    };
    f = change.apply(f);
    return new DetectorSettings(
        (Duration) f[0], (Duration) f[1], (Duration) f[2], (double) f[3], (double) f[4], (double) f[5], (double) f[6],
        (long) f[7], (double) f[8], (long) f[9], (double) f[10], (Duration) f[11], (Duration) f[12], (int) f[13]);
  }

  private static UnaryOperator<Object[]> set(int field, Object value) {
    return f -> {
      f[field] = value;
      return f;
    };
  }

  private static String refusal(int field, Object value) {
    return assertThrows(IllegalArgumentException.class, () -> with(set(field, value)), "field " + field + " = " + value)
        .getMessage();
  }

  @Test
  void theDefaultsAreTheDocumentedOnes() {
    assertEquals(Duration.ofSeconds(15), D.step());
    assertEquals(3, D.confirmSamples());
    assertEquals(
        D,
        new DetectorSettings(
            D.step(), D.baselineHalfLife(), D.warmUp(), D.allowanceSigmas(), D.alarmSigmas(), D.maxStepSigmas(),
            D.degradedExcessRatio(), D.minimumDegradedDevices(), D.outageExcessRatio(), D.minimumOutageDevices(),
            D.recoveryRatio(), D.recoveryHold(), D.degradedAcceptAfter()),
        "settings written before confirmSamples existed get its default");
  }

  @Test
  void eachImpossibleSettingIsRefusedSayingWhatIsValid() {
    assertEquals("the detector's step must be positive, got PT0S", refusal(0, Duration.ZERO));
    assertEquals("the detector's step must be positive, got PT-15S", refusal(0, Duration.ofSeconds(-15)));
    assertEquals("baselineHalfLife must be at least one step, got PT14S", refusal(1, Duration.ofSeconds(14)));
    String cusum = "CUSUM needs allowanceSigmas >= 0, alarmSigmas > 0 and maxStepSigmas > allowanceSigmas";
    assertEquals(cusum, refusal(3, -0.1));
    assertEquals(cusum, refusal(3, 6.0), "allowance equal to the cap: no step could ever add evidence");
    assertEquals(cusum, refusal(4, 0.0));
    assertEquals(cusum, refusal(5, 1.0));
    assertEquals(cusum, refusal(3, Double.NaN));
    assertEquals("need 0 < degradedExcessRatio <= outageExcessRatio <= 1, got 0.0 and 0.02", refusal(6, 0.0));
    assertEquals("need 0 < degradedExcessRatio <= outageExcessRatio <= 1, got 0.03 and 0.02", refusal(6, 0.03));
    assertEquals("need 0 < degradedExcessRatio <= outageExcessRatio <= 1, got 0.005 and 1.5", refusal(8, 1.5));
    String floors = "need 0 <= minimumDegradedDevices <= minimumOutageDevices";
    assertEquals(floors, refusal(7, -1L));
    assertEquals(floors, refusal(7, 1_001L));
    assertEquals("recoveryRatio must be in (0, 1], got 0.0", refusal(10, 0.0));
    assertEquals("recoveryRatio must be in (0, 1], got 1.01", refusal(10, 1.01));
    assertEquals("confirmSamples must be from 1 to 40, got 0", refusal(13, 0));
    assertEquals("confirmSamples must be from 1 to 40, got 41", refusal(13, 41));
    assertEquals("recoveryHold cannot be negative, got PT-1S", refusal(11, Duration.ofSeconds(-1)));
  }

  @Test
  void theEdgesOfEachRangeAreAccepted() {
    assertEquals(Duration.ofSeconds(15), with(set(1, Duration.ofSeconds(15))).baselineHalfLife(), "a half-life of one step");
    assertEquals(0.0, with(set(3, 0.0)).allowanceSigmas());
    assertEquals(0.02, with(set(6, 0.02)).degradedExcessRatio(), "Degraded and Outage at the same share");
    assertEquals(1.0, with(set(8, 1.0)).outageExcessRatio());
    assertEquals(0L, with(set(7, 0L)).minimumDegradedDevices());
    assertEquals(1_000L, with(set(7, 1_000L)).minimumDegradedDevices());
    assertEquals(1.0, with(set(10, 1.0)).recoveryRatio());
    assertEquals(1, with(set(13, 1)).confirmSamples());
    assertEquals(40, with(set(13, 40)).confirmSamples());
    assertEquals(Duration.ZERO, with(set(11, Duration.ZERO)).recoveryHold());
  }

  @Test
  void theDetectorLearnsForTheWarmUpAndAtLeastTwoSamples() {
    assertEquals(20, learningSamples(D), "5 min of 15 s steps");
    assertEquals(2, learningSamples(with(set(2, Duration.ZERO))), "one sample is no noise scale");
    assertEquals(2, learningSamples(with(set(2, Duration.ofSeconds(30)))));
    assertEquals(3, learningSamples(with(set(2, Duration.ofSeconds(45)))));
  }

  /** The number of the first sample judged NORMAL. */
  private static int learningSamples(DetectorSettings s) {
    OfflineDetector d = new OfflineDetector(s);
    Instant t = Instant.parse("2026-03-12T12:00:00Z");
    for (int i = 1; i <= 100; i++, t = t.plus(s.step())) {
      if (d.step(Sample.of(t, 99_000, 100_000)).state() == DetectionState.NORMAL) {
        return i;
      }
    }
    throw new AssertionError("still learning after 100 samples");
  }

  @Test
  void theBaselineMovesHalfWayToANewLevelInOneHalfLife() {
    assertEquals(0.5, Math.pow(1 - D.alphaPerStep(), 40), 1e-12, "10 min of 15 s steps");
    assertEquals(0.5, with(set(1, Duration.ofSeconds(15))).alphaPerStep(), 1e-12, "a half-life of one step");
  }
}
