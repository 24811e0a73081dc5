package io.failwise.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.failwise.api.Cluster;
import io.failwise.api.Region;
import io.failwise.cli.world.EmbeddedWorld;
import io.failwise.cli.world.StartupSummary;
import io.failwise.cli.world.WorldResources;
import io.failwise.embedded.EmbeddedApiServer;
import io.failwise.operator.AllowListProducer;
import io.failwise.operator.OperatorShutdown;
import io.javaoperatorsdk.operator.Operator;
import io.quarkus.runtime.Quarkus;
import io.quarkus.vertx.http.HttpServer;
import jakarta.enterprise.inject.Instance;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code failwise run}: the controller, against a real cluster or the embedded API server. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run the Failwise controller against the cluster KUBECONFIG (or the in-cluster config) names.",
      "With --embedded, start an in-process API server with the CRDs and samples instead."
    })
public class RunCommand implements Callable<Integer> {
  @Option(names = "--embedded", description = "Start an in-process Kubernetes API server (fabric8 mock, CRUD mode).")
  boolean embedded;

  @Option(names = "--api-port", defaultValue = "0", description = "Port of the embedded API server (0: a free one).")
  int apiPort;

  @Option(
      names = "--samples",
      description = "Folder of YAML resources to create in the embedded server (default: manifests/samples, else the copy in the jar).")
  Path samples;

  @Option(names = "--no-samples", description = "Start the embedded server empty.")
  boolean noSamples;

  @Option(
      names = "--kubeconfig-out",
      defaultValue = "target/failwise-embedded.kubeconfig",
      description = "Where to write the embedded server's kubeconfig (default: ${DEFAULT-VALUE}).")
  Path kubeconfigOut;

  @Option(
      names = "--speed",
      defaultValue = "1",
      description = "With --embedded: simulated seconds of the living world per wall-clock second, as in the demo (default: ${DEFAULT-VALUE}).")
  double speed;

  @Option(names = "--seed", defaultValue = "42", description = "With --embedded: seed of the simulated fleet (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--exit-after", description = "Stop after this long (ISO-8601 like PT30S, or 30s, 5m); default: until Ctrl-C.")
  String exitAfter;

  @Option(
      names = "--no-controller",
      description = "With --embedded: run the API server alone, for controllers started elsewhere (two replicas with leader election).")
  boolean noController;

  @Spec CommandSpec spec;

  private final Operator operator;
  private final KubernetesClient client;
  private final Clock clock;
  private final EmbeddedWorld world;
  private final AllowListProducer allowLists;
  private final Instance<HttpServer> http;

  private final io.failwise.operator.run.HaltWatch halts;

  public RunCommand(
      Operator operator, KubernetesClient client, Clock clock, EmbeddedWorld world, AllowListProducer allowLists, Instance<HttpServer> http,
      io.failwise.operator.run.HaltWatch halts) {
    this.halts = halts;
    this.world = world;
    this.allowLists = allowLists;
    this.http = http;
    this.operator = operator;
    this.client = client;
    this.clock = clock;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Duration limit = exitAfter == null ? null : Durations.parse("--exit-after", exitAfter);
    EmbeddedApiServer server = EmbeddedMode.server();
    if (noController && !embedded) {
      throw new UserInputException("--no-controller runs the embedded API server alone; add --embedded");
    }
    if (embedded) {
      if (server == null) {
        throw new UserInputException("--embedded must be given on the command line (it is read before start-up)");
      }
      if (!(speed > 0 && speed <= 10_000)) {
        throw new UserInputException("--speed must be a number above 0 and at most 10000, got " + speed);
      }
      int created = noSamples ? 0 : WorldResources.samples(server, samples) + WorldResources.playbooks(server);
      List<String> living = noSamples ? List.of() : world.start(EmbeddedMode.NAMESPACE, speed, seed);
      Path kubeconfig = server.writeKubeconfig(kubeconfigOut, EmbeddedMode.NAMESPACE);
      out.printf("Embedded Kubernetes API server listening on %s (in memory; checks the CRDs' schemas and CEL rules; no field"
          + " ownership for server-side apply, no set-based selectors)%n", server.url());
      out.printf("Created %d sample resources (regions, clusters, routing, gateways, playbooks, the eu-shadow policy). kubeconfig: %s%n",
          created, kubeconfig.toAbsolutePath());
      if (!living.isEmpty()) {
        out.printf("Living world: %s simulated at %sx behind a simulated Prometheus; `failwise sim outage CLUSTER` injects an outage.%n",
            String.join(", ", living), speed == Math.rint(speed) ? String.valueOf((long) speed) : String.valueOf(speed));
      }
      out.printf("  KUBECONFIG=%s kubectl get clusters.failwise.io -A%n", kubeconfig.toAbsolutePath());
      if (!noController) {
        port().ifPresent(port -> out.println(consoleLine(port)));
      }
      out.flush();
    }
    if (noController) {
      out.printf("No controller (--no-controller): start controllers with KUBECONFIG=%s failwise run%n",
          server.writeKubeconfig(kubeconfigOut, EmbeddedMode.NAMESPACE).toAbsolutePath());
      out.flush();
      try {
        return waitForExit(limit);
      } finally {
        if (limit != null) {
          world.close();
        }
      }
    }
    // Said by the controller that uses it, not by every command that starts the application.
    allowLists.warnAtControllerStart();
    operator.start();
    halts.start();
    out.printf("Failwise controller running against %s%n", client.getMasterUrl());
    out.flush();
    if (embedded && !noSamples) {
      printWhenObserved(out, Duration.ofSeconds(60));
      world.startFeed(out, EmbeddedMode.NAMESPACE);
    }
    try {
      return waitForExit(limit);
    } finally {
      // With --exit-after (or when the thread running the command is interrupted) the command ends
      // what it started; on Ctrl-C, Quarkus's shutdown stops the operator.
      if (limit != null) {
        world.close();
        OperatorShutdown.stopNow(operator);
      }
    }
  }

  /**
   * Where this process serves the console and /q/metrics: the port actually bound, which
   * QUARKUS_HTTP_PORT (or -Dquarkus.http.port) changes and 0 picks freely; empty when HTTP is off.
   */
  private java.util.OptionalInt port() {
    if (!http.isResolvable()) {
      return java.util.OptionalInt.empty();
    }
    int port = http.get().getPort();
    return port > 0 ? java.util.OptionalInt.of(port) : java.util.OptionalInt.empty();
  }

  /** The banner's line: "Console: http://localhost:8080/console/  Metrics: http://localhost:8080/q/metrics". */
  static String consoleLine(int port) {
    String base = "http://localhost:" + port + "/";
    return "Console: " + base + "console/  Metrics: " + base + "q/metrics";
  }

  private static int waitForExit(Duration limit) throws InterruptedException {
    if (limit != null) {
      Thread.sleep(limit.toMillis());
      return 0;
    }
    Quarkus.waitForExit();
    return 0;
  }

  /** Prints the regions and clusters once the controller has written every status (or the wait ends). */
  private void printWhenObserved(PrintWriter out, Duration wait) throws InterruptedException {
    Instant deadline = Instant.now().plus(wait);
    List<Region> regions;
    List<Cluster> clusters;
    do {
      Thread.sleep(250);
      regions = client.resources(Region.class).list().getItems();
      clusters = client.resources(Cluster.class).inAnyNamespace().list().getItems();
    } while (Instant.now().isBefore(deadline) && !StartupSummary.settled(regions, clusters));
    out.println();
    ResourceTables.regions(regions, clock.instant()).print(out);
    out.println();
    ResourceTables.clusters(clusters, clock.instant()).print(out);
    out.println();
    out.println("The controller keeps reconciling; Ctrl-C stops it.");
    out.flush();
  }
}
