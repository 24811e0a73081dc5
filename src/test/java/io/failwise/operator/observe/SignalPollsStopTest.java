package io.failwise.operator.observe;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.failwise.api.Cluster;
import io.failwise.api.Fixtures;
import io.failwise.signals.SignalReading;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * When the controller stops, its cluster cache can stop before the signal polls do, and a read in
 * flight then meets a cache with no informer (JOSDK throws NoSuchElementException). That is the
 * controller stopping, not a signal failing: it must not end `failwise demo` with a stack trace.
 */
class SignalPollsStopTest {
  private final List<LogRecord> warnings = new CopyOnWriteArrayList<>();
  private final Logger logger = Logger.getLogger(SignalPolls.class.getName());
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
            warnings.add(r);
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void listen() {
    logger.addHandler(capture);
  }

  @AfterEach
  void stopListening() {
    logger.removeHandler(capture);
  }

  /** The cluster cache as JOSDK's: once stopped, a read throws, as its informer manager has no informer left. */
  private static final class ClusterCache extends AbstractEventSource<Cluster, Cluster> implements IndexerResourceCache<Cluster> {
    private final Map<ResourceID, Cluster> clusters;
    private final Set<ResourceID> stopsWhileRead;
    final AtomicInteger reads = new AtomicInteger();

    ClusterCache(Map<ResourceID, Cluster> clusters, Set<ResourceID> stopsWhileRead) {
      super(Cluster.class);
      this.clusters = clusters;
      this.stopsWhileRead = stopsWhileRead;
    }

    @Override
    public Optional<Cluster> get(ResourceID id) {
      reads.incrementAndGet();
      if (stopsWhileRead.contains(id)) {
        stop(); // the controller stops this cache between the poll's check and its read
      }
      if (!isRunning()) {
        throw new NoSuchElementException("No value present");
      }
      return Optional.ofNullable(clusters.get(id));
    }

    @Override
    public Stream<ResourceID> keys() {
      return clusters.keySet().stream();
    }

    @Override
    public Stream<Cluster> list(Predicate<Cluster> predicate) {
      return clusters.values().stream().filter(predicate);
    }

    @Override
    public Stream<Cluster> list(String namespace, Predicate<Cluster> predicate) {
      return list(predicate);
    }

    @Override
    public List<Cluster> byIndex(String index, String key) {
      return List.of();
    }

    @Override
    public void addIndexers(Map<String, Function<Cluster, List<String>>> indexers) {}

    @Override
    public Set<Cluster> getSecondaryResources(Cluster primary) {
      return Set.of();
    }
  }

  @Test
  void aReadCutShortByTheStopIsQuietWhileARealFailureIsStillReported() {
    Cluster failing = Fixtures.cluster("failwise", "go-eu-west-2", "eu-west", 1_000, 900);
    Cluster stopping = Fixtures.cluster("failwise", "go-eu-west-1", "eu-west", 1_000, 900);
    ResourceID failingId = ResourceID.fromResource(failing);
    ResourceID stoppingId = ResourceID.fromResource(stopping);
    ClusterCache cache = new ClusterCache(Map.of(failingId, failing, stoppingId, stopping), Set.of(stoppingId));
    cache.start();
    SignalPolls polls =
        new SignalPolls(
            SignalPolls.reader(
                c -> true,
                c -> Duration.ofHours(1), // one read each: the first, at once
                c -> {
                  if (c.getMetadata().getName().equals("go-eu-west-2")) {
                    throw new IllegalStateException("the source broke");
                  }
                  return new Observation.Reading(SignalReading.unknown("Test", "read"));
                }),
            cache,
            (c, o) -> false,
            1);
    polls.start();

    // While everything runs, a failing read is a warning with its cause: the capture sees SignalPolls.
    polls.latest(failing);
    await().atMost(Duration.ofSeconds(20)).until(() -> !warnings.isEmpty());
    assertEquals(IllegalStateException.class, warnings.get(0).getThrown().getClass());

    // The cache stops under the next read (as when the operator stops): no warning, no stack trace.
    int before = cache.reads.get();
    polls.latest(stopping);
    await().atMost(Duration.ofSeconds(20)).until(() -> cache.reads.get() > before);
    polls.stop(); // returns once no read is running
    assertEquals(1, warnings.size(), "only the real failure: " + warnings.stream().map(r -> String.valueOf(r.getThrown())).toList());
  }
}
