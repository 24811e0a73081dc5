package io.failwise.cli.runs;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.failwise.api.FailoverRun;
import io.failwise.cli.ApiServerCheck;
import io.failwise.operator.run.FailoverRuns;
import io.failwise.operator.run.HaltSwitch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
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
    FailoverRun resolved = RunActions.refusedIsBadInput(() -> runs.resolve(ns, run, who, request.reason, at));
    var record = resolved.getStatus().resolved;
    String earlier = io.failwise.operator.run.RunStatuses.time(at).equals(record.at) ? "" : " (before; resolving again changed nothing)";
    spec.commandLine().getOut().printf(
        "Run %s/%s is resolved by %s at %s%s: %s free for other runs and policies once the controller has seen it.%n",
        ns, run, record.by, record.at, earlier, clusters(resolved));
    spec.commandLine().getOut().flush();
    return 0;
  }

  private static String clusters(FailoverRun run) {
    String source = run.getSpec().source;
    String target = run.getStatus().target;
    return target == null || target.equals(source) ? source + " is" : source + " and " + target + " are";
  }
}
