package io.failwise.cli.runs;

import io.failwise.api.Cluster;
import io.failwise.api.FailoverPlaybook;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunStatus;
import io.failwise.api.validation.PlaybookValidator;
import io.failwise.api.validation.RunValidator;
import io.failwise.model.DeviceObservation;
import io.failwise.model.HealthThresholds;
import io.failwise.operator.run.ClusterFacts;
import io.failwise.operator.run.RunPlanner;
import io.failwise.operator.run.RunTargetPick;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A run resolved offline from files, as the controller would resolve it on the cluster: the run and
 * its playbook validated, the target picked, the plan built. {@code plan} prints it; {@code validate
 * --settings} checks it against the allow-lists; both through the same planner the controller uses.
 */
record OfflinePlan(FailoverRun run, FailoverPlaybook playbook, FailoverRunStatus.Plan plan, ClusterFacts source, ClusterFacts target) {

  /** The plan, or the problems (each a sentence) that keep the run from having one. */
  record Result(Optional<OfflinePlan> plan, List<String> problems) {}

  /**
   * @param defaultCap the utilisation cap for a playbook without a precheck cap (the estimator's setting)
   * @param now when the target's health is judged (a stale status.health gives way to its counts)
   * @param lossShowsWithin how long a failback's first and last waves are watched (the controller's failwise.runs.settle)
   */
  static Result of(
      FailoverRun run, Map<String, FailoverPlaybook> playbooks, Map<String, Cluster> clusters, double admissionShare, double defaultCap,
      java.time.Instant now, java.time.Duration lossShowsWithin) {
    return of(run, playbooks, clusters, admissionShare, defaultCap, now, lossShowsWithin, java.util.OptionalLong.empty());
  }

  /**
   * @param affected the devices the source's outage touches when a Scenario states it (its affectedDevices):
   *     what a shift of scope Affected moves, as the estimate of that Scenario costs its move
   */
  static Result of(
      FailoverRun run, Map<String, FailoverPlaybook> playbooks, Map<String, Cluster> clusters, double admissionShare, double defaultCap,
      java.time.Instant now, java.time.Duration lossShowsWithin, java.util.OptionalLong affected) {
    List<String> problems = new ArrayList<>();
    RunValidator.validate(run, new RunValidator.References(playbooks, clusters)).forEach(p -> problems.add("run: " + p));
    if (run.getSpec() == null) {
      return new Result(Optional.empty(), problems); // "spec: is required", said above
    }
    FailoverPlaybook pb = run.getSpec().playbook == null ? null : playbooks.get(run.getSpec().playbook);
    if (pb != null) {
      PlaybookValidator.validate(pb).forEach(p -> problems.add("FailoverPlaybook " + pb.getMetadata().getName() + ": " + p));
    }
    if (!problems.isEmpty()) {
      return new Result(Optional.empty(), problems);
    }
    Map<String, ClusterFacts> facts = new LinkedHashMap<>();
    clusters.values().forEach(c -> facts.put(c.getMetadata().getName(), facts(c)));
    ClusterFacts src = affected.isPresent() ? facts.get(run.getSpec().source).withAffected(affected.getAsLong()) : facts.get(run.getSpec().source);
    long devices = RunPlanner.devicesToMove(run.getSpec(), pb, src);
    RunTargetPick.Pick pick = RunTargetPick.pickTarget(run.getSpec(), clusters.get(src.name()), clusters.values(), devices, RunPlanner.maxUtilization(pb, defaultCap), now,
        RunPlanner.movesAffectedOnly(pb));
    if (pick.target().isEmpty()) {
      return new Result(Optional.empty(), List.of(pick.why()));
    }
    ClusterFacts tgt = facts.get(pick.target().get());
    for (ClusterFacts c : List.of(tgt, src)) {
      if (Math.round(c.devicesPerSecond() * admissionShare * 1000) < 1) { // the plan's precision: 0.001 devices/s
        return new Result(Optional.empty(), List.of("--admission-share " + admissionShare + ": paces " + c.name() + " (admission "
            + c.devicesPerSecond() + " devices/s) below 0.001 devices/s; give a share above 0 and at most 1 that leaves the waves a pace, e.g. 0.8"));
      }
    }
    FailoverRunStatus.Plan plan = RunPlanner.plan(run.getSpec(), pb, src, tgt, admissionShare, pick.why(), lossShowsWithin, defaultCap);
    return new Result(Optional.of(new OfflinePlan(run, pb, plan, src, tgt)), List.of());
  }

  /** Device counts from status.devices where the file has them (observed), else spec.signals.static. */
  static ClusterFacts facts(Cluster c) {
    var status = c.getStatus();
    Optional<DeviceObservation> devices = Optional.empty();
    if (status != null && status.devices != null && status.devices.expected != null && status.devices.connected != null) {
      devices = Optional.of(new DeviceObservation(status.devices.expected, status.devices.connected, java.time.Instant.EPOCH));
    } else if (c.getSpec() != null && c.getSpec().signals != null && c.getSpec().signals.staticSignal != null) {
      var st = c.getSpec().signals.staticSignal;
      devices = Optional.of(new DeviceObservation(st.expected, Math.min(st.connected, st.expected), java.time.Instant.EPOCH));
    }
    return ClusterFacts.of(c, devices, "the file gives no device counts (status.devices or spec.signals.static)", HealthThresholds.defaults());
  }
}
