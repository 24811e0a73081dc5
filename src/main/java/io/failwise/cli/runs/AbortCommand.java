package io.failwise.cli.runs;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.failwise.api.Cluster;
import io.failwise.api.FailoverRun;
import io.failwise.cli.ApiServerCheck;
import io.failwise.cli.UserInputException;
import io.failwise.operator.run.AbortCheck;
import io.failwise.operator.run.FailoverRuns;
import io.failwise.operator.run.HaltSwitch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code failwise abort RUN}: stops a run at its next reconcile and rolls back what it did, newest first. */
@Command(
    name = "abort",
    mixinStandardHelpOptions = true,
    description = "Stop a FailoverRun and roll back every step that ran, newest first; a Failover whose failback has begun"
        + " stops its failback and keeps its shift (docs/runs.md, Rollback). A side effect under way finishes first. Refused"
        + " while the rollback would send the devices it moved back to a source in an outage, unless --anyway.")
public class AbortCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "RUN", description = "Name of the FailoverRun.")
  String run;

  @Mixin RunRequestOptions request;

  @Option(
      names = "--anyway",
      description = "Abort though the rollback sends the devices the run moved back to a source that shows an outage.")
  boolean anyway;

  @Spec CommandSpec spec;

  private final KubernetesClient client;
  private final FailoverRuns runs;
  private final HaltSwitch halt;
  private final io.failwise.operator.FailwiseConfig config;

  public AbortCommand(KubernetesClient client, FailoverRuns runs, HaltSwitch halt, io.failwise.operator.FailwiseConfig config) {
    this.client = client;
    this.runs = runs;
    this.halt = halt;
    this.config = config;
  }

  @Override
  public Integer call() {
    ApiServerCheck.require(client);
    String ns = RunActions.namespace(client, request.namespace);
    String who = RunActions.who(request.as);
    if (!anyway) {
      FailoverRun before = client.resources(FailoverRun.class).inNamespace(ns).withName(run).get();
      Cluster source = before == null || before.getSpec() == null || before.getSpec().source == null
          ? null : client.resources(Cluster.class).inNamespace(ns).withName(before.getSpec().source).get();
      var harm = before == null ? java.util.Optional.<String>empty() : AbortCheck.intoOutage(before, source, RunActions.now(client, halt.namespace()), config.timeZone());
      if (harm.isPresent()) {
        String target = before.getStatus().plan.target;
        throw new UserInputException("Run " + ns + "/" + run + " is not aborted: " + harm.get() + ". To keep the devices on " + target
            + ", do not abort: `failwise halt` pauses every run before its next move, until `failwise resume`. To roll back into the"
            + " outage anyway, run again with --anyway.");
      }
    }
    var aborted = RunActions.refusedIsBadInput(() -> runs.abort(ns, run, who, request.reason, RunActions.now(client, halt.namespace())));
    spec.commandLine().getOut().printf("Abort of run %s/%s recorded as asked by %s; %s (watch with failwise runs).%n", ns, run, who,
        FailoverRuns.abortOutcome(aborted));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
