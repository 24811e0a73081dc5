package io.failwise.console;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.failwise.api.Cluster;
import io.failwise.api.ClusterStatus;
import io.failwise.api.FailoverPolicy;
import io.failwise.api.FailoverRun;
import io.failwise.api.Region;
import jakarta.annotation.PreDestroy;
import io.failwise.monitoring.RunMetrics;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the console reads: informers on Regions, Clusters, FailoverPolicies and FailoverRuns in every
 * namespace (one LIST and one WATCH each, when the controller starts or at the first page view), and
 * each cluster's recent offline series. A page view reads these caches, never the API server.
 */
@ApplicationScoped
public class ConsoleCache {
  private static final Logger LOG = Logger.getLogger(ConsoleCache.class);
  private final KubernetesClient client;
  private final Clock clock;
  private final OfflineHistory history = OfflineHistory.sixHours();
  private volatile Informers informers;

  private record Informers(
      SharedIndexInformer<Region> regions,
      SharedIndexInformer<Cluster> clusters,
      SharedIndexInformer<FailoverPolicy> policies,
      SharedIndexInformer<FailoverRun> runs) {}

  private final RunMetrics runMetrics;

  public ConsoleCache(KubernetesClient client, Clock clock, RunMetrics runMetrics) {
    this.client = client;
    this.clock = clock;
    this.runMetrics = runMetrics;
  }

  /**
   * With the HTTP port (the run and demo commands), the caches start with the application, so the
   * offline series covers the time since; the offline commands open no port and watch nothing.
   */
  void onStart(@Observes StartupEvent event) {
    boolean serving = ConfigProvider.getConfig().getOptionalValue("quarkus.http.host-enabled", Boolean.class).orElse(true);
    if (serving) {
      Thread t = new Thread(this::startQuietly, "console-cache-start");
      t.setDaemon(true);
      t.start();
    }
  }

  private void startQuietly() {
    try {
      start();
    } catch (RuntimeException e) {
      // The first page view tries again; the controller does not depend on the console.
      LOG.warnf("Console caches not started yet: %s", e.getMessage());
    }
  }

  /** Starts the informers (once); blocks until each has its first listing. */
  public void start() {
    if (informers != null) {
      return;
    }
    synchronized (this) {
      if (informers == null) {
        SharedIndexInformer<Cluster> clusters = client.resources(Cluster.class).inAnyNamespace().inform(new HistoryRecorder());
        informers =
            new Informers(
                client.resources(Region.class).inform(),
                clusters,
                client.resources(FailoverPolicy.class).inAnyNamespace().inform(),
                client.resources(FailoverRun.class).inAnyNamespace().inform(new RunMetricsUpdater()));
        runMetrics.refresh(informers.runs().getStore().list());
      }
    }
  }

  @PreDestroy
  void stop() {
    Informers i = informers;
    if (i != null) {
      i.regions().stop();
      i.clusters().stop();
      i.policies().stop();
      i.runs().stop();
    }
  }

  public List<Region> regions() {
    start();
    return sorted(informers.regions().getStore().list());
  }

  public List<Cluster> clusters() {
    start();
    return sorted(informers.clusters().getStore().list());
  }

  public List<FailoverPolicy> policies() {
    start();
    return sorted(informers.policies().getStore().list());
  }

  public List<FailoverRun> runs() {
    start();
    return sorted(informers.runs().getStore().list());
  }

  public Optional<Cluster> cluster(String namespace, String name) {
    start();
    return Optional.ofNullable(informers.clusters().getStore().getByKey(namespace + "/" + name));
  }

  public Optional<FailoverRun> run(String namespace, String name) {
    start();
    return Optional.ofNullable(informers.runs().getStore().getByKey(namespace + "/" + name));
  }

  /** Clusters of one namespace (failover targets are looked up there). */
  public List<Cluster> clustersIn(String namespace) {
    start();
    return sorted(informers.clusters().getIndexer().byIndex("namespace", namespace));
  }

  public List<OfflineHistory.Point> history(String namespace, String name) {
    return history.of(namespace + "/" + name);
  }

  public Clock clock() {
    return clock;
  }

  private static <T extends HasMetadata> List<T> sorted(List<T> items) {
    List<T> out = new ArrayList<>(items);
    out.sort(
        (a, b) -> {
          String an = a.getMetadata().getNamespace() == null ? "" : a.getMetadata().getNamespace();
          String bn = b.getMetadata().getNamespace() == null ? "" : b.getMetadata().getNamespace();
          int c = an.compareTo(bn);
          return c != 0 ? c : a.getMetadata().getName().compareTo(b.getMetadata().getName());
        });
    return out;
  }

  /** Keeps failwise_run_info and failwise_run_finished_timestamp_seconds in step with the runs. */
  private final class RunMetricsUpdater implements ResourceEventHandler<FailoverRun> {
    private SharedIndexInformer<FailoverRun> informer() {
      Informers i = informers;
      return i == null ? null : i.runs();
    }

    private void refresh() {
      SharedIndexInformer<FailoverRun> inf = informer();
      if (inf != null) {
        runMetrics.refresh(inf.getStore().list());
      }
    }

    @Override
    public void onAdd(FailoverRun r) {
      refresh();
    }

    @Override
    public void onUpdate(FailoverRun old, FailoverRun r) {
      refresh();
    }

    @Override
    public void onDelete(FailoverRun r, boolean finalStateUnknown) {
      refresh();
    }
  }

  /** Adds a point to a cluster's series whenever its observed counts arrive. */
  private final class HistoryRecorder implements ResourceEventHandler<Cluster> {
    @Override
    public void onAdd(Cluster c) {
      record(c);
    }

    @Override
    public void onUpdate(Cluster old, Cluster c) {
      record(c);
    }

    @Override
    public void onDelete(Cluster c, boolean finalStateUnknown) {
      history.forget(c.getMetadata().getNamespace() + "/" + c.getMetadata().getName());
    }

    private void record(Cluster c) {
      ClusterStatus s = c.getStatus();
      if (s == null || s.devices == null || s.devices.expected == null || s.devices.connected == null) {
        return;
      }
      long offline = s.devices.offline != null ? s.devices.offline : Math.max(0, s.devices.expected - s.devices.connected);
      history.record(
          c.getMetadata().getNamespace() + "/" + c.getMetadata().getName(),
          new OfflineHistory.Point(clock.instant(), s.devices.expected, s.devices.connected, offline, s.health));
    }
  }
}
