package io.failwise.cli.runs;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.failwise.api.FailoverRun;
import io.failwise.cli.ApiServerCheck;
import io.failwise.cli.UserInputException;
import io.failwise.cli.world.WorldClock;
import io.failwise.operator.run.FailoverRuns;
import io.failwise.operator.run.HaltSwitch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code failwise report RUN}: the run's report in markdown, for the post-incident review or the drill's record. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = "Print a FailoverRun's report in markdown: timeline, the estimate against what happened, steps, approvals.")
public class ReportCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "RUN", description = "Name of the FailoverRun.")
  String run;

  @Option(names = {"-n", "--namespace"}, description = "Namespace of the run (default: the kubeconfig's).")
  String namespace;

  @Spec CommandSpec spec;

  private final KubernetesClient client;
  private final FailoverRuns runs;
  private final HaltSwitch halt;

  public ReportCommand(KubernetesClient client, FailoverRuns runs, HaltSwitch halt) {
    this.client = client;
    this.runs = runs;
    this.halt = halt;
  }

  @Override
  public Integer call() {
    ApiServerCheck.require(client);
    String ns = RunActions.namespace(client, namespace);
    FailoverRun found = runs.get(ns, run).orElseThrow(() -> new UserInputException(FailoverRuns.notFound(client, ns, run)));
    // An embedded world that publishes its simulated clock ran the controller on it (see WorldClock).
    boolean simulated = WorldClock.published(client, halt.namespace(), java.time.Clock.systemUTC()).isPresent();
    var approvals = client.resources(io.failwise.api.FailoverApproval.class).inNamespace(ns).list().getItems().stream()
        .filter(a -> a.getSpec() != null && run.equals(a.getSpec().run))
        .toList();
    spec.commandLine().getOut().print(RunReport.markdown(found, simulated, approvals));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
