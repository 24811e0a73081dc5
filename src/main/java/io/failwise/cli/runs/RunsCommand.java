package io.failwise.cli.runs;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.failwise.api.FailoverRun;
import io.failwise.cli.ApiServerCheck;
import io.failwise.cli.OutputFormat;
import io.failwise.cli.Table;
import io.failwise.operator.run.FailoverRuns;
import io.failwise.operator.run.HaltSwitch;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code failwise runs}: the FailoverRuns and where each is, and whether the global halt is set. */
@Command(name = "runs", mixinStandardHelpOptions = true, description = "List FailoverRuns: phase, step, wave and what each is doing.")
public class RunsCommand implements Callable<Integer> {
  @Option(names = {"-n", "--namespace"}, description = "Namespace (default: the kubeconfig's).")
  String namespace;

  @Option(names = {"-A", "--all-namespaces"}, description = "Runs of every namespace.")
  boolean all;

  @Option(names = {"-o", "--output"}, defaultValue = "table", description = "table, json or yaml (default: ${DEFAULT-VALUE}).")
  OutputFormat.TableJsonYaml output;

  @Spec CommandSpec spec;

  private final KubernetesClient client;
  private final FailoverRuns runs;
  private final HaltSwitch halt;
  private final Clock clock;

  public RunsCommand(KubernetesClient client, FailoverRuns runs, HaltSwitch halt, Clock clock) {
    this.client = client;
    this.runs = runs;
    this.halt = halt;
    this.clock = clock;
  }

  @Override
  public Integer call() {
    ApiServerCheck.require(client);
    String ns = all ? null : namespace != null ? namespace : client.getNamespace();
    List<FailoverRun> items = runs.list(ns);
    PrintWriter out = spec.commandLine().getOut();
    switch (output) {
      case json -> out.println(Serialization.asJson(items));
      case yaml -> out.print(Serialization.asYaml(items));
      case table -> {
        halt.current().ifPresent(h -> out.println("HALTED by " + h.by() + " since " + h.at() + (h.reason() == null ? "" : " (" + h.reason() + ")")
            + ": no run moves until `failwise resume`."));
        if (items.isEmpty()) {
          out.println(ns == null ? "No FailoverRuns found." : "No FailoverRuns found in namespace " + ns + ".");
        } else {
          table(items, clock.instant()).print(out);
        }
      }
    }
    out.flush();
    return 0;
  }

  static Table table(List<FailoverRun> items, Instant now) {
    Table t = new Table("NAMESPACE", "NAME", "PLAYBOOK", "SOURCE", "TARGET", "MODE", "PHASE", "STEP", "WAVE", "AGE", "MESSAGE");
    items.stream()
        .sorted(Comparator.comparing((FailoverRun r) -> r.getMetadata().getNamespace()).thenComparing(r -> r.getMetadata().getName()))
        .forEach(r -> {
          var s = r.getStatus();
          t.row(
              r.getMetadata().getNamespace(),
              r.getMetadata().getName(),
              r.getSpec().playbook,
              r.getSpec().source,
              s == null || s.target == null ? r.getSpec().target : s.target,
              r.getSpec().mode,
              (s == null || s.phase == null ? "Pending" : s.phase) + (deleting(r) ? ", deleting" : ""),
              s == null || s.currentStep == null ? "" : s.currentStep,
              s == null || s.currentWave == null ? "" : s.currentWave,
              age(r.getMetadata().getCreationTimestamp(), now),
              deletion(r) + (s == null || s.message == null ? "" : s.message));
        });
    return t;
  }

  private static boolean deleting(FailoverRun r) {
    return r.getMetadata().getDeletionTimestamp() != null;
  }

  /**
   * What a deleted run that is still listed waits for: a Failed one for a person's resolve (it would
   * otherwise read as any Failed run, its deletion forgotten); another one for the controller to undo it.
   */
  static String deletion(FailoverRun r) {
    if (!deleting(r)) {
      return "";
    }
    String name = r.getMetadata().getName();
    return io.failwise.operator.run.RunStatuses.awaitsResolve(r)
        ? "Deleted; it goes once a person has finished what it left and run `failwise resolve " + name + "`. "
        : io.failwise.operator.run.RunStatuses.holdsItsClusters(r) ? "Deleted; the controller undoes it before it goes. " : "Deleted. ";
  }

  private static String age(String created, Instant now) {
    if (created == null) {
      return "";
    }
    long s = Math.max(0, Duration.between(Instant.parse(created), now).toSeconds());
    return s < 120 ? s + "s" : s < 7200 ? s / 60 + "m" : s < 172800 ? s / 3600 + "h" : s / 86400 + "d";
  }
}
