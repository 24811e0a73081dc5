package io.failwise.model.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A detector's episodes on a steady 100,000-device cluster (99,000 connected): with the defaults the
 * Degraded floor is 500 devices above the baseline, the Outage floor 2,000, recovery below half of
 * either for 5 minutes, and a change needs 3 samples in a row.
 */
class OfflineDetectorEpisodesTest {
  private static final Instant T0 = Instant.parse("2026-03-10T12:00:00Z");
  private static final Duration STEP = Duration.ofSeconds(15);
  private static final long EXPECTED = 100_000;
  private static final long NORMAL = 99_000;

  /** A detector and its clock: each call feeds samples 15 s apart and keeps their verdicts. */
  private static final class Feed {
    final OfflineDetector detector;
    Instant t = T0;
    int i;
    final List<DetectionVerdict> verdicts = new ArrayList<>();

    Feed(DetectorSettings settings) {
      detector = new OfflineDetector(settings);
      samples(240, NORMAL, false); // an hour of normal churn to learn from
      assertEquals(DetectionState.NORMAL, last().state());
    }

    /** {@code n} samples of about {@code connected} devices (a few tens of devices of churn). */
    Feed samples(int n, long connected, boolean maintenance) {
      for (int k = 0; k < n; k++, i++, t = t.plus(STEP)) {
        verdicts.add(detector.step(Sample.of(t, connected + (i % 5) * 8, EXPECTED), maintenance));
      }
      return this;
    }

    Feed samples(int n, long connected) {
      return samples(n, connected, false);
    }

    DetectionVerdict last() {
      return verdicts.get(verdicts.size() - 1);
    }

    /** The first verdict from index {@code from} on in {@code state}, or null. */
    DetectionVerdict first(int from, DetectionState state) {
      for (int k = from; k < verdicts.size(); k++) {
        if (verdicts.get(k).state() == state) {
          return verdicts.get(k);
        }
      }
      return null;
    }

    boolean any(int from, DetectionState state) {
      return first(from, state) != null;
    }
  }

  @Test
  void aSmallShiftTheBaselineAbsorbedDoesNotDateALaterLoss() {
    // 300 devices drop off: significant against a churn of tens but under the 500 that matter, so the
    // CUSUM is held at its alarm level. Then the count drifts down a device a sample faster than the
    // baseline absorbs it (as in the embedded world, where the baseline lagged the simulated rhythm):
    // the CUSUM comes down from the alarm level but never back to zero. A loss of 3,000 twenty minutes
    // later began at its own first sample; the last zero of the CUSUM, before the small shift, once
    // dated such a loss 19 minutes early.
    Feed f = new Feed(DetectorSettings.defaults());
    Instant shiftAt = f.t;
    f.samples(20, NORMAL - 300);
    assertEquals(DetectionState.NORMAL, f.last().state(), "300 devices do not matter");
    int drift = f.verdicts.size();
    for (int k = 0; k < 66; k++) {
      f.samples(1, NORMAL - 60 - Math.round(0.8 * k));
    }
    for (int k = drift; k < f.verdicts.size(); k++) {
      assertTrue(f.verdicts.get(k).cusum() > 0, "the premise: the CUSUM stays above zero through the drift, sample " + k);
    }
    assertTrue(f.last().cusum() < 4, "the premise: it came down from the alarm level: " + f.last().cusum());
    Instant dropAt = f.t;
    f.samples(4, NORMAL - 3_300);
    DetectionVerdict outage = f.last();
    assertEquals(DetectionState.OUTAGE, outage.state());
    assertTrue(
        !outage.onset().isAfter(dropAt) && !outage.onset().isBefore(dropAt.minus(Duration.ofMinutes(2))),
        "dated by the loss at " + dropAt + " (within the CUSUM's last low before it), not by the shift at " + shiftAt + ": "
            + outage.onset());
  }

  @Test
  void aDriftTooSmallToMatterDoesNotDateTheLossThatFollowsIt() {
    // 120 devices more offline than the baseline expects (a rhythm it lags behind, as in the embedded
    // world): significant against a churn of tens, so the CUSUM rises and stays up for the 10 minutes, but
    // under half the 500 that matter. The loss that follows began at its own first sample: the CUSUM's
    // last zero, before the drift, once dated the embedded world's 40% loss 10 minutes before it began.
    Feed f = new Feed(DetectorSettings.defaults());
    int drift = f.verdicts.size();
    f.samples(40, NORMAL - 120);
    for (int k = drift + 1; k < f.verdicts.size(); k++) {
      assertTrue(f.verdicts.get(k).cusum() > 0, "the premise: the CUSUM stays above zero through the drift, sample " + k);
    }
    Instant dropAt = f.t;
    f.samples(4, NORMAL - 20_000);
    assertEquals(DetectionState.OUTAGE, f.last().state());
    assertEquals(dropAt, f.last().onset());
  }

  @Test
  void aLossThatGrowsSlowlyIsDatedFromWhenItReachedHalfTheSmallestLossThatMatters() {
    // 70 more devices offline each sample: 210 at the third (under half the Degraded floor of 500), 280 at
    // the fourth. The first 70 are significant against the churn, but what matters began at the fourth.
    Feed f = new Feed(DetectorSettings.defaults());
    Instant start = f.t;
    int from = f.verdicts.size();
    for (int k = 1; k <= 40; k++) {
      f.samples(1, NORMAL - 70L * k);
    }
    DetectionVerdict first = f.verdicts.subList(from, f.verdicts.size()).stream().filter(v -> v.state().alarmed()).findFirst().orElseThrow();
    assertEquals(DetectionState.DEGRADED, first.state());
    assertEquals(start.plus(STEP.multipliedBy(3)), first.onset());
    assertEquals(first.onset(), f.last().onset(), "the Outage it grew into keeps it");
    assertEquals(DetectionState.OUTAGE, f.last().state());
  }

  @Test
  void aLossBetweenTheFloorsIsDegradedOnItsThirdSampleAndStaysVisibleUntilItHeals() {
    Feed f = new Feed(DetectorSettings.defaults());
    int drop = f.verdicts.size();
    Instant dropAt = f.t;
    f.samples(2, NORMAL - 1_000);
    assertEquals(DetectionState.NORMAL, f.last().state(), "two samples are not yet confirmed");
    f.samples(1, NORMAL - 1_000);
    DetectionVerdict degraded = f.last();
    assertEquals(DetectionState.DEGRADED, degraded.state());
    assertEquals("ElevatedOfflineRate", degraded.reason());
    assertEquals(dropAt, degraded.onset(), "the change point is the first sample of the loss");
    assertEquals(1_000, degraded.excessOfflineDevices(), 60);
    assertEquals(NORMAL, degraded.baselineConnected(), 60);
    assertTrue(degraded.message().startsWith(String.format("%,d", degraded.excessOfflineDevices()) + " devices went offline"), degraded.message());

    f.samples(120, NORMAL - 1_000); // 30 minutes: the baseline must not absorb the loss
    assertEquals(DetectionState.DEGRADED, f.last().state());
    assertEquals(1_000, f.last().excessOfflineDevices(), 100, "the loss is still visible after 30 min");
    assertEquals(dropAt, f.last().onset());
    assertTrue(!f.any(drop, DetectionState.OUTAGE), "1,000 devices is under the Outage floor");

    int back = f.verdicts.size();
    f.samples(40, NORMAL);
    DetectionVerdict normal = f.first(back, DetectionState.NORMAL);
    Instant backAt = f.verdicts.get(back).at();
    assertEquals(backAt.plus(DetectorSettings.defaults().recoveryHold()), normal.at(), "Normal exactly one hold after the devices returned");
    assertNull(normal.onset());
    assertEquals("NormalChurn", normal.reason());
  }

  @Test
  void aDegradedLossThatGrowsPastTheOutageFloorIsAnOutageWithTheFirstOnset() {
    Feed f = new Feed(DetectorSettings.defaults());
    Instant dropAt = f.t;
    f.samples(20, NORMAL - 1_000);
    assertEquals(DetectionState.DEGRADED, f.last().state());
    int grow = f.verdicts.size();
    f.samples(3, NORMAL - 4_000);
    DetectionVerdict outage = f.last();
    assertEquals(DetectionState.OUTAGE, outage.state(), "the third sample of the larger loss");
    assertEquals(DetectionState.DEGRADED, f.verdicts.get(grow + 1).state());
    assertEquals(dropAt, outage.onset(), "still the onset of the episode");
    assertEquals("DevicesDropping", outage.reason());
  }

  @Test
  void aLossThatNeitherGrowsNorHealsBecomesTheNormalLevelAfterDegradedAcceptAfter() {
    DetectorSettings d = DetectorSettings.defaults();
    DetectorSettings acceptAfterHalfAnHour =
        new DetectorSettings(
            d.step(), d.baselineHalfLife(), d.warmUp(), d.allowanceSigmas(), d.alarmSigmas(), d.maxStepSigmas(),
            d.degradedExcessRatio(), d.minimumDegradedDevices(), d.outageExcessRatio(), d.minimumOutageDevices(),
            d.recoveryRatio(), d.recoveryHold(), Duration.ofMinutes(30), d.confirmSamples());
    Feed f = new Feed(acceptAfterHalfAnHour);
    int drop = f.verdicts.size();
    f.samples(200, NORMAL - 1_000);
    DetectionVerdict since = f.first(drop, DetectionState.DEGRADED);
    DetectionVerdict accepted = f.first(drop + 3, DetectionState.NORMAL);
    assertEquals(since.at().plus(Duration.ofMinutes(30)), accepted.at());
    assertNull(accepted.onset());
    int next = f.verdicts.indexOf(accepted) + 1;
    assertEquals(0, f.verdicts.get(next).excessOfflineDevices(), 60, "from the next sample on, the new level is the baseline");
    assertEquals(DetectionState.NORMAL, f.last().state());
    assertEquals(0, f.last().excessOfflineDevices(), 60);
    assertEquals(1, f.verdicts.subList(drop, f.verdicts.size()).stream().filter(v -> v.state() == DetectionState.DEGRADED).map(DetectionVerdict::onset).distinct().count());
  }

  @Test
  void aLossInsideAMaintenanceWindowIsDegradedAndAnOutageOnceTheWindowIsOver() {
    Feed f = new Feed(DetectorSettings.defaults());
    Instant dropAt = f.t;
    int drop = f.verdicts.size();
    f.samples(40, NORMAL - 10_000, true);
    assertTrue(!f.any(drop, DetectionState.OUTAGE), "never an Outage inside the window");
    DetectionVerdict inside = f.last();
    assertEquals(DetectionState.DEGRADED, inside.state());
    assertEquals("Maintenance", inside.reason());
    assertTrue(inside.message().endsWith("; inside a planned maintenance window, so not an Outage."), inside.message());
    assertEquals(dropAt, inside.onset());
    int after = f.verdicts.size();
    f.samples(3, NORMAL - 10_000, false);
    DetectionVerdict outage = f.first(after, DetectionState.OUTAGE);
    assertEquals(f.verdicts.get(after).at(), outage.at(), "the first sample after the window");
    assertEquals("DevicesDropping", outage.reason());
  }

  @Test
  void anOutageStepsDownToDegradedWhenAWindowIsDeclaredAndWhenDevicesPartlyReturn() {
    Feed f = new Feed(DetectorSettings.defaults());
    f.samples(10, NORMAL - 10_000);
    assertEquals(DetectionState.OUTAGE, f.last().state());
    f.samples(1, NORMAL - 10_000, true);
    assertEquals(DetectionState.DEGRADED, f.last().state(), "failwise silence during an Outage");
    assertEquals("Maintenance", f.last().reason());

    Feed g = new Feed(DetectorSettings.defaults());
    Instant dropAt = g.t;
    g.samples(10, NORMAL - 10_000);
    int partly = g.verdicts.size();
    Instant partlyAt = g.t;
    g.samples(40, NORMAL - 800); // under half the Outage floor, over half the Degraded floor
    DetectionVerdict down = g.first(partly, DetectionState.DEGRADED);
    assertEquals(partlyAt.plus(Duration.ofMinutes(5)), down.at(), "after the recovery hold, not before");
    assertEquals(DetectionState.OUTAGE, g.verdicts.get(partly + 19).state());
    assertEquals(800, down.excessOfflineDevices(), 60, "measured against the baseline frozen at the onset");
    assertEquals(dropAt, down.onset(), "the same episode, stepped down");
    assertEquals(DetectionState.DEGRADED, g.last().state());
  }

  @Test
  void aSilenceDuringAnOutageSilencesItWithoutEndingItAndTheSameOutageGoesOnAfterTheWindow() {
    Feed f = new Feed(DetectorSettings.defaults());
    Instant dropAt = f.t;
    f.samples(10, NORMAL - 10_000);
    assertEquals(DetectionState.OUTAGE, f.last().state());
    int silence = f.verdicts.size();
    f.samples(40, NORMAL - 10_000, true); // failwise silence for 10 minutes, devices still offline
    for (DetectionVerdict v : f.verdicts.subList(silence, f.verdicts.size())) {
      assertEquals(DetectionState.DEGRADED, v.state(), "no Outage inside the window, at " + v.at());
      assertTrue(v.silencedOutage(), "silenced, not over, at " + v.at());
      assertEquals(dropAt, v.onset(), "the outage's onset stands");
    }
    assertEquals("Maintenance", f.last().reason());
    assertTrue(f.last().message().contains("an Outage silenced by a planned maintenance window: it has not ended"), f.last().message());
    int after = f.verdicts.size();
    f.samples(1, NORMAL - 10_000);
    DetectionVerdict resumed = f.verdicts.get(after);
    assertEquals(DetectionState.OUTAGE, resumed.state(), "the first sample after the window");
    assertEquals(dropAt, resumed.onset(), "the same outage, not a new one");
    assertTrue(!resumed.silencedOutage());
  }

  @Test
  void aSilencedOutageWhoseDevicesComeBackInsideTheWindowEndsThenAsWithoutTheWindow() {
    Feed f = new Feed(DetectorSettings.defaults());
    f.samples(10, NORMAL - 10_000);
    f.samples(8, NORMAL - 10_000, true);
    int back = f.verdicts.size();
    Instant backAt = f.t;
    f.samples(40, NORMAL, true);
    DetectionVerdict over = null;
    for (DetectionVerdict v : f.verdicts.subList(back, f.verdicts.size())) {
      if (!v.silencedOutage()) {
        over = v;
        break;
      }
    }
    assertEquals(backAt.plus(Duration.ofMinutes(5)), over.at(), "after the recovery hold, as an Outage ends");
    assertEquals(DetectionState.NORMAL, over.state());
    int after = f.verdicts.size();
    f.samples(20, NORMAL);
    assertTrue(!f.any(after, DetectionState.OUTAGE), "over, so nothing resumes when the window ends");

    // Half the devices back (under half the Outage floor, over the Degraded floor): the outage ends
    // after the hold and the loss stays Degraded, inside the window and after it.
    Feed g = new Feed(DetectorSettings.defaults());
    g.samples(10, NORMAL - 10_000);
    g.samples(4, NORMAL - 10_000, true);
    int partly = g.verdicts.size();
    Instant partlyAt = g.t;
    g.samples(30, NORMAL - 800, true);
    assertTrue(g.verdicts.get(partly + 19).silencedOutage(), "not before the hold");
    assertEquals(partlyAt.plus(Duration.ofMinutes(5)), g.verdicts.get(partly + 20).at());
    assertTrue(!g.verdicts.get(partly + 20).silencedOutage(), "over after the hold");
    assertEquals(DetectionState.DEGRADED, g.last().state());
    int afterG = g.verdicts.size();
    g.samples(10, NORMAL - 800);
    assertTrue(!g.any(afterG, DetectionState.OUTAGE), "an ended outage does not come back when the window ends");
  }

  @Test
  void aLossThatBeginsInsideAWindowIsNoSilencedOutage() {
    Feed f = new Feed(DetectorSettings.defaults());
    int drop = f.verdicts.size();
    f.samples(40, NORMAL - 10_000, true);
    assertTrue(f.verdicts.subList(drop, f.verdicts.size()).stream().noneMatch(DetectionVerdict::silencedOutage));
  }

  @Test
  void anOutageWhoseDevicesAllReturnIsNormalAfterTheHold() {
    Feed f = new Feed(DetectorSettings.defaults());
    f.samples(10, NORMAL - 10_000);
    int back = f.verdicts.size();
    Instant backAt = f.t;
    f.samples(40, NORMAL);
    assertTrue(!f.any(back, DetectionState.DEGRADED), "all back: straight to Normal");
    assertEquals(backAt.plus(Duration.ofMinutes(5)), f.first(back, DetectionState.NORMAL).at());
  }

  @Test
  void aTwoSampleDipIsNeverAnAlarm() {
    Feed f = new Feed(DetectorSettings.defaults());
    int dip = f.verdicts.size();
    f.samples(2, NORMAL - 10_000).samples(40, NORMAL);
    assertTrue(f.verdicts.subList(dip, f.verdicts.size()).stream().noneMatch(v -> v.state().alarmed()), "a scrape that missed a shard twice");
  }

  @Test
  void aSmallSignificantLossDoesNotLeaveEvidenceThatMisdatesTheNextOnset() {
    Feed f = new Feed(DetectorSettings.defaults());
    int small = f.verdicts.size();
    f.samples(40, NORMAL - 300).samples(40, NORMAL); // significant (30 noise units) but under the floor
    assertTrue(f.verdicts.subList(small, f.verdicts.size()).stream().noneMatch(v -> v.state().alarmed()));
    assertTrue(f.last().cusum() < DetectorSettings.defaults().alarmSigmas(), "the evidence of the small loss has gone: " + f.last().cusum());
    Instant dropAt = f.t;
    f.samples(3, NORMAL - 10_000);
    assertEquals(DetectionState.OUTAGE, f.last().state());
    assertEquals(dropAt, f.last().onset());
  }

  @Test
  void aRepeatedOrOlderSampleChangesNothing() {
    Feed f = new Feed(DetectorSettings.defaults());
    DetectionVerdict last = f.last();
    assertSame(last, f.detector.step(Sample.of(last.at(), 0, EXPECTED)), "the same moment again");
    assertSame(last, f.detector.step(Sample.of(last.at().minusSeconds(60), 0, EXPECTED)), "an older one");
    assertEquals(last.at(), f.detector.lastSampleTime());
    f.samples(3, NORMAL);
    assertEquals(DetectionState.NORMAL, f.last().state());
  }

  @Test
  void afterAGapTheBaselineIsWhereTheSeriesWas() {
    Feed f = new Feed(DetectorSettings.defaults());
    f.t = f.t.plus(Duration.ofMinutes(30));
    f.samples(10, NORMAL);
    assertEquals(DetectionState.NORMAL, f.last().state());
    assertEquals(0, f.last().excessOfflineDevices(), 60);
  }

  @Test
  void aDegradedLossKeepsItsSizeAsItDeepensAndAsDevicesPartlyReturn() {
    Feed f = new Feed(DetectorSettings.defaults());
    f.samples(4, NORMAL - 800).samples(120, NORMAL - 1_500); // deepens in the first minute, then holds for 30 min
    assertEquals(DetectionState.DEGRADED, f.last().state());
    assertEquals(1_500, f.last().excessOfflineDevices(), 40, "the baseline must not absorb the deeper loss");
    f.samples(120, NORMAL - 600); // 900 devices come back, 600 stay offline for 30 min
    assertEquals(DetectionState.DEGRADED, f.last().state());
    assertEquals(600, f.last().excessOfflineDevices(), 40, "nor drift away from what is still lost");
  }

  @Test
  void aClusterWhoseDevicesAllGoOfflineIsAnOutageOfAllOfThem() {
    Feed f = new Feed(DetectorSettings.defaults());
    for (int k = 0; k < 3; k++, f.t = f.t.plus(STEP)) {
      f.verdicts.add(f.detector.step(Sample.of(f.t, 0, EXPECTED)));
    }
    assertEquals(DetectionState.OUTAGE, f.last().state());
    assertEquals(NORMAL, f.last().excessOfflineDevices(), 60);
    assertTrue(f.last().message().contains("0 of 100,000 devices connected"), f.last().message());
    IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> Sample.of(f.t, -1, EXPECTED));
    assertEquals("device counts cannot be negative: connected=-1, expected=100000", negative.getMessage());
  }
}
