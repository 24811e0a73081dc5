package io.failwise.operator.estimate;

import io.failwise.api.Cluster;
import io.failwise.api.ClusterSpec;
import io.failwise.api.ClusterStatus;
import io.failwise.api.DeviceCounts;
import io.failwise.api.FailoverSpec;
import io.failwise.api.SignalsSpec;
import io.failwise.api.validation.Problem;
import io.failwise.model.DeviceObservation;
import io.failwise.model.Health;
import io.failwise.model.HealthAssessment;
import io.failwise.model.HealthThresholds;
import io.failwise.model.estimate.DurationPrior;
import io.failwise.model.estimate.EstimateInput;
import io.failwise.model.estimate.Granularity;
import io.failwise.model.estimate.Outage;
import io.failwise.model.estimate.SourceCluster;
import io.failwise.model.estimate.TargetCluster;
import io.failwise.model.estimate.TargetOrder;
import io.failwise.operator.watch.Unreadable;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns Cluster resources into the estimator's input: the source's spec and device counts, and its
 * spec.failover.targets looked up among the clusters of its namespace. Device counts come from
 * status.devices (what the controller observed) and otherwise from spec.signals.static.
 */
public final class EstimateInputs {
  private EstimateInputs() {}

  /** As {@link #from(Cluster, Collection, Outage, Instant, DurationPrior, ZoneId)}, times of day in UTC. */
  public static EstimateInput from(
      Cluster source, Collection<Cluster> clustersInNamespace, Outage outage, Instant at, DurationPrior prior) {
    return from(source, clustersInNamespace, outage, at, prior, ZoneOffset.UTC);
  }

  /**
   * @param clustersInNamespace clusters that may be targets; those of other namespaces are ignored, and one the
   *     controller cannot read ({@link Unreadable}) is passed over saying so
   * @throws InvalidEstimateInputException when the source or a target lacks a field the estimate needs
   */
  public static EstimateInput from(
      Cluster source, Collection<Cluster> clustersInNamespace, Outage outage, Instant at, DurationPrior prior, ZoneId zone) {
    String name = source.getMetadata().getName();
    ClusterSpec spec = spec(source);
    FailoverSpec failover = spec.failover;
    List<FailoverSpec.Target> listed = failover == null || failover.targets == null ? List.of() : failover.targets;
    if (!listed.isEmpty() && failover.cutoverSeconds == null) {
      throw new InvalidEstimateInputException(
          name,
          new Problem(
              "spec.failover.cutoverSeconds",
              "is required to estimate a failover: the seconds the switch disconnects devices (Azure IoT Hub:"
                  + " about 900 for 100,000 devices)"));
    }
    long expected = expectedDevices(source);
    if (outage.offlineDevices() > expected) {
      throw new InvalidEstimateInputException(
          name,
          new Problem(
              "status.devices.expected",
              expected + (expected == 1 ? " device" : " devices") + " expected, fewer than the " + outage.offlineDevices() + " the outage has offline"));
    }
    // The same bounds as the Cluster's own validation: validate, InvalidSpec and the estimate never disagree.
    Optional<Problem> cutover = io.failwise.api.validation.ClusterValidator.cutover(failover);
    if (cutover.isPresent() && cutover.get().field().startsWith("spec.failover.cutoverP90")) {
      throw new InvalidEstimateInputException(name, cutover.get());
    }
    SourceCluster model =
        new SourceCluster(
            name,
            spec.region,
            expected,
            count(source, "connected", d -> d.connected, s -> s.connected),
            spec.capacity.devices,
            spec.admission.devicesPerSecond,
            // What the source's finished runs measured, when they did (status.calibration), else the spec.
            Calibrations.cutover(source, failover, at),
            Calibrations.cutoverP90(source, failover, at),
            failover != null && failover.granularity == FailoverSpec.Granularity.Device ? Granularity.DEVICE : Granularity.CLUSTER,
            failover == null || failover.failbackRequired == null || failover.failbackRequired);
    List<TargetCluster> targets = new ArrayList<>();
    String namespace = source.getMetadata().getNamespace();
    for (int i = 0; i < listed.size(); i++) {
      FailoverSpec.Target t = listed.get(i);
      String field = "spec.failover.targets[" + i + "].cluster";
      if (t == null || t.cluster == null) {
        throw new InvalidEstimateInputException(name, new Problem(field, "is required: the name of a Cluster in the same namespace"));
      }
      int priority = t.priority == null ? 0 : t.priority;
      if (targets.stream().anyMatch(x -> x.name().equals(t.cluster))) {
        continue; // listed twice: costed once (the Cluster's Ready condition says so)
      }
      Optional<Cluster> target =
          clustersInNamespace.stream()
              .filter(c -> t.cluster.equals(c.getMetadata().getName()))
              .filter(c -> Objects.equals(namespace, c.getMetadata().getNamespace()))
              .findFirst();
      if (t.cluster.equals(name)) {
        targets.add(unusable(t.cluster, priority, field + ": a cluster cannot fail over to itself"));
      } else if (target.isEmpty()) {
        // A deleted or misspelt target is passed over with its reason; the other targets are still costed.
        targets.add(unusable(t.cluster, priority, field + ": Cluster '" + t.cluster + "' does not exist in namespace " + namespace));
      } else if (Unreadable.isUnreadable(target.get())) {
        // Stored, but a field the controller cannot read (reported on the object): not "does not exist".
        targets.add(unusable(t.cluster, priority, field + ": Cluster '" + t.cluster + "' exists but cannot be read ("
            + Unreadable.problem(target.get()).orElseThrow() + ")"));
      } else {
        targets.add(costed(source, target.get(), priority, at));
      }
    }
    TargetOrder order =
        failover != null && failover.targetOrder == FailoverSpec.TargetOrder.Priority ? TargetOrder.PRIORITY : TargetOrder.LEAST_LOSS;
    return new EstimateInput(model, targets, outage, at, prior, zone, order);
  }

  /**
   * The same input with one target only: the Cluster a run names in its spec.target, which the run
   * will fail over to whatever the others would cost. Its priority is the source's for it, 0 when the
   * source does not list it.
   *
   * @throws InvalidEstimateInputException when the target lacks a field the estimate needs
   */
  public static EstimateInput withOnlyTarget(EstimateInput in, Cluster source, Cluster target) {
    String name = target.getMetadata().getName();
    FailoverSpec failover = spec(source).failover;
    int priority =
        failover == null || failover.targets == null
            ? 0
            : failover.targets.stream()
                .filter(t -> t != null && name.equals(t.cluster) && t.priority != null)
                .mapToInt(t -> t.priority)
                .findFirst()
                .orElse(0);
    // Only the targets change: the moves the run's playbook can make (and all else) stay as they were.
    return in.withTargets(List.of(costed(source, target, priority, in.at())));
  }

  /** A listed target that cannot be used at all: refused for {@code why}, with nothing to cost. */
  private static TargetCluster unusable(String name, int priority, String why) {
    return new TargetCluster(name, priority, "", 0, 0, 0, 1, Optional.of(why));
  }

  /** A target as the estimate costs it: its spec and counts, and the admission rate the source's runs measured there. */
  private static TargetCluster costed(Cluster source, Cluster target, int priority, Instant at) {
    TargetCluster costed = target(target, priority, at);
    var measured = Calibrations.admission(source, costed.name(), at);
    if (measured.isPresent()) {
      costed =
          new TargetCluster(
              costed.name(), costed.priority(), costed.region(), costed.capacityDevices(), costed.connectedDevices(),
              costed.offlineDevices(), measured.getAsDouble(), costed.refused());
    }
    return costed;
  }

  /** The devices that normally connect to a cluster: status.devices.expected, else spec.signals.static. */
  public static long expectedDevices(Cluster cluster) {
    spec(cluster);
    return count(cluster, "expected", d -> d.expected, s -> s.expected);
  }

  private static TargetCluster target(Cluster c, int priority, Instant at) {
    ClusterSpec spec = spec(c);
    String name = c.getMetadata().getName();
    long expected = count(c, "expected", d -> d.expected, s -> s.expected);
    long connected = count(c, "connected", d -> d.connected, s -> s.connected);
    long offline = Math.max(0, expected - connected);
    return new TargetCluster(
        name, priority, spec.region, spec.capacity.devices, connected, offline, spec.admission.devicesPerSecond,
        unhealthy(c, expected, connected, at));
  }

  /** Why a target is unhealthy ({@link TargetHealth}), or empty. */
  static Optional<String> unhealthy(Cluster c, long expected, long connected, Instant at) {
    TargetHealth judged = TargetHealth.judge(c, expected, connected, at);
    return judged.healthy() ? Optional.empty() : Optional.of(judged.unhealthyReason(c.getMetadata().getName()));
  }

  /** The spec with the fields the estimate reads, or the first one missing. */
  private static ClusterSpec spec(Cluster c) {
    String name = c.getMetadata().getName();
    ClusterSpec spec = c.getSpec();
    if (spec == null) {
      throw new InvalidEstimateInputException(name, new Problem("spec", "is required"));
    }
    if (spec.capacity == null || spec.capacity.devices == null || spec.capacity.devices < 0) {
      throw new InvalidEstimateInputException(
          name, new Problem("spec.capacity.devices", "is required: 0 or more, the most concurrent connections it holds"));
    }
    if (spec.admission == null || spec.admission.devicesPerSecond == null || !(spec.admission.devicesPerSecond > 0)) {
      throw new InvalidEstimateInputException(
          name, new Problem("spec.admission.devicesPerSecond", "is required: a number above 0, new connections per second"));
    }
    return spec;
  }

  /** A device count from status.devices, else from spec.signals.static. */
  private static long count(
      Cluster c,
      String what,
      Function<DeviceCounts, Long> observed,
      Function<SignalsSpec.StaticSignal, Long> declared) {
    ClusterStatus status = c.getStatus();
    Optional<Long> fromStatus =
        Optional.ofNullable(status).map(s -> s.devices).map(observed);
    Optional<Long> fromSpec =
        Optional.ofNullable(c.getSpec().signals).map(s -> s.staticSignal).map(declared);
    long n = fromStatus.or(() -> fromSpec).orElseThrow(
        () -> new InvalidEstimateInputException(
            c.getMetadata().getName(),
            new Problem("status.devices." + what, "is needed (or spec.signals.static." + what + "): how many devices are " + what)));
    if (n < 0) {
      throw new InvalidEstimateInputException(
          c.getMetadata().getName(),
          new Problem(fromStatus.isPresent() ? "status.devices." + what : "spec.signals.static." + what, "must be 0 or more, got " + n));
    }
    return n;
  }
}
