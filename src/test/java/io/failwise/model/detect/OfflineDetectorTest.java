package io.failwise.model.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.signals.replay.FleetSeries;
import io.failwise.signals.replay.FleetSeriesGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class OfflineDetectorTest {
  private static final DetectorSettings SETTINGS = DetectorSettings.defaults();
  private static final Instant T0 = Instant.parse("2026-03-10T12:00:00Z");

  @Test
  void incidentIsAnOutageWithinAMinuteOfOnsetWithTheOnsetEstimated() {
    FleetSeries s = incidentCluster();
    OfflineDetector d = new OfflineDetector(SETTINGS);
    DetectionVerdict first = null;
    for (int i = 0; i < s.size() && first == null; i++) {
      DetectionVerdict v = d.step(s.sample(i));
      if (v.state() == DetectionState.OUTAGE) {
        first = v;
      }
    }
    assertNotNull(first, "the incident was never detected");
    long delay = Duration.between(s.onset(), first.at()).toSeconds();
    assertTrue(delay >= 0 && delay <= 60, "Outage came " + delay + " s after the onset");
    assertTrue(
        Duration.between(s.onset(), first.onset()).abs().toSeconds() <= 30,
        "estimated onset " + first.onset() + " is far from the real one " + s.onset());
    assertTrue(first.message().contains("devices went offline above normal churn since about " + first.onset()), first.message());
  }

  @Test
  @Tag("slow") // a week of every cluster: a minute per mutant under PIT, so -Pmutation leaves it out
  void normalWeekOfEveryClusterNeverRaisesAnOutage() {
    for (FleetSeries s : FleetSeriesGenerator.generateFleet(FleetSeriesGenerator.DEFAULT_SEED)) {
      OfflineDetector d = new OfflineDetector(SETTINGS);
      int end = s.indexOf(FleetSeriesGenerator.WEEK_END);
      for (int i = 0; i < end; i++) {
        DetectionVerdict v = d.step(s.sample(i));
        assertTrue(v.state() != DetectionState.OUTAGE, s.cluster() + " in Outage at " + v.at() + ": " + v.message());
      }
    }
  }

  @Test
  @Tag("slow") // weeks of a fleet, like the test above: left out of -Pmutation
  void aFleetWithAThreeTimesDeeperNightlyRhythmStillRaisesNoOutage() {
    // A rule against one hour ago fires on such nights; the baseline follows the rhythm instead.
    for (FleetSeries s : FleetSeriesGenerator.generateFleet(FleetSeriesGenerator.DEFAULT_SEED, 3.0)) {
      OfflineDetector d = new OfflineDetector(SETTINGS);
      int end = s.indexOf(FleetSeriesGenerator.WEEK_END);
      for (int i = 0; i < end; i++) {
        DetectionVerdict v = d.step(s.sample(i));
        assertTrue(v.state() != DetectionState.OUTAGE, s.cluster() + " in Outage at " + v.at() + ": " + v.message());
      }
    }
  }

  @Test
  void outageEndsOnlyAfterTheRecoveryHoldAndDoesNotFlapWithTheSignal() {
    OfflineDetector d = new OfflineDetector(SETTINGS);
    List<DetectionState> states = new ArrayList<>();
    Instant t = T0;
    SplittableRandom random = new SplittableRandom(1);
    // An hour of steady 100,000 devices, then 10 % drop, then a signal flapping around the
    // recovery threshold (1 % = 1,000 devices above baseline) every 30 s for 20 minutes, then back.
    for (int i = 0; i < 240; i++, t = t.plusSeconds(15)) {
      states.add(d.step(Sample.of(t, 99_000 + random.nextInt(40), 100_000)).state());
    }
    for (int i = 0; i < 40; i++, t = t.plusSeconds(15)) {
      states.add(d.step(Sample.of(t, 89_000, 100_000)).state());
    }
    for (int i = 0; i < 80; i++, t = t.plusSeconds(15)) {
      long connected = (i / 2) % 2 == 0 ? 98_500 : 97_000;
      states.add(d.step(Sample.of(t, connected, 100_000)).state());
    }
    assertEquals(DetectionState.OUTAGE, states.get(states.size() - 1), "still flapping: the Outage must hold");
    assertEquals(1, entries(states, DetectionState.OUTAGE), "the Outage condition flapped");
    Instant recoveredAt = t;
    DetectionVerdict v = null;
    for (int i = 0; i < 40; i++, t = t.plusSeconds(15)) {
      v = d.step(Sample.of(t, 99_000 + random.nextInt(40), 100_000));
      states.add(v.state());
      if (v.state() != DetectionState.OUTAGE) {
        break;
      }
    }
    assertTrue(v.state() != DetectionState.OUTAGE, "never recovered");
    assertTrue(
        Duration.between(recoveredAt, v.at()).compareTo(SETTINGS.recoveryHold()) >= 0,
        "left the Outage before the recovery hold: " + Duration.between(recoveredAt, v.at()));
    assertEquals(1, entries(states, DetectionState.OUTAGE));
    // The hold only confirms the return: the devices were back at its first sample, and that is the
    // outage's end a duration is learned from (the verdict carries it until the next outage).
    assertEquals(recoveredAt, v.outageBackAt());
    assertEquals(recoveredAt, d.step(Sample.of(t, 99_000, 100_000)).outageBackAt());
  }

  @Test
  void noReturnIsKnownWhileAnOutageGoesOnAndANewOutageForgetsTheLastOnesReturn() {
    OfflineDetector d = new OfflineDetector(SETTINGS);
    Instant t = T0;
    DetectionVerdict v = null;
    for (int phase = 0; phase < 2; phase++) {
      for (int i = 0; i < 240; i++, t = t.plusSeconds(15)) {
        v = d.step(Sample.of(t, 99_000 + (i % 7) * 10, 100_000));
      }
      assertEquals(phase == 0 ? null : T0.plusSeconds(280 * 15), v.outageBackAt(), "the first outage's devices were back with the first normal sample");
      for (int i = 0; i < 40; i++, t = t.plusSeconds(15)) {
        v = d.step(Sample.of(t, 80_000, 100_000));
        if (v.state() == DetectionState.OUTAGE) {
          assertEquals(null, v.outageBackAt(), "in Outage at " + v.at());
        }
      }
      assertEquals(DetectionState.OUTAGE, v.state());
    }
  }

  @Test
  void oneGlitchedReadingIsNotAnOutage() {
    OfflineDetector d = new OfflineDetector(SETTINGS);
    Instant t = T0;
    for (int i = 0; i < 200; i++, t = t.plusSeconds(15)) {
      long connected = i == 150 ? 90_000 : 99_000 + (i % 7) * 10;
      DetectionVerdict v = d.step(Sample.of(t, connected, 100_000));
      assertTrue(v.state() != DetectionState.OUTAGE, "one bad reading made an Outage at step " + i);
    }
  }

  @Test
  void learnsBeforeJudgingAndSaysSo() {
    OfflineDetector d = new OfflineDetector(SETTINGS);
    DetectionVerdict v = d.step(Sample.of(T0, 50_000, 100_000));
    assertEquals(DetectionState.LEARNING, v.state());
    assertEquals("LearningBaseline", v.reason());
    assertNull(v.onset());
  }

  @Test
  void withoutExpectedCountsADropOfConnectedDevicesIsStillAnOutage() {
    OfflineDetector d = new OfflineDetector(SETTINGS);
    Instant t = T0;
    for (int i = 0; i < 120; i++, t = t.plusSeconds(15)) {
      d.step(new Sample(t, 100_000 + (i % 5) * 20, null));
    }
    DetectionVerdict v = null;
    for (int i = 1; i <= 4; i++, t = t.plusSeconds(15)) {
      v = d.step(new Sample(t, 100_000 - i * 2_000L, null));
    }
    assertEquals(DetectionState.OUTAGE, v.state());
    assertTrue(v.message().contains("baseline"), v.message());
  }

  @Test
  void replayIsDeterministic() {
    FleetSeries s = incidentCluster();
    assertEquals(trace(s), trace(s));
  }

  private static List<String> trace(FleetSeries s) {
    OfflineDetector d = new OfflineDetector(SETTINGS);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < s.size(); i++) {
      DetectionVerdict v = d.step(s.sample(i));
      out.add(v.state() + " " + v.excessOfflineDevices());
    }
    return out;
  }

  private static FleetSeries incidentCluster() {
    return FleetSeriesGenerator.generate(
        FleetSeriesGenerator.fleet().get(0),
        FleetSeriesGenerator.INCIDENT_ONSET.minus(Duration.ofHours(26)),
        FleetSeriesGenerator.END,
        FleetSeriesGenerator.DEFAULT_SEED,
        FleetSeriesGenerator.Incident.march12());
  }

  private static int entries(List<DetectionState> states, DetectionState state) {
    int n = 0;
    for (int i = 0; i < states.size(); i++) {
      if (states.get(i) == state && (i == 0 || states.get(i - 1) != state)) {
        n++;
      }
    }
    return n;
  }
}
