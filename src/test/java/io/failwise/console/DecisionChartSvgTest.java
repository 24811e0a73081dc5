package io.failwise.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.failwise.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `failwise estimate --chart`: the chart a post-mortem would paste, checked against the estimate's own numbers. */
class DecisionChartSvgTest {
  @TempDir Path dir;

  private record Charted(JsonNode estimate, SvgChart chart) {}

  private Charted chart(String scenario) throws Exception {
    Path svg = dir.resolve("chart.svg");
    Cli.Result r = Cli.run("estimate", "-f", "playbooks/scenarios/" + scenario, "-o", "json", "--chart", svg.toString());
    assertEquals(0, r.exitCode(), r.err());
    return new Charted(r.json(), SvgChart.parse(Files.readString(svg)));
  }

  @Test
  void theTwelfthOfMarchChartCrossesWhereTheEstimateSaysItBreaksEven() throws Exception {
    Charted c = chart("2026-03-12-incident.yaml");
    assertEquals("HOLD", c.estimate().path("recommendation").asText());
    double breakEven = c.estimate().path("breakEven").path("minutes").asDouble();
    assertTrue(breakEven > 0, "the incident has a break-even");
    // The mark sits where the estimate says, and the two drawn lines really cross there.
    assertEquals(breakEven, c.chart().markMinutes("break-even"), 0.1);
    assertEquals(breakEven, c.chart().minutesAt(c.chart().markX("break-even")), 0.1);
    assertEquals(breakEven, c.chart().minutesAt(c.chart().crossingX("HOLD", "FAILOVER")), breakEven * 0.001);
    JsonNode remaining = c.estimate().path("outage").path("remainingMinutes");
    assertEquals(remaining.path("median").asDouble(), c.chart().markMinutes("prior-median"), 0.1);
    assertEquals(remaining.path("p90").asDouble(), c.chart().markMinutes("prior-p90"), 0.1);
    assertEquals("HOLD", c.chart().attribute("data-recommendation"));
    assertTrue(c.chart().text().contains("go-eu-west-1: HOLD"), c.chart().text());
    // The label rounds the exact break-even to a minute; the mark keeps two decimals of it.
    double mark = c.chart().markMinutes("break-even");
    String text = c.chart().text();
    assertTrue(
        text.contains("break-even +" + DecisionChartSvg.hoursMinutes(mark - 0.01))
            || text.contains("break-even +" + DecisionChartSvg.hoursMinutes(mark + 0.01)),
        text);
  }

  @Test
  void holdsLineFollowsTheTrendTheExplanationStates() throws Exception {
    // 12,000 offline falling by 900 a minute: holding costs at most the 80,000 device-minutes of the way
    // to zero, reached 13 min in, so HOLD's curve rises and then lies flat, below FAILOVER's 8.90 M
    // everywhere: no crossing and no break-even mark, as the estimate says "never pays off".
    Charted falling = chart("recovering-trend.yaml");
    assertTrue(falling.chart().bends("HOLD"), "drawn through points");
    assertFalse(falling.chart().bends("FAILOVER"));
    assertTrue(Double.isNaN(falling.chart().crossingX("HOLD", "FAILOVER")), "the lines never cross");
    assertTrue(Double.isNaN(falling.chart().markX("break-even")));
    double right = falling.chart().rightX();
    assertEquals(falling.chart().yAt("HOLD", right), falling.chart().yAt("HOLD", right * 0.5), 0.01, "flat once the count is zero");
    // The twelfth of March is steady: one straight line, as before.
    assertFalse(chart("2026-03-12-incident.yaml").chart().bends("HOLD"));
    // A young rise bends upwards: the chance the rise goes on weighs more the longer the outage lasts.
    // Its break-even is where that curve meets FAILOVER's line, and the mark sits there.
    Charted rising = chart("young-rise.yaml");
    assertTrue(rising.chart().bends("HOLD"));
    double breakEven = rising.estimate().path("breakEven").path("minutes").asDouble();
    assertEquals(breakEven, rising.chart().markMinutes("break-even"), 0.1);
    assertEquals(breakEven, rising.chart().minutesAt(rising.chart().crossingX("HOLD", "FAILOVER")), breakEven * 0.01);
  }

  @Test
  void aPartialMovesLineFollowsTheFallOfTheDevicesItLeaves() throws Exception {
    // Moving 40,000 of 60,000 while the count falls: the 20,000 left fall with it, so the option's curve
    // bends like HOLD's, and the break-even mark sits where the two curves meet.
    Charted c = chart("partial-move-recovering.yaml");
    assertEquals("FAILOVER_AFFECTED", c.estimate().path("recommendation").asText());
    assertTrue(c.chart().bends("HOLD"));
    assertTrue(c.chart().bends("FAILOVER_AFFECTED"), "drawn through points");
    double breakEven = c.estimate().path("breakEven").path("minutes").asDouble();
    assertEquals(breakEven, c.chart().markMinutes("break-even"), 0.1);
    assertEquals(breakEven, c.chart().minutesAt(c.chart().crossingX("HOLD", "FAILOVER_AFFECTED")), breakEven * 0.01);
    // Once the count is zero both lie flat: the moved devices' switching is what separates them.
    double right = c.chart().rightX();
    assertEquals(c.chart().yAt("FAILOVER_AFFECTED", right), c.chart().yAt("FAILOVER_AFFECTED", right * 0.9), 0.01);
    // Without a trend the same move is a straight line.
    assertFalse(chart("partial-affected-move.yaml").chart().bends("FAILOVER_AFFECTED"));
  }

  @Test
  void anOptionThatCannotBeDoneIsNamedNotDrawn() throws Exception {
    Charted c = chart("target-too-small.yaml");
    assertFalse(c.chart().options().contains("FAILOVER"), "an infeasible failover has no line");
    assertTrue(c.chart().text().contains("FAILOVER: not possible"), c.chart().text());
    assertTrue(c.chart().text().contains("do not fit"), c.chart().text());
    assertTrue(Double.isNaN(c.chart().markX("break-even")), "nothing to break even with");
  }

  @Test
  void aChartIntoAFolderThatDoesNotExistIsRefusedWithThePath() {
    Cli.Result r =
        Cli.run("estimate", "-f", "playbooks/scenarios/2026-03-12-incident.yaml", "--chart", dir.resolve("no/such/c.svg").toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("--chart") && r.err().contains("does not exist"), r.err());
  }

  @Test
  void textIsEscapedSoAnyClusterNameStaysWellFormed() {
    DecisionCurves curves =
        new DecisionCurves(
            "HOLD", null, "a <b> & \"c\"", java.util.List.of(new DecisionCurves.Curve("HOLD", null, true, 10, 2, 5, "")),
            null, null, 0, 5, 30, 20, 90);
    SvgChart chart = SvgChart.parse(DecisionChartSvg.render("x<&\"y", curves));
    assertTrue(chart.text().contains("x<&\"y: HOLD"));
    assertTrue(chart.text().contains("no failover option pays off"));
  }
}
