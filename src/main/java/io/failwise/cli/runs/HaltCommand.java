package io.failwise.cli.runs;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.failwise.cli.ApiServerCheck;
import io.failwise.operator.run.HaltSwitch;
import io.failwise.operator.run.RunWorld;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code failwise halt}: the global switch that pauses every executing run and keeps new ones from starting. */
@Command(
    name = "halt",
    mixinStandardHelpOptions = true,
    description = {
      "Pause every executing FailoverRun before its next side effect and keep new ones from starting, until `failwise resume`.",
      "Rollbacks already under way continue: stopping half-way through an undo would leave routing in neither state."
    })
public class HaltCommand implements Callable<Integer> {
  @Option(names = "--as", paramLabel = "WHO", description = "Who halts, for the record (default: your login name).")
  String as;

  @Option(names = "--reason", description = "Why, shown in every halted run's status.")
  String reason;

  @Spec CommandSpec spec;

  private final HaltSwitch halt;
  private final KubernetesClient client;

  public HaltCommand(HaltSwitch halt, KubernetesClient client) {
    this.halt = halt;
    this.client = client;
  }

  @Override
  public Integer call() {
    ApiServerCheck.require(client);
    boolean already = halt.current().isPresent();
    RunWorld.Halt h = halt.halt(RunActions.who(as), reason, RunActions.now(client, halt.namespace()));
    // A second halt changes nothing: the first who halted stays named, and this one says so.
    spec.commandLine().getOut().printf("%s by %s since %s%s (ConfigMap %s/%s)%s. Resume with failwise resume.%n",
        already ? "Already halted" : "Halted", h.by(), h.at(), h.reason() == null || h.reason().isEmpty() ? "" : ": " + h.reason(),
        halt.namespace(), HaltSwitch.NAME, already ? "; the halt stays as it was, this one's reason is not recorded" : "");
    spec.commandLine().getOut().flush();
    return 0;
  }
}
