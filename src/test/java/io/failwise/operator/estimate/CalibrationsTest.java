package io.failwise.operator.estimate;

import static io.failwise.operator.estimate.EstimateInputsTest.cluster;
import static io.failwise.operator.estimate.EstimateInputsTest.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.api.Cluster;
import io.failwise.api.ClusterCalibration;
import io.failwise.api.FailoverSpec;
import io.failwise.model.estimate.DurationPrior;
import io.failwise.model.estimate.Estimate;
import io.failwise.model.estimate.EstimateInput;
import io.failwise.model.estimate.FailoverEstimator;
import io.failwise.model.estimate.Outage;
import io.failwise.model.estimate.Recommendation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A calibrated source: the estimate uses what its runs measured instead of the spec's guesses, and says so. */
class CalibrationsTest {
  private static final Instant AT = Instant.parse("2026-03-12T20:40:00Z");

  private static Cluster west(Long p90) {
    Cluster west = cluster("west", "fleet", 250_000, 960, 180_000, 130_000);
    west.getSpec().failover = new FailoverSpec();
    west.getSpec().failover.cutoverSeconds = 1200L;
    west.getSpec().failover.cutoverP90Seconds = p90;
    west.getSpec().failover.targets = List.of(new FailoverSpec.Target("north", 0));
    west.setStatus(status(180_000, 130_000, "Outage"));
    return west;
  }

  private static ClusterCalibration calibration(int runs, Double p90, ClusterCalibration.Measurement... ms) {
    ClusterCalibration c = new ClusterCalibration();
    c.cutoverSeconds = 210.0;
    c.cutoverP90Seconds = p90;
    c.runs = runs;
    c.at = "2026-03-01T10:00:00Z";
    c.measurements = List.of(ms);
    return c;
  }

  private static ClusterCalibration.Measurement drill(String run, String target, Double admission) {
    ClusterCalibration.Measurement m = new ClusterCalibration.Measurement();
    m.run = run;
    m.mode = "Drill";
    m.target = target;
    m.cutoverSeconds = 210.0;
    m.admissionDevicesPerSecond = admission;
    m.at = "2026-03-01T10:00:00Z";
    return m;
  }

  private static EstimateInput input(Cluster west) {
    Cluster north = cluster("north", "fleet", 600_000, 600, 90_000, 90_000);
    north.getSpec().region = "eu-north";
    return EstimateInputs.from(west, List.of(west, north), new Outage(AT.minusSeconds(3300), 50_000), AT, DurationPrior.DEFAULT);
  }

  @Test
  void measuredCutoverP90AndAdmissionReplaceTheSpecs() {
    Cluster west = west(2400L);
    west.getStatus().calibration =
        calibration(3, 420.0, drill("a", "north", 700.0), drill("b", "north", 900.0), drill("c", "north", null));
    EstimateInput in = input(west);
    assertEquals(Duration.ofSeconds(210), in.source().cutover());
    assertEquals(Duration.ofSeconds(420), in.source().cutoverP90());
    assertEquals(800, in.targets().get(0).admissionDevicesPerSecond(), 1e-9, "the median of the two measured rates");
  }

  /**
   * A calibration out of the spec's bounds (written by hand: the controller writes none) is never computed
   * with: the spec's cutover and admission apply, and problems() names each field and what is valid.
   */
  @Test
  void aCalibrationOutOfItsBoundsIsIgnoredNamingTheField() {
    Cluster west = west(2400L);
    west.getStatus().calibration = calibration(1, null, drill("a", "north", 1e-300));
    west.getStatus().calibration.cutoverSeconds = 1e300;
    west.getStatus().calibration.at = "garbage";
    EstimateInput in = input(west);
    assertEquals(Duration.ofSeconds(1200), in.source().cutover(), "the spec's cutover");
    assertEquals(Duration.ofSeconds(2400), in.source().cutoverP90());
    assertEquals(600, in.targets().get(0).admissionDevicesPerSecond(), 1e-9, "the spec's admission");
    assertTrue(Calibrations.sentence(west, AT).isEmpty());
    assertEquals(
        List.of(
            "status.calibration.cutoverSeconds: must be from 1 to 86,400 seconds (a day, as spec.failover.cutoverSeconds), got 1.0E300",
            "status.calibration.at: 'garbage' is not an RFC 3339 time such as 2026-03-01T10:00:00Z",
            "status.calibration.measurements[0].admissionDevicesPerSecond: must be a number of devices a second of at least 0.001 (as"
                + " spec.admission.devicesPerSecond), got 1.0E-300"),
        Calibrations.problems(west).stream().map(Object::toString).toList());
    // One field out is enough: a cutover of 0 s, a p90 below the median or out of range, too many runs.
    west.getStatus().calibration = calibration(1, null, drill("a", "north", null));
    west.getStatus().calibration.cutoverSeconds = 0.0;
    assertEquals(Duration.ofSeconds(1200), input(west).source().cutover());
    west.getStatus().calibration = calibration(3, 1e300, drill("a", "north", null));
    assertEquals(Duration.ofSeconds(1200), input(west).source().cutover());
    west.getStatus().calibration = calibration(3, 100.0, drill("a", "north", null));
    assertEquals(
        List.of("status.calibration.cutoverP90Seconds: must be at least cutoverSeconds (210.0), got 100.0"),
        Calibrations.problems(west).stream().map(Object::toString).toList());
    west.getStatus().calibration = calibration(11, null, drill("a", "north", null));
    assertEquals(List.of("status.calibration.runs: must be from 1 to 10, got 11"), Calibrations.problems(west).stream().map(Object::toString).toList());
    // Within the bounds it is used.
    west.getStatus().calibration = calibration(1, null, drill("a", "north", 0.001));
    assertEquals(List.of(), Calibrations.problems(west));
    assertEquals(Duration.ofSeconds(210), input(west).source().cutover());
  }

  @Test
  void afterOneRunTheSpecsSpreadIsKeptAroundTheMeasuredMedian() {
    // The spec says median 1,200 s, p90 2,400 s (twice); one drill measured 210 s: p90 420 s.
    Cluster west = west(2400L);
    west.getStatus().calibration = calibration(1, null, drill("a", "north", null));
    EstimateInput in = input(west);
    assertEquals(Duration.ofSeconds(420), in.source().cutoverP90());
    assertEquals(600, in.targets().get(0).admissionDevicesPerSecond(), 1e-9, "not measured: the spec's");
  }

  @Test
  void aMeasuredFastCutoverCutsWhatFailingOverCostsAndTheExplanationSaysWhy() {
    // Failing over disconnects all 180,000 devices for the cutover, twice (there and back): with the 3 min
    // 30 s three drills measured instead of the spec's 20 min, that part shrinks by more than a factor 5,
    // and the admission queues (800 devices/s measured against 600 stated) shrink too.
    Cluster west = west(null);
    FailoverEstimator estimator = FailoverEstimator.withDefaults();
    Estimate guessed = estimator.estimate(input(west));
    west.getStatus().calibration =
        calibration(3, 300.0, drill("a", "north", 700.0), drill("b", "north", 900.0), drill("c", "north", 800.0));
    Estimate measured = estimator.estimate(input(west));
    assertTrue(
        measured.option(Recommendation.FAILOVER).deviceMinutesMean() < guessed.option(Recommendation.FAILOVER).deviceMinutesMean() / 3,
        measured.explanation());
    assertEquals(
        "Cutover 210 s (p90 300 s) as measured by 3 runs (drills), the last at 2026-03-01 10:00 UTC, instead of the 1,200 s"
            + " spec.failover.cutoverSeconds states; north admitted 800 devices a second.",
        Calibrations.sentence(west, AT).orElseThrow());
  }

  @Test
  void oneDrillAndOneFailoverAreCountedInTheSingular() {
    Cluster west = west(null);
    ClusterCalibration.Measurement failover = drill("b", "north", null);
    failover.mode = "Failover";
    west.getStatus().calibration = calibration(2, null, drill("a", "north", null), failover);
    assertTrue(
        Calibrations.sentence(west, AT).orElseThrow().contains(" as measured by 2 runs (1 drill, 1 failover), the last at "),
        Calibrations.sentence(west, AT).orElseThrow());
  }

  @Test
  void anUncalibratedClusterSaysNothing() {
    assertTrue(Calibrations.sentence(west(null), AT).isEmpty());
    Cluster west = west(null);
    west.getStatus().calibration = new ClusterCalibration();
    assertTrue(Calibrations.sentence(west, AT).isEmpty(), "no measured cutover: nothing to cite");
    assertEquals(Duration.ofSeconds(1200), input(west).source().cutover());
  }

  /**
   * A calibration dated after the moment of the estimate (a replayed night, a clock set wrong, a status
   * written by hand) was not measured yet then: the spec's cutover and admission apply, and the sentence
   * says that the measurement was set aside instead of citing it.
   */
  @Test
  void aCalibrationDatedAfterTheEstimateIsIgnoredAndTheExplanationSaysSo() {
    Cluster west = west(2400L);
    west.getStatus().calibration = calibration(3, 420.0, drill("a", "north", 700.0), drill("b", "north", 900.0));
    west.getStatus().calibration.at = "2027-03-01T10:00:00Z";
    EstimateInput in = input(west);
    assertEquals(Duration.ofSeconds(1200), in.source().cutover(), "the spec's cutover");
    assertEquals(Duration.ofSeconds(2400), in.source().cutoverP90());
    assertEquals(600, in.targets().get(0).admissionDevicesPerSecond(), 1e-9, "the spec's admission");
    assertEquals(
        "The measured cutover (status.calibration, the last run at 2027-03-01 10:00 UTC) is ignored: it is dated after this estimate"
            + " (20:40 UTC), so the 1,200 s spec.failover.cutoverSeconds states applies.",
        Calibrations.sentence(west, AT).orElseThrow());
    assertEquals(
        "status.calibration.at: 2027-03-01T10:00:00Z is after the moment of the estimate (2026-03-12T20:40:00Z): runs that had not"
            + " finished then cannot inform it, so the calibration is ignored and the spec's cutover and admission apply",
        Calibrations.fromTheFuture(west, AT).orElseThrow().toString());
    assertEquals("Hold. " + Calibrations.sentence(west, AT).orElseThrow(), Calibrations.explained("Hold.", west, AT));
    // A year later the same calibration is history, and used.
    Instant later = Instant.parse("2027-03-12T20:40:00Z");
    assertTrue(Calibrations.fromTheFuture(west, later).isEmpty());
    assertTrue(Calibrations.sentence(west, later).orElseThrow().startsWith("Cutover 210 s (p90 420 s) as measured by 3 runs"),
        Calibrations.sentence(west, later).orElseThrow());
  }

  /** A measured admission rate dated after the estimate is not used, though the calibration's summary is. */
  @Test
  void aMeasurementDatedAfterTheEstimateDoesNotSetTheAdmission() {
    Cluster west = west(2400L);
    ClusterCalibration.Measurement future = drill("b", "north", 900.0);
    future.at = "2026-04-01T10:00:00Z";
    west.getStatus().calibration = calibration(2, 420.0, drill("a", "north", 700.0), future);
    assertEquals(700, input(west).targets().get(0).admissionDevicesPerSecond(), 1e-9, "only the drill finished by then");
    assertTrue(Calibrations.sentence(west, AT).orElseThrow().endsWith("; north admitted 700 devices a second."),
        Calibrations.sentence(west, AT).orElseThrow());
  }
}
