package io.failwise.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.failwise.api.Cluster;
import io.failwise.api.Fixtures;
import io.failwise.api.Region;
import io.failwise.api.RegionSpec;
import io.failwise.model.DeviceObservation;
import io.failwise.model.HealthAssessment;
import io.failwise.model.HealthThresholds;
import io.failwise.operator.status.Conditions;
import io.failwise.testing.RecordedEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Cluster or Region reconcile that throws. JOSDK would retry a few times and then wait for the next
 * event, logging only: the status would go on saying Outage (or Healthy) as last written, and a policy
 * would decide on it. The status says instead that the controller cannot reconcile the object, once.
 */
class ReconcileFailureTest {
  private static final Instant NOW = Instant.parse("2026-03-12T21:40:00Z");

  private static FailwiseConfig config() {
    return RecordedEvents.pollingEvery(Duration.ofSeconds(15));
  }


  /** A bug somewhere in Failwise, as a reconcile would meet it. */
  private static RuntimeException bug() {
    RuntimeException e = new IllegalStateException("no reading for window 3");
    e.setStackTrace(new StackTraceElement[] {new StackTraceElement("io.failwise.model.detect.OnsetEstimate", "of", "OnsetEstimate.java", 1)});
    return e;
  }

  @Test
  void aClusterInAnOutageWhoseReconcileThrowsNoLongerReadsAsAVerdictAnybodyUpdates() {
    Cluster c = Fixtures.cluster("fleet", "go-eu-west-1", "eu-west", 180_000, 130_000);
    var obs = new DeviceObservation(180_000, 130_000, NOW.minusSeconds(600));
    c.setStatus(ClusterStatusFactory.observed(c, obs, HealthAssessment.of(obs, HealthThresholds.defaults()), NOW.minusSeconds(600)));
    assertTrue(Conditions.isTrue(c.getStatus().conditions, "Outage"));
    RecordedEvents events = new RecordedEvents(NOW);
    ClusterReconciler r = new ClusterReconciler(null, null, config(), events, Clock.fixed(NOW, ZoneOffset.UTC), null, DevicesAway.Reader.NONE);

    var control = r.failed(c, bug(), NOW);

    assertTrue(control.getResource().isPresent(), "the status says what went wrong");
    assertTrue(control.isNoRetry());
    assertEquals(Duration.ofSeconds(15).toMillis(), control.getScheduleDelay().orElseThrow(), "looked at again on the poll, not in a tight retry");
    var ready = Conditions.find(c.getStatus().conditions, "Ready").orElseThrow();
    assertEquals("False", ready.getStatus(), "a policy watching it says its counts cannot be read (SignalLost) instead of trusting them");
    assertEquals("ReconcileFailed", ready.getReason());
    assertEquals("The controller could not reconcile this cluster: IllegalStateException: no reading for window 3 (at OnsetEstimate.of)."
        + " Its counts, health and Outage verdict are not updated until that is fixed; it is tried again on its next change or in 15 s.",
        ready.getMessage());
    assertEquals("Unknown", c.getStatus().health, "a Region leaves an Unknown cluster's counts out of its totals");
    assertEquals("Unknown", Conditions.find(c.getStatus().conditions, "Outage").orElseThrow().getStatus(), "no longer Outage=True as last written");
    assertEquals(50_000L, c.getStatus().devices.offline, "the last counts are kept, for the record");
    assertEquals(List.of("ReconcileFailed: " + ready.getMessage()), events.warnings);

    // The same failure on the next look: no second write, no second Event.
    var again = r.failed(c, bug(), NOW.plusSeconds(15));
    assertFalse(again.getResource().isPresent());
    assertEquals(1, events.warnings.size());
  }

  /**
   * The controller stopping (the demo's end, an embedded world closed) cuts a status write short: the patch
   * interrupted, or the informer JOSDK caches it into closed. That is no failure of the cluster: nothing is
   * written, no Event, no warning (DemoIT saw two "could not be reconciled" warnings at the demo's end).
   */
  @Test
  void aStatusWriteCutShortByTheControllerStoppingIsNoReconcileFailure() {
    Cluster c = Fixtures.cluster("fleet", "go-eu-west-1", "eu-west", 180_000, 179_000);
    RecordedEvents events = new RecordedEvents(NOW);
    ClusterReconciler r = new ClusterReconciler(null, null, config(), events, Clock.fixed(NOW, ZoneOffset.UTC), null, DevicesAway.Reader.NONE);
    var interrupted = new io.fabric8.kubernetes.client.KubernetesClientException("Operation: [patch] for kind: [Cluster] failed.",
        new java.io.InterruptedIOException());
    var control = r.failed(c, interrupted, NOW);
    assertFalse(control.getResource().isPresent());
    assertTrue(control.isNoRetry());
    var closed = new java.util.NoSuchElementException("No value present");
    closed.setStackTrace(new StackTraceElement[] {
        new StackTraceElement("java.util.Optional", "orElseThrow", "Optional.java", 377),
        new StackTraceElement("io.javaoperatorsdk.operator.processing.event.source.informer.InformerManager", "lastSyncResourceVersion",
            "InformerManager.java", 251)});
    assertFalse(r.failed(c, closed, NOW).getResource().isPresent());
    assertEquals(List.of(), events.warnings);
    assertEquals(null, c.getStatus());
  }

  @Test
  void aRegionWhoseReconcileThrowsSaysItsHealthIsUnknown() {
    Region region = new Region();
    region.setMetadata(new ObjectMetaBuilder().withName("eu-west").withGeneration(2L).build());
    region.setSpec(new RegionSpec());
    region.setStatus(RegionReconciler.status(region, io.failwise.model.RegionSummary.of(List.of()), NOW.minusSeconds(60)));
    RecordedEvents events = new RecordedEvents(NOW);
    RegionReconciler r = new RegionReconciler(config(), Clock.fixed(NOW, ZoneOffset.UTC), events);

    var control = r.failed(region, bug(), NOW);

    assertTrue(control.getResource().isPresent());
    assertEquals("Unknown", region.getStatus().health);
    for (String type : List.of("Healthy", "Degraded", "Outage")) {
      var condition = Conditions.find(region.getStatus().conditions, type).orElseThrow();
      assertEquals("Unknown", condition.getStatus(), type);
      assertEquals("ReconcileFailed", condition.getReason(), type);
    }
    assertEquals(1, events.warnings.size());
    assertFalse(r.failed(region, bug(), NOW.plusSeconds(15)).getResource().isPresent(), "said once");
  }
}
