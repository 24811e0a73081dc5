package io.failwise.signals.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.model.detect.DetectionVerdict;
import io.failwise.model.detect.DetectorSettings;
import io.failwise.model.detect.MaintenanceSchedule;
import io.failwise.model.detect.MaintenanceWindow;
import io.failwise.model.detect.SignalFreshness;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The detector, fed as the controller feeds it (SeriesReplay), on weeks from a generator written
 * apart from the one its defaults were argued on (IndependentWeeks): no false Outage over 20 weeks
 * with shard glitches, and the detection goals of docs/detection.md on losses put into those weeks.
 */
class IndependentSeriesTest {
  private static final DetectorSettings SETTINGS = DetectorSettings.defaults();
  private static final Duration STALE_AFTER = Duration.ofSeconds(60);
  private static final long SEED = 7;
  private static final int WEEKS = 20;

  @Test
  void twentyWeeksWithShardGlitchesRaiseNoOutage() {
    int glitches = 0;
    List<String> outages = new ArrayList<>();
    for (int n = 0; n < WEEKS; n++) {
      IndependentWeeks.Week w = IndependentWeeks.week(SEED, n);
      glitches += w.glitches().size();
      SeriesReplay.Result r = replay(w, MaintenanceSchedule.NONE);
      r.outages(w.start(), w.time(w.connected().length)).forEach(i -> outages.add(i.from().toString()));
    }
    // Guard: the weeks really hold glitches of a shard's size, a few a day.
    assertTrue(glitches > WEEKS * 7, "only " + glitches + " glitches in " + WEEKS + " weeks");
    assertEquals(List.of(), outages, "false Outages over " + WEEKS + " independent weeks with " + glitches + " shard glitches");
  }

  @Test
  void suddenLossesOfTwoPercentOrMoreAreAnOutageWithin30Seconds() {
    SplittableRandom random = new SplittableRandom(11);
    List<String> late = new ArrayList<>();
    int checked = 0;
    for (int n = 0; n < 6; n++) {
      IndependentWeeks.Week w = IndependentWeeks.week(SEED, n);
      for (double share : new double[] {0.02, 0.03, 0.05, 0.2}) {
        // Any time from day 2 on, weekday or weekend, day or night.
        int at = w.index(w.start().plus(Duration.ofDays(1))) + random.nextInt(5 * 5760);
        IndependentWeeks.Week hit = withLoss(w, at, at + 240, share);
        Instant onset = hit.time(at);
        SeriesReplay.Result r = replay(hit, MaintenanceSchedule.NONE, at - 5760, at + 240);
        Instant first = r.outages(onset, hit.time(at + 240)).stream().map(SeriesReplay.Interval::from).findFirst().orElse(null);
        checked++;
        if (first == null || Duration.between(onset, first).toSeconds() > 30) {
          late.add(share * 100 + "% at " + onset + ": " + (first == null ? "never" : Duration.between(onset, first).toSeconds() + " s"));
        }
      }
    }
    assertEquals(24, checked);
    assertEquals(List.of(), late, "losses not an Outage within 30 s");
  }

  @Test
  void aOnePercentStepLossIsStillDegradedSixHoursLater() {
    SplittableRandom random = new SplittableRandom(5);
    List<String> forgotten = new ArrayList<>();
    for (int n = 0; n < 6; n++) {
      IndependentWeeks.Week w = IndependentWeeks.week(SEED, n);
      int at = w.index(w.start().plus(Duration.ofDays(1))) + random.nextInt(4 * 5760);
      int end = at + 8 * 240;
      IndependentWeeks.Week hit = withLoss(w, at, end, 0.01);
      SeriesReplay.Result r = replay(hit, MaintenanceSchedule.NONE, at - 5760, end);
      for (int hours = 1; hours <= 6; hours++) {
        SeriesReplay.Interval i = r.at(hit.time(at + hours * 240));
        if (i == null || !i.condition().equals(SeriesReplay.DEGRADED)) {
          forgotten.add("step at " + hit.time(at) + ": " + (i == null ? "Healthy" : i.condition()) + " after " + hours + " h");
          break;
        }
      }
      assertEquals(List.of(), r.outages(hit.time(at), hit.time(end)), "a 1 % loss is not an Outage");
    }
    assertEquals(List.of(), forgotten, "a persisting 1 % loss was forgotten");
  }

  @Test
  void aVanishedSeriesIsSignalLostWithinTwoMinutes() {
    IndependentWeeks.Week w = IndependentWeeks.week(SEED, 3);
    int at = w.index(w.start().plus(Duration.ofDays(2)).plusSeconds(37 * 60));
    long[] c = w.connected().clone();
    for (int i = at; i < c.length; i++) {
      c[i] = -1;
    }
    IndependentWeeks.Week gone = new IndependentWeeks.Week(w.start(), w.devices(), c, w.glitches());
    SeriesReplay.Result r = replay(gone, MaintenanceSchedule.NONE, 0, at + 40);
    SeriesReplay.Interval lost = r.at(gone.time(at + 8));
    assertNotNull(lost, "still Healthy 2 minutes after the series vanished");
    assertEquals(SignalFreshness.SIGNAL_LOST, lost.reason());
    assertTrue(Duration.between(gone.time(at), lost.from()).toSeconds() <= 120, "SignalLost at " + lost.from());
  }

  @Test
  void aReconnectWaveInsideAMaintenanceWindowIsDegradedMaintenanceNotOutage() {
    IndependentWeeks.Week w = IndependentWeeks.week(SEED, 2);
    // 8 % of the devices reconnect within 3 minutes, inside a 30-minute window at night.
    int at = w.index(w.start().plus(Duration.ofDays(3)).plus(Duration.ofHours(2)));
    long[] c = w.connected().clone();
    for (int i = 0; i < 12; i++) {
      c[at + i] -= Math.round(w.devices() * 0.08 * (i < 4 ? (i + 1) / 4.0 : (12 - i) / 8.0));
    }
    IndependentWeeks.Week wave = new IndependentWeeks.Week(w.start(), w.devices(), c, w.glitches());
    MaintenanceSchedule windows =
        new MaintenanceSchedule(List.of(MaintenanceWindow.once("broker upgrade", wave.time(at - 20), wave.time(at + 100))));
    SeriesReplay.Result r = replay(wave, windows, at - 5760, at + 400);
    assertEquals(List.of(), r.outages(wave.time(at - 5760), wave.time(at + 400)), "the wave made an Outage");
    SeriesReplay.Interval i = r.at(wave.time(at + 4));
    assertNotNull(i, "the wave did not show at all");
    assertEquals(DetectionVerdict.MAINTENANCE, i.reason());
    // The same wave without the window is an Outage: the window is what silences it.
    assertTrue(replay(wave, MaintenanceSchedule.NONE, at - 5760, at + 400).firstOutageAt() != null);
  }

  private static SeriesReplay.Result replay(IndependentWeeks.Week w, MaintenanceSchedule windows) {
    return SeriesReplay.replay(w.rows(), SETTINGS, STALE_AFTER, windows);
  }

  private static SeriesReplay.Result replay(IndependentWeeks.Week w, MaintenanceSchedule windows, int from, int to) {
    List<SeriesCsv.Row> rows = w.rows().subList(Math.max(0, from), Math.min(w.connected().length, to));
    return SeriesReplay.replay(rows, SETTINGS, STALE_AFTER, windows);
  }

  /** The week with {@code share} of the devices lost from sample {@code from} to {@code to}. */
  private static IndependentWeeks.Week withLoss(IndependentWeeks.Week w, int from, int to, double share) {
    long[] c = w.connected().clone();
    for (int i = from; i < Math.min(to, c.length); i++) {
      c[i] = Math.max(0, c[i] - Math.round(w.devices() * share));
    }
    return new IndependentWeeks.Week(w.start(), w.devices(), c, w.glitches());
  }
}
