package io.failwise.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.failwise.api.Cluster;
import io.failwise.api.validation.Silences;
import io.failwise.cli.world.WorldClock;
import io.failwise.operator.FailwiseConfig;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code failwise silence CLUSTER --for 30m --reason "..."}: a one-off maintenance window from now. */
@Command(
    name = "silence",
    mixinStandardHelpOptions = true,
    description = {
      "Declare a one-off maintenance window on a Cluster, from now.",
      "Now is the controller's clock: the wall clock on a cluster, the simulated one in a sped-up embedded world.",
      "Inside it a loss of devices is Degraded with reason Maintenance, never an Outage, and no policy acts.",
      "An Outage in progress is silenced, not ended: no policy decides on it until the window ends, then the same "
      + "outage goes on if the devices are still offline; if they come back before, it ends then.",
      "Written to spec.maintenance."
    })
public class SilenceCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "CLUSTER", description = "Name of the Cluster.")
  String cluster;

  @Option(names = {"-n", "--namespace"}, description = "Namespace of the cluster (default: the kubeconfig's).")
  String namespace;

  @Option(names = "--for", required = true, paramLabel = "DURATION", description = "How long, e.g. 30m or 2h (at most 24h).")
  String length;

  @Option(names = "--reason", required = true, description = "Why devices may drop, for the condition and the record.")
  String reason;

  @Option(names = "--as", paramLabel = "WHO", description = "Who silences, for the record (default: your login name).")
  String as;

  @Spec CommandSpec spec;

  private final KubernetesClient client;
  private final java.util.function.Supplier<String> controlNamespace;
  private final Clock wall;

  @Inject
  public SilenceCommand(KubernetesClient client, FailwiseConfig config) {
    this(client, () -> config.runs().controlNamespace(), Clock.systemUTC());
  }

  /** With the namespace where an embedded world publishes its clock, and the wall clock. */
  SilenceCommand(KubernetesClient client, java.util.function.Supplier<String> controlNamespace, Clock wall) {
    this.client = client;
    this.controlNamespace = controlNamespace;
    this.wall = wall;
  }

  @Override
  public Integer call() {
    ApiServerCheck.require(client);
    Duration d = Durations.parse("--for", length);
    String ns = Namespaces.effective(client, namespace);
    String who = as != null && !as.isBlank() ? as : System.getProperty("user.name", "unknown");
    var resource = client.resources(Cluster.class).inNamespace(ns).withName(cluster);
    Cluster current = resource.get();
    if (current == null) {
      throw new UserInputException("Cluster " + ns + "/" + cluster + " does not exist");
    }
    // The window is judged by the controller's clock: the wall clock on a real cluster, the
    // simulated one in a sped-up embedded world, whose next 30 minutes pass in 30 wall seconds at 60x.
    Optional<Clock> simulated = WorldClock.published(client, controlNamespace.get(), wall);
    Instant now = simulated.orElse(wall).instant();
    try {
      Silences.add(current.getSpec() == null ? null : current.getSpec().maintenance, now, d, reason, who);
    } catch (IllegalArgumentException e) {
      throw new UserInputException(e.getMessage());
    }
    Cluster edited = addWindow(resource, now, d, who);
    var w = edited.getSpec().maintenance.get(edited.getSpec().maintenance.size() - 1);
    spec.commandLine().getOut().printf(
        "Silenced Cluster %s/%s from %s until %s%s (%s) as %s: a loss of devices is Degraded with reason Maintenance,"
            + " not an Outage, and no policy acts; an outage in progress is silenced, not ended.%n",
        ns, cluster, w.start, w.end, simulated.isPresent() ? " by the embedded world's simulated clock" : "", w.reason, who);
    spec.commandLine().getOut().flush();
    return 0;
  }

  /** Attempts at the write before a conflict is said: the controller writes this Cluster's status every poll. */
  static final int ATTEMPTS = 5;

  /**
   * Appends the window on a fresh read of the Cluster, again on a fresh read if the API server answers
   * 409 Conflict (the controller wrote the Cluster's status between the read and the write): nothing was
   * written then, so the window is added once.
   */
  private Cluster addWindow(io.fabric8.kubernetes.client.dsl.Resource<Cluster> resource, Instant now, Duration d, String who) {
    for (int attempt = 1; ; attempt++) {
      try {
        return resource.edit(c -> {
          c.getSpec().maintenance = Silences.add(c.getSpec().maintenance, now, d, reason, who);
          return c;
        });
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() != 409 || attempt >= ATTEMPTS) {
          throw e;
        }
      }
    }
  }
}
