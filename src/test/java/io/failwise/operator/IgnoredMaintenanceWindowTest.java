package io.failwise.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.api.Cluster;
import io.failwise.api.Fixtures;
import io.failwise.api.MaintenanceWindowSpec;
import io.failwise.api.validation.ClusterValidator;
import io.failwise.api.validation.Problem;
import io.failwise.model.DeviceObservation;
import io.failwise.model.HealthThresholds;
import io.failwise.operator.observe.Observation;
import io.failwise.operator.status.Conditions;
import io.failwise.signals.SignalReading;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A maintenance window the controller cannot read is ignored, said in Ready, and detection and the
 * device counts go on: before, it made the whole spec invalid and froze the counts of the last read.
 */
class IgnoredMaintenanceWindowTest {
  private static final Instant T0 = Instant.parse("2026-03-12T19:45:00Z");
  private static final ClusterValidator.References REFS = new ClusterValidator.References(Set.of("eu-north"), Set.of("go-eu-north-1"));
  private static final String MARS =
      "spec.maintenance[0].timeZone: must be an IANA time zone, e.g. Europe/Oslo; got 'Mars/Olympus'";

  private static Cluster withMarsWindow(long connected) {
    Cluster c = Fixtures.cluster("failwise", "go-eu-north-1", "eu-north", 90_000, connected);
    MaintenanceWindowSpec w = new MaintenanceWindowSpec();
    w.reason = "x";
    w.at = "21:00";
    w.duration = "30m";
    w.timeZone = "Mars/Olympus";
    c.getSpec().maintenance = List.of(w);
    return c;
  }

  private static io.failwise.api.ClusterStatus next(Cluster c, long connected, Instant at) {
    List<Problem> problems = ClusterValidator.blocking(c, REFS);
    var reading = new Observation.Reading(SignalReading.known(new DeviceObservation(90_000, connected, at)));
    return NextClusterStatus.of(c, problems, reading, HealthThresholds.defaults(), at);
  }

  @Test
  void aBadWindowIsNotASpecProblemThatStopsDetectionButStillOneForValidate() {
    Cluster c = withMarsWindow(89_839);
    assertEquals(List.of(), ClusterValidator.blocking(c, REFS));
    assertEquals(List.of(MARS), ClusterValidator.validate(c, REFS).stream().map(Problem::toString).toList(),
        "failwise validate and plan still name it");
  }

  @Test
  void detectionAndTheCountsGoOnAndReadySaysTheWindowIsIgnored() {
    Cluster c = withMarsWindow(89_839);
    c.setStatus(next(c, 89_839, T0));
    assertEquals("Healthy", c.getStatus().health);
    // A 50 % outage injected after the bad window was applied.
    var s = next(c, 45_101, T0.plusSeconds(60));
    assertEquals("Outage", s.health);
    assertEquals(45_101L, s.devices.connected, "the counts read now, not the ones before the window");
    assertTrue(Conditions.isTrue(s.conditions, "Outage"));
    var ready = Conditions.find(s.conditions, "Ready").orElseThrow();
    assertEquals("True", ready.getStatus());
    assertEquals("SignalRead", ready.getReason());
    assertTrue(ready.getMessage().endsWith(" A maintenance window is ignored (the other windows apply): " + MARS + "."), ready.getMessage());
  }

  /** One window with two problems is one window ignored, and Ready names both problems. */
  @Test
  void readyCountsTheWindowsIgnoredNotTheirProblems() {
    Cluster c = withMarsWindow(89_839);
    c.getSpec().maintenance.get(0).duration = "forever";
    var ready = Conditions.find(next(c, 89_839, T0).conditions, "Ready").orElseThrow();
    assertTrue(ready.getMessage().endsWith(" A maintenance window is ignored (the other windows apply): spec.maintenance[0].duration: must be"
        + " a duration from 1s to 24h, e.g. 30m or 2h; got 'forever'; " + MARS + "."), ready.getMessage());
  }

  @Test
  void anUnknownClusterHasNoDeviceSeriesRatherThanOldCountsThatLookCurrent() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ClusterMetrics metrics = new ClusterMetrics(registry);
    Cluster c = Fixtures.cluster("failwise", "go-eu-north-1", "eu-north", 90_000, 89_839);
    c.setStatus(next(c, 89_839, T0));
    metrics.record("failwise", "go-eu-north-1", c.getStatus());
    assertEquals(89_839.0, registry.find("failwise_cluster_devices").tag("state", "connected").gauge().value());

    var unknown = ClusterStatusFactory.unknownSignal(c, SignalReading.unknown("Unreachable", "Prometheus did not answer."), T0.plusSeconds(60));
    assertEquals(89_839L, unknown.devices.connected, "the status keeps the last counts, with lastSignalTime saying when");
    metrics.record("failwise", "go-eu-north-1", unknown);
    assertNull(registry.find("failwise_cluster_devices").gauge(), "no gauge says 89,839 are connected now");
    assertEquals(1.0, registry.find("failwise_cluster_health").gauge().value(), "Unknown");

    metrics.record("failwise", "go-eu-north-1", next(c, 45_101, T0.plusSeconds(120)));
    assertEquals(45_101.0, registry.find("failwise_cluster_devices").tag("state", "connected").gauge().value(), "back when read again");
    metrics.close();
  }

  @Test
  void getClustersShowsNoCountsForAnUnknownCluster() {
    Cluster c = Fixtures.cluster("failwise", "go-eu-north-1", "eu-north", 90_000, 89_839);
    c.getMetadata().setCreationTimestamp("2026-03-12T19:00:00Z");
    c.setStatus(ClusterStatusFactory.unknownSignal(withStatus(c), SignalReading.unknown("Unreachable", "Prometheus did not answer."), T0));
    String table = String.join("\n", io.failwise.cli.ResourceTables.clusters(List.of(c), T0).lines());
    assertFalse(table.contains("89,839"), table);
    assertTrue(table.contains("<unknown>"), table);
  }

  private static Cluster withStatus(Cluster c) {
    c.setStatus(next(c, 89_839, T0));
    return c;
  }
}
