package io.failwise.cli.estimate;

import static io.failwise.cli.estimate.EstimateFiles.CLUSTERS;
import static io.failwise.cli.estimate.EstimateFiles.SCENARIO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.testing.Cli;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code failwise estimate} on a source Cluster with a status.calibration (what its drills measured): the
 * measured cutover replaces the spec's and may turn the answer, so the explanation says so, in the same
 * sentence the controller's decisions and runs give; one dated after spec.at is set aside with a warning.
 */
class EstimateCalibrationTest {
  @TempDir Path dir;

  private static final String WEST_STATUS = "  signals: {static: {expected: 180000, connected: 179000}}\n";

  private Path scenario(String calibration) throws IOException {
    return EstimateFiles.write(
        dir, "s.yaml", CLUSTERS.replace(WEST_STATUS, WEST_STATUS + "status: {calibration: " + calibration + "}\n") + SCENARIO);
  }

  @Test
  void aMeasuredCutoverThatTurnsTheAnswerIsCitedInTheExplanation() throws IOException {
    Path uncalibrated = EstimateFiles.write(dir, "u.yaml", CLUSTERS + SCENARIO);
    Cli.Result before = Cli.run("estimate", "-f", uncalibrated.toString());
    assertTrue(before.out().contains("Recommendation: HOLD"), before.out());
    assertTrue(!before.out().contains("as measured by"), before.out());

    Path file = scenario(
        "{cutoverSeconds: 300, cutoverP90Seconds: 400, runs: 2, at: '2026-03-01T10:00:00Z', measurements: ["
            + "{run: d1, mode: Drill, target: north, cutoverSeconds: 280, admissionDevicesPerSecond: 500, at: '2026-02-01T10:00:00Z'},"
            + "{run: d2, mode: Drill, target: north, cutoverSeconds: 320, admissionDevicesPerSecond: 500, at: '2026-03-01T10:00:00Z'}]}");
    Cli.Result r = Cli.run("estimate", "-f", file.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertEquals("", r.err());
    assertTrue(r.out().contains("Recommendation: FAILOVER to north"), "five minutes instead of twenty turn it: " + r.out());
    // In the Scenario's zone (+01:00), as the rest of the explanation says its times.
    String sentence = "Cutover 300 s (p90 400 s) as measured by 2 runs (drills), the last at 2026-03-01 11:00 +01:00, instead of the 1,200 s"
        + " spec.failover.cutoverSeconds states; north admitted 500 devices a second.";
    assertTrue(r.out().strip().endsWith(sentence), r.out());
    String json = Cli.run("estimate", "-f", file.toString(), "-o", "json").json().path("explanation").asText();
    assertTrue(json.endsWith(sentence), json);
  }

  /**
   * A calibration finished after the moment being estimated (spec.at 12 March 2026, the drills in 2027) was
   * not known then: as the controller does with one dated after its clock, the estimate sets it aside (the
   * spec's 20-minute cutover applies, the answer stays HOLD), warns on stderr naming the file, the Cluster
   * and the field, and the explanation says why. The exit code is 0: the estimate was made.
   */
  @Test
  void aCalibrationDatedAfterSpecAtIsSetAsideWithAWarning() throws IOException {
    Path file = scenario("{cutoverSeconds: 300, cutoverP90Seconds: 400, admissionDevicesPerSecond: 500, runs: 2, at: '2027-03-01T10:00:00Z'}");
    for (String output : new String[] {"text", "json"}) {
      Cli.Result r = Cli.run("estimate", "-f", file.toString(), "-o", output);
      assertEquals(0, r.exitCode(), r.err());
      assertEquals(
          "failwise estimate: warning: " + file + ", document 1 (Cluster west): status.calibration.at: 2027-03-01T10:00:00Z is after the"
              + " moment of the estimate (2026-03-12T20:40:00Z): runs that had not finished then cannot inform it, so the calibration is"
              + " ignored and the spec's cutover and admission apply",
          r.err().strip(), output);
      String explanation = output.equals("json") ? r.json().path("explanation").asText() : r.out().strip();
      assertTrue(explanation.endsWith("The measured cutover (status.calibration, the last run at 2027-03-01 11:00 +01:00) is ignored: it is"
          + " dated after this estimate (21:40 +01:00), so the 1,200 s spec.failover.cutoverSeconds states applies."), explanation);
    }
    Cli.Result text = Cli.run("estimate", "-f", file.toString());
    assertTrue(text.out().contains("Recommendation: HOLD"), text.out());
    assertTrue(text.out().contains("(20 min now)"), "the spec's cutover: " + text.out());
  }
}
