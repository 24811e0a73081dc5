package io.failwise.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.operator.ClusterMetrics;
import io.failwise.api.ClusterStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OwnedMetersTest {
  private final MeterRegistry registry = new SimpleMeterRegistry();

  private long series(String name, String... tags) {
    return registry.find(name).tags(tags).meters().size();
  }

  @Test
  void forgettingAnOwnerRemovesItsSeriesAndOnlyThose() {
    OwnedMeters meters = new OwnedMeters(registry);
    AtomicLong attempts = new AtomicLong(7);
    meters.set("ns/a", "x_devices", "help", Tags.of("cluster", "a", "state", "offline"), 5);
    meters.set("ns/a", "x_devices", "help", Tags.of("cluster", "a", "state", "connected"), 95);
    meters.gauge("ns/a", "x_age_seconds", "help", Tags.of("cluster", "a"), () -> 3.5);
    meters.counter("ns/a", "x_attempts", "help", Tags.of("cluster", "a"), attempts::get);
    meters.set("ns/b", "x_devices", "help", Tags.of("cluster", "b", "state", "offline"), 1);

    assertEquals(2, series("x_devices", "cluster", "a"));
    assertEquals(3.5, registry.get("x_age_seconds").tags("cluster", "a").gauge().value());
    assertEquals(7.0, registry.get("x_attempts").tags("cluster", "a").functionCounter().count());

    meters.forget("ns/a");
    assertEquals(0, series("x_devices", "cluster", "a"));
    assertEquals(0, series("x_age_seconds"));
    assertEquals(0, series("x_attempts"));
    assertEquals(1.0, registry.get("x_devices").tags("cluster", "b").gauge().value(), "another owner's series stay");
    assertEquals(Set.of("ns/b"), meters.owners());

    meters.set("ns/a", "x_devices", "help", Tags.of("cluster", "a", "state", "offline"), 9);
    assertEquals(9.0, registry.get("x_devices").tags("cluster", "a").gauge().value(), "a cluster created again under the name reports again");
  }

  @Test
  void aRestartedInstanceReportsItsOwnValuesNotTheStoppedOnes() {
    LeaderMetric before = new LeaderMetric(registry);
    before.leading(true);
    assertEquals(1.0, registry.get("failwise_controller_leader").gauge().value());
    before.close();
    assertEquals(0, series("failwise_controller_leader"), "gone with the instance that stopped");

    LeaderMetric after = new LeaderMetric(registry);
    after.leading(false);
    assertEquals(0.0, registry.get("failwise_controller_leader").gauge().value(), "the new instance's value, not the old one's 1");
  }

  @Test
  void aDeletedClusterLeavesNoSeriesBehind() {
    ClusterMetrics metrics = new ClusterMetrics(registry);
    ClusterStatus status = outage();
    metrics.record("failwise", "gone-1", status);
    metrics.signalAge("failwise", "gone-1", () -> 12.0);
    metrics.record("failwise", "kept-1", status);
    assertEquals(3.0, registry.get("failwise_cluster_health").tags("cluster", "gone-1").gauge().value());

    metrics.forget("failwise", "gone-1");
    assertTrue(registry.find("failwise_cluster_devices").tags("cluster", "gone-1").meters().isEmpty());
    assertTrue(registry.find("failwise_cluster_health").tags("cluster", "gone-1").meters().isEmpty());
    assertTrue(registry.find("failwise_cluster_signal_lost").tags("cluster", "gone-1").meters().isEmpty());
    assertTrue(registry.find("failwise_cluster_outage_silenced").tags("cluster", "gone-1").meters().isEmpty());
    assertTrue(registry.find("failwise_cluster_signal_age_seconds").tags("cluster", "gone-1").meters().isEmpty());
    assertEquals(60.0, registry.get("failwise_cluster_devices").tags("cluster", "kept-1", "state", "offline").gauge().value());
    assertEquals(Set.of("failwise/kept-1"), metrics.clusters());
  }

  /**
   * A reconcile in flight when its cluster was deleted records after the delete removed the series: they
   * must not come back (a deleted cluster's outage gauge would page for ever). ClusterMetricsIT met it once
   * the first outage reconcile started the control namespace's watch and so took longer.
   */
  @Test
  void aReconcileFinishingAfterItsClusterWasDeletedBringsNoSeriesBack() {
    ClusterMetrics metrics = new ClusterMetrics(registry);
    ClusterStatus status = outage();
    metrics.record("failwise", "gone-1", "uid-1", status);
    metrics.deleted("failwise", "gone-1", "uid-1");
    metrics.record("failwise", "gone-1", "uid-1", status);
    metrics.signalAge("failwise", "gone-1", "uid-1", () -> 12.0);
    assertEquals(Set.of(), metrics.clusters());
    // A new cluster of the same name (another uid) is reported.
    metrics.record("failwise", "gone-1", "uid-2", status);
    assertEquals(Set.of("failwise/gone-1"), metrics.clusters());
  }

  /** A cluster in Outage: 60 of its 100 devices offline. */
  private static ClusterStatus outage() {
    ClusterStatus status = new ClusterStatus();
    status.health = "Outage";
    status.devices = new io.failwise.api.DeviceCounts(100L, 40L, 60L);
    return status;
  }
}
