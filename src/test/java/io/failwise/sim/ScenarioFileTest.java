package io.failwise.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.sim.ScenarioFile.InvalidScenarioException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScenarioFileTest {
  static final String GOOD =
      """
      name: test
      start: 2026-03-12T20:00:00+01:00
      end: 2026-03-12T21:00:00+01:00
      clusters:
        - {name: a, devices: 1000, capacityDevices: 2000, admissionDevicesPerSecond: 100}
      faults:
        - {at: 2026-03-12T20:10:00+01:00, cluster: a, hardOutage: {}}
        - {at: 2026-03-12T20:20:00+01:00, cluster: a, recover: {}}
      """;

  static String problem(String yaml) {
    return assertThrows(InvalidScenarioException.class, () -> ScenarioFile.parse(yaml, "night.yaml")).getMessage();
  }

  @Test
  void aGoodFileReplaysItsFaults() {
    Scenario s = ScenarioFile.parse(GOOD, "night.yaml");
    assertEquals(Duration.ofHours(1), s.length());
    FleetSimulator sim = s.simulator(1);
    sim.advanceTo(Instant.parse("2026-03-12T19:15:00Z"));
    assertEquals(0, sim.counts("a").orElseThrow().connected(), "down at 20:10 CET");
    sim.advanceTo(s.end());
    assertTrue(sim.counts("a").orElseThrow().connected() > 980, "back after 20:20 CET");
  }

  @Test
  void everyBuiltInScenarioLoadsWithItsFaultsOnItsOwnClusters() {
    for (String name : ScenarioFile.builtInNames()) {
      Scenario s = ScenarioFile.builtIn(name);
      assertEquals(name, s.name());
      assertTrue(!s.faults().isEmpty() && !s.assumptions().isEmpty(), name + " has no faults or no assumptions");
      FleetSimulator sim = s.simulator(1);
      s.faults().forEach(f -> assertTrue(sim.knows(f.cluster()), name + ": " + f.cluster()));
    }
  }

  @Test
  void theHardOutageScenarioTakesAWholeClusterDown() {
    Scenario s = ScenarioFile.builtIn("hard-outage");
    FleetSimulator sim = s.simulator(1);
    sim.advanceTo(s.start().plus(Duration.ofMinutes(30)));
    assertEquals(0, sim.counts("go-eu-west-2").orElseThrow().connected());
    assertTrue(sim.counts("go-eu-west-1").orElseThrow().offline() < 0.01 * 180_000, "its neighbour is fine");
  }

  @Test
  void theCapacityReductionScenarioCapsAClusterForAnHour() {
    Scenario s = ScenarioFile.builtIn("capacity-reduction");
    FleetSimulator sim = s.simulator(1);
    sim.advanceTo(s.start().plus(Duration.ofMinutes(45)));
    assertEquals(60_000, sim.counts("go-eu-north-1").orElseThrow().connected());
    sim.advanceTo(s.end());
    assertTrue(sim.counts("go-eu-north-1").orElseThrow().offline() < 0.01 * 90_000, "back when capacity returns");
  }

  @Test
  void badFilesAreReportedByFileAndField() {
    assertEquals("night.yaml: name: is required (a non-empty string)", problem(GOOD.replace("name: test\n", "")));
    assertTrue(problem(GOOD.replace("end: 2026-03-12T21:00", "end: 2026-03-12T19:00")).startsWith("night.yaml: end: must be after start"));
    assertTrue(problem(GOOD.replace("start: 2026-03-12T20:00:00+01:00", "start: tonight")).contains("night.yaml: start: must be an RFC 3339 time"));
    assertTrue(problem(GOOD + "colour: red\n").contains("night.yaml: colour: unknown field (known: name,"));
    assertTrue(problem(GOOD.replace("hardOutage: {}", "hardOutage: {}, recover: {}")).contains("faults[0]: name exactly one of"));
    assertTrue(problem(GOOD.replace("cluster: a, hardOutage", "cluster: b, hardOutage")).contains("faults[0].cluster: 'b' is not one of the scenario's clusters (a)"));
    assertTrue(problem(GOOD.replace("hardOutage: {}", "intermittent: {offlineFraction: 1.5}")).contains("faults[0].intermittent.offlineFraction: must be from 0 to 1, got 1.5"));
    assertTrue(problem(GOOD.replace("hardOutage: {}", "intermittent: {offlinefraction: 0.2}")).contains("faults[0].intermittent.offlinefraction: unknown field"));
    assertTrue(problem(GOOD.replace("devices: 1000", "devices: many")).contains("clusters[0].devices: must be a number"));
    assertTrue(problem(GOOD.replace("admissionDevicesPerSecond: 100", "admissionDevicesPerSecond: 0")).contains("clusters[0].admissionDevicesPerSecond: must be from 0.001"));
    assertTrue(problem(GOOD.replace("20:10:00", "22:10:00")).contains("faults[0].at: must be between start and end"));
    assertTrue(problem(GOOD + "clusters: [\n").startsWith("night.yaml: not valid YAML"));
    // The line to fix (a tab on line 3), not where the parser stood when it met it (line 2).
    assertTrue(problem("name: n\nstart: 2026-03-12T20:00:00Z\n\tend: x\n").startsWith("night.yaml: not valid YAML at line 3, column 1: "));
    assertTrue(problem("- just\n- a list\n").startsWith("night.yaml: expected a YAML mapping"));
    // A control character on line 4 (pasted from a terminal) is named where it is, not at line 1, column 1.
    assertEquals(
        "night.yaml: not valid YAML at line 4, column 6: the character U+0007 is not allowed in YAML (a control character?); remove it",
        problem("name: n\nstart: 2026-03-12T20:00:00Z\nend: 2026-03-12T21:00:00Z\nclust\u0007ers: []\n"));
  }

  @Test
  void aMissingFileOrBuiltInIsNamed() {
    String missing = assertThrows(InvalidScenarioException.class, () -> ScenarioFile.read(Path.of("no-such-night.yaml"))).getMessage();
    assertEquals("no-such-night.yaml: no such file", missing);
    String builtIn = assertThrows(InvalidScenarioException.class, () -> ScenarioFile.builtIn("2026-13-01")).getMessage();
    assertTrue(builtIn.contains("no built-in scenario named '2026-13-01'") && builtIn.contains("2026-03-12"), builtIn);
  }
}
