package io.failwise.operator;

import io.failwise.api.ClusterStatus;
import io.failwise.model.Health;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-cluster gauges on /q/metrics ({@code failwise_cluster_devices{state=...}} and
 * {@code failwise_cluster_health}), so dashboards and alerts can use what the controller observed.
 */
@ApplicationScoped
public class ClusterMetrics {
  private final MeterRegistry registry;
  private final Map<String, AtomicLong> values = new ConcurrentHashMap<>();

  public ClusterMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public void record(String namespace, String cluster, ClusterStatus status) {
    if (status.devices != null) {
      set(namespace, cluster, "expected", status.devices.expected);
      set(namespace, cluster, "connected", status.devices.connected);
      set(namespace, cluster, "offline", status.devices.offline);
    }
    long health =
        switch (status.health == null ? "Unknown" : status.health) {
          case "Healthy" -> 0;
          case "Degraded" -> 2;
          case "Outage" -> 3;
          default -> 1;
        };
    gauge("failwise_cluster_health", "0 Healthy, 1 Unknown, 2 Degraded, 3 Outage (" + Health.class.getSimpleName() + ")",
        Tags.of("namespace", namespace, "cluster", cluster), health);
  }

  /**
   * {@code failwise_cluster_signal_age_seconds{namespace,cluster}}: seconds since the newest data read
   * for a polled cluster (Prometheus observers, a simulator), computed at scrape time. Freshness lives
   * here rather than in status, which would otherwise be rewritten at every read.
   */
  public void signalAge(String namespace, String cluster, java.util.function.Supplier<Double> ageSeconds) {
    Tags tags = Tags.of("namespace", namespace, "cluster", cluster);
    values.computeIfAbsent(
        "failwise_cluster_signal_age_seconds" + tags,
        k -> {
          Gauge.builder("failwise_cluster_signal_age_seconds", ageSeconds, s -> s.get())
              .description("Seconds since the newest data read from a cluster's signal (NaN before the first read)")
              .tags(tags)
              .strongReference(true)
              .register(registry);
          return new AtomicLong();
        });
  }

  private void set(String namespace, String cluster, String state, Long value) {
    if (value != null) {
      gauge("failwise_cluster_devices", "Devices of a cluster by state", Tags.of("namespace", namespace, "cluster", cluster, "state", state), value);
    }
  }

  private void gauge(String name, String help, Tags tags, long value) {
    String key = name + tags;
    values
        .computeIfAbsent(
            key,
            k -> {
              AtomicLong holder = new AtomicLong();
              Gauge.builder(name, holder, AtomicLong::get).description(help).tags(tags).register(registry);
              return holder;
            })
        .set(value);
  }
}
