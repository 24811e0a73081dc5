package io.failwise.cli.estimate;

import io.failwise.testing.Cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The scenarios in playbooks/scenarios give the answer their comments promise, for the right reason. */
class ScenariosTest {
  private static final String DIR = "playbooks/scenarios/";

  @Test
  void theTwelfthOfMarchIncidentHoldsBecauseFailoverWouldDisruptMoreDevicesThanTheOutage() {
    JsonNode e = estimate("2026-03-12-incident.yaml");
    assertEquals("HOLD", e.path("recommendation").asText());
    String explanation = e.path("explanation").asText();
    assertTrue(explanation.contains("would disrupt 180,000 devices, more devices than the outage has (50,000, intermittently offline)"), explanation);
    assertTrue(explanation.contains("Failover pays off only if the outage lasts another 5 h 10 min (probability 0.20)"), explanation);
    assertTrue(explanation.endsWith("If it is still going at 13 Mar 00:38, failing over becomes the better bet. Re-evaluate at 21:55."), explanation);
    assertTrue(e.path("flipsAt").asText().startsWith("2026-03-13T00:38:"), e.path("flipsAt").asText());
    assertEquals("FAILOVER", e.path("breakEven").path("option").asText());
    assertEquals(310.3, e.path("breakEven").path("minutes").asDouble(), 0.05);
    assertEquals(0.198, e.path("breakEven").path("probability").asDouble(), 0.001);
    assertEquals("2026-03-12T21:55:00+01:00", e.path("reevaluateAt").asText());
    JsonNode failover = option(e, "FAILOVER");
    assertEquals(180_000, failover.path("devicesDisrupted").asLong());
    assertTrue(failover.path("deviceMinutes").path("mean").asLong() > option(e, "HOLD").path("deviceMinutes").path("mean").asLong());
  }

  @Test
  void aWholeClusterDownForHoursWithAHealthyTargetFailsOver() {
    JsonNode e = estimate("total-outage-hours.yaml");
    assertEquals("FAILOVER", e.path("recommendation").asText());
    assertEquals("go-eu-north-1", e.path("target").asText());
    assertTrue(e.path("explanation").asText().startsWith("Fail over go-eu-west-1 to go-eu-north-1: 180,000 devices are offline now"), e.path("explanation").asText());
    assertTrue(e.path("breakEven").path("probability").asDouble() > 0.5);
    assertTrue(e.path("flipsAt").isNull());
  }

  @Test
  void aTargetTooSmallForTheClusterMakesFailoverInfeasibleAndSaysByHowMuch() {
    JsonNode e = estimate("target-too-small.yaml");
    assertEquals("HOLD", e.path("recommendation").asText());
    JsonNode failover = option(e, "FAILOVER");
    assertFalse(failover.path("feasible").asBoolean());
    assertEquals(90_000, failover.path("devicesNotFitting").asLong());
    assertTrue(e.path("explanation").asText().contains("go-eu-north-2 has room for 90,000 of the 180,000 devices (90,000 do not fit)"), e.path("explanation").asText());
    assertTrue(e.path("breakEven").path("minutes").isNull());
  }

  @Test
  void aDeviceGranularityClusterMovesOnlyItsOfflineDevices() {
    JsonNode e = estimate("device-granularity.yaml");
    assertEquals("FAILOVER_AFFECTED", e.path("recommendation").asText());
    assertEquals("go-eu-north-2", e.path("target").asText());
    JsonNode affected = option(e, "FAILOVER_AFFECTED");
    assertEquals(30_000, affected.path("devicesMoved").asLong());
    JsonNode failover = option(e, "FAILOVER");
    assertTrue(failover.path("feasible").asBoolean());
    assertEquals("go-eu-north-1", failover.path("target").asText());
    assertTrue(affected.path("deviceMinutes").path("mean").asLong() < failover.path("deviceMinutes").path("mean").asLong());
    String explanation = e.path("explanation").asText();
    assertTrue(explanation.startsWith("Move only the offline devices of go-eu-west-2 to go-eu-north-2: all 30,000 offline devices"), explanation);
    assertTrue(explanation.contains("the 90,000 connected devices stay"), explanation);
  }

  private static JsonNode estimate(String file) {
    Cli.Result r = Cli.run("estimate", "-f", DIR + file, "-o", "json");
    assertEquals(0, r.exitCode(), r.err());
    return r.json();
  }

  static JsonNode option(JsonNode estimate, String name) {
    for (JsonNode o : estimate.path("options")) {
      if (o.path("option").asText().equals(name)) {
        return o;
      }
    }
    throw new AssertionError("no option " + name + " in " + estimate);
  }
}
