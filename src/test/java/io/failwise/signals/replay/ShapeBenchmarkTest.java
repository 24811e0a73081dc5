package io.failwise.signals.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.model.detect.DetectorSettings;
import io.failwise.signals.replay.DetectionShapes.Shape;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the README's shape table claims for Failwise, on two generated weeks other than the default
 * seed: the detection goals of issue 15 hold shape by shape, and the comparison rules do what their
 * PromQL says (PromtoolRulesIT checks them against Prometheus itself).
 */
class ShapeBenchmarkTest {
  private static Map<Shape, ShapeBenchmark.Row> rows;

  @BeforeAll
  static void run() {
    List<ShapeBenchmark.Row> all = ShapeBenchmark.run(101, 2, DetectorSettings.defaults(), Duration.ofSeconds(60));
    rows = all.stream().collect(Collectors.toMap(ShapeBenchmark.Row::shape, r -> r));
  }

  private static ShapeBenchmark.Cell failwise(Shape s) {
    return rows.get(s).cells().get(ShapeBenchmark.FAILWISE);
  }

  private static ShapeBenchmark.Cell rule(Shape s, AlertRule r) {
    return rows.get(s).cells().get(r.describe());
  }

  @Test
  void glitchesAndADeclaredMaintenanceWaveRaiseNoOutage() {
    assertEquals(0, failwise(Shape.SHARD_GLITCHES).count());
    assertEquals(0, failwise(Shape.MAINTENANCE).count());
    // The 8 % wave is real: the 1-minute rule, which knows nothing of the window, pages for it each week.
    assertEquals(2, rule(Shape.MAINTENANCE, ThresholdRule.tight()).count());
  }

  @Test
  void aVanishedSeriesIsNoticedWithinTwoMinutesWhereRatioRulesAreBlind() {
    ShapeBenchmark.Cell c = failwise(Shape.VANISHED);
    assertEquals(0, c.never());
    assertTrue(c.max() <= 120, "SignalLost after " + c.max() + " s");
    assertEquals(2, rule(Shape.VANISHED, ThresholdRule.usual()).never(), "a ratio with nothing has no result");
    assertEquals(0, rule(Shape.VANISHED, AbsentRule.usual()).never());
  }

  @Test
  void suddenLossesOfTwoPercentOrMoreAreAnOutageWithin30Seconds() {
    for (Shape s : List.of(Shape.SUDDEN_2PCT, Shape.SUDDEN_5PCT, Shape.SUDDEN_20PCT, Shape.NIGHT_TROUGH, Shape.FLAPPING)) {
      ShapeBenchmark.Cell c = failwise(s);
      assertEquals(0, c.never(), s + " never detected");
      assertNotNull(c.max());
      assertTrue(c.max() <= 30, s + ": " + c.max() + " s to Outage");
    }
    // A 2 % loss is below the usual 95 % rule's threshold: it never fires.
    assertEquals(2, rule(Shape.SUDDEN_2PCT, ThresholdRule.usual()).never());
  }

  @Test
  void aOnePercentStepIsStillShownSixHoursLater() {
    assertEquals(2, failwise(Shape.STEP_1PCT).visible());
    assertEquals(0, rule(Shape.STEP_1PCT, ThresholdRule.tight()).visible(), "1 % is inside the 98 % rule's margin");
  }

  @Test
  void synchronisedFlappingResetsEveryRulesForClause() {
    for (AlertRule r : ShapeBenchmark.rules()) {
      assertEquals(2, rule(Shape.FLAPPING, r).never(), r.describe());
    }
  }
}
