package io.failwise.cli.runs;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.failwise.operator.run.FailoverRuns;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code failwise approve RUN}: lets a run pass the approval step it waits at, recording who and when. */
@Command(name = "approve", mixinStandardHelpOptions = true, description = "Approve the step a FailoverRun waits at (phase AwaitingApproval).")
public class ApproveCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "RUN", description = "Name of the FailoverRun.")
  String run;

  @Option(names = {"-n", "--namespace"}, description = "Namespace of the run (default: the kubeconfig's).")
  String namespace;

  @Option(names = "--as", paramLabel = "WHO", description = "Who approves, for the record (default: your login name).")
  String as;

  @Option(names = "--step", paramLabel = "STEP", description = "Approve only this approval step (refused if the run waits at another).")
  String step;

  @Spec CommandSpec spec;

  private final KubernetesClient client;
  private final FailoverRuns runs;

  public ApproveCommand(KubernetesClient client, FailoverRuns runs) {
    this.client = client;
    this.runs = runs;
  }

  @Override
  public Integer call() {
    String ns = RunActions.namespace(client, namespace);
    String who = RunActions.who(as);
    FailoverRuns.Approved result = RunActions.refusedIsBadInput(() -> runs.approve(ns, run, who, step));
    var approval = result.approval();
    if (result.alreadyApproved()) {
      // Not an error: a second approve (or one sent on a stale read) asks for what is already true.
      spec.commandLine().getOut().printf(
          "Step %s of run %s/%s was already approved by %s at %s; nothing to do (the run is %s).%n",
          approval.step, ns, run, approval.by, approval.at, result.run().getStatus().phase);
    } else {
      spec.commandLine().getOut().printf("Approved step %s of run %s/%s as %s.%n", approval.step, ns, run, who);
    }
    spec.commandLine().getOut().flush();
    return 0;
  }
}
