package io.failwise.operator.status;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.failwise.monitoring.OwnedMeters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Records Kubernetes Events about Failwise resources. The same reason and message on the same object
 * raise the count of one Event instead of piling up new ones; a write that conflicts with another
 * writer's is made again on a fresh read. Failing to record is logged, never fatal.
 *
 * <p>Events are written by one thread of their own, in the order they were recorded: a reconcile (a
 * cluster's health, a policy's decision, a run's step) never waits on the API server for an Event, which
 * in a regional outage is busiest exactly when decisions matter. At most {@link #CAPACITY} Events wait;
 * beyond that they are dropped, counted ({@code failwise_events_dropped_total}) and logged, as
 * client-go's broadcaster drops them: the status the reconcile wrote carries the same facts.
 *
 * <p>Events are stamped with the wall clock at the moment they are recorded, not the controller's:
 * kubectl reads their ages against the wall clock of the person looking, and under the demo or
 * {@code --speed N} the controller's clock is the simulator's, in another night or running ahead, which
 * kubectl describe shows as an Age of {@code <invalid>}. On a real cluster the two are the same clock.
 * The messages carry the controller's times.
 *
 * <p>Every Event is also a line of the controller's log, on category {@value #LOG_CATEGORY}: INFO for a
 * Normal one, WARN for a Warning, as client-go's broadcaster logs what it records. Events live an hour
 * on a cluster and go with their object; the log is what a postmortem the next morning reads (a
 * policy's decisions, a run's steps, a cluster's health), and it has the Events that were dropped.
 */
@ApplicationScoped
public class EventRecorder {
  private static final Logger LOG = Logger.getLogger(EventRecorder.class);
  /** The log category of the Events' lines; `demo` and `run --embedded` turn it off (their feed shows them). */
  public static final String LOG_CATEGORY = "io.failwise.events";
  private static final Logger EVENTS = Logger.getLogger(LOG_CATEGORY);
  public static final String COMPONENT = "failwise-controller";
  /** Writes of one Event refused as conflicting before giving up (each conflict is another writer's success). */
  static final int ATTEMPTS = 5;
  /** Events waiting to be written, at most; more are dropped. */
  static final int CAPACITY = 1_000;
  /** How long a shutdown waits for the Events still waiting. */
  static final Duration DRAIN_AT_SHUTDOWN = Duration.ofSeconds(5);

  private final KubernetesClient client;
  private final Clock clock;
  private final OwnedMeters meters;
  /** Guarded by itself: the Events waiting, and {@link #writing} the one being written. */
  private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
  private boolean writing;
  private boolean closed;
  private Thread writer;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  /**
   * An Event to write: what it is about (read when it was recorded, since the reconcile goes on with
   * the object), and when it was recorded.
   */
  private record Pending(ObjectReference about, String type, String reason, String message, String at) {
    String describe() {
      return reason + " on " + about.getKind() + "/" + about.getName();
    }
  }

  @jakarta.inject.Inject
  public EventRecorder(KubernetesClient client, MeterRegistry registry) {
    this(client, Clock.systemUTC(), registry);
  }

  /** With another clock for the stamps and no metrics (tests). */
  public EventRecorder(KubernetesClient client, Clock clock) {
    this(client, clock, null);
  }

  EventRecorder(KubernetesClient client, Clock clock, MeterRegistry registry) {
    this.client = client;
    this.clock = clock;
    this.meters = registry == null ? null : new OwnedMeters(registry);
    if (meters != null) {
      meters.counter("events", "failwise_events_dropped_total", "Events not recorded because too many were waiting to be written",
          Tags.empty(), dropped::get);
      meters.counter("events", "failwise_events_failed_total", "Events the API server refused or could not take (each is logged)",
          Tags.empty(), failed::get);
    }
  }

  public void normal(HasMetadata about, String reason, String message) {
    record(about, "Normal", reason, message);
  }

  public void warning(HasMetadata about, String reason, String message) {
    record(about, "Warning", reason, message);
  }

  private void record(HasMetadata about, String type, String reason, String message) {
    var meta = about.getMetadata();
    ObjectReference ref =
        new ObjectReferenceBuilder()
            .withApiVersion(about.getApiVersion())
            .withKind(about.getKind())
            .withName(meta.getName())
            .withNamespace(meta.getNamespace())
            .withUid(meta.getUid())
            .build();
    Pending p = new Pending(ref, type, reason, message, Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString());
    EVENTS.logf("Warning".equals(type) ? Logger.Level.WARN : Logger.Level.INFO, "%s %s %s%s: %s", reason, ref.getKind(),
        meta.getNamespace() == null ? "" : meta.getNamespace() + "/", meta.getName(), message);
    synchronized (waiting) {
      if (closed || waiting.size() >= CAPACITY) {
        long n = dropped.incrementAndGet();
        // The first drop, then one line per hundred: a flood of drops must not become a flood of logs.
        if (n == 1 || n % 100 == 0) {
          LOG.warnf("Dropped event %s: %s (%d dropped so far)", p.describe(),
              closed ? "the controller is stopping" : CAPACITY + " events are waiting to be written", n);
        }
        return;
      }
      waiting.addLast(p);
      if (writer == null) {
        writer = new Thread(this::writeAll, "failwise-events");
        writer.setDaemon(true);
        writer.start();
      }
      waiting.notifyAll();
    }
  }

  /**
   * Waits until every Event recorded so far is written (or given up), at most {@code timeout}; whether
   * it got there. For shutdown, and for tests that read the Events they caused.
   */
  public boolean flush(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (waiting) {
      while (!waiting.isEmpty() || writing) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        try {
          waiting.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return true;
    }
  }

  /** Events dropped because too many were waiting, or the controller was stopping. */
  public long dropped() {
    return dropped.get();
  }

  @PreDestroy
  public void close() {
    if (!flush(DRAIN_AT_SHUTDOWN)) {
      LOG.warnf("Stopping with events still waiting to be written; they are dropped");
    }
    Thread t;
    synchronized (waiting) {
      closed = true;
      dropped.addAndGet(waiting.size());
      waiting.clear();
      t = writer;
      waiting.notifyAll();
    }
    if (t != null) {
      t.interrupt();
    }
    if (meters != null) {
      meters.close();
    }
  }

  private void writeAll() {
    while (true) {
      Pending p;
      synchronized (waiting) {
        while (waiting.isEmpty() && !closed) {
          try {
            waiting.wait();
          } catch (InterruptedException e) {
            if (closed) {
              return;
            }
          }
        }
        if (closed) {
          return;
        }
        p = waiting.removeFirst();
        writing = true;
      }
      try {
        write(p);
      } catch (RuntimeException e) {
        failed.incrementAndGet();
        LOG.warnf("Could not record event %s: %s", p.describe(), e.toString());
      } finally {
        synchronized (waiting) {
          writing = false;
          waiting.notifyAll();
        }
      }
    }
  }

  private void write(Pending p) {
    ObjectReference about = p.about();
    String namespace = about.getNamespace() == null ? "default" : about.getNamespace();
    // One Event per object, reason and message, as client-go's correlator keys them: the uid keeps a run
    // deleted and made again under its name from counting its repeats on the old run's Events (which
    // kubectl describe, matching the uid, would then not show for the new one).
    String key = about.getKind() + p.reason() + p.message() + (about.getUid() == null ? "" : about.getUid());
    String name = (about.getName() + "." + Integer.toHexString(key.hashCode())).toLowerCase(Locale.ROOT);
    var events = client.v1().events().inNamespace(namespace);
    // Another replica (or a repeat of this one) may write the same Event between the read and the
    // write: the API server then refuses the write (409), and the count is bumped on a fresh read.
    for (int attempt = 1; ; attempt++) {
      try {
        Event existing = read(namespace, name);
        if (existing != null) {
          existing.setCount(existing.getCount() == null ? 2 : existing.getCount() + 1);
          existing.setLastTimestamp(p.at());
          events.resource(existing).update();
        } else {
          events.resource(newEvent(name, namespace, p)).create();
        }
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() == 409 && attempt < ATTEMPTS) {
          continue;
        }
        failed.incrementAndGet();
        LOG.warnf("Could not record event %s: %s", p.describe(), e.getMessage());
        return;
      }
    }
  }

  /** The stored Event of that name, or null. */
  Event read(String namespace, String name) {
    return client.v1().events().inNamespace(namespace).withName(name).get();
  }

  private static Event newEvent(String name, String namespace, Pending p) {
    return new EventBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .endMetadata()
        .withInvolvedObject(p.about())
        .withType(p.type())
        .withReason(p.reason())
        .withMessage(p.message())
        .withCount(1)
        .withFirstTimestamp(p.at())
        .withLastTimestamp(p.at())
        .withNewSource(COMPONENT, null)
        .withReportingComponent(COMPONENT)
        .build();
  }
}
