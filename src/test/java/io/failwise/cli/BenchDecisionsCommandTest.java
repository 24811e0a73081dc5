package io.failwise.cli;

import static io.failwise.cli.BenchCommandTest.bench;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** {@code failwise bench decisions}: the JSON the README documents, the breakdown, and its refusals. */
class BenchDecisionsCommandTest {
  @Test
  void jsonHasEveryStrategyAndTheBreakdownByShapeConditionAndPrior() throws Exception {
    BenchCommandTest.Run r = bench("decisions", "--nights", "40", "--seed", "3", "-o", "json");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertEquals(40, json.get("nights").asInt());
    JsonNode strategies = json.get("strategies");
    assertEquals(7, strategies.size());
    assertEquals("failwise", strategies.get(0).get("name").asText());
    assertEquals("failwise-stated-prior", strategies.get(1).get("name").asText());
    assertEquals("oracle", strategies.get(6).get("name").asText());
    assertEquals(0, strategies.get(6).get("regretVsOracle").asLong());
    // The ratio the goal is stated in, against the fixed rule with the least regret on these nights.
    JsonNode ratio = json.get("regretRatioToBestFixedRule");
    String best = ratio.get("bestFixedRule").asText();
    long bestRegret = 0;
    long failwiseRegret = strategies.get(0).get("regretVsOracle").asLong();
    for (JsonNode s : strategies) {
      String name = s.get("name").asText();
      if (name.equals("always-hold") || name.startsWith("failover-")) {
        assertTrue(s.get("regretVsOracle").asLong() >= 0);
      }
      if (name.equals(best)) {
        bestRegret = s.get("regretVsOracle").asLong();
      }
    }
    for (JsonNode s : strategies) {
      String name = s.get("name").asText();
      if (name.equals("always-hold") || name.startsWith("failover-")) {
        assertTrue(s.get("regretVsOracle").asLong() >= bestRegret, name + " has less regret than " + best);
      }
    }
    assertEquals((double) failwiseRegret / bestRegret, ratio.get("failwise").asDouble(), 0.006);
    // The reference told the mix: a regret (never below the oracle's) and its ratio, on the same scale.
    long knowing = json.at("/regretFloors/knowingTheMix").asLong();
    assertTrue(knowing >= 0, json.get("regretFloors").toString());
    assertEquals((double) knowing / bestRegret, ratio.get("knowingTheMix").asDouble(), 0.006);
    // How far each ratio could move on other nights: a 95% bootstrap interval over the nights.
    JsonNode intervals = json.get("regretRatioIntervals");
    assertEquals(0.95, intervals.get("confidence").asDouble());
    assertEquals(2000, intervals.get("resamples").asInt());
    for (String name : new String[] {"failwise", "failwise-stated-prior", "knowingTheMix"}) {
      JsonNode i = intervals.get(name);
      assertEquals(2, i.size(), intervals.toString());
      assertTrue(0 <= i.get(0).asDouble() && i.get(0).asDouble() <= i.get(1).asDouble(), name + " " + i);
    }
    for (JsonNode s : strategies) {
      for (String key : new String[] {"meanDeviceMinutes", "p90DeviceMinutes", "failovers", "regretVsOracle"}) {
        assertTrue(s.get(key).isNumber(), key + " in " + s);
      }
      assertTrue(s.get("regretVsOracle").asLong() >= 0, s.toString());
    }
    int shapeNights = 0;
    for (JsonNode g : json.get("breakdown")) {
      if (g.get("by").asText().equals("shape")) {
        shapeNights += g.get("nights").asInt();
      }
      assertTrue(g.at("/regretVsOracle/failwise").isNumber(), g.toString());
      assertTrue(g.get("regretKnowingTheMix").asLong() >= 0, g.toString());
    }
    assertEquals(40, shapeNights);
  }

  @Test
  void byShapePrintsOneRowPerGroup() {
    BenchCommandTest.Run r = bench("decisions", "--nights", "30", "--by-shape");
    assertEquals(0, r.exitCode(), r.err());
    for (String row : new String[] {"shape short_blip", "condition unhealthy_target", "durations heavy_tail"}) {
      assertTrue(r.out().lines().anyMatch(l -> l.startsWith(row)), row + " in\n" + r.out());
    }
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("GROUP") && l.endsWith("KNOWING THE MIX")), r.out());
    assertTrue(
        r.out().lines().anyMatch(l -> l.startsWith("failwise's regret is ") && l.contains("; 95% interval ") && l.contains(" over resampled nights)")),
        r.out());
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("Knowing the mix (") && l.contains("of the best fixed rule's (95% interval ")), r.out());
  }

  @Test
  void nightsOnWhichEvenTheBestFixedRuleHasNoRegretGiveNoRatioRatherThanAPerfectOne() throws Exception {
    // The first night of seed 1 is one always-hold gets right: a ratio to its regret is 0/0, not 0.00.
    BenchCommandTest.Run r = bench("decisions", "--nights", "1");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("No regret ratio: the best fixed rule ("), r.out());
    assertTrue(r.out().startsWith("1 night, seed 1 "), r.out());
    assertTrue(r.out().lines().noneMatch(l -> l.contains("0.00 of the best fixed rule's")), r.out());
    JsonNode json = new ObjectMapper().readTree(bench("decisions", "--nights", "1", "-o", "json").out());
    assertTrue(json.at("/regretRatioToBestFixedRule/failwise").isNull(), json.get("regretRatioToBestFixedRule").toString());
    assertTrue(json.at("/regretRatioIntervals/failwise").isNull(), json.get("regretRatioIntervals").toString());
  }

  @Test
  void badInputIsRefusedWithWhatIsValid() {
    BenchCommandTest.Run r = bench("decisions", "--nights", "0");
    assertEquals(CommandLineSetup.BAD_INPUT, r.exitCode());
    // Named as typed: `failwise decisions` is another command (a policy's decisions).
    assertTrue(r.err().startsWith("failwise bench decisions: --nights must be from 1 to 1,000,000 (got 0)"), r.err());
    r = bench("decisions", "-o", "xml");
    assertEquals(CommandLineSetup.BAD_INPUT, r.exitCode());
    assertTrue(r.err().startsWith("Invalid value for option '--output': expected one of [text, json] (case-sensitive) but was 'xml'"), r.err());
  }
}
