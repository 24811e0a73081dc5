package io.failwise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.failwise.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectionSeriesCommandTest {
  private static final long T0 = 1_773_300_000L;

  @TempDir Path dir;

  @Test
  void aSeriesFileIsReplayedAndTheIntervalsComeAsJsonInUnixSeconds() throws Exception {
    // Two hours steady, a two-sample glitch at 1 h, a 3 % step at 1.5 h, the series gone at 2 h 30.
    StringBuilder csv = new StringBuilder("ts,connected,expected\n");
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 640; i++) {
      long c = 176_000 + random.nextInt(-40, 41) - (i >= 360 ? 5_400 : 0) - (i == 240 || i == 241 ? 4_400 : 0);
      csv.append(T0 + 15L * i).append(',').append(i >= 600 ? "" : Long.toString(c)).append(",180000\n");
    }
    Path file = Files.writeString(dir.resolve("series.csv"), csv);
    Cli.Result r = Cli.run("bench", "detection", "--series", file.toString(), "-o", "json");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode json = r.json();
    long step = T0 + 15L * 360;
    assertEquals(step + 30, json.get("firstOutageAt").asLong(), "a 3 % step is an Outage 30 s after it shows: " + r.out());
    JsonNode intervals = json.get("intervals");
    assertEquals("LearningBaseline", intervals.get(0).get("reason").asText());
    JsonNode outage = intervals.get(1);
    assertEquals("Outage", outage.get("condition").asText(), "the glitch raised nothing: " + r.out());
    assertEquals("DevicesDropping", outage.get("reason").asText());
    JsonNode lost = intervals.get(2);
    assertEquals("Unknown", lost.get("condition").asText());
    assertEquals("SignalLost", lost.get("reason").asText());
    long lastPoint = T0 + 15L * 599;
    assertTrue(lost.get("from").asLong() - lastPoint <= 120, "SignalLost " + (lost.get("from").asLong() - lastPoint) + " s after the last point");
    assertTrue(lost.get("to").isNull(), "lasts to the end");
    assertEquals(3, intervals.size(), r.out());
  }

  @Test
  void aMaintenanceWindowMakesTheStepDegradedMaintenance() throws Exception {
    StringBuilder csv = new StringBuilder("ts,connected\n");
    for (int i = 0; i < 200; i++) {
      csv.append(T0 + 15L * i).append(',').append(176_000 - (i >= 100 && i < 112 ? 14_000 : 0) + (i % 3) * 10).append('\n');
    }
    Path file = Files.writeString(dir.resolve("wave.csv"), csv);
    String from = java.time.Instant.ofEpochSecond(T0 + 15L * 90).toString();
    String to = java.time.Instant.ofEpochSecond(T0 + 15L * 130).toString();
    Cli.Result r = Cli.run("bench", "detection", "--series", file.toString(), "--maintenance", from + "/" + to);
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("Degraded") && l.contains("Maintenance")), r.out());
    assertTrue(r.out().contains("First Outage: none"), r.out());
  }

  @Test
  void aBadFileIsAClearErrorNamingTheLineAndColumn() throws Exception {
    Path file = Files.writeString(dir.resolve("bad.csv"), "ts,connected,expected\n1773300000,12,100\n1773300015,twelve,100\n");
    Cli.Result r = Cli.run("bench", "detection", "--series", file.toString());
    assertEquals(CommandLineSetup.BAD_INPUT, r.exitCode());
    assertTrue(r.err().contains("bad.csv:3: column connected: 'twelve' is not a number of devices"), r.err());
    assertTrue(!r.err().contains("Exception"), r.err());
    Cli.Result missing = Cli.run("bench", "detection", "--series", dir.resolve("nope.csv").toString());
    assertEquals(CommandLineSetup.BAD_INPUT, missing.exitCode());
    assertTrue(missing.err().contains("does not exist"), missing.err());
    // The generated weeks' options mean nothing to a replay: refused, not silently ignored.
    Path good = Files.writeString(dir.resolve("good.csv"), "ts,connected,expected\n1773300000,12,100\n");
    Cli.Result both = Cli.run("bench", "detection", "--series", good.toString(), "--shapes");
    assertEquals(CommandLineSetup.BAD_INPUT, both.exitCode(), both.out());
    assertTrue(both.err().startsWith("failwise bench detection: --shapes: for the generated weeks; --series replays its file alone"), both.err());
  }

  @Test
  void theShapeTableListsEveryShapeWithEveryMethodAndItsPromQl() throws Exception {
    Cli.Result r = Cli.run("bench", "detection", "--shapes", "--seed", "5", "-o", "json");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode json = r.json();
    assertEquals(1, json.get("weeks").asInt());
    assertEquals(5, json.get("methods").size(), "failwise and four rules");
    assertEquals("connected < 0.98 * quantile_over_time(0.5, connected[1h] offset 1d)", json.get("methods").get(3).get("expr").asText());
    JsonNode shapes = json.get("shapes");
    assertEquals(io.failwise.signals.replay.DetectionShapes.Shape.values().length, shapes.size());
    JsonNode step = shapes.get(6);
    assertEquals("step-1pct", step.get("shape").asText());
    assertEquals(1, step.get("methods").get("failwise").get("visibleAfter6h").asInt(), r.out());
    JsonNode vanished = shapes.get(2).get("methods");
    assertTrue(vanished.get("failwise").get("medianSeconds").asLong() <= 120, r.out());
    assertTrue(vanished.get("connected < 95% of 1 h ago, for: 5 min").get("medianSeconds").isNull(), "no ratio rule sees a vanished series");

    Cli.Result bad = Cli.run("bench", "detection", "--shapes", "--seeds", "0");
    assertEquals(2, bad.exitCode());
    assertTrue(bad.err().contains("--seeds"), bad.err());
  }
}
