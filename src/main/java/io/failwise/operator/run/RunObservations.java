package io.failwise.operator.run;

import io.failwise.api.Cluster;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunStatus;
import io.failwise.api.StopConditionSpec;
import io.failwise.model.run.Prechecks;
import io.failwise.model.run.StopReadings;
import io.failwise.model.run.StopRule;
import io.failwise.signals.SignalReading;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Turns what the world shows into what the engine decides on: cluster facts, stop readings, prechecks. */
final class RunObservations {
  private final RunWorld world;

  RunObservations(RunWorld world) {
    this.world = world;
  }

  ClusterFacts facts(FailoverRun run, String cluster) {
    Cluster c = world.cluster(run.getMetadata().getNamespace(), cluster).orElse(null);
    if (c == null) {
      return new ClusterFacts(cluster, "", 0, 0, Optional.empty(), null, "Cluster " + cluster + " does not exist.", null);
    }
    return facts(c);
  }

  /**
   * What is said of the run's source or target whose Cluster the controller cannot see (source first):
   * deleted, or stored but unreadable (a field of the wrong type, which the informers leave out); empty
   * when both can be read. A Cluster the run holds is protected from deletion where the held-cluster
   * policy is installed; elsewhere it can go mid-run, and the run then cannot tell what its next wave
   * would do to it.
   */
  Optional<String> gone(FailoverRun run, FailoverRunStatus s) {
    return missing(run, s.plan.source, "source", "the next wave").or(() -> missing(run, s.plan.target, "target", "the next wave"));
  }

  /** Why the run's source, every device sent home, cannot be judged now: it is not among the Clusters read. */
  Optional<String> sourceGone(FailoverRun run, FailoverRunStatus s) {
    return missing(run, s.plan.source, "source", "the judgment of whether it took them back");
  }

  private Optional<String> missing(FailoverRun run, String cluster, String role, String waiting) {
    String ns = run.getMetadata().getNamespace();
    if (world.cluster(ns, cluster).isPresent()) {
      return Optional.empty();
    }
    String which = "Cluster " + cluster + ", the run's " + role + ", ";
    return Optional.of(world.unreadable(ns, "Cluster", cluster)
        .map(why -> which + "cannot be read (" + why + "); " + waiting + " waits until it can. Correct it to go on, or `failwise abort` the run.")
        .orElse(which + "does not exist (deleted while the run held it); " + waiting + " waits until it exists again. Apply it again to go"
            + " on, or `failwise abort` the run."));
  }

  ClusterFacts facts(Cluster c) {
    SignalReading r = world.read(c);
    return ClusterFacts.of(c, r.observation(), r.unknownMessage(), world.thresholds());
  }

  /** The readings for the stop conditions, and the status with since-when signals are unknown. */
  record Watch(FailoverRunStatus status, boolean changed, StopReadings readings) {}

  Watch watch(FailoverRun run, FailoverRunStatus s, Instant now) {
    String ns = run.getMetadata().getNamespace();
    SignalReading target = read(world.cluster(ns, s.plan.target).orElse(null));
    SignalReading source = read(world.cluster(ns, s.plan.source).orElse(null));
    FailoverRunStatus.SignalWatch before = s.signals == null ? new FailoverRunStatus.SignalWatch() : s.signals;
    FailoverRunStatus.SignalWatch after = new FailoverRunStatus.SignalWatch();
    after.targetUnknownSince = target.isKnown() ? null : before.targetUnknownSince != null ? before.targetUnknownSince : RunStatuses.time(now);
    after.sourceUnknownSince = source.isKnown() ? null : before.sourceUnknownSince != null ? before.sourceUnknownSince : RunStatuses.time(now);
    boolean changed = !Objects.equals(before.targetUnknownSince, after.targetUnknownSince)
        || !Objects.equals(before.sourceUnknownSince, after.sourceUnknownSince);
    s.signals = after.targetUnknownSince == null && after.sourceUnknownSince == null ? null : after;
    StopReadings readings =
        new StopReadings(
            now,
            reading(target, after.targetUnknownSince),
            reading(source, after.sourceUnknownSince),
            s.baseline == null || s.baseline.targetConnected == null ? 0 : s.baseline.targetConnected,
            RunStatuses.devicesAtTarget(s),
            RunStatuses.lastWaveAt(s),
            before(s.baseline),
            RunArrivals.allArrivedAt(s));
    return new Watch(s, changed, readings);
  }

  List<StopRule> rules(FailoverRunStatus s) {
    List<StopRule> rules = new ArrayList<>();
    for (StopConditionSpec c : s.plan.stopConditions) {
      StopRule.Side side = "Source".equals(c.cluster) ? StopRule.Side.SOURCE : StopRule.Side.TARGET;
      if (c.offlineDevicesAbove != null) {
        rules.add(new StopRule.OfflineDevicesAbove(c.name, side, c.offlineDevicesAbove));
      } else if (c.offlineRatioAbove != null) {
        rules.add(new StopRule.OfflineRatioAbove(c.name, side, c.offlineRatioAbove));
      } else if (c.offlineRatioRiseAbove != null) {
        rules.add(new StopRule.OfflineRatioRiseAbove(c.name, side, c.offlineRatioRiseAbove, grace(c)));
      } else if (c.reconnectedRatioBelow != null) {
        rules.add(new StopRule.ReconnectedRatioBelow(c.name, c.reconnectedRatioBelow, grace(c)));
      } else if (c.signalUnknownSeconds != null) {
        rules.add(new StopRule.SignalUnknownFor(c.name, side, Duration.ofSeconds(c.signalUnknownSeconds)));
      }
    }
    return rules;
  }

  List<Prechecks.Result> prechecks(FailoverRun run, FailoverRunStatus s, Double maxTargetUtilization) {
    ClusterFacts target = facts(run, s.plan.target)
        .asTarget(world.cluster(run.getMetadata().getNamespace(), s.plan.target).orElse(null), world.now());
    boolean failback = s.plan.steps.stream().anyMatch(p -> p.kind.equals("Failback"));
    return Prechecks.evaluate(
        new Prechecks.Inputs(
            s.plan.source,
            region(run, s.plan.source),
            target.name(),
            target.region(),
            target.health(),
            target.healthMessage(),
            target.capacity(),
            target.connected(),
            target.offline(),
            s.plan.devicesToMove,
            maxTargetUtilization == null ? world.maxTargetUtilization() : maxTargetUtilization, // a plan made before the cap was written into it
            world.budgetRefusal(run, failback),
            world.freeze(s.plan.mode).map(w -> w.text()),
            world.halt().map(RunWorld.Halt::by)));
  }

  /** A cluster's region from its spec, without reading its signals (empty when unknown). */
  private String region(FailoverRun run, String cluster) {
    return world.cluster(run.getMetadata().getNamespace(), cluster)
        .map(c -> c.getSpec() == null || c.getSpec().region == null ? "" : c.getSpec().region)
        .orElse("");
  }

  FailoverRunStatus.Baseline baseline(FailoverRun run, FailoverRunStatus s, Instant now) {
    ClusterFacts target = facts(run, s.plan.target);
    ClusterFacts source = facts(run, s.plan.source);
    FailoverRunStatus.Baseline b = new FailoverRunStatus.Baseline();
    b.targetConnected = target.devices().isPresent() ? target.connected() : null;
    b.sourceExpected = source.devices().isPresent() ? source.expected() : null;
    b.sourceOffline = source.devices().isPresent() ? source.offline() : null;
    b.targetExpected = target.devices().isPresent() ? target.expected() : null;
    b.targetOffline = target.devices().isPresent() ? target.offline() : null;
    b.sourceHealth = source.health() == null ? null : source.health().displayName();
    b.at = RunStatuses.time(now);
    return b;
  }

  private static Duration grace(StopConditionSpec c) {
    return Duration.ofSeconds(c.graceSeconds == null ? 120 : c.graceSeconds);
  }

  /** The share offline at each cluster when the baseline was taken (before the first wave). */
  static StopReadings.Before before(FailoverRunStatus.Baseline b) {
    if (b == null) {
      return StopReadings.Before.UNKNOWN;
    }
    return new StopReadings.Before(
        ratio(b.targetOffline, b.targetExpected), ratio(b.sourceOffline, b.sourceExpected), b.targetOffline == null ? -1 : Math.max(0, b.targetOffline));
  }

  private static double ratio(Long offline, Long expected) {
    return offline == null || expected == null || expected <= 0 ? Double.NaN : Math.max(0, offline) / (double) expected;
  }

  static List<FailoverRunStatus.Check> checks(List<Prechecks.Result> results) {
    return results.stream().map(r -> new FailoverRunStatus.Check(r.name(), r.passed(), r.message())).toList();
  }

  private SignalReading read(Cluster c) {
    return c == null ? SignalReading.unknown("ClusterMissing", "the Cluster does not exist.") : world.read(c);
  }

  private static StopReadings.Reading reading(SignalReading r, String unknownSince) {
    return r.observation()
        .map(StopReadings.Reading::known)
        .orElseGet(() -> StopReadings.Reading.unknown(RunStatuses.instant(unknownSince), r.unknownReason()));
  }
}
