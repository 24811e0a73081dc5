package io.failwise.cli.runs;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.failwise.cli.ApiServerCheck;
import io.failwise.operator.run.FailoverRuns;
import io.failwise.operator.run.HaltSwitch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code failwise abort RUN}: stops a run at its next reconcile and rolls back what it did, newest first. */
@Command(
    name = "abort",
    mixinStandardHelpOptions = true,
    description = "Stop a FailoverRun and roll back every step that ran, newest first; a Failover whose failback has begun"
        + " stops its failback and keeps its shift (docs/runs.md, Rollback). A side effect under way finishes first.")
public class AbortCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "RUN", description = "Name of the FailoverRun.")
  String run;

  @Mixin RunRequestOptions request;

  @Spec CommandSpec spec;

  private final KubernetesClient client;
  private final FailoverRuns runs;
  private final HaltSwitch halt;

  public AbortCommand(KubernetesClient client, FailoverRuns runs, HaltSwitch halt) {
    this.client = client;
    this.runs = runs;
    this.halt = halt;
  }

  @Override
  public Integer call() {
    ApiServerCheck.require(client);
    String ns = RunActions.namespace(client, request.namespace);
    String who = RunActions.who(request.as);
    var aborted = RunActions.refusedIsBadInput(() -> runs.abort(ns, run, who, request.reason, RunActions.now(client, halt.namespace())));
    spec.commandLine().getOut().printf("Abort of run %s/%s recorded as asked by %s; %s (watch with failwise runs).%n", ns, run, who,
        FailoverRuns.abortOutcome(aborted));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
