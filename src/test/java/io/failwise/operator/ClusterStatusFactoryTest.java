package io.failwise.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.api.Cluster;
import io.failwise.api.ClusterStatus;
import io.failwise.api.Fixtures;
import io.failwise.api.validation.Problem;
import io.failwise.model.DeviceObservation;
import io.failwise.model.HealthAssessment;
import io.failwise.model.HealthThresholds;
import io.failwise.operator.status.Conditions;
import io.failwise.operator.status.StatusDiff;
import io.failwise.signals.SignalReading;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterStatusFactoryTest {
  private static final Instant T0 = Instant.parse("2026-03-12T19:45:00Z");

  private static ClusterStatus observe(Cluster c, long expected, long connected, Instant at) {
    var obs = new DeviceObservation(expected, connected, at);
    return io.failwise.operator.status.Heartbeats.withoutHeartbeat(
        c.getStatus(), ClusterStatusFactory.observed(c, obs, HealthAssessment.of(obs, HealthThresholds.defaults()), at));
  }

  @Test
  void anOutageSetsOutageAndDegradedAndKeepsReady() {
    Cluster c = Fixtures.cluster("fleet", "west-1", "eu-west", 180_000, 130_000);
    ClusterStatus s = observe(c, 180_000, 130_000, T0);
    assertEquals("Outage", s.health);
    assertEquals(50_000L, s.devices.offline);
    assertTrue(Conditions.isTrue(s.conditions, "Outage"));
    assertTrue(Conditions.isTrue(s.conditions, "Degraded"));
    assertTrue(Conditions.isTrue(s.conditions, "Ready"));
    assertEquals(1L, s.observedGeneration);
  }

  @Test
  void aSteadyClusterIsNeverRewrittenNoHeartbeat() {
    Cluster c = Fixtures.cluster("fleet", "west-1", "eu-west", 180_000, 179_000);
    c.setStatus(observe(c, 180_000, 179_000, T0));
    assertEquals("2026-03-12T19:45:00Z", c.getStatus().lastSignalTime);
    for (int minutes : new int[] {1, 2, 10, 60 * 24}) {
      ClusterStatus later = observe(c, 180_000, 179_000, T0.plusSeconds(60L * minutes));
      assertFalse(StatusDiff.changed(c.getStatus(), later), "nothing a person sees changed after " + minutes + " min: no write");
    }
  }

  @Test
  void theReadingTimeMovesWithWhatChanged() {
    Cluster c = Fixtures.cluster("fleet", "west-1", "eu-west", 180_000, 179_000);
    c.setStatus(observe(c, 180_000, 179_000, T0));
    ClusterStatus later = observe(c, 180_000, 178_000, T0.plusSeconds(300));
    assertTrue(StatusDiff.changed(c.getStatus(), later));
    assertEquals(178_000L, later.devices.connected);
    assertEquals("2026-03-12T19:50:00Z", later.lastSignalTime, "the counts shown come with the time they were read");
  }

  @Test
  void anUnknownSignalIsNeverHealthyAndKeepsTheLastCounts() {
    Cluster c = Fixtures.cluster("fleet", "west-1", "eu-west", 180_000, 179_000);
    c.setStatus(observe(c, 180_000, 179_000, T0));
    ClusterStatus s =
        ClusterStatusFactory.unknownSignal(c, SignalReading.unknown("Unreachable", "Prometheus did not answer."), T0);
    assertEquals("Unknown", s.health);
    assertEquals(179_000L, s.devices.connected);
    assertEquals("Unknown", Conditions.find(s.conditions, "Outage").orElseThrow().getStatus());
    assertEquals("Unreachable", Conditions.find(s.conditions, "Ready").orElseThrow().getReason());
  }

  @Test
  void anInvalidSpecSaysWhyInTheReadyCondition() {
    Cluster c = Fixtures.cluster("fleet", "west-1", "nowhere", 10, 10);
    ClusterStatus s = ClusterStatusFactory.invalid(c, List.of(new Problem("spec.region", "Region 'nowhere' does not exist")), T0);
    var ready = Conditions.find(s.conditions, "Ready").orElseThrow();
    assertEquals("False", ready.getStatus());
    assertEquals("InvalidSpec", ready.getReason());
    assertEquals("The spec is invalid: spec.region: Region 'nowhere' does not exist.", ready.getMessage());
    assertNotNull(ready.getLastTransitionTime());
  }
}
