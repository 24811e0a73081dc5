package io.failwise.operator.observe;

import io.failwise.api.Cluster;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Reads the signals of the clusters that need reading (Prometheus observers, a simulator) on threads
 * of its own, every poll interval, and keeps the latest observation of each. A reconcile reads the
 * latest observation and never waits on Prometheus; this event source asks for a reconcile only
 * when the status the new observation implies differs from the one written, so a steady fleet costs
 * reads, not reconciles or API writes. A cluster that is gone from the cache stops being read.
 */
public final class SignalPolls extends AbstractEventSource<Observation, Cluster> {
  private static final Logger LOG = Logger.getLogger(SignalPolls.class);
  private static final Duration STOP_WAIT = Duration.ofSeconds(5);

  /** How a cluster is read and how often. */
  public interface Reader {
    /** Whether the cluster's signal changes over time and must be read again (not a static count). */
    boolean polled(Cluster cluster);

    Duration interval(Cluster cluster);

    /** Never throws for a bad source: an unknown observation says why. */
    Observation read(Cluster cluster);
  }

  private record Poll(ScheduledFuture<?> future, Long generation) {}

  /** The latest observation of one cluster, for the generation of the spec it was read under. */
  public record Latest(Observation observation, Long generation) {}

  private final Reader reader;
  private final IndexerResourceCache<Cluster> clusters;
  private final BiPredicate<Cluster, Observation> statusWouldChange;
  private final int threads;
  private final ConcurrentHashMap<ResourceID, Latest> latest = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<ResourceID, Poll> polls = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<ResourceID, Object> locks = new ConcurrentHashMap<>();
  private volatile ScheduledExecutorService executor;

  public SignalPolls(
      Reader reader, IndexerResourceCache<Cluster> clusters, BiPredicate<Cluster, Observation> statusWouldChange, int threads) {
    super(Observation.class, "cluster-signals");
    this.reader = reader;
    this.clusters = clusters;
    this.statusWouldChange = statusWouldChange;
    this.threads = threads;
  }

  @Override
  public synchronized void start() {
    if (executor == null) {
      AtomicInteger n = new AtomicInteger();
      executor =
          Executors.newScheduledThreadPool(
              threads,
              r -> {
                Thread t = new Thread(r, "failwise-signals-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
    }
    super.start();
  }

  /**
   * Stops reading and waits for a read in flight to end (bounded: a Prometheus read has its own
   * timeout), so that no read runs after the controller stops, against a world that is shutting down.
   */
  @Override
  public synchronized void stop() {
    super.stop();
    ScheduledExecutorService ex = executor;
    executor = null;
    if (ex != null) {
      ex.shutdownNow();
      try {
        if (!ex.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
          LOG.debugf("A signal read was still running %s after the stop; it ends on its own timeout", STOP_WAIT);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    polls.clear();
  }

  /**
   * The latest observation of a polled cluster under its current spec; empty until the first read
   * after a create or a spec change, which this call schedules at once (the read then asks for the
   * reconcile that shows it).
   */
  public Optional<Observation> latest(Cluster cluster) {
    ResourceID id = ResourceID.fromResource(cluster);
    Long generation = cluster.getMetadata().getGeneration();
    Poll poll = polls.get(id);
    if (poll == null || !Objects.equals(poll.generation(), generation)) {
      schedule(id, generation, reader.interval(cluster));
    }
    Latest l = latest.get(id);
    return l == null || !Objects.equals(l.generation(), generation) ? Optional.empty() : Optional.of(l.observation());
  }

  /** The latest observation, whatever spec it was read under (for metrics). */
  public Optional<Latest> peek(ResourceID id) {
    return Optional.ofNullable(latest.get(id));
  }

  /** Stops reading a cluster that no longer needs it (deleted, invalid, or now static). */
  public void forget(ResourceID id) {
    Poll poll = polls.remove(id);
    if (poll != null) {
      poll.future().cancel(false);
    }
    latest.remove(id);
    locks.remove(id);
  }

  /** The number of clusters being read, for tests and metrics. */
  public int polled() {
    return polls.size();
  }

  private void schedule(ResourceID id, Long generation, Duration interval) {
    ScheduledExecutorService ex = executor;
    if (ex == null) {
      return;
    }
    polls.compute(
        id,
        (k, old) -> {
          if (old != null) {
            old.future().cancel(false);
          }
          long every = Math.max(1, interval.toMillis());
          return new Poll(ex.scheduleWithFixedDelay(() -> poll(id), 0, every, TimeUnit.MILLISECONDS), generation);
        });
  }

  private void poll(ResourceID id) {
    // A spec change reschedules the read: never two reads of one cluster's detectors at once.
    synchronized (locks.computeIfAbsent(id, k -> new Object())) {
      pollOnce(id);
    }
  }

  private void pollOnce(ResourceID id) {
    if (!running()) {
      return; // stopping: the cache and the signal sources may already be going away
    }
    try {
      Optional<Cluster> found = clusters.get(id);
      if (found.isEmpty() || !reader.polled(found.get())) {
        forget(id);
        return;
      }
      Cluster cluster = found.get();
      Observation observation = reader.read(cluster);
      latest.put(id, new Latest(observation, cluster.getMetadata().getGeneration()));
      if (statusWouldChange.test(cluster, observation) && running()) {
        getEventHandler().handleEvent(new Event(id));
      }
    } catch (RuntimeException e) {
      if (!running()) {
        // Stopped while reading: what failed is the world going away, not the signal.
        LOG.debugf("Reading the signal of %s ended by the stop: %s", id, e);
        return;
      }
      // A scheduled task that throws is never run again: log and keep reading.
      LOG.warnf(e, "Reading the signal of %s failed; trying again at the next poll", id);
    }
  }

  /**
   * Whether this source and the cluster cache it reads are both running. The controller stops its
   * event sources one by one, and the cluster cache may stop first: reading it then throws (JOSDK's
   * informer manager has no informer left), which is the controller stopping, not a signal failing.
   */
  private boolean running() {
    return isRunning() && (!(clusters instanceof AbstractEventSource<?, ?> cache) || cache.isRunning());
  }

  @Override
  public Set<Observation> getSecondaryResources(Cluster primary) {
    Latest l = latest.get(ResourceID.fromResource(primary));
    return l == null ? Set.of() : Set.of(l.observation());
  }

  /** A reader built from functions, for the reconciler and tests. */
  public static Reader reader(
      java.util.function.Predicate<Cluster> polled, Function<Cluster, Duration> interval, Function<Cluster, Observation> read) {
    return new Reader() {
      @Override
      public boolean polled(Cluster cluster) {
        return polled.test(cluster);
      }

      @Override
      public Duration interval(Cluster cluster) {
        return interval.apply(cluster);
      }

      @Override
      public Observation read(Cluster cluster) {
        return read.apply(cluster);
      }
    };
  }
}
