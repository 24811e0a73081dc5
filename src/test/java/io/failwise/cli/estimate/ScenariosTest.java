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
  void theTwelfthOfMarchIncidentHoldsBecauseWaitingAStepIsTheBetterBet() {
    // 50,000 offline at once (the monitor's count, as the simulator plays it), 55 minutes in. Failing over
    // now for good would beat holding for good (8.90 M against 10.86 M device-minutes: the now-versus-never
    // rule would say FAILOVER), but the policy decides again in 15 minutes: holding a step costs about 0.71 M,
    // and with probability 0.10 the outage ends within it and the 8.90 M failover is never spent, so holding
    // and deciding again is expected to cost 8.41 M. Holding is right, and stays right until 23:25 if
    // nothing changes; the devices came back from 22:03.
    JsonNode e = estimate("2026-03-12-incident.yaml");
    assertEquals("HOLD", e.path("recommendation").asText());
    String explanation = e.path("explanation").asText();
    assertTrue(explanation.contains("would disrupt 180,000 devices, more devices than the outage has (50,000 offline)"), explanation);
    assertTrue(explanation.contains("Waiting is the better bet: holding another 15 min costs about 713,190 device-minutes"), explanation);
    assertTrue(explanation.contains("expected to cost 8.41 M against 8.90 M for failing over now"), explanation);
    assertTrue(explanation.endsWith("If it is still going as it is at 23:25, failing over becomes the better bet. Re-evaluate at 21:55."), explanation);
    assertTrue(e.path("flipsAt").asText().startsWith("2026-03-12T23:25:"), e.path("flipsAt").asText());
    JsonNode w = e.path("waiting");
    assertTrue(w.path("holdThenDecideMean").asLong() < w.path("actNowMean").asLong(), w.toString());
    assertTrue(w.path("actNowMean").asLong() < w.path("holdForeverMean").asLong(), "now-versus-never would fail over: " + w);
    assertEquals("STEADY", e.path("outage").path("trend").path("kind").asText());
    assertEquals("FAILOVER", e.path("breakEven").path("option").asText());
    assertEquals("2026-03-12T21:55:00+01:00", e.path("reevaluateAt").asText());
    JsonNode failover = option(e, "FAILOVER");
    assertEquals(180_000, failover.path("devicesDisrupted").asLong());
    // For good, failing over is cheaper than holding: the hold comes from the value of waiting a step.
    assertTrue(failover.path("deviceMinutes").path("mean").asLong() < option(e, "HOLD").path("deviceMinutes").path("mean").asLong());
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
    // Room is capacity x 90% (the precheck's cap) minus connected and the target's own offline devices:
    // 75,000 of the 180,000, so 105,000 do not fit.
    assertEquals(105_000, failover.path("devicesNotFitting").asLong());
    assertTrue(
        e.path("explanation").asText().contains("go-eu-north-2 has room for 75,000 of the 180,000 devices (105,000 do not fit at 90% of its capacity)"),
        e.path("explanation").asText());
    assertTrue(e.path("breakEven").path("minutes").isNull());
  }

  @Test
  void aDeviceGranularityClusterMovesOnlyItsOfflineDevices() {
    JsonNode e = estimate("device-granularity.yaml");
    assertEquals("FAILOVER_AFFECTED", e.path("recommendation").asText());
    // Both targets have room; go-eu-north-1 (priority 1) admits faster than go-eu-north-2 (priority 0), so
    // moving the 30,000 there costs fewer device-minutes: targets are chosen by cost, priority breaks ties.
    assertEquals("go-eu-north-1", e.path("target").asText());
    JsonNode affected = option(e, "FAILOVER_AFFECTED");
    assertEquals(30_000, affected.path("devicesMoved").asLong());
    JsonNode failover = option(e, "FAILOVER");
    assertTrue(failover.path("feasible").asBoolean());
    assertEquals("go-eu-north-1", failover.path("target").asText());
    assertTrue(affected.path("deviceMinutes").path("mean").asLong() < failover.path("deviceMinutes").path("mean").asLong());
    String explanation = e.path("explanation").asText();
    assertTrue(explanation.startsWith("Move only the affected devices of go-eu-west-2 to go-eu-north-1: all 30,000 affected devices"), explanation);
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
