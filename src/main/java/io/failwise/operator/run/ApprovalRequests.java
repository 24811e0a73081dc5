package io.failwise.operator.run;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.failwise.api.FailoverApproval;
import io.failwise.api.FailoverApprovalSpec;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunStatus;
import io.failwise.model.run.RunPhase;
import io.failwise.model.run.UserAction;
import io.failwise.operator.KubernetesNames;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code failwise approve} (and the demo) do: create a FailoverApproval for the step the run
 * waits at, never write the run. The run engine accepts it by the step's rules and records it; on a
 * real cluster the admission policy has already pinned its approver to the authenticated user.
 * Asking twice is harmless: the object's name is derived from run, step, approver and groups, and a
 * step already approved is reported, not refused. Asking again with other groups is a new attempt,
 * judged on what it names: a rejected approval is a record (its spec is immutable, and approvers may
 * not delete approvals), never taken for a later attempt that names other facts.
 */
@ApplicationScoped
public class ApprovalRequests {
  private final KubernetesClient client;
  private final RunStore store;

  public ApprovalRequests(KubernetesClient client, RunStore store) {
    this.client = client;
    this.store = store;
  }

  /** What {@link #ask} found or did. */
  public sealed interface Asked {
    /** The step already has an approval the controller recorded: nothing to do. */
    record AlreadyApproved(FailoverRun run, FailoverRunStatus.Approval approval) implements Asked {}

    /** The approval object now exists ({@code existed}: this approver had already created it). */
    record Created(FailoverApproval approval, boolean existed) implements Asked {}
  }

  /** What became of an approval: the run recorded it, it was rejected (and why), or neither yet. */
  public record Outcome(String phase, String message, FailoverRunStatus.Approval recorded) {}

  /**
   * Creates the approval of the step run {@code name} waits at (with {@code step}, only that step)
   * as {@code approver}, member of {@code groups}.
   *
   * @throws RunActionRefused when the run does not exist or does not wait at an approval step
   */
  public Asked ask(String namespace, String name, String approver, List<String> groups, String step, String comment) {
    FailoverRun run = store.get(namespace, name).orElseThrow(() -> new RunActionRefused(FailoverRuns.notFound(client, namespace, name)));
    Optional<FailoverRunStatus.Approval> earlier = earlierApproval(run.getStatus(), step);
    if (earlier.isPresent()) {
      return new Asked.AlreadyApproved(run, earlier.get());
    }
    String waitsAt = stepToApprove(run, step);
    FailoverApproval approval = approval(run, waitsAt, approver, groups, comment);
    var resources = client.resources(FailoverApproval.class).inNamespace(namespace);
    try {
      return new Asked.Created(resources.resource(approval).create(), false);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
    }
    // This approver asked before with the same groups: that attempt's object, and its answer, stand for this one.
    String objectName = approval.getMetadata().getName();
    FailoverApproval existing = resources.withName(objectName).get();
    if (existing == null) {
      return new Asked.Created(resources.resource(approval).create(), false); // deleted meanwhile
    }
    if (!sameAttempt(existing, approval)) {
      // Only an object made by other means can get here (or a hash collision): never answer with its verdict.
      throw new RunActionRefused("FailoverApproval " + namespace + "/" + objectName + " already exists and names " + facts(existing)
          + ", not " + facts(approval) + "; it was not made for this attempt");
    }
    return new Asked.Created(existing, true);
  }

  /** Whether two approvals name the same run, step, approver and groups (in any order): the facts the step's rules judge. */
  static boolean sameAttempt(FailoverApproval a, FailoverApproval b) {
    var x = a.getSpec();
    var y = b.getSpec();
    return x != null && y != null && java.util.Objects.equals(x.run, y.run) && java.util.Objects.equals(x.step, y.step)
        && java.util.Objects.equals(x.approver, y.approver) && groupSet(x.groups).equals(groupSet(y.groups));
  }

  private static String facts(FailoverApproval a) {
    var spec = a.getSpec();
    return spec == null ? "nothing" : "approver " + spec.approver + " with groups " + spec.groups + " for step " + spec.step + " of run " + spec.run;
  }

  private static java.util.SortedSet<String> groupSet(List<String> groups) {
    return groups == null ? new java.util.TreeSet<>() : new java.util.TreeSet<>(groups);
  }

  /** The run's record of {@code approval}, or its rejection, or empty while neither has happened. */
  public Optional<Outcome> outcome(String namespace, String run, String approval) {
    Optional<FailoverRunStatus.Approval> recorded = store.get(namespace, run)
        .map(FailoverRun::getStatus)
        .flatMap(s -> s.approvals == null ? Optional.empty() : s.approvals.stream().filter(a -> approval.equals(a.approval)).findFirst());
    if (recorded.isPresent()) {
      return Optional.of(new Outcome(ApprovalReconciler.ACCEPTED, "recorded", recorded.get()));
    }
    FailoverApproval current = client.resources(FailoverApproval.class).inNamespace(namespace).withName(approval).get();
    if (current != null && current.getStatus() != null && ApprovalReconciler.REJECTED.equals(current.getStatus().phase)) {
      return Optional.of(new Outcome(ApprovalReconciler.REJECTED, current.getStatus().message, null));
    }
    return Optional.empty();
  }

  /**
   * The approval step to approve now: the one the run waits at, which must be {@code step} when given.
   *
   * @throws RunActionRefused when the run is not waiting for an approval, or for another step
   */
  static String stepToApprove(FailoverRun run, String step) {
    RunPhase phase = RunStatuses.phase(run);
    if (!phase.accepts(UserAction.APPROVE)) {
      throw new RunActionRefused(FailoverRuns.refusal(run, phase, UserAction.APPROVE));
    }
    String current = run.getStatus().currentStep;
    if (step != null && !step.equals(current)) {
      boolean noSuchStep = run.getStatus().plan != null && run.getStatus().plan.steps != null
          && run.getStatus().plan.steps.stream().noneMatch(p -> step.equals(p.name));
      throw new RunActionRefused("run " + run.getMetadata().getName() + " waits for approval of step " + current + ", not " + step
          + (noSuchStep ? " (the run has no step " + step + ")" : "") + ": give --step " + current + " or leave --step out");
    }
    return current;
  }

  /**
   * The approval the controller already recorded for {@code step}; without a step, for the step the
   * run waits at, or, once the run has left its approval, for the last step approved. Only records
   * that name their FailoverApproval count: anything else in the status is not an approval.
   */
  static Optional<FailoverRunStatus.Approval> earlierApproval(FailoverRunStatus s, String step) {
    if (s == null || s.approvals == null) {
      return Optional.empty();
    }
    List<FailoverRunStatus.Approval> real = s.approvals.stream().filter(a -> a.approval != null && a.step != null).toList();
    if (real.isEmpty()) {
      return Optional.empty();
    }
    if (step != null) {
      return real.stream().filter(a -> step.equals(a.step)).findFirst();
    }
    if (RunPhase.parse(s.phase).orElse(null) == RunPhase.AWAITING_APPROVAL) {
      return real.stream().filter(a -> a.step.equals(s.currentStep)).findFirst();
    }
    return Optional.of(real.get(real.size() - 1));
  }

  /** The object: owned by the run (deleted with it, and never taken for a later run of that name). */
  static FailoverApproval approval(FailoverRun run, String step, String approver, List<String> groups, String comment) {
    String runName = run.getMetadata().getName();
    var meta = new ObjectMetaBuilder().withNamespace(run.getMetadata().getNamespace())
        .withName(name(runName, run.getMetadata().getUid(), step, approver, groups));
    meta.addToLabels("failwise.io/run", KubernetesNames.labelValue(runName));
    if (run.getMetadata().getUid() != null) {
      meta.addToOwnerReferences(new OwnerReferenceBuilder().withApiVersion(run.getApiVersion()).withKind("FailoverRun").withName(runName)
          .withUid(run.getMetadata().getUid()).build());
    }
    FailoverApproval approval = new FailoverApproval();
    approval.setMetadata(meta.build());
    FailoverApprovalSpec spec = new FailoverApprovalSpec();
    spec.run = runName;
    spec.step = step;
    spec.approver = approver;
    spec.groups = groups == null ? List.of() : List.copyOf(groups);
    spec.comment = comment;
    approval.setSpec(spec);
    return approval;
  }

  /** The name of an approval that names no groups. */
  static String name(String run, String uid, String step, String approver) {
    return name(run, uid, step, approver, List.of());
  }

  /**
   * {@code RUN-STEP-APPROVER-HASH}: readable, a valid object name (at most 253 characters), and one
   * per run, step, approver and set of groups, so that approving twice finds the first object instead
   * of making another, and approving again with other groups (after a rejection for a missing group)
   * makes a new one, judged on the groups it names, instead of finding the rejected one. The hash
   * covers the run's uid: a run created again under the same name while an approval of the earlier
   * one still exists (garbage collection takes a while) gets an object of its own. Without groups the
   * name is what it was before groups were part of it.
   */
  static String name(String run, String uid, String step, String approver, List<String> groups) {
    String who = approver.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    java.util.SortedSet<String> set = groupSet(groups);
    String hash = sha256(run + "\n" + uid + "\n" + step + "\n" + approver + (set.isEmpty() ? "" : "\n" + String.join("\n", set))).substring(0, 8);
    String name = run + "-" + step + "-" + (who.isEmpty() ? "" : who + "-") + hash;
    if (name.length() > 253) {
      name = name.substring(0, 253 - 9).replaceAll("[-.]+$", "") + "-" + hash;
    }
    return name;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
