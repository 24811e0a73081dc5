package io.failwise.cli.runs;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunSpec;
import io.failwise.cli.ApiServerCheck;
import io.failwise.cli.UserInputException;
import io.failwise.operator.KubernetesNames;
import io.failwise.operator.run.FailoverRuns;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code failwise promote PLAN}: a Failover run of a Planned run's playbook, source and target, which is
 * what a Stage policy's decision asks a person to create. An outside pass found no way given to do it:
 * the Plan's spec is immutable, and writing the FailoverRun by hand at 21:40 is where a typo goes.
 */
@Command(
    name = "promote",
    mixinStandardHelpOptions = true,
    description = {
      "Create a Failover run from a Planned run: the same playbook, source and target.",
      "The plan is a Stage policy's, or one applied in mode Plan. The new run goes through its own admission, prechecks and "
      + "approvals; the Plan is left as it is."
    })
public class PromoteCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "PLAN", description = "Name of the Planned FailoverRun.")
  String plan;

  @Option(names = "--name", description = "Name of the Failover run (default: the plan's, ending -failover instead of -plan).")
  String name;

  @Mixin RunRequestOptions request;

  @Spec CommandSpec spec;

  private final KubernetesClient client;
  private final FailoverRuns runs;

  public PromoteCommand(KubernetesClient client, FailoverRuns runs) {
    this.client = client;
    this.runs = runs;
  }

  @Override
  public Integer call() {
    ApiServerCheck.require(client);
    String ns = RunActions.namespace(client, request.namespace);
    FailoverRun planned = client.resources(FailoverRun.class).inNamespace(ns).withName(plan).get();
    if (planned == null) {
      throw new UserInputException("PLAN: there is no FailoverRun " + ns + "/" + plan + "; `failwise runs -n " + ns + "` lists them");
    }
    FailoverRunSpec s = planned.getSpec();
    String phase = planned.getStatus() == null ? null : planned.getStatus().phase;
    if (s == null || s.mode != FailoverRunSpec.Mode.Plan) {
      throw new UserInputException("PLAN: " + ns + "/" + plan + " is a " + (s == null || s.mode == null ? "run without a mode" : s.mode + " run")
          + ", not a Plan: only a Planned run is promoted");
    }
    if (!"Planned".equals(phase)) {
      throw new UserInputException("PLAN: " + ns + "/" + plan + " is " + (phase == null ? "not planned yet" : phase)
          + (planned.getStatus() != null && planned.getStatus().message != null ? " (" + planned.getStatus().message + ")" : "")
          + ": only a Planned run, whose target and prechecks are in its status, is promoted");
    }
    String target = planned.getStatus().target;
    String who = RunActions.who(request.as);
    String failover = name != null ? name
        : KubernetesNames.objectName((plan.endsWith("-plan") ? plan.substring(0, plan.length() - "-plan".length()) : plan) + "-failover");
    String reason = "Promoted from Plan run " + plan + " by " + who + (request.reason == null || request.reason.isBlank() ? "" : ": " + request.reason)
        + (s.reason == null || s.reason.isBlank() ? "" : ". The plan's reason: " + s.reason);
    FailoverRun run = runs.toResource(ns, new FailoverRuns.Request(failover, s.playbook, s.source, target, FailoverRunSpec.Mode.Failover, null,
        reason, who));
    // A Stage policy's plan: the Failover run counts as that policy's (its cooldown, `-l failwise.io/policy=`).
    var labels = planned.getMetadata().getLabels();
    if (labels != null && labels.containsKey(io.failwise.operator.policy.KubernetesPolicyRuns.POLICY_LABEL)) {
      run.getMetadata().getLabels().put(io.failwise.operator.policy.KubernetesPolicyRuns.POLICY_LABEL, labels.get(io.failwise.operator.policy.KubernetesPolicyRuns.POLICY_LABEL));
    }
    try {
      client.resources(FailoverRun.class).inNamespace(ns).resource(run).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        throw new UserInputException("--name: FailoverRun " + ns + "/" + failover + " exists already (`failwise report " + failover + " -n " + ns
            + "`); give another --name to create a second one");
      }
      if (e.getCode() == 422 || e.getCode() == 400) {
        throw new UserInputException("--name " + failover + ": the API server refused the run: " + e.getStatus().getMessage());
      }
      throw e;
    }

    spec.commandLine().getOut().printf(
        "Created Failover run %s/%s from plan %s: playbook %s, %s to %s, requested by %s.%s%n"
            + "It is admitted, prechecked and approved as any run: `failwise runs -n %s`, `failwise report %s -n %s`.%n",
        ns, failover, plan, s.playbook, s.source, target == null ? "the target its estimate chooses" : target, who,
        failedPrechecks(planned.getStatus().plan),
        ns, failover, ns);
    spec.commandLine().getOut().flush();
    return 0;
  }

  /**
   * " The plan had 1 failed precheck when it was made: BudgetLeft (...); ...", or nothing: named, not only
   * counted (a plan whose BudgetLeft had failed was promoted with "1 failed precheck", and its run was
   * refused a second later for that very budget).
   */
  static String failedPrechecks(io.failwise.api.FailoverRunStatus.Plan plan) {
    List<String> failed = plan == null || plan.prechecks == null ? List.of()
        : plan.prechecks.stream().filter(c -> !Boolean.TRUE.equals(c.passed)).map(c -> c.name + " (" + c.message + ")").toList();
    return failed.isEmpty() ? "" : " The plan had " + failed.size() + (failed.size() == 1 ? " failed precheck" : " failed prechecks")
        + " when it was made: " + String.join("; ", failed) + "; the run checks again before it moves anything.";
  }
}
