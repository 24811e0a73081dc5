package io.failwise.cli.world;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.failwise.api.Cluster;
import io.failwise.cli.ApiServerCheck;
import io.failwise.cli.Durations;
import io.failwise.cli.Namespaces;
import io.failwise.cli.UserInputException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code failwise sim outage|recover}: game-day faults for the living world of
 * {@code failwise run --embedded}. The request goes through the API server, as an entry of the
 * {@value FaultRequest#CONFIG_MAP} ConfigMap that the world reads; the command waits for its answer.
 */
@Command(
    name = "sim",
    mixinStandardHelpOptions = true,
    description = "Inject an outage into, or recover, a cluster of the living world of `failwise run --embedded`.",
    subcommands = {SimCommand.Outage.class, SimCommand.Recover.class})
public class SimCommand {
  /** How long to wait for the world's answer (wall time). */
  static final Duration ANSWER_WAIT = Duration.ofSeconds(15);

  abstract static class Request implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CLUSTER", description = "Name of the Cluster.")
    String cluster;

    @Option(names = {"-n", "--namespace"}, description = "Namespace of the cluster (default: the kubeconfig's).")
    String namespace;

    @Spec CommandSpec spec;

    final KubernetesClient client;

    Request(KubernetesClient client) {
      this.client = client;
    }

    abstract FaultRequest request(String id);

    @Override
    public Integer call() throws InterruptedException {
      ApiServerCheck.require(client);
      String ns = Namespaces.effective(client, namespace);
      if (cluster == null || cluster.isBlank()) {
        throw new UserInputException("CLUSTER: a Cluster's name is required; `failwise get clusters` lists them");
      }
      if (client.resources(Cluster.class).inNamespace(ns).withName(cluster).get() == null) {
        throw new UserInputException("CLUSTER: there is no Cluster " + ns + "/" + cluster + "; `failwise get clusters` lists them");
      }
      FaultRequest request;
      try {
        request = request(UUID.randomUUID().toString());
      } catch (IllegalArgumentException e) {
        throw new UserInputException("--" + e.getMessage());
      }
      var configMaps = client.configMaps().inNamespace(ns);
      if (configMaps.withName(FaultRequest.CONFIG_MAP).get() == null) {
        configMaps.resource(new ConfigMapBuilder().withNewMetadata().withName(FaultRequest.CONFIG_MAP).withNamespace(ns).endMetadata()
            .withData(Map.of(cluster, request.toJson())).build()).create();
      } else {
        configMaps.withName(FaultRequest.CONFIG_MAP).edit(c -> {
          c.getData().put(cluster, request.toJson());
          return c;
        });
      }
      PrintWriter out = spec.commandLine().getOut();
      Instant deadline = Instant.now().plus(ANSWER_WAIT);
      while (Instant.now().isBefore(deadline)) {
        var cm = configMaps.withName(FaultRequest.CONFIG_MAP).get();
        String answer = cm == null || cm.getData() == null ? null : cm.getData().get(cluster + FaultRequest.APPLIED_SUFFIX);
        if (answer != null && answer.startsWith(request.id())) {
          String text = answer.substring(request.id().length() + 2);
          if (text.startsWith("error: ")) {
            throw new UserInputException(text.substring(7));
          }
          out.printf("%s/%s: %s, %s (simulated time).%n", ns, cluster, request.describe(), text);
          out.flush();
          return 0;
        }
        Thread.sleep(200);
      }
      spec.commandLine().getErr().printf(
          "failwise sim: no living world answered within %d s; the request stays in ConfigMap %s/%s. sim needs `failwise run --embedded`.%n",
          ANSWER_WAIT.toSeconds(), ns, FaultRequest.CONFIG_MAP);
      return 1;
    }
  }

  /** {@code failwise sim outage CLUSTER}. */
  @Command(
      name = "outage",
      mixinStandardHelpOptions = true,
      description = {
        "Make a cluster of the living world lose devices.",
        "All of them (the default), a share (--offline 30%%) or a number (--offline 5000); the same devices, or "
        + "different ones by turns (--intermittent); until `sim recover`, or for a while (--for 2h)."
      })
  public static class Outage extends Request {
    @Option(names = "--offline", paramLabel = "SHARE|N", description = "Devices kept offline: a share like 40%% or a number like 5000 (default: all).")
    String offline;

    @Option(names = "--intermittent", description = "Different devices take turns offline, as on 12 March 2026.")
    boolean intermittent;

    @Option(names = "--for", paramLabel = "DURATION", description = "End the outage after this much simulated time (30m, 2h, PT2H).")
    String forDuration;

    public Outage(KubernetesClient client) {
      super(client);
    }

    @Override
    FaultRequest request(String id) {
      Duration d = forDuration == null ? null : Durations.parse("--for", forDuration);
      return FaultRequest.outage(id, offline, intermittent, d);
    }
  }

  /** {@code failwise sim recover CLUSTER}. */
  @Command(name = "recover", mixinStandardHelpOptions = true, description = "End every injected fault of the cluster.")
  public static class Recover extends Request {
    public Recover(KubernetesClient client) {
      super(client);
    }

    @Override
    FaultRequest request(String id) {
      return FaultRequest.recovery(id);
    }
  }
}
