package io.failwise.sim;

import io.failwise.monitoring.OwnedMeters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.function.ToDoubleFunction;

/**
 * Publishes the simulated fleet as Prometheus metrics (on Quarkus' /q/metrics), so that a real
 * Prometheus can scrape the demo and the Prometheus signal source can read it like a real fleet:
 * {@code failwise_sim_devices_expected}, {@code failwise_sim_devices_connected} (as a monitor
 * sees them), {@code failwise_sim_connection_attempts_total} and
 * {@code failwise_sim_connection_rejected_total}, each with a {@code cluster} label. The meters read
 * the fleet they were bound to: close them with the fleet, or a later fleet's clusters of the same
 * names would be reported from this one.
 */
public final class SimulatorMetrics {
  private SimulatorMetrics() {}

  /** Registers the fleet's meters; closing the answer removes them. */
  public static OwnedMeters bind(MeterRegistry registry, FleetSimulator fleet) {
    OwnedMeters meters = new OwnedMeters(registry);
    for (String cluster : fleet.clusterNames()) {
      Tags tags = Tags.of("cluster", cluster);
      gauge(meters, fleet, cluster, tags, "failwise.sim.devices.expected", "Devices homed on the cluster.", ClusterCounts::expected);
      gauge(
          meters,
          fleet,
          cluster,
          tags,
          "failwise.sim.devices.connected",
          "Devices connected as a keep-alive based monitor sees them.",
          ClusterCounts::observedConnected);
      counter(meters, fleet, cluster, tags, "failwise.sim.connection.attempts", "Connection attempts at the cluster.", ClusterCounts::connectionAttempts);
      counter(
          meters,
          fleet,
          cluster,
          tags,
          "failwise.sim.connection.rejected",
          "Connection attempts refused (throttled, full or down).",
          ClusterCounts::rejectedAttempts);
    }
    return meters;
  }

  private static void gauge(
      OwnedMeters meters, FleetSimulator fleet, String cluster, Tags tags, String name, String help, ToDoubleFunction<ClusterCounts> value) {
    meters.gauge(cluster, name, help, tags, () -> fleet.counts(cluster).map(value::applyAsDouble).orElse(Double.NaN));
  }

  private static void counter(
      OwnedMeters meters, FleetSimulator fleet, String cluster, Tags tags, String name, String help, ToDoubleFunction<ClusterCounts> value) {
    meters.counter(cluster, name, help, tags, () -> fleet.counts(cluster).map(value::applyAsDouble).orElse(0.0));
  }
}
