package io.failwise.model.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What a run's waves measure, and how a cluster's runs are summarised, against independent derivations. */
class CalibrationTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private static WaveTiming wave(long devices, double appliedSeconds, double latencySeconds) {
    Instant applied = T0.plusMillis(Math.round(appliedSeconds * 1000));
    return new WaveTiming(devices, applied, applied.plusMillis(Math.round(latencySeconds * 1000)));
  }

  private static RunMeasurement run(String name, double cutover, Double admission, int day) {
    return new RunMeasurement(
        name, "north", cutover, admission == null ? OptionalDouble.empty() : OptionalDouble.of(admission), T0.plusSeconds(86_400L * day));
  }

  @Test
  void wavesOfDifferentSizesSeparateTheCutoverFromTheAdmissionRate() {
    // A switch with a 210 s cutover at 800 devices/s: each wave of d devices is connected C + d/a after it
    // is applied (the 1/10/50/100% waves of 120,000 devices: 1,200, 10,800, 48,000, 60,000 devices).
    List<WaveTiming> waves =
        List.of(wave(1_200, 0, 210 + 1_200 / 800.0), wave(10_800, 600, 210 + 10_800 / 800.0), wave(48_000, 1200, 210 + 48_000 / 800.0),
            wave(60_000, 1800, 210 + 60_000 / 800.0));
    RunMeasurement m = RunMeasurement.of("drill-1", "north", waves, T0).orElseThrow();
    assertEquals(210, m.cutoverSeconds(), 0.01);
    assertEquals(800, m.admissionDevicesPerSecond().getAsDouble(), 0.1);
  }

  @Test
  void oneWaveOrWavesThatNeverArrivedMeasureOnlyWhatTheyCan() {
    RunMeasurement one = RunMeasurement.of("d", "north", List.of(wave(5_000, 0, 240)), T0).orElseThrow();
    assertEquals(240, one.cutoverSeconds(), 1e-9);
    assertTrue(one.admissionDevicesPerSecond().isEmpty(), "one wave cannot tell the admission rate");
    WaveTiming lost = new WaveTiming(5_000, T0, null);
    assertTrue(RunMeasurement.of("d", "north", List.of(lost), T0).isEmpty(), "nothing arrived: nothing measured");
  }

  @Test
  void oneRunGivesItsCutoverAndNoSpread() {
    Calibration c = Calibration.of(List.of(run("a", 300, 700.0, 1))).orElseThrow();
    assertEquals(300, c.cutoverSeconds(), 1e-9);
    assertTrue(c.cutoverP90Seconds().isEmpty());
    assertEquals(700, c.admissionDevicesPerSecond().getAsDouble(), 1e-9);
    assertEquals(1, c.runs());
  }

  @Test
  void theMedianIsTheGeometricMeanAndTheAdmissionTheMedianOfThoseMeasured() {
    // ln 200, ln 450: the geometric mean is 300. Admission: 600 and 1,000 measured, one run could not tell.
    Calibration c = Calibration.of(List.of(run("a", 200, 600.0, 1), run("b", 450, null, 2), run("c", 300, 1000.0, 3))).orElseThrow();
    assertEquals(Math.exp((Math.log(200) + Math.log(450) + Math.log(300)) / 3), c.cutoverSeconds(), 1e-9);
    assertEquals(800, c.admissionDevicesPerSecond().getAsDouble(), 1e-9);
    assertEquals(T0.plusSeconds(86_400L * 3), c.at());
  }

  @Test
  void onlyTheLatestTenRunsCount() {
    List<RunMeasurement> runs = new ArrayList<>();
    for (int day = 1; day <= 12; day++) {
      runs.add(run("r" + day, day <= 2 ? 5_000 : 300, null, day));
    }
    Calibration c = Calibration.of(runs).orElseThrow();
    assertEquals(10, c.runs());
    assertEquals(300, c.cutoverSeconds(), 1e-9, "the two old 5,000 s cutovers are forgotten");
  }

  @Test
  void thePredictiveP90CoversTheNextCutoverNineTimesInTenByMonteCarlo() {
    // Cutovers lognormal (median 600 s, sigma 0.5): after n runs, the next one should fall below the
    // calibrated p90 with probability 0.9 whatever n, which a plug-in p90 (z instead of t, no sqrt(1+1/n))
    // would not do with 2 or 3 runs.
    Random r = new Random(5);
    for (int n : new int[] {2, 3, 6}) {
      int covered = 0;
      int trials = 40_000;
      for (int k = 0; k < trials; k++) {
        List<RunMeasurement> runs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          runs.add(run("r" + i, 600 * Math.exp(0.5 * r.nextGaussian()), null, i));
        }
        double p90 = Calibration.of(runs).orElseThrow().cutoverP90Seconds().getAsDouble();
        covered += 600 * Math.exp(0.5 * r.nextGaussian()) <= p90 ? 1 : 0;
      }
      assertEquals(0.9, (double) covered / trials, 0.006, "coverage after " + n + " runs");
    }
  }

  @Test
  void studentsQuantileMatchesTheTable() {
    // scipy.stats.t.ppf(0.9, df): 3.0777 (1), 1.8856 (2), 1.3104 (30); the normal's 1.2816 beyond.
    assertEquals(3.0777, Calibration.t90(1), 1e-4);
    assertEquals(1.8856, Calibration.t90(2), 1e-4);
    assertEquals(1.3104, Calibration.t90(30), 1e-4);
    assertEquals(1.2816, Calibration.t90(200), 1e-4);
    assertFalse(Calibration.of(List.of()).isPresent());
  }
}
