package io.failwise.operator.run;

import static io.failwise.operator.run.RunStatuses.setPhase;
import static io.failwise.operator.run.RunStatuses.time;

import io.failwise.api.Cluster;
import io.failwise.api.FailoverPlaybook;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunSpec.Mode;
import io.failwise.api.FailoverRunStatus;
import io.failwise.api.validation.PlaybookValidator;
import io.failwise.api.validation.Problem;
import io.failwise.api.validation.RunValidator;
import io.failwise.model.Format;
import io.failwise.model.SameRegion;
import io.failwise.model.run.RunPhase;
import io.failwise.operator.watch.Unreadable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;

/**
 * A Pending run: validate it against its playbook and clusters, plan it, and either finish it (Plan
 * mode, refused) or admit it. The source's lock and budget are taken by the runner, atomically.
 */
final class RunAdmission {
  private final RunWorld world;
  private final RunObservations observations;

  RunAdmission(RunWorld world, RunObservations observations) {
    this.world = world;
    this.observations = observations;
  }

  Decision decide(FailoverRun run) {
    FailoverRunStatus s = RunStatuses.copy(run.getStatus());
    Instant now = world.now();
    s.observedGeneration = run.getMetadata().getGeneration();
    if (s.abort != null) {
      RunStatuses.actedOn(s.abort, now);
      return new Decision.Write(RunFinish.finish(s, RunPhase.ABORTED, "Aborted", "Aborted by " + s.abort.by + " before it started; nothing was done.", now));
    }
    if (run.getSpec() == null) {
      return pending(s, "InvalidSpec", "The run has no spec: it needs playbook, source and mode.");
    }
    String ns = run.getMetadata().getNamespace();
    Map<String, FailoverPlaybook> playbooks = world.playbooks(ns);
    Map<String, Cluster> clusters = world.clusters(ns);
    List<Problem> problems =
        new ArrayList<>(RunValidator.validate(run, new RunValidator.References(playbooks, clusters, Set.of(), unreadable(ns, run.getSpec()))));
    FailoverPlaybook playbook = playbooks.get(run.getSpec().playbook);
    if (playbook != null) {
      PlaybookValidator.validate(playbook).forEach(p -> problems.add(new Problem("playbook " + playbook.getMetadata().getName() + " " + p.field(), p.message())));
    }
    if (!problems.isEmpty()) {
      return pending(s, "InvalidSpec", "The run cannot start: " + io.failwise.api.validation.ClusterValidator.summary(problems));
    }
    // Only the source and the chosen target are read: a read may be a request to an observer, and a
    // namespace may hold a thousand Clusters.
    ClusterFacts source = observations.facts(clusters.get(run.getSpec().source));
    long devices = RunPlanner.devicesToMove(run.getSpec(), playbook, source);
    // One cap for the target's room: the pick, the precheck and the estimate all use it.
    double cap = RunPlanner.maxUtilization(playbook, world.maxTargetUtilization());
    Map<String, Cluster> candidates = withUnreadableTargets(ns, clusters.get(source.name()), clusters);
    RunTargetPick.Pick pick = RunTargetPick.pickTarget(run.getSpec(), clusters.get(source.name()), candidates.values(), devices, cap, now,
        RunPlanner.movesAffectedOnly(playbook));
    if (pick.target().isEmpty()) {
      return new Decision.Write(RunFinish.finish(s, RunPhase.REFUSED, "NoTarget", pick.why(), now));
    }
    ClusterFacts target = observations.facts(clusters.get(pick.target().get()));
    FailoverRunStatus.Plan plan = RunPlanner.plan(run.getSpec(), playbook, source, target, world.admissionShare(), pick.why(), world.lossShowsWithin(),
        world.maxTargetUtilization());
    s.target = target.name();
    s.plan = plan;
    s.estimate = world.estimate(clusters.get(source.name()), source.offline(), candidates, cap, Optional.ofNullable(run.getSpec().target), plan, world.prior(run));
    Mode mode = run.getSpec().mode == null ? Mode.Plan : run.getSpec().mode;
    if (mode == Mode.Plan) {
      plan.prechecks = new ArrayList<>(RunObservations.checks(observations.prechecks(run, s, cap)));
      List<FailoverRunStatus.Check> failing = plan.prechecks.stream().filter(c -> !c.passed).toList();
      long failed = failing.size();
      return new Decision.Write(
          RunFinish.finish(
              s, RunPhase.PLANNED, "Planned",
              "Planned a " + plan.mode.toLowerCase(java.util.Locale.ROOT) + " of " + Format.plural(plan.devicesToMove, "device") + " to "
                  + target.name() + " in " + Format.plural(plan.steps.size(), "step") + ", about " + Format.duration(Duration.ofSeconds(plan.estimatedSeconds))
                  + " without waiting for people; " + (failed == 0 ? "every precheck passes" : failed == 1 ? "1 precheck fails" : failed + " prechecks fail")
                  + failing.stream().map(c -> c.name + " (" + String.valueOf(c.message).replaceFirst("\\.$", "") + ")")
                      .collect(java.util.stream.Collectors.joining("; ", failing.isEmpty() ? "" : ": ", ""))
                  + ". Nothing was executed.",
              now));
    }
    Optional<String> sameRegion = SameRegion.refusal(source.name(), source.region(), target.name(), target.region());
    if (sameRegion.isPresent()) {
      // Only a run's own spec.target can be here (the estimator never picks one): it could never pass its
      // precheck, so it is refused now rather than after waiting for holds on the clusters.
      return new Decision.Write(
          RunFinish.finish(
              s, RunPhase.REFUSED, "TargetInSourceRegion",
              sameRegion.get() + ", so the " + mode.name().toLowerCase(java.util.Locale.ROOT) + " does not start. Name a cluster of"
                  + " another region, or leave spec.target out for the one the estimate chooses.",
              now));
    }
    Optional<RunWorld.Halt> halt = world.halt();
    if (halt.isPresent()) {
      return pending(s, "Halted", "Waiting: the global halt is set " + halt.get().described(now, world.zone()) + "; `failwise resume` lets it start.");
    }
    var freeze = world.freeze(mode.name());
    if (freeze.isPresent()) {
      return new Decision.Write(
          RunFinish.finish(
              s, RunPhase.REFUSED, "FreezeWindow",
              "Freeze window " + freeze.get().text() + " is open until " + RunStatuses.said(freeze.get().endAfter(now), now, world.zone()) + "; a "
                  + mode.name().toLowerCase(java.util.Locale.ROOT) + " does not start inside it.",
              now));
    }
    FailoverRunStatus running = withSteps(s);
    setPhase(running, RunPhase.RUNNING, "Started",
        "Started: " + Format.plural(plan.steps.size(), "step") + ", " + Format.plural(plan.devicesToMove, "device") + " from " + source.name() + " to " + target.name() + ".");
    running.startedAt = time(now);
    return new Decision.Admit(running);
  }

  private static FailoverRunStatus withSteps(FailoverRunStatus s) {
    s.steps = RunStatuses.pendingSteps(s.plan.steps);
    return s;
  }

  /** The playbook precheck's utilisation cap, if it has a precheck that sets one. */
  /**
   * The run's estimate made again now, for the move its plan makes (its target, its playbook's cap): a
   * Failover run waiting for approval keeps it current, so that the approver reads the advice of the
   * moment they approve, not of the moment the run was admitted (the outage may have ended since).
   * Empty when the source or the playbook is gone (the estimate made at admission stays).
   */
  Optional<io.failwise.api.RunEstimate> estimateAgain(FailoverRun run, FailoverRunStatus s) {
    String ns = run.getMetadata().getNamespace();
    Map<String, Cluster> clusters = world.clusters(ns);
    Cluster source = clusters.get(run.getSpec().source);
    FailoverPlaybook playbook = world.playbooks(ns).get(run.getSpec().playbook);
    if (source == null || playbook == null) {
      return Optional.empty();
    }
    double cap = RunPlanner.maxUtilization(playbook, world.maxTargetUtilization());
    return Optional.of(world.estimate(source, observations.facts(source).offline(), withUnreadableTargets(ns, source, clusters), cap,
        Optional.ofNullable(s.target), s.plan, world.prior(run)));
  }

  /** The objects the run names that are stored but unreadable, as "Kind/name" to why. */
  private Map<String, String> unreadable(String namespace, io.failwise.api.FailoverRunSpec spec) {
    Map<String, String> found = new java.util.HashMap<>();
    for (String[] ref : new String[][] {{"FailoverPlaybook", spec.playbook}, {"Cluster", spec.source}, {"Cluster", spec.target}}) {
      if (ref[1] != null && !ref[1].isBlank()) {
        world.unreadable(namespace, ref[0], ref[1]).ifPresent(why -> found.put(ref[0] + "/" + ref[1], why));
      }
    }
    return found;
  }

  /**
   * The clusters with, added, a metadata-only shell for each of the source's failover targets that is
   * stored but unreadable: the automatic choice and the estimate pass such a target over saying it cannot
   * be read (and why), not that it does not exist. Only the source's targets are looked up.
   */
  private Map<String, Cluster> withUnreadableTargets(String namespace, Cluster source, Map<String, Cluster> clusters) {
    var failover = source.getSpec() == null ? null : source.getSpec().failover;
    if (failover == null || failover.targets == null) {
      return clusters;
    }
    Map<String, Cluster> withShells = new java.util.LinkedHashMap<>(clusters);
    for (var t : failover.targets) {
      if (t != null && t.cluster != null && !clusters.containsKey(t.cluster)) {
        world.unreadable(namespace, "Cluster", t.cluster).ifPresent(why -> withShells.put(t.cluster, Unreadable.shell(new Cluster(), namespace, t.cluster, why)));
      }
    }
    return withShells;
  }

  private Decision pending(FailoverRunStatus s, String reason, String message) {
    setPhase(s, RunPhase.PENDING, reason, message);
    return new Decision.Sleep(world.tick(), s);
  }
}
