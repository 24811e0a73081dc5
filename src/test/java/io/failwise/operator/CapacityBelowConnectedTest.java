package io.failwise.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.api.Cluster;
import io.failwise.api.ClusterStatus;
import io.failwise.api.Fixtures;
import io.failwise.model.DeviceObservation;
import io.failwise.model.HealthThresholds;
import io.failwise.operator.observe.Observation;
import io.failwise.operator.status.Conditions;
import io.failwise.signals.SignalReading;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A capacity typed with zeros dropped (1,000 for 100,000) on a cluster whose counts come from Prometheus.
 * An outside pass patched one: Ready stayed "Device counts read", no Event, and the cluster quietly stopped
 * being a failover target, said only deep in a policy's decision ("has room for 0 of the 120,000
 * devices"). Ready now says so while it lasts (and the reconciler a Warning Event once, as it does for a
 * refused target); the counts and the verdict go on as before.
 */
class CapacityBelowConnectedTest {
  private static final Instant T0 = Instant.parse("2026-03-12T19:45:00Z");

  private static Cluster withCapacity(long capacity) {
    // The spec's own static counts are within the capacity (else the spec is invalid): Prometheus reads more.
    Cluster c = Fixtures.cluster("failwise", "go-eu-north-2", "eu-north", 900, 900);
    c.getSpec().capacity.devices = capacity;
    return c;
  }

  private static ClusterStatus next(Cluster c, long expected, long connected) {
    var reading = new Observation.Reading(SignalReading.known(new DeviceObservation(expected, connected, T0)));
    return NextClusterStatus.of(c, List.of(), reading, HealthThresholds.defaults(), T0);
  }

  @Test
  void readySaysTheCapacityIsBelowWhatIsConnectedAndTheVerdictGoesOn() {
    Cluster c = withCapacity(1_000);
    ClusterStatus s = next(c, 60_000, 59_901);
    assertEquals("Healthy", s.health, "the verdict is about the devices, not the capacity");
    assertEquals(59_901L, s.devices.connected);
    var ready = Conditions.find(s.conditions, "Ready").orElseThrow();
    assertEquals("True", ready.getStatus());
    assertEquals("SignalRead", ready.getReason());
    assertTrue(ready.getMessage().endsWith(" More devices are connected than spec.capacity.devices (1,000) says the cluster holds: as a"
        + " failover target it has no room. Correct spec.capacity.devices if it is wrong."), ready.getMessage());
  }

  /** The sentence carries no count that moves at each read: the Event is written once, not at every poll. */
  @Test
  void theSentenceIsTheSameAtEveryReadWhileItLasts() {
    Cluster c = withCapacity(1_000);
    Optional<String> first = NextClusterStatus.capacityBelowConnected(c, next(c, 60_000, 59_901));
    Optional<String> later = NextClusterStatus.capacityBelowConnected(c, next(c, 60_000, 58_420));
    assertTrue(first.isPresent());
    assertEquals(first, later);
  }

  /** An Unknown status keeps the last counts for the record; it says it cannot read them, not that they exceed the capacity. */
  @Test
  void countsThatCannotBeReadAreNotJudged() {
    Cluster c = withCapacity(1_000);
    c.setStatus(next(c, 60_000, 59_901));
    var lost = new Observation.Reading(SignalReading.unknown("SignalLost", "Prometheus did not answer"));
    ClusterStatus s = NextClusterStatus.of(c, List.of(), lost, HealthThresholds.defaults(), T0.plusSeconds(60));
    assertEquals(59_901L, s.devices.connected, "kept for the record");
    assertEquals(Optional.empty(), NextClusterStatus.capacityBelowConnected(c, s));
    assertFalse(Conditions.find(s.conditions, "Ready").orElseThrow().getMessage().contains("capacity"));
  }

  @Test
  void aCapacityAtOrAboveWhatIsConnectedSaysNothing() {
    assertEquals(Optional.empty(), NextClusterStatus.capacityBelowConnected(withCapacity(59_901), next(withCapacity(59_901), 60_000, 59_901)));
    ClusterStatus s = next(withCapacity(100_000), 60_000, 59_901);
    assertFalse(Conditions.find(s.conditions, "Ready").orElseThrow().getMessage().contains("capacity"));
  }
}
