package io.failwise.cli;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.failwise.api.Cluster;
import io.failwise.api.FailoverPolicy;
import io.failwise.api.Region;
import io.failwise.cli.world.WorldClock;
import io.failwise.operator.FailwiseConfig;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code failwise get regions|clusters|policies}: what the controller reports, read from the API server. */
@Command(
    name = "get",
    mixinStandardHelpOptions = true,
    description = {
      "Show Regions, Clusters or FailoverPolicies and the status the controller wrote, like kubectl get.",
      "The clusters' RUN column names the run that holds each (as its source or its target), or whose moves its counts still settle from."
    })
public class GetCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "KIND", description = "regions, clusters or policies")
  String kind;

  @Option(names = {"-n", "--namespace"}, description = "Namespace of the clusters (default: the kubeconfig's).")
  String namespace;

  @Option(names = {"-A", "--all-namespaces"}, description = "Clusters in every namespace.")
  boolean allNamespaces;

  @Option(names = {"-o", "--output"}, defaultValue = "table", description = "table, json or yaml (default: ${DEFAULT-VALUE}).")
  OutputFormat.TableJsonYaml output;

  @Spec CommandSpec spec;

  private final KubernetesClient client;
  private final Clock clock;
  private final FailwiseConfig config;

  public GetCommand(KubernetesClient client, Clock clock, FailwiseConfig config) {
    this.client = client;
    this.clock = clock;
    this.config = config;
  }

  @Override
  public Integer call() {
    ApiServerCheck.require(client);
    PrintWriter out = spec.commandLine().getOut();
    switch (kind.toLowerCase(Locale.ROOT)) {
      case "regions", "region", "fwregion" -> {
        List<Region> items = client.resources(Region.class).list().getItems();
        print(out, items, () -> ResourceTables.regions(items, clock.instant()));
      }
      case "clusters", "cluster", "fwcluster" -> {
        var op = client.resources(Cluster.class);
        List<Cluster> items =
            allNamespaces
                ? op.inAnyNamespace().list().getItems()
                : op.inNamespace(namespaceOrDefault()).list().getItems();
        print(out, items, () -> ResourceTables.clusters(items, clock.instant(), occupancy(allNamespaces ? null : namespaceOrDefault())::of));
      }
      case "policies", "policy", "failoverpolicies", "failoverpolicy", "fwpolicy" -> {
        var op = client.resources(FailoverPolicy.class);
        List<FailoverPolicy> items = allNamespaces ? op.inAnyNamespace().list().getItems() : op.inNamespace(namespaceOrDefault()).list().getItems();
        print(out, items, () -> ResourceTables.policies(items, clock.instant()));
      }
      default -> throw new UserInputException("KIND must be one of: regions, clusters, policies (got '" + kind + "')");
    }
    return 0;
  }

  /**
   * Which run holds each cluster, or settles there, by the controller's ledger in its namespace and at the
   * controller's time (an embedded world's simulated time when one publishes it).
   */
  private ClusterOccupancy occupancy(String ns) {
    String control = config.runs().controlNamespace();
    java.time.Instant now = WorldClock.controllerClock(client, control, Clock.systemUTC()).instant();
    return ClusterOccupancy.read(client, control, ns, config.runs().settle(), now, spec.commandLine().getErr());
  }

  private String namespaceOrDefault() {
    return Namespaces.effective(client, namespace);
  }

  private void print(PrintWriter out, List<? extends HasMetadata> items, java.util.function.Supplier<Table> table) {
    switch (output) {
      case json -> out.println(Serialization.asJson(items));
      case yaml -> out.print(Serialization.asYaml(items));
      case table -> {
        if (items.isEmpty()) {
          out.println("No resources found.");
        } else {
          table.get().print(out);
        }
      }
    }
    out.flush();
  }
}
