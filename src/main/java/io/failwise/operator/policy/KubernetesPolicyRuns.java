package io.failwise.operator.policy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.failwise.api.Cluster;
import io.failwise.api.FailoverPlaybook;
import io.failwise.api.FailoverPolicy;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunSpec;
import io.failwise.api.validation.PlaybookValidator;
import io.failwise.model.Format;
import io.failwise.model.estimate.ActionBlock;
import io.failwise.model.estimate.ActionLimits;
import io.failwise.model.estimate.Estimate;
import io.failwise.model.policy.Guard;
import io.failwise.operator.KubernetesNames;
import io.failwise.operator.FailwiseConfig;
import io.failwise.operator.run.ControlState;
import io.failwise.operator.run.FailoverRuns;
import io.failwise.operator.run.KubernetesRunWorld;
import io.failwise.operator.run.RunGuards;
import io.failwise.operator.run.RunStatuses;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The run machinery as a policy sees it, on the API server: the runs' own guards (halt, freeze
 * window, budget, a run holding the source) plus the policy's cooldown, and runs created under a
 * name fixed by policy, cluster and outage, so that a second attempt (another reconcile, another
 * controller) meets AlreadyExists instead of creating a second run.
 */
@ApplicationScoped
public class KubernetesPolicyRuns implements PolicyRuns {
  public static final String POLICY_LABEL = "failwise.io/policy";
  public static final String DECISION_LABEL = "failwise.io/decision";
  /**
   * When the policy created the run, on the controller's clock: the cooldown is measured from it. The
   * run's creationTimestamp is the API server's clock, which a sped-up embedded world runs hours behind
   * the controller's: a cooldown of an hour read from it had ended 14 simulated minutes after the run.
   */
  static final String CREATED_AT_ANNOTATION = "failwise.io/created-at";
  static final String SOURCE_LABEL = "failwise.io/source";
  static final String MODE_LABEL = "failwise.io/mode";

  private final KubernetesClient client;
  private final FailoverRuns runs;
  private final RunGuards guards;
  private final KubernetesRunWorld world;
  private final Clock clock;
  private final ControlState control;
  private final Duration settle;

  public KubernetesPolicyRuns(
      KubernetesClient client, FailoverRuns runs, RunGuards guards, KubernetesRunWorld world, Clock clock, ControlState control,
      FailwiseConfig config) {
    this.client = client;
    this.runs = runs;
    this.guards = guards;
    this.world = world;
    this.clock = clock;
    this.control = control;
    this.settle = config.runs().settle();
  }

  /**
   * Failover runs this controller's policies created, by namespace/name, with their target, until they
   * end: a run takes its target in the ledger only when admitted, so a second decision moments later (the
   * next cluster of the same reconcile, in a regional outage) would otherwise send its run into the same
   * target, to wait there until the first has ended.
   */
  private final Map<String, Created> created = new ConcurrentHashMap<>();

  private record Created(String namespace, String name, String source, String target) {}

  @Override
  public Optional<String> occupied(FailoverPolicy policy, String source, String cluster, Instant now) {
    String namespace = policy.getMetadata().getNamespace();
    // The ledger from the controller's watch; one GET of the run only when the ledger names one.
    FailoverRun[] holder = new FailoverRun[1];
    Optional<String> held = control
        .occupant(namespace, cluster, run -> holder[0] = client.resources(FailoverRun.class).inNamespace(namespace).withName(run).get(), settle, now)
        .filter(claim -> !failoverOf(holder[0], source))
        .flatMap(claim -> OccupiedTarget.reason(cluster, claim));
    return held.isPresent() ? held : createdInto(namespace, source, cluster);
  }

  @Override
  public boolean halted() {
    return control.halt().isPresent();
  }

  /** Whether {@code run} moves the devices of {@code source}: it is the failover a decision on that cluster weighs, not in its way. */
  private static boolean failoverOf(FailoverRun run, String source) {
    return run != null && run.getSpec() != null && source.equals(run.getSpec().source);
  }

  /** A run a policy created into {@code cluster} that has not ended: one GET per such run, forgotten once it has. */
  private Optional<String> createdInto(String namespace, String source, String cluster) {
    for (Created c : List.copyOf(created.values())) {
      if (!c.namespace().equals(namespace) || !c.target().equals(cluster) || c.source().equals(source)) {
        continue;
      }
      FailoverRun run = client.resources(FailoverRun.class).inNamespace(namespace).withName(c.name()).get();
      if (run == null || RunStatuses.phase(run).isTerminal()) {
        created.remove(c.namespace() + "/" + c.name());
        continue;
      }
      return Optional.of(OccupiedTarget.createdInto(cluster, c.name()));
    }
    return Optional.empty();
  }

  @Override
  public Optional<FailoverRun> ownRun(FailoverPolicy policy, String cluster, Instant outageSince, FailoverRunSpec.Mode mode) {
    FailoverRun run = client.resources(FailoverRun.class).inNamespace(policy.getMetadata().getNamespace())
        .withName(runName(policy.getMetadata().getName(), cluster, outageSince, mode)).get();
    return Optional.ofNullable(run).filter(r -> r.getSpec() != null && r.getSpec().mode == mode);
  }

  @Override
  public Optional<Block> firstFailingGuard(FailoverPolicy policy, Cluster cluster, Instant now) {
    String namespace = policy.getMetadata().getNamespace();
    String source = cluster.getMetadata().getName();
    // Stage mode is asked as a failover too: a staged plan exists to be approved into one.
    RunGuards.Verdict verdict = guards.check(namespace, source, FailoverRunSpec.Mode.Failover, failsBack(policy));
    switch (verdict.reason()) {
      case "Halted":
        return Optional.of(new Block(Guard.HALT, clause(verdict.message())));
      case "FreezeWindow":
        return Optional.of(new Block(Guard.FREEZE_WINDOW, clause(verdict.message())));
      case "BudgetUsedUp":
        return Optional.of(new Block(Guard.BUDGET, clause(verdict.message())));
      default:
        break;
    }
    Optional<Block> cooldown = cooldown(policy, source);
    if (cooldown.isPresent()) {
      return cooldown;
    }
    if (RunGuards.WAITING_FOR_RESOLVE.equals(verdict.reason())) {
      return Optional.of(new Block(Guard.RUN_AWAITS_RESOLVE, clause(verdict.message())));
    }
    return switch (verdict.outcome()) {
      case ALLOWED -> Optional.empty();
      // WaitingForSource, and any wait the runs learn later: a run would not start now.
      case WAITS -> Optional.of(new Block(Guard.RUN_IN_PROGRESS,
          Guard.RUN_IN_PROGRESS.sentence() + " (" + clause(verdict.message()) + "): a run created now would wait for it to end"));
      // A refusal the policy model has no name for yet is still a refusal; Budget is its closest kin.
      case REFUSED -> Optional.of(new Block(Guard.BUDGET, clause(verdict.message())));
    };
  }

  @Override
  public ActionLimits limits(FailoverPolicy policy, Cluster cluster, Instant now) {
    RunGuards.Verdict v =
        guards.check(policy.getMetadata().getNamespace(), cluster.getMetadata().getName(), FailoverRunSpec.Mode.Failover, failsBack(policy));
    ActionBlock.Cause cause =
        switch (v.reason()) {
          case "Halted" -> ActionBlock.Cause.HALT;
          case "FreezeWindow" -> ActionBlock.Cause.FREEZE_WINDOW;
          case "BudgetUsedUp" -> ActionBlock.Cause.BUDGET;
          // A run holding the source ends on its own; the cooldown is the policy's, asked after the estimate.
          default -> null;
        };
    return cause == null ? ActionLimits.NONE : ActionLimits.of(new ActionBlock(cause, clause(v.message()), v.until()));
  }

  /** "The global halt is set by x." as a clause: "the global halt is set by x". */
  static String clause(String sentence) {
    String s = sentence.strip();
    if (s.endsWith(".")) {
      s = s.substring(0, s.length() - 1);
    }
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }

  /**
   * The latest run (other than a Plan, which moves nothing) this policy created for the cluster within
   * its cooldown, said with when it was created and when the cooldown ends.
   */
  private Optional<Block> cooldown(FailoverPolicy policy, String source) {
    long seconds =
        Math.min(
            policy.getSpec().cooldownSeconds == null ? 3600 : policy.getSpec().cooldownSeconds,
            io.failwise.api.FailoverPolicySpec.MAX_COOLDOWN_SECONDS);
    if (seconds <= 0) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Instant since = now.minus(Duration.ofSeconds(seconds));
    Optional<Map.Entry<String, Instant>> latest = client.resources(FailoverRun.class)
        .inNamespace(policy.getMetadata().getNamespace())
        .withLabel(POLICY_LABEL, KubernetesNames.labelValue(policy.getMetadata().getName()))
        .withLabel(SOURCE_LABEL, KubernetesNames.labelValue(source))
        .list()
        .getItems()
        .stream()
        .filter(r -> r.getSpec() == null || r.getSpec().mode != FailoverRunSpec.Mode.Plan)
        .flatMap(r -> createdAt(r).stream().map(at -> Map.entry(r.getMetadata().getName(), at)))
        .filter(e -> e.getValue().isAfter(since))
        .max(Map.Entry.comparingByValue());
    return latest.map(e -> new Block(Guard.COOLDOWN, "this policy started run " + e.getKey() + " for this cluster at "
        + Format.timeToTheSecond(e.getValue(), now, clock.getZone()) + ", within its cooldown of "
        + Format.duration(Duration.ofSeconds(seconds)) + ": no new run before "
        + Format.timeToTheSecond(e.getValue().plusSeconds(seconds), now, clock.getZone()), e.getValue().plusSeconds(seconds)));
  }

  /** When the policy created {@code run}: its annotation, else (a run created before it was written) its creationTimestamp. */
  static Optional<Instant> createdAt(FailoverRun run) {
    var annotations = run.getMetadata().getAnnotations();
    for (String t : new String[] {annotations == null ? null : annotations.get(CREATED_AT_ANNOTATION), run.getMetadata().getCreationTimestamp()}) {
      try {
        if (t != null) {
          return Optional.of(Instant.parse(t));
        }
      } catch (java.time.format.DateTimeParseException e) {
        // a hand-edited annotation: the next source
      }
    }
    return Optional.empty();
  }

  private boolean failsBack(FailoverPolicy policy) {
    return playbook(policy)
        .map(p -> p.getSpec() != null && p.getSpec().steps.stream().anyMatch(s -> s.failback != null))
        .orElse(false);
  }

  @Override
  public String stage(FailoverPolicy policy, Cluster cluster, Instant outageSince, Estimate estimate, String reason, String decisionId) {
    return create(policy, cluster, outageSince, estimate, reason, decisionId, FailoverRunSpec.Mode.Plan);
  }

  @Override
  public String execute(FailoverPolicy policy, Cluster cluster, Instant outageSince, Estimate estimate, String reason, String decisionId) {
    return create(policy, cluster, outageSince, estimate, reason, decisionId, FailoverRunSpec.Mode.Failover);
  }

  private String create(
      FailoverPolicy policy, Cluster cluster, Instant outageSince, Estimate estimate, String reason, String decisionId,
      FailoverRunSpec.Mode mode) {
    String namespace = policy.getMetadata().getNamespace();
    String source = cluster.getMetadata().getName();
    String name = runName(policy.getMetadata().getName(), source, outageSince, mode);
    var request =
        new FailoverRuns.Request(
            name,
            policy.getSpec().playbook,
            source,
            estimate.target().orElse(null),
            mode,
            null,
            reason.trim(),
            "policy/" + policy.getMetadata().getName());
    FailoverRun run = runs.toResource(namespace, request);
    run.getMetadata().getLabels().put(POLICY_LABEL, KubernetesNames.labelValue(policy.getMetadata().getName()));
    run.getMetadata().getLabels().put(DECISION_LABEL, KubernetesNames.labelValue(decisionId));
    var annotations = run.getMetadata().getAnnotations() == null ? new java.util.LinkedHashMap<String, String>() : run.getMetadata().getAnnotations();
    annotations.put(CREATED_AT_ANNOTATION, RunStatuses.time(clock.instant()));
    run.getMetadata().setAnnotations(annotations);
    try {
      client.resources(FailoverRun.class).inNamespace(namespace).resource(run).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
      // Created before, for this outage (an earlier reconcile, another controller): that is the run.
    }
    if (mode == FailoverRunSpec.Mode.Failover && request.target() != null) {
      created.put(namespace + "/" + name, new Created(namespace, name, source, request.target()));
    }
    return name;
  }

  /**
   * {@code POLICY-CLUSTER-ONSET-plan|failover}, ONSET in epoch seconds: one run per mode and outage.
   * Names past the API's limit keep their start and gain a hash of the whole, staying unique.
   */
  static String runName(String policy, String cluster, Instant outageSince, FailoverRunSpec.Mode mode) {
    String name = policy + "-" + cluster + "-" + outageSince.getEpochSecond() + "-" + mode.name().toLowerCase(Locale.ROOT);
    return KubernetesNames.objectName(name);
  }

  @Override
  public Optional<String> playbookProblem(FailoverPolicy policy) {
    String name = policy.getSpec().playbook;
    String namespace = policy.getMetadata().getNamespace();
    if (name == null || name.isBlank()) {
      return Optional.of("spec.playbook: Stage and Auto policies must name the FailoverPlaybook their runs use.");
    }
    Optional<FailoverPlaybook> playbook = playbook(policy);
    if (playbook.isEmpty()) {
      return Optional.of("spec.playbook: FailoverPlaybook " + namespace + "/" + name + world.unreadable(namespace, "FailoverPlaybook", name)
          .map(why -> " exists but cannot be read (" + why + "); fix or replace it.").orElse(" does not exist."));
    }
    var problems = PlaybookValidator.validate(playbook.get());
    if (!problems.isEmpty()) {
      return Optional.of(
          "spec.playbook: FailoverPlaybook " + namespace + "/" + name + " is invalid: "
              + problems.stream().map(p -> p.field() + " " + p.message()).collect(Collectors.joining("; ")) + ".");
    }
    return Optional.empty();
  }

  @Override
  public io.failwise.model.estimate.RunnableMoves moves(FailoverPolicy policy) {
    return playbook(policy).map(PolicyPlaybooks::moves).orElse(io.failwise.model.estimate.RunnableMoves.ANY);
  }

  @Override
  public Optional<String> approvalStep(FailoverPolicy policy) {
    return playbook(policy)
        .flatMap(p -> p.getSpec() == null ? Optional.empty() : p.getSpec().steps.stream().filter(s -> s.approval != null).findFirst())
        .map(s -> s.name);
  }

  private Optional<FailoverPlaybook> playbook(FailoverPolicy policy) {
    String name = policy.getSpec().playbook;
    if (name == null || name.isBlank()) {
      return Optional.empty();
    }
    // From the informers' cache the runs read too: no GET per decision.
    return Optional.ofNullable(world.playbooks(policy.getMetadata().getNamespace()).get(name));
  }
}
