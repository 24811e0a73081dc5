package io.failwise.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The 12 March 2026 replay must look like the night the report describes. */
class IncidentScenarioTest {
  static final String AFFECTED = "go-eu-west-1";
  static final Map<String, ClusterCounts> AT = new HashMap<>();
  static final Map<String, ClusterCounts> NEIGHBOUR_AT = new HashMap<>();
  static Scenario scenario;

  /** One replay, read at the report's times (CET). */
  @BeforeAll
  static void replay() {
    scenario = ScenarioFile.march12();
    FleetSimulator sim = scenario.simulator(42);
    for (String hhmm : new String[] {"20:44", "20:50", "20:58", "21:30", "21:40", "22:02", "22:30", "22:45", "23:15"}) {
      sim.advanceTo(cet("2026-03-12T" + hhmm));
      AT.put(hhmm, sim.counts(AFFECTED).orElseThrow());
      NEIGHBOUR_AT.put(hhmm, sim.counts("go-eu-west-2").orElseThrow());
    }
  }

  static java.time.Instant cet(String localTime) {
    return LocalDateTime.parse(localTime).atZone(ZoneId.of("CET")).toInstant();
  }

  @Test
  void beforeTheOnsetOnlyNormalChurnIsOffline() {
    assertTrue(AT.get("20:44").offline() < 0.01 * 180_000, "offline at 20:44: " + AT.get("20:44").offline());
  }

  @Test
  void theMonitorSeesTheRiseByTheReportsFirstSignsAndThousandsByItsAlert() {
    long before = AT.get("20:44").observedOffline();
    long early = AT.get("20:50").observedOffline();
    assertTrue(early - before > 300, "an elevated offline count by 20:50 (report: 20:49): " + before + " -> " + early);
    assertTrue(AT.get("20:58").observedOffline() > 10_000, "at the report's 20:58 alert: " + AT.get("20:58").observedOffline());
  }

  @Test
  void atThePeakAbout50000DevicesAreOffline() {
    for (String t : new String[] {"21:30", "21:40", "22:02"}) {
      ClusterCounts c = AT.get(t);
      assertTrue(c.offline() > 48_000 && c.offline() < 52_000, t + ": " + c.offline() + " offline");
      assertTrue(c.observedOffline() > 40_000 && c.observedOffline() <= c.offline(), t + ": the monitor sees " + c.observedOffline());
    }
  }

  @Test
  void devicesComeBackFrom2203AndMostAreBackBy2245() {
    assertTrue(AT.get("22:30").offline() < 0.5 * AT.get("22:02").offline(), "recovering steadily at 22:30: " + AT.get("22:30").offline());
    assertTrue(AT.get("22:45").offline() < 5_000, "the majority recovered by 22:45: " + AT.get("22:45").offline());
    assertTrue(AT.get("23:15").offline() < 0.01 * 180_000, "all back by the end: " + AT.get("23:15").offline());
  }

  @Test
  void theOtherClustersAreNotAffected() {
    for (ClusterCounts c : NEIGHBOUR_AT.values()) {
      assertTrue(c.offline() < 0.01 * c.expected(), c.cluster() + " at " + c.at() + ": " + c.offline());
    }
  }

  @Test
  void theSeedTimelineAndAssumptionsComeWithTheScenario() {
    assertEquals(ZoneId.of("CET"), scenario.zone());
    assertTrue(scenario.seed().stream().anyMatch(e -> e.at().equals(cet("2026-03-12T20:58")) && e.event().contains("critical alert")));
    assertTrue(scenario.seed().stream().anyMatch(e -> e.at().equals(cet("2026-03-12T21:40")) && e.event().contains("held in reserve")));
    assertTrue(scenario.assumptions().size() >= 4);
  }

  @Test
  void itsClustersAreTheSampleClustersTheControllerWillWatch() throws Exception {
    Map<String, JsonNode> samples = new HashMap<>();
    try (MappingIterator<JsonNode> docs = new YAMLMapper().readerFor(JsonNode.class).readValues(Path.of("manifests/samples/clusters.yaml").toFile())) {
      docs.forEachRemaining(d -> samples.put(d.at("/metadata/name").asText(), d.get("spec")));
    }
    for (ClusterSetup c : scenario.clusters()) {
      JsonNode spec = samples.get(c.name());
      assertTrue(spec != null, c.name() + " is not in manifests/samples/clusters.yaml");
      assertEquals(spec.at("/capacity/devices").asLong(), c.capacityDevices(), c.name());
      assertEquals(spec.at("/admission/devicesPerSecond").asDouble(), c.admissionDevicesPerSecond(), 1e-9, c.name());
      assertEquals(spec.at("/signals/static/expected").asLong(), c.devices(), c.name());
    }
  }
}
