package io.failwise.cli.estimate;

import static io.failwise.cli.estimate.EstimateFiles.CLUSTERS;
import static io.failwise.cli.estimate.EstimateFiles.SCENARIO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.failwise.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code failwise estimate} on a source Cluster whose status.calibration is out of the spec's bounds: a
 * cutover of 1e300 s printed "long overflow" naming nothing, an admission of 1e-300 a second made 9.2e18
 * device-minutes and a chart of NaN. Each is refused naming the file, the Cluster, the field and what is valid.
 */
class EstimateBadCalibrationTest {
  @TempDir Path dir;

  private static final String WEST_STATUS = "  signals: {static: {expected: 180000, connected: 179000}}\n";

  private static String calibrated(String calibration) {
    return CLUSTERS.replace(WEST_STATUS, WEST_STATUS + "status: {calibration: " + calibration + "}\n") + SCENARIO;
  }

  private void assertBadInput(String calibration, String expected) throws IOException {
    EstimateFiles.assertBadInput(dir, calibrated(calibration), "document 1 (Cluster west): " + expected);
  }

  /**
   * The numeric bounds are the CRD's (its schema's wording, "should be less than or equal to 86400"), checked
   * again by Calibrations.problems, which the controller applies ("must be from 1 to 86,400 seconds"):
   * either names the field and the bound.
   */
  @Test
  void aCalibrationOutOfTheSpecsBoundsNamesTheField() throws IOException {
    assertBadInput("{cutoverSeconds: 1e300, runs: 1}", "status.calibration.cutoverSeconds: ");
    assertBadInput("{cutoverSeconds: 300, cutoverP90Seconds: 1e300, runs: 2}", "status.calibration.cutoverP90Seconds: ");
    assertBadInput("{cutoverSeconds: 0, runs: 1}", "status.calibration.cutoverSeconds: ");
    assertBadInput(
        "{cutoverSeconds: 300, runs: 1, measurements: [{target: north, cutoverSeconds: 300, admissionDevicesPerSecond: 1e-300,"
            + " at: \"2026-03-01T10:00:00Z\"}]}",
        "status.calibration.measurements[0].admissionDevicesPerSecond: ");
    assertBadInput(
        "{cutoverSeconds: 300, runs: 1, at: garbage}",
        "status.calibration.at: 'garbage' is not an RFC 3339 time such as 2026-03-01T10:00:00Z");
    assertBadInput(
        "{cutoverSeconds: 300, cutoverP90Seconds: 200, runs: 2}",
        "status.calibration.cutoverP90Seconds: must be at least cutoverSeconds (300.0), got 200.0");
  }

  @Test
  void aCalibrationWithinItsBoundsDrawsAChartOfNumbers() throws IOException {
    Path ok = EstimateFiles.write(dir, "ok.yaml", calibrated(
        "{cutoverSeconds: 1, runs: 1, at: \"2026-03-01T10:00:00Z\", measurements: [{target: north, cutoverSeconds: 1,"
            + " admissionDevicesPerSecond: 0.001, at: \"2026-03-01T10:00:00Z\"}]}"));
    Path chart = dir.resolve("ok.svg");
    Cli.Result r = Cli.run("estimate", "-f", ok.toString(), "-o", "json", "--chart", chart.toString());
    assertEquals(0, r.exitCode(), r.err());
    r.json(); // valid JSON
    assertFalse(r.out().contains("NaN") || r.out().contains("Infinity"), r.out());
    String svg = Files.readString(chart);
    assertFalse(svg.contains("NaN") || svg.contains("Infinity"), svg);
  }
}
