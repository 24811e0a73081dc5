package io.failwise.operator.run;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunSpec;
import io.failwise.api.FailoverRunStatus;
import io.failwise.model.run.RunPhase;
import io.failwise.model.run.UserAction;
import io.failwise.operator.KubernetesNames;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * What people and policies do with runs: create one, abort it, resolve a Failed one. Abort and resolve are status writes with optimistic
 * locking, refused when the run's phase does not accept it; the controller acts on it at its next
 * reconcile. Approving is not a status write: {@link ApprovalRequests} creates a FailoverApproval.
 */
@ApplicationScoped
public class FailoverRuns {
  private static final int ATTEMPTS = 5;
  private final KubernetesClient client;
  private final RunStore store;
  private final Clock clock;

  public FailoverRuns(KubernetesClient client, RunStore store, Clock clock) {
    this.client = client;
    this.store = store;
    this.clock = clock;
  }

  /**
   * A request for a run.
   *
   * @param name the run's name, or null for one generated from the source and mode
   */
  public record Request(
      String name,
      String playbook,
      String source,
      String target,
      FailoverRunSpec.Mode mode,
      FailoverRunSpec.Drill drill,
      String reason,
      String requestedBy) {}

  /** Creates the run; the controller admits it (or makes it wait, or refuses it) by the same guards as {@link RunGuards}. */
  public FailoverRun create(String namespace, Request request) {
    return client.resources(FailoverRun.class).inNamespace(namespace).resource(toResource(namespace, request)).create();
  }

  /** The run {@link #create} would create, for callers that add labels of their own first. */
  public FailoverRun toResource(String namespace, Request request) {
    FailoverRun run = new FailoverRun();
    ObjectMetaBuilder meta = new ObjectMetaBuilder().withNamespace(namespace).addToLabels("failwise.io/mode", request.mode().name());
    // A policy's cooldown selects its runs by this label: a source too long for a label value gets its hashed form.
    meta.addToLabels("failwise.io/source", KubernetesNames.labelValue(request.source()));
    if (request.name() == null) {
      meta.withGenerateName(request.source() + "-" + request.mode().name().toLowerCase(java.util.Locale.ROOT) + "-");
    } else {
      meta.withName(request.name());
    }
    run.setMetadata(meta.build());
    FailoverRunSpec spec = new FailoverRunSpec();
    spec.playbook = request.playbook();
    spec.source = request.source();
    spec.target = request.target();
    spec.mode = request.mode();
    spec.drill = request.drill();
    spec.reason = request.reason();
    spec.requestedBy = request.requestedBy();
    run.setSpec(spec);
    return run;
  }

  public Optional<FailoverRun> get(String namespace, String name) {
    return store.get(namespace, name);
  }

  public List<FailoverRun> list(String namespace) {
    var op = client.resources(FailoverRun.class);
    return namespace == null ? op.inAnyNamespace().list().getItems() : op.inNamespace(namespace).list().getItems();
  }

  /** Asks the run to stop and roll back, as {@code by}; asking twice keeps the first request. */
  public FailoverRun abort(String namespace, String name, String by, String reason) {
    return abort(namespace, name, by, reason, clock.instant());
  }

  /**
   * {@link #abort} asked at {@code at} by the controller's clock: the CLI of an embedded world runs
   * on the wall clock while the controller runs on the simulated one, and the run's report must not
   * show the abort before the run started.
   */
  public FailoverRun abort(String namespace, String name, String by, String reason, java.time.Instant at) {
    return edit(namespace, name, UserAction.ABORT, (run, s) -> {
      if (s.abort == null) {
        s.abort = new FailoverRunStatus.UserRequest(by, RunStatuses.time(RunStatuses.askedAt(s, at)), reason);
      }
    });
  }

  /**
   * Records that a person finished by hand what a Failed run left and routing is back in hand, as
   * {@code by} at {@code at} by the controller's clock: the run's source and target, held since it failed,
   * are free again (the controller releases them at its next look). Resolving twice keeps the first.
   */
  public FailoverRun resolve(String namespace, String name, String by, String reason, java.time.Instant at) {
    return edit(namespace, name, UserAction.RESOLVE, (run, s) -> {
      if (s.resolved == null) {
        s.resolved = new FailoverRunStatus.UserRequest(by, RunStatuses.time(RunStatuses.askedAt(s, at)), reason);
        RunFinish.resolved(run.getMetadata().getName(), s);
        RunConditions.apply(s, run.getMetadata().getGeneration(), at);
      }
    });
  }

  /**
   * What an abort recorded on {@code run} (as read back after the write) will do, for the person who asked:
   * a Pending run ends Aborted with nothing done; a Failover whose failback has begun stops it and keeps
   * its shift (RunRollback); anything else is rolled back, newest step first.
   */
  public static String abortOutcome(FailoverRun run) {
    RunPhase phase = RunStatuses.phase(run);
    FailoverRunStatus s = run.getStatus();
    if (phase == RunPhase.PENDING) {
      return "it has not started: it ends Aborted, and nothing is undone because nothing was done";
    }
    if (s != null && s.steps != null && RunRollback.keptThrough(s) >= 0) {
      return "its failback has begun: the controller stops the failback and keeps the shift (sending every device still on "
          + s.plan.target + " home at once is what an abort must not do); the run ends Failed with where the devices are and what to"
          + " restore by hand, and holds its clusters until `failwise resolve " + run.getMetadata().getName() + "`";
    }
    return "the controller rolls it back, newest step first";
  }

  private FailoverRun edit(String namespace, String name, UserAction action, java.util.function.BiConsumer<FailoverRun, FailoverRunStatus> change) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      FailoverRun run = read(namespace, name);
      RunPhase phase = RunStatuses.phase(run);
      if (!phase.accepts(action)) {
        throw new RunActionRefused(refusal(run, phase, action));
      }
      FailoverRunStatus next = RunStatuses.copy(run.getStatus());
      change.accept(run, next);
      try {
        return store.writeStatus(run, next);
      } catch (RunStore.Conflict e) {
        // The controller wrote the run meanwhile: read it again, check its phase again.
      }
    }
    throw new RunActionRefused("FailoverRun " + namespace + "/" + name + " kept changing; try again");
  }

  private FailoverRun read(String namespace, String name) {
    return store.get(namespace, name).orElseThrow(() -> new RunActionRefused(notFound(client, namespace, name)));
  }

  /**
   * "FailoverRun default/incident does not exist", and where to look: the namespaces that hold a run of
   * that name (a person at 21:40 forgot -n), else the command that lists every run.
   */
  public static String notFound(KubernetesClient client, String namespace, String name) {
    String missing = "FailoverRun " + namespace + "/" + name + " does not exist";
    if (client == null) {
      return missing;
    }
    try {
      List<String> elsewhere = client.resources(FailoverRun.class).inAnyNamespace().list().getItems().stream()
          .filter(r -> name.equals(r.getMetadata().getName()))
          .map(r -> r.getMetadata().getNamespace())
          .sorted()
          .toList();
      return elsewhere.isEmpty()
          ? missing + "; `failwise runs -A` lists the runs of every namespace"
          : missing + "; a run of that name is in namespace " + String.join(", ", elsewhere) + " (-n " + elsewhere.get(0) + ")";
    } catch (RuntimeException e) {
      return missing; // no right to list every namespace: the plain fact
    }
  }

  static String refusal(FailoverRun run, RunPhase phase, UserAction action) {
    String name = run.getMetadata().getName();
    String accepted = switch (action) {
      case APPROVE -> "it can be approved only while AwaitingApproval";
      case ABORT -> "it can be aborted only while Pending, Running, AwaitingApproval or Halted";
      case RESOLVE -> phase.isTerminal()
          ? "only a Failed run can be resolved; this one holds no cluster"
          : "only a Failed run can be resolved; this one gives its clusters back when it ends";
    };
    String extra = phase == RunPhase.ROLLING_BACK ? " (it is already rolling back)" : phase.isTerminal() ? " (it has ended)" : "";
    String paused = "";
    if (action == UserAction.APPROVE && phase == RunPhase.HALTED) {
      // Approving is refused while halted (the halt means stop), but the halt costs the approvers none of their time.
      FailoverRunStatus s = run.getStatus();
      paused = RunHalts.heldSince(s).or(() -> Optional.ofNullable(s.halt).map(h -> RunStatuses.instant(h.at)))
          .flatMap(since -> RunApprovals.pausedByHalt(s, since)).map(p -> "; " + p).orElse("");
    }
    // Not yet at its approval (waiting for its source, running its first steps): what it is doing now, in its own words.
    String now = action == UserAction.APPROVE && !phase.isTerminal() && phase != RunPhase.HALTED && run.getStatus() != null
        && run.getStatus().message != null ? "; now: " + run.getStatus().message : "";
    return "run " + name + " is " + phase.displayName() + extra + ": " + accepted + paused + now;
  }
}
