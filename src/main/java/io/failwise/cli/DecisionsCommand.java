package io.failwise.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.failwise.api.FailoverPolicy;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code failwise decisions}: what the FailoverPolicies decided, newest first, and why. */
@Command(
    name = "decisions",
    mixinStandardHelpOptions = true,
    description = "List the decisions FailoverPolicies recorded, newest first, each with its explanation.")
public class DecisionsCommand implements Callable<Integer> {
  @Parameters(index = "0", arity = "0..1", paramLabel = "POLICY", description = "Only this policy's decisions.")
  String policy;

  @Option(names = {"-n", "--namespace"}, description = "Namespace of the policies (default: the kubeconfig's).")
  String namespace;

  @Option(names = {"-A", "--all-namespaces"}, description = "Policies of every namespace.")
  boolean allNamespaces;

  @Option(names = {"-o", "--output"}, defaultValue = "table", description = "table, wide, json or yaml (default: ${DEFAULT-VALUE}).")
  Format output;

  /** How decisions prints: get's words, and wide for the explanation as a last column. */
  enum Format {
    table,
    wide,
    json,
    yaml
  }

  @Spec CommandSpec spec;

  private final KubernetesClient client;
  private final io.failwise.operator.FailwiseConfig config;

  public DecisionsCommand(KubernetesClient client, io.failwise.operator.FailwiseConfig config) {
    this.client = client;
    this.config = config;
  }

  @Override
  public Integer call() {
    ApiServerCheck.require(client);
    if (allNamespaces && policy != null) {
      throw new UserInputException("POLICY names one policy in one namespace: give -n NAMESPACE instead of -A");
    }
    var op = client.resources(FailoverPolicy.class);
    String ns = Namespaces.effective(client, namespace);
    List<FailoverPolicy> policies;
    if (allNamespaces) {
      policies = op.inAnyNamespace().list().getItems();
    } else if (policy != null) {
      FailoverPolicy one = op.inNamespace(ns).withName(policy).get();
      if (one == null) {
        throw new UserInputException("FailoverPolicy " + ns + "/" + policy + " does not exist (failwise get policies -n " + ns + " lists them)");
      }
      policies = List.of(one);
    } else {
      policies = op.inNamespace(ns).list().getItems();
    }
    List<DecisionTable.Entry> entries = DecisionTable.entries(policies);
    PrintWriter out = spec.commandLine().getOut();
    switch (output) {
      case json -> out.println(Serialization.asJson(entries));
      case yaml -> out.print(Serialization.asYaml(entries));
      case table, wide -> {
        if (entries.isEmpty()) {
          out.println("No decisions found.");
        } else {
          DecisionTable.print(out, entries, output == Format.wide, config.timeZone());
        }
      }
    }
    out.flush();
    return 0;
  }
}
