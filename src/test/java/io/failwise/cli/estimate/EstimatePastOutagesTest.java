package io.failwise.cli.estimate;

import static io.failwise.cli.estimate.EstimateFiles.CLUSTERS;
import static io.failwise.cli.estimate.EstimateFiles.SCENARIO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.failwise.model.estimate.DurationPrior;
import io.failwise.testing.Cli;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code failwise estimate} with {@code spec.pastOutages}: the prior learned from them, and the report that says so. */
class EstimatePastOutagesTest {
  @TempDir Path dir;

  @Test
  void pastOutagesOfTwoKindsAreReportedAsTwoKinds() throws IOException {
    // 40 past outages, one day apart: 10 blips of 10-19 min and 30 incidents of 1-4 h. One lognormal would
    // blur them; the report names the two kinds and, in JSON, each part of the prior.
    StringBuilder past = new StringBuilder("  pastOutages:\n");
    List<Double> minutes = new java.util.ArrayList<>();
    java.time.Instant start = java.time.Instant.parse("2026-01-01T00:00:00Z");
    for (int i = 0; i < 40; i++) {
      long m = i % 4 == 0 ? 10 + i / 4 : 60 + 6L * i;
      minutes.add((double) m);
      java.time.Instant from = start.plus(java.time.Duration.ofDays(i));
      past.append("    - {start: \"").append(from).append("\", end: \"").append(from.plusSeconds(60 * m)).append("\"}\n");
    }
    DurationPrior expected = DurationPrior.DEFAULT.fittedTo(minutes);
    assertTrue(expected.twoKinds(), expected.toString());
    Path file = write("kinds.yaml", CLUSTERS + SCENARIO + past);
    JsonNode prior = Cli.run("estimate", "-f", file.toString(), "-o", "json").json().path("durationPrior");
    assertEquals(40, prior.path("pastOutages").asInt());
    assertEquals(3, prior.path("kinds").size(), prior.toString());
    assertEquals(0, prior.path("kinds").get(0).path("pastOutages").asDouble());
    assertEquals(10.0 / 50, prior.path("kinds").get(0).path("weight").asDouble(), 1e-4);
    assertEquals(10, prior.path("kinds").get(1).path("pastOutages").asDouble(), 0.5);
    assertEquals(30, prior.path("kinds").get(2).path("pastOutages").asDouble(), 0.5);
    assertTrue(prior.path("kinds").get(1).path("medianMinutes").asDouble() < 20, prior.toString());
    Cli.Result text = Cli.run("estimate", "-f", file.toString());
    assertTrue(text.out().contains(", learned from 40 past outages and the default; " + expected.kindsText() + "): "), text.out());
    assertTrue(expected.kindsText().startsWith("two kinds, 10 short (median 1"), expected.kindsText());
    // One lognormal has no parts.
    assertEquals(0, Cli.run("estimate", "-f", write("none.yaml", CLUSTERS + SCENARIO).toString(), "-o", "json").json().path("durationPrior").path("kinds").size());
  }

  @Test
  void aScenarioWithoutPastOutagesKeepsItsPriorAndItsOutput() throws IOException {
    Path none = write("none.yaml", CLUSTERS + SCENARIO);
    Cli.Result text = Cli.run("estimate", "-f", none.toString());
    assertTrue(
        text.out().contains("\nRemaining outage (prior median 2 h, p90 8 h, the default): expected 3 h 37 min, median 1 h 51 min, p90 8 h 28 min\n"),
        text.out());
    JsonNode prior = Cli.run("estimate", "-f", none.toString(), "-o", "json").json().path("durationPrior");
    assertEquals(120, prior.path("medianMinutes").asDouble());
    assertEquals(480, prior.path("p90Minutes").asDouble());
    assertEquals("default", prior.path("source").asText());
    assertEquals(0, prior.path("pastOutages").asInt());
    Cli.Result stated = Cli.run("estimate", "-f", write("stated.yaml", CLUSTERS + SCENARIO + "  durationPrior: {medianMinutes: 90, p90Minutes: 360}\n").toString());
    assertTrue(stated.out().contains("\nRemaining outage (prior median 1 h 30 min, p90 6 h): expected "), stated.out());
    // An empty list is no past outage: the same output, byte for byte.
    Path empty = write("empty.yaml", CLUSTERS + SCENARIO + "  pastOutages: []\n");
    assertEquals(text.out(), Cli.run("estimate", "-f", empty.toString()).out());
    assertEquals(Cli.run("estimate", "-f", none.toString(), "-o", "json").out(), Cli.run("estimate", "-f", empty.toString(), "-o", "json").out());
  }

  @Test
  void pastOutagesUpdateThePriorAndTheReportSaysSo() throws IOException {
    // 20 and 40 minutes, in any offset: the default updated by fittedTo, as the controller will do.
    String past =
        "  pastOutages:\n    - {start: \"2026-03-01T10:00:00Z\", end: \"2026-03-01T10:20:00Z\"}\n"
            + "    - {start: \"2026-03-05T08:00:00+01:00\", end: \"2026-03-05T08:40:00+01:00\"}\n";
    Path file = write("past.yaml", CLUSTERS + SCENARIO + past);
    DurationPrior expected = DurationPrior.DEFAULT.fittedTo(List.of(20.0, 40.0));
    JsonNode prior = Cli.run("estimate", "-f", file.toString(), "-o", "json").json().path("durationPrior");
    assertEquals(expected.medianMinutes(), prior.path("medianMinutes").asDouble(), 1e-9);
    assertEquals(expected.p90Minutes(), prior.path("p90Minutes").asDouble(), 1e-9);
    assertEquals("default+pastOutages", prior.path("source").asText());
    assertEquals(2, prior.path("pastOutages").asInt());
    Cli.Result text = Cli.run("estimate", "-f", file.toString());
    assertTrue(text.out().contains("\nRemaining outage (prior median 1 h 34 min, p90 6 h 43 min, learned from 2 past outages and the default): "), text.out());
    // A stated prior learns too, and the report names it.
    Path stated =
        write("stated.yaml", CLUSTERS + SCENARIO + "  durationPrior: {medianMinutes: 90, p90Minutes: 360}\n" + past.substring(0, past.indexOf("    - {start: \"2026-03-05")));
    assertEquals("scenario+pastOutages", Cli.run("estimate", "-f", stated.toString(), "-o", "json").json().path("durationPrior").path("source").asText());
    assertTrue(Cli.run("estimate", "-f", stated.toString()).out().contains(", learned from 1 past outage and the scenario's prior): "));
  }

  /**
   * A record exported from a Cluster's status.pastOutages with endHiddenByRun: its end is when a run brought
   * the devices back, later than the outage's own. Read as the controller reads it: checked, not learned from.
   */
  @Test
  void anOutageWhoseEndARunHidIsNotLearnedFrom() throws IOException {
    String past =
        "  pastOutages:\n    - {start: \"2026-03-01T10:00:00Z\", end: \"2026-03-01T10:20:00Z\"}\n"
            + "    - {start: \"2026-03-05T08:00:00Z\", end: \"2026-03-05T09:40:00Z\", endHiddenByRun: true}\n";
    JsonNode prior = Cli.run("estimate", "-f", write("hidden.yaml", CLUSTERS + SCENARIO + past).toString(), "-o", "json").json()
        .path("durationPrior");
    assertEquals(1, prior.path("pastOutages").asInt(), prior.toString());
    assertEquals(DurationPrior.DEFAULT.fittedTo(List.of(20.0)).medianMinutes(), prior.path("medianMinutes").asDouble(), 1e-9);
  }

  private Path write(String name, String content) throws IOException {
    return EstimateFiles.write(dir, name, content);
  }
}
