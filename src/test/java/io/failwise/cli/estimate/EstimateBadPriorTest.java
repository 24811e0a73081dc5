package io.failwise.cli.estimate;

import static io.failwise.cli.estimate.EstimateFiles.CLUSTERS;
import static io.failwise.cli.estimate.EstimateFiles.SCENARIO;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.failwise.testing.Cli;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code failwise estimate} on a spec.durationPrior out of its range: 1 minute to 30 days, p90 above the median. */
class EstimateBadPriorTest {
  @TempDir Path dir;

  private void assertBadInput(String prior, String expected) throws IOException {
    EstimateFiles.assertBadInput(dir, CLUSTERS + SCENARIO + "  durationPrior: " + prior + "\n", "document 3 (Scenario s): " + expected);
  }

  @Test
  void aPriorBeyondThirtyDaysOrUnderAMinuteIsRefused() throws IOException {
    // 1e5 and 1e6 minutes overflowed the device-minutes: HOLD mean 9,223,372,036,854,775,807, yet HOLD.
    assertBadInput(
        "{medianMinutes: 1e5, p90Minutes: 1e6}",
        "spec.durationPrior.medianMinutes: must be from 1 to 43,200 minutes (30 days), got 100000.0");
    assertBadInput("{medianMinutes: 1e-300, p90Minutes: 480}", "spec.durationPrior.medianMinutes: must be from 1 to 43,200 minutes");
    assertBadInput("{medianMinutes: 0, p90Minutes: 480}", "spec.durationPrior.medianMinutes: must be from 1 to 43,200 minutes");
    assertBadInput("{medianMinutes: 120, p90Minutes: 43201}", "spec.durationPrior.p90Minutes: must be from 1 to 43,200 minutes (30 days), got 43201.0");
    assertBadInput("{medianMinutes: 120, p90Minutes: 60}", "spec.durationPrior.p90Minutes: must be above medianMinutes (120.0), got 60.0");
    // Median 1 min with p90 30 days expected an outage of 7 billion years, and HOLD overflowed again.
    assertBadInput(
        "{medianMinutes: 1, p90Minutes: 43200}",
        "spec.durationPrior.p90Minutes: must be at most 100 x medianMinutes (1.0): a wider prior expects an outage hundreds of times"
            + " longer than its median, got 43200.0");
    // At the bounds it runs.
    Path ok = EstimateFiles.write(dir, "ok.yaml", CLUSTERS + SCENARIO + "  durationPrior: {medianMinutes: 432, p90Minutes: 43200}\n");
    Cli.Result r = Cli.run("estimate", "-f", ok.toString(), "-o", "json");
    assertEquals(0, r.exitCode(), r.err());
  }
}
