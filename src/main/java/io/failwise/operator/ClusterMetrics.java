package io.failwise.operator;

import io.failwise.api.ClusterStatus;
import io.failwise.model.Health;
import io.failwise.model.detect.SignalFreshness;
import io.failwise.monitoring.OwnedMeters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.DoubleSupplier;

/**
 * Per-cluster gauges on /q/metrics ({@code failwise_cluster_devices{state=...}},
 * {@code failwise_cluster_health}, {@code failwise_cluster_outage}, {@code failwise_cluster_signal_lost} and
 * {@code failwise_cluster_signal_age_seconds}), so dashboards and alerts can use what the controller
 * observed. A deleted Cluster's series go with it ({@link #forget}), and all of them go when the
 * controller stops.
 */
@ApplicationScoped
public class ClusterMetrics {
  private static final String DEVICES = "failwise_cluster_devices";
  private final OwnedMeters meters;

  public ClusterMetrics(MeterRegistry registry) {
    this.meters = new OwnedMeters(registry);
  }

  /**
   * Clusters deleted since the controller started, by uid (the newest 10,000): a reconcile in flight when
   * its cluster was deleted records after the delete removed the series, and would bring them back for
   * good (a deleted cluster's Outage gauge firing FailwiseClusterOutage for ever).
   */
  private final java.util.Set<String> deleted = java.util.Collections.newSetFromMap(java.util.Collections.synchronizedMap(
      new java.util.LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, Boolean> eldest) {
          return size() > 10_000;
        }
      }));

  /** The series of {@code cluster} (uid {@code uid}, null when not known) from its status, unless it was deleted. */
  public void record(String namespace, String cluster, String uid, ClusterStatus status) {
    synchronized (deleted) {
      if (uid == null || !deleted.contains(uid)) {
        record(namespace, cluster, status);
      }
    }
  }

  public void record(String namespace, String cluster, ClusterStatus status) {
    String owner = owner(namespace, cluster);
    Tags tags = Tags.of("namespace", namespace, "cluster", cluster);
    if (status.devices != null && !Health.UNKNOWN.displayName().equals(status.health) && status.health != null) {
      set(owner, tags, "expected", status.devices.expected);
      set(owner, tags, "connected", status.devices.connected);
      set(owner, tags, "offline", status.devices.offline);
    } else {
      // The status keeps the last counts read (with lastSignalTime), but a gauge is read as "now": an
      // Unknown cluster has no device series rather than old counts that look current.
      meters.forget(owner, DEVICES);
    }
    long health =
        switch (status.health == null ? "Unknown" : status.health) {
          case "Healthy" -> 0;
          case "Degraded" -> 2;
          case "Outage" -> 3;
          default -> 1;
        };
    meters.set(owner, "failwise_cluster_health", "0 Healthy, 1 Unknown, 2 Degraded, 3 Outage (" + Health.class.getSimpleName() + ")",
        tags, health);
    // An outage whose signal is lost reads Unknown on the health gauge, but it has not ended: the page on
    // this one does not resolve until the counts show the outage over (or a maintenance window silences it).
    meters.set(owner, "failwise_cluster_outage",
        "1 while the cluster is in an Outage, or its signal was lost during one (its end not known); 0 otherwise, silenced included",
        tags, ClusterStatusFactory.outageNotOver(status) ? 1 : 0);
    // The health gauge says Degraded while a maintenance window silences an outage (nobody is paged);
    // this one says the outage has not ended.
    meters.set(owner, "failwise_cluster_outage_silenced",
        "1 while an outage in progress is silenced by a maintenance window (failwise silence): not over, not acted on",
        tags, ClusterStatusFactory.outageSilenced(status) ? 1 : 0);
    long lost =
        status.observers == null
            ? 0
            : status.observers.stream().filter(o -> SignalFreshness.SIGNAL_LOST.equals(o.reason)).count();
    meters.set(owner, "failwise_cluster_signal_lost", "Observers whose series of this cluster vanished after it was judged (alert on > 0)",
        tags, lost);
  }

  /**
   * {@code failwise_cluster_signal_age_seconds{namespace,cluster}}: seconds since the newest data read
   * for a polled cluster (Prometheus observers, a simulator), computed at scrape time. Freshness lives
   * here rather than in status, which would otherwise be rewritten at every read.
   */
  public void signalAge(String namespace, String cluster, String uid, DoubleSupplier ageSeconds) {
    synchronized (deleted) {
      if (uid == null || !deleted.contains(uid)) {
        signalAge(namespace, cluster, ageSeconds);
      }
    }
  }

  public void signalAge(String namespace, String cluster, DoubleSupplier ageSeconds) {
    ages.put(namespace + "/" + cluster, ageSeconds);
    meters.gauge(owner(namespace, cluster), "failwise_cluster_signal_age_seconds",
        "Seconds since the newest data read from a cluster's signal (NaN before the first read)",
        Tags.of("namespace", namespace, "cluster", cluster), ageSeconds);
  }

  /** The signal ages the gauges report, by NAMESPACE/NAME: the console shows the same freshness. */
  private final java.util.Map<String, DoubleSupplier> ages = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * What {@code failwise_cluster_signal_age_seconds} reports for the cluster now; empty when this
   * controller does not poll it (static counts, not yet read, another replica leads).
   */
  public java.util.OptionalDouble signalAgeSeconds(String namespace, String cluster) {
    DoubleSupplier age = ages.get(namespace + "/" + cluster);
    double seconds = age == null ? Double.NaN : age.getAsDouble();
    return Double.isFinite(seconds) ? java.util.OptionalDouble.of(Math.max(0, seconds)) : java.util.OptionalDouble.empty();
  }

  /** Removes every series of a deleted cluster, so /q/metrics stops reporting it. */
  public void forget(String namespace, String cluster) {
    ages.remove(namespace + "/" + cluster);
    meters.forget(owner(namespace, cluster));
  }

  /** {@link #forget}, and no reconcile still in flight for that cluster (by {@code uid}) brings its series back. */
  public void deleted(String namespace, String cluster, String uid) {
    synchronized (deleted) {
      if (uid != null) {
        deleted.add(uid);
      }
      forget(namespace, cluster);
    }
  }

  /** The clusters that have series now, as NAMESPACE/NAME. */
  public java.util.Set<String> clusters() {
    return meters.owners();
  }

  @PreDestroy
  void close() {
    meters.close();
  }

  private void set(String owner, Tags tags, String state, Long value) {
    if (value != null) {
      meters.set(owner, DEVICES, "Devices of a cluster by state (absent while its health is Unknown)", tags.and("state", state), value);
    }
  }

  private static String owner(String namespace, String cluster) {
    return namespace + "/" + cluster;
  }
}
