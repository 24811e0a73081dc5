package io.failwise.cli.world;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.failwise.api.Cluster;
import io.failwise.execution.SimulatorAction;
import io.failwise.operator.FailwiseConfig;
import io.failwise.operator.SwitchableClock;
import io.failwise.sim.ClusterSetup;
import io.failwise.sim.FleetSimulator;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.inject.Singleton;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The living world behind {@code failwise run --embedded}: the sample clusters' devices simulated
 * (the same {@link LivingFleet} the demo replays its night on), observed through the simulated
 * Prometheus, moved by the routing ConfigMap the playbooks patch, hurt and healed by
 * {@code failwise sim}, with the scaled gateways becoming ready, and a one-line-per-event feed.
 */
@Singleton
public class EmbeddedWorld implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(EmbeddedWorld.class);
  /** Simulated history made before the controller starts, so the detector is warm at once. */
  static final Duration HISTORY = Duration.ofMinutes(15);
  /** Ticks of the fleet between two looks at the API server (twice a wall second). */
  private static final int TICKS_PER_LOOK = 5;

  private final KubernetesClient client;
  private final SwitchableClock clock;
  private final MeterRegistry registry;
  private final SimulatorAction simulator;
  private final FailwiseConfig config;
  private LivingFleet world;
  private Thread thread;
  private Timeline feed;
  private volatile boolean stopped;

  public EmbeddedWorld(
      KubernetesClient client, SwitchableClock clock, MeterRegistry registry, SimulatorAction simulator, FailwiseConfig config) {
    this.client = client;
    this.clock = clock;
    this.registry = registry;
    this.simulator = simulator;
    this.config = config;
  }

  /**
   * Brings the clusters in {@code namespace} to life: each Cluster with a {@code static} signal gets
   * that many simulated devices and is observed through the simulated Prometheus from then on.
   * Returns the names of the clusters simulated.
   */
  public List<String> start(String namespace, double speed, long seed) throws InterruptedException {
    List<Cluster> clusters = client.resources(Cluster.class).inNamespace(namespace).list().getItems().stream()
        .filter(c -> c.getSpec() != null && c.getSpec().signals != null && c.getSpec().signals.staticSignal != null)
        .toList();
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    FleetSimulator.Builder b = FleetSimulator.builder(now.minus(HISTORY)).seed(seed);
    Map<String, Long> home = new LinkedHashMap<>();
    Map<String, Double> admission = new LinkedHashMap<>();
    for (Cluster c : clusters) {
      long devices = c.getSpec().signals.staticSignal.expected;
      long capacity = c.getSpec().capacity == null || c.getSpec().capacity.devices == null ? devices : c.getSpec().capacity.devices;
      double rate = c.getSpec().admission == null || c.getSpec().admission.devicesPerSecond == null
          ? 100 : c.getSpec().admission.devicesPerSecond;
      b.cluster(new ClusterSetup(c.getMetadata().getName(), devices, Math.max(capacity, devices), rate));
      home.put(c.getMetadata().getName(), devices);
      admission.put(c.getMetadata().getName(), rate);
    }
    FleetSimulator fleet = b.build();
    world = LivingFleet.start(fleet, speed, config.timeZone(), clock, registry, simulator);
    fleet.advanceTo(now);
    for (Cluster c : clusters) {
      world.observe(c);
      client.resource(c).update();
    }
    // Published for the CLI in other processes: `failwise silence --for 30m` means the controller's next 30 minutes.
    WorldClock.Publisher published = new WorldClock.Publisher(
        client, config.runs().controlNamespace(), clock, java.time.Clock.systemUTC(), world::rate);
    published.look();
    feed = new Timeline(new PrintWriter(java.io.OutputStream.nullOutputStream()), config.timeZone(), List.of()).inTimeOrder();
    RoutingGateway gateway = new RoutingGateway(client, namespace, fleet, home, admission, feed);
    FaultBoard faults = new FaultBoard(client, namespace, fleet, feed);
    Workloads workloads = new Workloads(client, namespace);
    List<Runnable> looks = new ArrayList<>();
    looks.add(faults::look);
    looks.add(gateway::look);
    looks.add(() -> workloads.look(fleet.now()));
    RunFeed runs = new RunFeed(client, feed);
    looks.add(() -> pace(runs.look(clock.instant())));
    looks.add(published::look); // after pace: a change of rate is published at once
    thread = new Thread(() -> loop(looks), "failwise-living-world");
    thread.setDaemon(true);
    thread.start();
    return List.copyOf(home.keySet());
  }

  /** From now on, prints health transitions, decisions, run steps and what the world did to {@code out}. */
  public void startFeed(PrintWriter out, String namespace) {
    Timeline timeline = feed;
    FleetObserver observer = new FleetObserver(client, namespace, timeline).withHalt(config.runs().controlNamespace());
    observer.look(clock.instant()); // what is already so is the summary's, not news
    feedLooks.add(() -> observer.look(clock.instant()));
    timeline.printTo(out);
  }

  private boolean waitingForPerson;

  /** Simulated time runs at wall speed while a run waits for a person, and at --speed otherwise. */
  private void pace(boolean awaitingApproval) {
    if (awaitingApproval != waitingForPerson) {
      waitingForPerson = awaitingApproval;
      world.realTime(awaitingApproval);
      feed.sim(clock.instant(), awaitingApproval
          ? "A run waits for a person: simulated time runs at real speed until nobody is asked any more."
          : "Nobody is asked any more: simulated time runs at the chosen speed again.");
    }
  }

  private final List<Runnable> feedLooks = new java.util.concurrent.CopyOnWriteArrayList<>();

  private void loop(List<Runnable> looks) {
    long ticks = 0;
    while (!stopped) {
      try {
        world.tick();
        if (++ticks % TICKS_PER_LOOK == 0) {
          for (Runnable look : looks) {
            lookAlone(look);
          }
          for (Runnable look : feedLooks) {
            lookAlone(look);
          }
          feed.endOfRound();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        // The world must never stop the controller: say what failed and keep the fleet going.
        said(e);
      }
    }
  }

  /** A look that failed while the world runs is said; one cut short by the world stopping is not news. */
  private void said(RuntimeException e) {
    if (!stopped) {
      LOG.warnf("The living world could not look at the API server: %s", e.getMessage());
    }
  }

  /**
   * One look; a look that fails is said and the others go on: a bad fault request once stopped the
   * gateway, the workloads, the feed and the published clock, since they came after it in the loop.
   */
  private void lookAlone(Runnable look) {
    if (stopped) {
      return;
    }
    try {
      look.run();
    } catch (RuntimeException e) {
      said(e);
    }
  }

  /**
   * At shutdown the world stops first, before the operator stops and closes the client it shares: it
   * went on looking through the closed client, and Ctrl-C printed "The living world could not look at
   * the API server: Client is closed" once per look.
   */
  void stopFirst(@Observes(notifyObserver = Reception.IF_EXISTS) @Priority(1_000) ShutdownEvent event) {
    close();
  }

  private boolean closed;

  /** Stops the world once: a command that ends on its own closes it, and the shutdown again. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopped = true;
    if (thread != null && thread != Thread.currentThread()) {
      thread.interrupt();
      try {
        thread.join(5_000); // no look in flight once close returns
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (world != null) {
      world.close();
    }
    if (feed != null) {
      feed.flush(); // the last second's lines, held to be put in time order
    }
  }
}
