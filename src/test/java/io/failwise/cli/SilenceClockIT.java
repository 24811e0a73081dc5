package io.failwise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.failwise.api.Cluster;
import io.failwise.api.MaintenanceWindowSpec;
import io.failwise.cli.world.WorldClock;
import io.failwise.embedded.EmbeddedApiServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code failwise silence go-eu-west-2 --for 30m} in a sped-up embedded world covers the next 30
 * minutes of the clock the controller judges by, not of the wall clock (an outage injected right
 * after went straight to Outage while the window lay hours in the world's past); on a real
 * cluster, where nothing publishes a clock, the wall clock's.
 */
class SilenceClockIT {
  private static final String CONTROL = "failwise-system";
  private static final Instant WALL = Instant.parse("2026-12-04T22:54:00Z");
  private static final Instant WORLD = Instant.parse("2026-12-05T03:51:00Z");

  private EmbeddedApiServer server;
  private KubernetesClient client;

  @BeforeEach
  void start() {
    server = EmbeddedApiServer.start(0);
    server.installCrds();
    server.applyDirectory(Path.of("manifests/samples"));
    client = server.client();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void inASpedUpWorldTheSilenceCoversTheControllersNextThirtyMinutes() {
    io.failwise.operator.ReplayClock wall = clockAt(WALL);
    io.failwise.operator.ReplayClock world = clockAt(WORLD);
    new WorldClock.Publisher(client, CONTROL, world, wall, () -> 60.0).look();
    // Ten wall seconds later the world, at 60x, is ten minutes on: the CLI must say so without asking the controller.
    wall.set(WALL.plusSeconds(10));

    String out = silence(wall, "go-eu-west-2", "-n", "failwise", "--for", "30m", "--reason", "broker upgrade", "--as", "ops");

    MaintenanceWindowSpec w = lastWindow("go-eu-west-2");
    Instant controllerNow = WORLD.plus(Duration.ofMinutes(10));
    assertEquals(controllerNow.toString(), w.start, out);
    assertEquals(controllerNow.plus(Duration.ofMinutes(30)).toString(), w.end, out);
    assertTrue(out.contains("from 2026-12-05T04:01:00Z until 2026-12-05T04:31:00Z by the embedded world's simulated clock"), out);
    // An outage the controller sees a minute later (by its clock) lies inside the window.
    Instant outage = controllerNow.plus(Duration.ofMinutes(1));
    assertFalse(outage.isBefore(Instant.parse(w.start)) || !outage.isBefore(Instant.parse(w.end)), w.start + ".." + w.end);
  }

  @Test
  void onARealClusterNothingIsPublishedAndTheSilenceIsByTheWallClock() {
    String out = silence(clockAt(WALL), "go-eu-west-2", "-n", "failwise", "--for", "30m", "--reason", "broker upgrade", "--as", "ops");

    MaintenanceWindowSpec w = lastWindow("go-eu-west-2");
    assertEquals("2026-12-04T22:54:00Z", w.start);
    assertEquals("2026-12-04T23:24:00Z", w.end);
    assertFalse(out.contains("simulated"), out);
  }

  @Test
  void theWorldPublishesAgainWhenItsRateChangesOrItDrifts() {
    io.failwise.operator.ReplayClock wall = clockAt(WALL);
    io.failwise.operator.ReplayClock world = clockAt(WORLD);
    AtomicReference<Double> rate = new AtomicReference<>(60.0);
    WorldClock.Publisher publisher = new WorldClock.Publisher(client, CONTROL, world, wall, rate::get);
    assertTrue(publisher.look(), "published at start");
    wall.set(WALL.plusSeconds(1));
    world.set(WORLD.plusSeconds(60));
    assertFalse(publisher.look(), "on time: nothing to write");
    // A run waits for a person: the world runs at wall speed, and the CLI must know at once.
    rate.set(1.0);
    assertTrue(publisher.look(), "a new rate is published");
    wall.set(WALL.plusSeconds(31));
    world.set(WORLD.plusSeconds(90));
    assertEquals(WORLD.plusSeconds(90), WorldClock.controllerClock(client, CONTROL, wall).instant());
    // The world's ticks ran late (a busy machine): 20 simulated seconds behind the anchor, published again.
    rate.set(60.0);
    publisher.look();
    wall.set(WALL.plusSeconds(41));
    world.set(WORLD.plusSeconds(90 + 600 - 20));
    assertTrue(publisher.look(), "drift beyond a quarter of a wall second's worth is corrected");
    assertEquals(WORLD.plusSeconds(670), WorldClock.controllerClock(client, CONTROL, wall).instant());
  }

  /**
   * The controller writes the Cluster's status between the CLI's read and its write (it does every
   * poll): the API server answers 409 Conflict. The CLI adds the window on a fresh read, once.
   */
  @Test
  void aStatusWrittenBetweenTheReadAndTheWriteIsNoFailureAndTheWindowIsAddedOnce() {
    java.util.concurrent.atomic.AtomicInteger writes = new java.util.concurrent.atomic.AtomicInteger();
    io.fabric8.kubernetes.client.http.Interceptor controllerFirst =
        new io.fabric8.kubernetes.client.http.Interceptor() {
          @Override
          public void before(io.fabric8.kubernetes.client.http.BasicBuilder builder, io.fabric8.kubernetes.client.http.HttpRequest request,
              io.fabric8.kubernetes.client.http.Interceptor.RequestTags tags) {
            if (!"GET".equals(request.method()) && request.uri().getPath().endsWith("/clusters/go-eu-west-2") && writes.getAndIncrement() == 0) {
              // The controller's status write lands first, with a new resourceVersion.
              client.resources(Cluster.class).inNamespace("failwise").withName("go-eu-west-2").editStatus(c -> {
                c.setStatus(c.getStatus() == null ? new io.failwise.api.ClusterStatus() : c.getStatus());
                c.getStatus().health = "Healthy";
                return c;
              });
            }
          }
        };
    int before = windows("go-eu-west-2");
    try (KubernetesClient cli = new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(client.getConfiguration())
        .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("controller-first", controllerFirst)).build()) {
      String out = silence(cli, clockAt(WALL), "go-eu-west-2", "-n", "failwise", "--for", "30m", "--reason", "broker upgrade", "--as", "ops");
      assertTrue(out.startsWith("Silenced Cluster failwise/go-eu-west-2 from "), out);
    }
    assertTrue(writes.get() >= 2, "the first write met the conflict and was made again: " + writes.get());
    assertEquals(before + 1, windows("go-eu-west-2"), "one window added");
  }

  private int windows(String cluster) {
    var w = client.resources(Cluster.class).inNamespace("failwise").withName(cluster).get().getSpec().maintenance;
    return w == null ? 0 : w.size();
  }

  private String silence(Clock wall, String... args) {
    return silence(client, wall, args);
  }

  private String silence(KubernetesClient client, Clock wall, String... args) {
    CommandLine cmd = CommandLineSetup.withErrorHandling(new CommandLine(new SilenceCommand(client, () -> CONTROL, wall)));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    assertEquals(0, cmd.execute(args), err.toString());
    return out.toString();
  }

  private MaintenanceWindowSpec lastWindow(String cluster) {
    List<MaintenanceWindowSpec> windows =
        client.resources(Cluster.class).inNamespace("failwise").withName(cluster).get().getSpec().maintenance;
    return windows.get(windows.size() - 1);
  }

  /** A clock the test sets (the replay tests' clock, outside CDI here). */
  private static io.failwise.operator.ReplayClock clockAt(Instant start) {
    io.failwise.operator.ReplayClock clock = new io.failwise.operator.ReplayClock();
    clock.set(start);
    return clock;
  }
}
