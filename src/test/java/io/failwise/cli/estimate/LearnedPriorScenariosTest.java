package io.failwise.cli.estimate;

import static io.failwise.cli.estimate.ScenarioFiles.DIR;
import static io.failwise.cli.estimate.ScenarioFiles.estimate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.failwise.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenarios whose answer turns on the fleet's record (spec.pastOutages) give the answer their
 * comments promise: the prior learned from it, one lognormal or two kinds, and what it changes.
 */
class LearnedPriorScenariosTest {
  @Test
  void aFleetWithBlipsAndIncidentsWaitsOutTheBlipsThenFailsOver() {
    // The outage of learned-prior.yaml (120,000 of 180,000 offline, 8 min old; failing over costs 8.90 M
    // device-minutes), on a fleet whose 40 past outages are 10 blips of 10-19 min and 30 incidents of
    // 66-294 min. Two kinds are learned: the default weighs 10/50, the blips 10/50 (median 14 min), the
    // incidents 30/50 (median 2 h 45 min). At 8 min every blip on record would still be going, so the
    // chance of ending within 15 min is about a fifth (0.21): holding a step and deciding again costs
    // 8.65 M against 8.90 M, HOLD. At 21:15 the outage has outlasted every blip; if it is still going it
    // is an incident and failing over wins: the flip is the next decision.
    JsonNode e = estimate("two-kinds-of-outage.yaml");
    assertEquals("HOLD", e.path("recommendation").asText());
    JsonNode prior = e.path("durationPrior");
    assertEquals(40, prior.path("pastOutages").asInt());
    JsonNode kinds = prior.path("kinds");
    assertEquals(3, kinds.size(), prior.toString());
    assertEquals(0.2, kinds.get(0).path("weight").asDouble(), 1e-9);
    assertEquals(10, kinds.get(1).path("pastOutages").asDouble(), 0.05);
    assertEquals(14.2, kinds.get(1).path("medianMinutes").asDouble(), 0.05);
    assertEquals(30, kinds.get(2).path("pastOutages").asDouble(), 0.05);
    assertEquals(165.1, kinds.get(2).path("medianMinutes").asDouble(), 0.05);
    JsonNode w = e.path("waiting");
    assertEquals(0.21, w.path("endsWithinStepProbability").asDouble(), 0.005);
    assertTrue(Math.abs(w.path("holdThenDecideMean").asLong() - 8_646_139) < 1_000, w.toString());
    assertTrue(Math.abs(w.path("actNowMean").asLong() - 8_896_544) < 1_000, w.toString());
    assertEquals("2026-03-12T21:15:00+01:00", e.path("flipsAt").asText());
    assertTrue(
        e.path("explanation").asText().contains("two kinds, 10 short (median 14 min) and 30 long (median 2 h 45 min)"),
        e.path("explanation").asText());
  }

  @Test
  void aYoungOutageOnAFleetWhoseOutagesEndSoonHoldsOnceThePriorHasLearnedFromThem(@TempDir Path dir) throws IOException {
    // 120,000 of 180,000 devices offline for 8 min; the failover (20 min cutover, there and back) costs
    // 8.90 M device-minutes whatever the prior. The default prior, median 2 h and p90 8 h, gives an
    // outage 8 minutes in a 0.06 chance of ending within the next 15 min: holding a step and deciding
    // again is expected to cost 10.15 M, so without the past outages the answer is FAILOVER.
    // The fleet's 20 past outages (16 of 8-25 min, four of 1-3 h; their own lognormal fit has median
    // 22 min) with the default weighing as 10: mu' = (10 ln 120 + 20 x 3.096) / 30, a median of 38.9 min;
    // sigma' 1.23 (from 1.08: the long four and the disagreement widen it), p90 188 min = 3 h 8 min. The
    // chance of ending within 15 min becomes 0.26, and holding a step and deciding again 7.62 M against
    // 8.90 M: HOLD. Holding for good would still cost more (10.14 M), so it flips at 11:38.
    JsonNode learned = estimate("learned-prior.yaml");
    assertEquals("HOLD", learned.path("recommendation").asText());
    JsonNode prior = learned.path("durationPrior");
    assertEquals("default+pastOutages", prior.path("source").asText());
    assertEquals(20, prior.path("pastOutages").asInt());
    assertEquals(38.85, prior.path("medianMinutes").asDouble(), 0.01);
    assertEquals(188.03, prior.path("p90Minutes").asDouble(), 0.01);
    JsonNode w = learned.path("waiting");
    assertEquals(0.26, w.path("endsWithinStepProbability").asDouble(), 0.005);
    assertTrue(Math.abs(w.path("holdThenDecideMean").asLong() - 7_619_643) < 1_000, w.toString());
    assertTrue(Math.abs(w.path("actNowMean").asLong() - 8_896_544) < 1_000, w.toString());
    assertTrue(w.path("actNowMean").asLong() < w.path("holdForeverMean").asLong(), "holding for good still costs more: " + w);
    assertEquals("2026-03-24T11:38:00+01:00", learned.path("flipsAt").asText());
    assertTrue(learned.path("explanation").asText().contains("by a prior learned from 20 past outages"), learned.path("explanation").asText());

    // The same file without spec.pastOutages: the default prior, and FAILOVER.
    String text = Files.readString(Path.of(DIR + "learned-prior.yaml"));
    int past = text.indexOf("  pastOutages:\n");
    assertTrue(past > 0 && text.substring(past).lines().skip(1).allMatch(l -> l.startsWith("    - {start: ")), "pastOutages is the file's last block");
    Path stated = Files.writeString(dir.resolve("stated.yaml"), text.substring(0, past));
    Cli.Result r = Cli.run("estimate", "-f", stated.toString(), "-o", "json");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode e = r.json();
    assertEquals("FAILOVER", e.path("recommendation").asText());
    assertEquals("default", e.path("durationPrior").path("source").asText());
    assertEquals(0, e.path("durationPrior").path("pastOutages").asInt());
    JsonNode ws = e.path("waiting");
    assertEquals(0.06, ws.path("endsWithinStepProbability").asDouble(), 0.005);
    assertTrue(Math.abs(ws.path("holdThenDecideMean").asLong() - 10_146_502) < 1_000, ws.toString());
    assertEquals(w.path("actNowMean").asLong(), ws.path("actNowMean").asLong(), "the failover costs the same: only the prior differs");
  }
}
