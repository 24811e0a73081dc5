package io.failwise.cli.runs;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.failwise.cli.ApiServerCheck;
import io.failwise.cli.Durations;
import io.failwise.cli.UserInputException;
import io.failwise.operator.run.ApprovalRequests;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code failwise approve RUN}: creates a FailoverApproval for the step the run waits at, as the user
 * the API server authenticates, and waits until the controller records it (or rejects it).
 */
@Command(
    name = "approve",
    mixinStandardHelpOptions = true,
    description = {
      "Approve the step a FailoverRun waits at (phase AwaitingApproval) by creating a FailoverApproval object, then wait until the"
          + " controller records it in the run. On a real cluster the approver is the user the API server authenticates (an admission"
          + " policy refuses any other name)."
    })
public class ApproveCommand implements Callable<Integer> {
  private static final Duration POLL = Duration.ofMillis(200);

  @Parameters(index = "0", paramLabel = "RUN", description = "Name of the FailoverRun.")
  String run;

  @Option(names = {"-n", "--namespace"}, description = "Namespace of the run (default: the kubeconfig's).")
  String namespace;

  @Option(
      names = "--as",
      paramLabel = "WHO",
      description = "Approver to name (default: the user the API server authenticates, else your login name). A real cluster refuses a name"
          + " that is not yours.")
  String as;

  @Option(names = "--group", paramLabel = "GROUP", description = "A group you approve as member of (repeatable; default: your authenticated groups).")
  List<String> groups;

  @Option(names = "--step", paramLabel = "STEP", description = "Approve only this approval step (refused if the run waits at another).")
  String step;

  @Option(names = "--comment", paramLabel = "TEXT", description = "Why, for the run's report.")
  String comment;

  @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "30s", description = "How long to wait for the controller to record the approval (0s: do not wait). Default: ${DEFAULT-VALUE}.")
  String waitFor;

  @Spec CommandSpec spec;

  private final KubernetesClient client;
  private final ApprovalRequests approvals;

  public ApproveCommand(KubernetesClient client, ApprovalRequests approvals) {
    this.client = client;
    this.approvals = approvals;
  }

  @Override
  public Integer call() throws InterruptedException {
    ApiServerCheck.require(client);
    Duration wait = Durations.parse("--wait", waitFor);
    String ns = RunActions.namespace(client, namespace);
    Identity me = Identity.of(client, as, groups);
    PrintWriter out = spec.commandLine().getOut();
    ApprovalRequests.Asked asked;
    try {
      asked = RunActions.refusedIsBadInput(() -> approvals.ask(ns, run, me.user(), me.groups(), step, comment));
    } catch (KubernetesClientException e) {
      if (e.getCode() == 403 || e.getCode() == 422 || e.getCode() == 400) {
        // The admission policy (approver not the authenticated user), RBAC, or the schema said no.
        throw new UserInputException("the API server refused the FailoverApproval for run " + ns + "/" + run + ": "
            + (e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage()));
      }
      throw e;
    }
    if (asked instanceof ApprovalRequests.Asked.AlreadyApproved done) {
      // Not an error: a second approve (or one sent on a stale read) asks for what is already true.
      out.printf("Step %s of run %s/%s was already approved by %s at %s; nothing to do (the run is %s).%n",
          done.approval().step, ns, run, done.approval().by, done.approval().at, done.run().getStatus().phase);
      out.flush();
      return 0;
    }
    var created = ((ApprovalRequests.Asked.Created) asked).approval();
    String name = created.getMetadata().getName();
    Instant deadline = Instant.now().plus(wait);
    Optional<ApprovalRequests.Outcome> outcome = approvals.outcome(ns, run, name);
    while (outcome.isEmpty() && Instant.now().isBefore(deadline)) {
      Thread.sleep(POLL.toMillis()); // polling the controller's answer, not timing a test
      outcome = approvals.outcome(ns, run, name);
    }
    if (outcome.isEmpty()) {
      out.printf("FailoverApproval %s/%s created for step %s of run %s as %s; the controller records it when it next looks at the run"
          + " (no answer within %ss: is the controller running?).%n", ns, name, created.getSpec().step, run, me.user(), wait.toSeconds());
      out.flush();
      return 0;
    }
    if (outcome.get().recorded() == null) {
      // A rejection is final for the facts it judged; an attempt with other groups (or as someone else) is a new object.
      boolean existed = ((ApprovalRequests.Asked.Created) asked).existed();
      throw new UserInputException(outcome.get().message() + (existed
          ? " (the answer to your earlier approval with the same approver and groups, FailoverApproval " + name + ")" : ""));
    }
    out.printf("Approved step %s of run %s/%s as %s.%n", created.getSpec().step, ns, run, outcome.get().recorded().by);
    out.flush();
    return 0;
  }
}
