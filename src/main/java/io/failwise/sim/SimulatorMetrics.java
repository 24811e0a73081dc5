package io.failwise.sim;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.function.ToDoubleFunction;

/**
 * Publishes the simulated fleet as Prometheus metrics (on Quarkus' /q/metrics), so that a real
 * Prometheus can scrape the demo and the Prometheus signal source can read it like a real fleet:
 * {@code failwise_sim_devices_expected}, {@code failwise_sim_devices_connected} (as a monitor
 * sees them), {@code failwise_sim_connection_attempts_total} and
 * {@code failwise_sim_connection_rejected_total}, each with a {@code cluster} label.
 */
public final class SimulatorMetrics {
  private SimulatorMetrics() {}

  public static void bind(MeterRegistry registry, FleetSimulator fleet) {
    for (String cluster : fleet.clusterNames()) {
      Tags tags = Tags.of("cluster", cluster);
      gauge(registry, fleet, cluster, tags, "failwise.sim.devices.expected", "Devices homed on the cluster.", ClusterCounts::expected);
      gauge(
          registry,
          fleet,
          cluster,
          tags,
          "failwise.sim.devices.connected",
          "Devices connected as a keep-alive based monitor sees them.",
          ClusterCounts::observedConnected);
      counter(registry, fleet, cluster, tags, "failwise.sim.connection.attempts", "Connection attempts at the cluster.", ClusterCounts::connectionAttempts);
      counter(
          registry,
          fleet,
          cluster,
          tags,
          "failwise.sim.connection.rejected",
          "Connection attempts refused (throttled, full or down).",
          ClusterCounts::rejectedAttempts);
    }
  }

  private static void gauge(
      MeterRegistry registry, FleetSimulator fleet, String cluster, Tags tags, String name, String help, ToDoubleFunction<ClusterCounts> value) {
    Gauge.builder(name, fleet, f -> f.counts(cluster).map(value::applyAsDouble).orElse(Double.NaN))
        .description(help)
        .tags(tags)
        .register(registry);
  }

  private static void counter(
      MeterRegistry registry, FleetSimulator fleet, String cluster, Tags tags, String name, String help, ToDoubleFunction<ClusterCounts> value) {
    FunctionCounter.builder(name, fleet, f -> f.counts(cluster).map(value::applyAsDouble).orElse(0.0))
        .description(help)
        .tags(tags)
        .register(registry);
  }
}
