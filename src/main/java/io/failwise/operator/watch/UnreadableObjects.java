package io.failwise.operator.watch;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.failwise.operator.status.EventRecorder;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Reports each Failwise object the controller cannot read, once per version of it: a log line, a
 * Warning Event on the object (reason {@code Unreadable}, naming the field) and the gauge {@code
 * failwise_unreadable_objects{kind}}. The report is made off the watch thread. An object is reported
 * again only when what is wrong with it changes (not on a resync, a status write or a second informer
 * of the kind). It leaves the gauge when a readable object of its name arrives or when it is deleted.
 */
@ApplicationScoped
public class UnreadableObjects implements TolerantCustomResources.Listener {
  private static final Logger LOG = Logger.getLogger(UnreadableObjects.class);
  static final List<String> KINDS = List.of("Region", "Cluster", "FailoverPlaybook", "FailoverRun", "FailoverPolicy");
  private static final Duration SWEEP = Duration.ofSeconds(30);

  /** An object that did not read, by kind, namespace and name. */
  private record Entry(String apiVersion, String kind, String namespace, String name, String uid, String problem) {}

  private final Map<String, Entry> unreadable = new ConcurrentHashMap<>();
  private final EventRecorder events;
  private final KubernetesClient client;
  private ScheduledExecutorService reporter;
  private final io.failwise.monitoring.OwnedMeters gauges;

  private final jakarta.enterprise.inject.Instance<io.javaoperatorsdk.operator.Operator> operator;

  public UnreadableObjects(
      EventRecorder events, KubernetesClient client, MeterRegistry registry,
      jakarta.enterprise.inject.Instance<io.javaoperatorsdk.operator.Operator> operator) {
    this.events = events;
    this.client = client;
    this.gauges = new io.failwise.monitoring.OwnedMeters(registry);
    this.operator = operator;
  }

  /** How long a report waits for the controller to start (a command that never starts it exits long before). */
  private static final int WAITS = 120;

  void start(@Observes StartupEvent ignored) {
    reporter =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "failwise-unreadable-objects");
              t.setDaemon(true);
              return t;
            });
    for (String kind : KINDS) {
      gauges.gauge("controller", "failwise_unreadable_objects",
          "Failwise objects the controller cannot read (a field of the wrong type); each has a Warning Event naming the field",
          io.micrometer.core.instrument.Tags.of("kind", kind), () -> count(kind));
    }
    reporter.scheduleWithFixedDelay(this::sweep, SWEEP.toSeconds(), SWEEP.toSeconds(), TimeUnit.SECONDS);
    TolerantCustomResources.listener(this);
  }

  void stop(@Observes ShutdownEvent ignored) {
    TolerantCustomResources.listener(null);
    // The registry can outlive this bean (Quarkus hands out the global composite registry, and tests
    // restart the application in one JVM): a gauge left behind would keep reading this instance's map.
    gauges.close();
    if (reporter != null) {
      reporter.shutdownNow();
    }
  }

  @Override
  public void unreadable(CustomResource<?, ?> shell, String problem) {
    var meta = shell.getMetadata();
    Entry entry = new Entry(shell.getApiVersion(), shell.getKind(), meta.getNamespace(), meta.getName(), meta.getUid(), problem);
    Entry before = unreadable.put(key(shell.getKind(), meta.getNamespace(), meta.getName()), entry);
    if (entry.equals(before)) {
      return; // reported already: a resync, a status write, a second informer of the kind
    }
    ScheduledExecutorService r = reporter;
    if (r == null || r.isShutdown()) {
      return;
    }
    r.execute(() -> report(shell, entry, 0));
  }

  /**
   * The log line and the Event, made by the controller only: a command that reads the objects (failwise
   * get policies, decisions, approve) met the same object and printed the controller's WARN line on its
   * stderr, and wrote the Event from the person's own process. Until the controller has started, the
   * report waits (its informers read every object while it starts); one no longer current is dropped.
   */
  private void report(CustomResource<?, ?> shell, Entry entry, int waited) {
    if (!entry.equals(unreadable.get(key(entry.kind(), entry.namespace(), entry.name())))) {
      return; // fixed, deleted or changed meanwhile: its own report says what is wrong now
    }
    if (!controllerStarted()) {
      ScheduledExecutorService r = reporter;
      if (waited < WAITS && r != null && !r.isShutdown()) {
        r.schedule(() -> report(shell, entry, waited + 1), 1, TimeUnit.SECONDS);
      }
      return;
    }
    String where = entry.namespace() == null ? entry.name() : entry.namespace() + "/" + entry.name();
    String message =
        "The controller cannot read this " + shell.getKind() + " and ignores it until it is fixed: " + entry.problem()
            + ". kubectl apply it again with a valid value (kubectl explain " + shell.getPlural() + "." + shell.getGroup() + ".spec).";
    LOG.warnf("%s %s is unreadable and ignored: %s", shell.getKind(), where, entry.problem());
    events.warning(shell, "Unreadable", message);
  }

  private boolean controllerStarted() {
    try {
      return operator.isResolvable() && operator.get().getRuntimeInfo().isStarted();
    } catch (RuntimeException e) {
      return true; // cannot tell: report, as before
    }
  }

  @Override
  public void readable(CustomResource<?, ?> resource) {
    if (!unreadable.isEmpty() && resource.getMetadata() != null) {
      unreadable.remove(key(resource.getKind(), resource.getMetadata().getNamespace(), resource.getMetadata().getName()));
    }
  }

  private static String key(String kind, String namespace, String name) {
    return kind + "/" + (namespace == null ? "" : namespace) + "/" + name;
  }

  /** Forgets deleted objects, so the gauge counts only unreadable objects that still exist. */
  void sweep() {
    unreadable.forEach(
        (key, e) -> {
          try {
            var ops = client.genericKubernetesResources(e.apiVersion(), e.kind());
            var found = e.namespace() == null ? ops.withName(e.name()).get() : ops.inNamespace(e.namespace()).withName(e.name()).get();
            if (found == null || (e.uid() != null && !e.uid().equals(found.getMetadata().getUid()))) {
              unreadable.remove(key, e);
            }
          } catch (KubernetesClientException | IllegalArgumentException failed) {
            LOG.debugf("Could not check whether %s %s still exists: %s", e.kind(), e.name(), failed.getMessage());
          }
        });
  }

  /** How many objects of a kind are unreadable now. */
  public long count(String kind) {
    return unreadable.values().stream().filter(e -> e.kind().equals(kind)).count();
  }
}
