package io.failwise.operator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.failwise.api.ClusterCalibration;
import io.failwise.model.calibration.RunMeasurement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** What a finished run adds to status.calibration stays within the CRD's bounds; a kept entry out of them is dropped. */
class RunCalibrationTest {
  private static ClusterCalibration.Measurement kept(String run, String at, Double cutover, Double admission) {
    ClusterCalibration.Measurement m = new ClusterCalibration.Measurement();
    m.run = run;
    m.mode = "Drill";
    m.target = "north";
    m.at = at;
    m.cutoverSeconds = cutover;
    m.admissionDevicesPerSecond = admission;
    return m;
  }

  @Test
  void keptMeasurementsOutOfTheirBoundsAreDroppedNotComputedWith() {
    ClusterCalibration before = new ClusterCalibration();
    before.measurements = new ArrayList<>(List.of(
        kept("garbage-time", "garbage", 200.0, null),
        kept("huge", "2026-03-01T09:00:00Z", 1e300, null),
        kept("slow", "2026-03-01T09:10:00Z", 200.0, 1e-300),
        kept("good", "2026-03-01T09:20:00Z", 200.0, 800.0)));
    ClusterCalibration after =
        RunCalibration.with(before, new RunMeasurement("new", "north", 300, OptionalDouble.of(0.04), Instant.parse("2026-03-01T10:00:00Z")), "Drill");
    assertEquals(List.of("good", "new"), after.measurements.stream().map(m -> m.run).toList());
    assertNull(after.measurements.get(1).admissionDevicesPerSecond, "0.04 a second rounds to 0.0: not measured");
    assertEquals(2, after.runs);
  }

  @Test
  void aCutoverOfMoreThanADayIsRecordedAsADay() {
    ClusterCalibration after =
        RunCalibration.with(null, new RunMeasurement("long", "north", 200_000, OptionalDouble.empty(), Instant.parse("2026-03-01T10:00:00Z")), "Drill");
    assertEquals(86_400.0, after.measurements.get(0).cutoverSeconds);
    assertEquals(86_400.0, after.cutoverSeconds);
  }
}
