package io.failwise.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.failwise.api.Cluster;
import io.failwise.api.ClusterStatus;
import io.failwise.model.detect.DetectionState;
import io.failwise.model.detect.DetectionVerdict;
import io.failwise.model.detect.ObserverVerdict;
import io.failwise.model.detect.QuorumVerdict;
import io.failwise.operator.status.Conditions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetectionStatusTest {
  private static final Instant NOW = Instant.parse("2026-03-12T19:46:00Z");
  private static final Instant ONSET = Instant.parse("2026-03-12T19:45:00Z");

  @Test
  void anUnreadableObserverMakesTheSignalUnknownNeverHealthy() {
    ClusterStatus s = status(1, ObserverVerdict.unknown("prom-a", "Unreachable", "cannot reach http://p:9090: connection refused", null));
    assertEquals("Unknown", s.health);
    assertEquals("False", condition(s, "Ready").getStatus());
    assertEquals("Unreachable", condition(s, "Ready").getReason());
    assertTrue(condition(s, "Ready").getMessage().contains("prom-a: Unreachable, cannot reach http://p:9090: connection refused"));
    assertEquals("Unknown", condition(s, "Outage").getStatus());
    assertEquals("Unknown", condition(s, "Degraded").getStatus());
    assertEquals("Unknown", s.observers.get(0).state);
  }

  @Test
  void anOutageWithItsQuorumShowsOnsetCountsAndWhoAgrees() {
    ClusterStatus s = status(2, known("prom-a", DetectionState.OUTAGE), known("prom-b", DetectionState.OUTAGE));
    assertEquals("Outage", s.health);
    assertEquals("True", condition(s, "Outage").getStatus());
    assertEquals("DevicesDropping", condition(s, "Outage").getReason());
    assertEquals("True", condition(s, "Degraded").getStatus());
    assertEquals(ONSET.toString(), s.onsetTime);
    assertEquals(List.of("prom-a", "prom-b"), s.agreeingObservers);
    assertEquals(10_000L, s.excessOfflineDevices);
    assertEquals(90_000L, s.devices.connected);
    assertTrue(condition(s, "Outage").getMessage().contains("Agreeing: prom-a, prom-b (quorum 2)."), condition(s, "Outage").getMessage());
  }

  @Test
  void aDisagreementWithoutQuorumIsNoOutageButSaysWhoSawOne() {
    ClusterStatus s = status(2, known("prom-a", DetectionState.OUTAGE), known("prom-b", DetectionState.NORMAL));
    assertEquals("Healthy", s.health);
    assertEquals("False", condition(s, "Outage").getStatus());
    assertEquals("NoQuorum", condition(s, "Outage").getReason());
    assertTrue(condition(s, "Outage").getMessage().startsWith("prom-a says Outage but 2 must agree"), condition(s, "Outage").getMessage());
    assertEquals("Outage", s.observers.get(0).health);
    assertEquals("Healthy", s.observers.get(1).health);
    assertNull(s.onsetTime);
  }

  @Test
  void anOutageASilenceBeganDuringIsFalseWithReasonSilencedNamingTheWindowAndKeepsItsOnset() {
    ObserverVerdict silenced =
        ObserverVerdict.known("prom-a", new DetectionVerdict(DetectionState.DEGRADED, NOW, 90_000, 100_000L, 10_000, 100_000, ONSET, 9, true, true));
    Cluster c = new Cluster();
    c.setMetadata(new ObjectMetaBuilder().withName("c").withNamespace("n").withGeneration(3L).build());
    c.setSpec(new io.failwise.api.ClusterSpec());
    c.getSpec().maintenance =
        io.failwise.api.validation.Silences.add(null, NOW.minusSeconds(60), java.time.Duration.ofHours(2), "broker upgrade CHG-1", "ops");
    ClusterStatus s = DetectionStatus.of(c, QuorumVerdict.of(List.of(silenced), 1), NOW);
    assertEquals("Degraded", s.health, "nobody is paged");
    assertEquals("False", condition(s, "Outage").getStatus());
    assertEquals("Silenced", condition(s, "Outage").getReason());
    assertEquals(
        "The outage since 2026-03-12T19:45:00Z with 10,000 devices offline is silenced by maintenance window 'broker upgrade"
            + " CHG-1' until 2026-03-12T21:45:00Z: it has not ended. No policy acts on it while the window lasts; if the devices"
            + " are still offline when it ends, it is an Outage again (the same onset), and if they come back before, it ends then.",
        condition(s, "Outage").getMessage());
    assertEquals("True", condition(s, "Degraded").getStatus());
    assertEquals("Maintenance", condition(s, "Degraded").getReason());
    assertEquals(ONSET.toString(), s.onsetTime);
    assertTrue(ClusterStatusFactory.outageSilenced(s));

    // A loss that began inside the window was never an outage: no silenced one.
    ObserverVerdict maintenance =
        ObserverVerdict.known("prom-a", new DetectionVerdict(DetectionState.DEGRADED, NOW, 90_000, 100_000L, 10_000, 100_000, ONSET, 9, true));
    ClusterStatus m = DetectionStatus.of(c, QuorumVerdict.of(List.of(maintenance), 1), NOW);
    assertEquals("Maintenance", condition(m, "Outage").getReason());
    assertTrue(!ClusterStatusFactory.outageSilenced(m));
  }

  private static ObserverVerdict known(String name, DetectionState state) {
    return ObserverVerdict.known(
        name, new DetectionVerdict(state, NOW, 90_000, 100_000L, state.alarmed() ? 10_000 : 0, 100_000, state.alarmed() ? ONSET : null, 9));
  }

  private static ClusterStatus status(int quorum, ObserverVerdict... observers) {
    Cluster c = new Cluster();
    c.setMetadata(new ObjectMetaBuilder().withName("c").withNamespace("n").withGeneration(3L).build());
    return DetectionStatus.of(c, QuorumVerdict.of(List.of(observers), quorum), NOW);
  }

  private static io.fabric8.kubernetes.api.model.Condition condition(ClusterStatus s, String type) {
    return Conditions.find(s.conditions, type).orElseThrow();
  }
}
