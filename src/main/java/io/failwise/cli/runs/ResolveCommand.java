package io.failwise.cli.runs;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.failwise.api.FailoverRun;
import io.failwise.cli.ApiServerCheck;
import io.failwise.cli.UserInputException;
import io.failwise.operator.run.FailoverRuns;
import io.failwise.operator.run.HaltSwitch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code failwise resolve RUN}: a person finished by hand what a Failed run left; its clusters are free again. */
@Command(
    name = "resolve",
    mixinStandardHelpOptions = true,
    description = "Say that a Failed FailoverRun's routing is back in hand: you finished by hand what its status says"
        + " (where the devices are, what to restore). Until then the run holds its source and target and no run or policy"
        + " moves devices into or out of them (docs/runs.md, A Failed run holds its clusters).")
public class ResolveCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "RUN", description = "Name of the Failed FailoverRun.")
  String run;

  @Mixin RunRequestOptions request;

  @Option(
      names = "--anyway",
      description = "Resolve though what the run changed still differs from the values it saved (you left it so on purpose).")
  boolean anyway;

  @Spec CommandSpec spec;

  private final KubernetesClient client;
  private final FailoverRuns runs;
  private final HaltSwitch halt;

  public ResolveCommand(KubernetesClient client, FailoverRuns runs, HaltSwitch halt) {
    this.client = client;
    this.runs = runs;
    this.halt = halt;
  }

  @Override
  public Integer call() {
    ApiServerCheck.require(client);
    String ns = RunActions.namespace(client, request.namespace);
    String who = RunActions.who(request.as);
    java.time.Instant at = RunActions.now(client, halt.namespace());
    FailoverRun before = client.resources(FailoverRun.class).inNamespace(ns).withName(run).get();
    // Only a Failed run not yet resolved is checked: any other is refused for its phase by runs.resolve, as before.
    boolean toResolve = before != null && io.failwise.operator.run.RunStatuses.phase(before) == io.failwise.model.run.RunPhase.FAILED
        && before.getStatus().resolved == null;
    java.util.List<String> differing = !toResolve
        ? java.util.List.of()
        : io.failwise.operator.run.ResolveCheck.notPutBack(before.getStatus(), this::current);
    if (!differing.isEmpty() && !anyway) {
      throw new UserInputException("Run " + ns + "/" + run + " is not resolved: what it changed is not back as it found it: "
          + String.join("; ", differing) + ". Put it back by hand (the run's status says in which order), or, if you left it so on"
          + " purpose, run again with --anyway.");
    }
    FailoverRun resolved = RunActions.refusedIsBadInput(() -> runs.resolve(ns, run, who, request.reason, at));
    var record = resolved.getStatus().resolved;
    String earlier = io.failwise.operator.run.RunStatuses.time(at).equals(record.at) ? "" : " (before; resolving again changed nothing)";
    spec.commandLine().getOut().printf(
        "Run %s/%s is resolved by %s at %s%s: %s free for other runs and policies once the controller has seen it.%n",
        ns, run, record.by, record.at, earlier, clusters(resolved));
    spec.commandLine().getOut().flush();
    return 0;
  }

  /** The object a run changed, as it is now. */
  private java.util.Optional<com.fasterxml.jackson.databind.JsonNode> current(io.failwise.api.FailoverRunStatus.SavedObject o) {
    var resources = client.genericKubernetesResources(o.apiVersion, o.kind);
    var object = (o.namespace == null ? resources.withName(o.name) : resources.inNamespace(o.namespace).withName(o.name)).get();
    return java.util.Optional.ofNullable(object).map(g -> client.getKubernetesSerialization().convertValue(g, com.fasterxml.jackson.databind.JsonNode.class));
  }

  private static String clusters(FailoverRun run) {
    String source = run.getSpec().source;
    String target = run.getStatus().target;
    return target == null || target.equals(source) ? source + " is" : source + " and " + target + " are";
  }
}
