package io.failwise.model.estimate;

import io.failwise.model.Format;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The device-minute model of each option for one input (docs/estimator.md derives it). Every loss is
 * affine in the remaining outage r, so its mean over the prior is its value at E[r] and its 90th
 * percentile its value at the 90th percentile of r.
 *
 * <ul>
 *   <li>n devices admitted one after another at a rate of a per minute lose n^2/(2a) device-minutes (the
 *       i-th waits i/a), and a switch of n devices with a cutover of C minutes costs nC + n^2/(2a);
 *   <li>HOLD: the offline devices lose share x offline x r, then reconnect through the source's admission;
 *   <li>FAILOVER: every device switches to the target now and back after the outage (if failback is
 *       required), whatever the outage does: a started failover is finished;
 *   <li>FAILOVER_AFFECTED: the number of offline devices to move minimises the expected loss: each
 *       moved device costs a switch there and back, and the later ones wait longer in the target's
 *       admission queue, so beyond some number moving costs more than waiting.
 * </ul>
 */
final class OptionCosts {
  /** An option's estimate and the extra outage beyond which it beats holding (NaN for HOLD itself). */
  record Costed(OptionEstimate estimate, double breakEvenMinutes) {}

  private final EstimateInput in;
  private final SourceCluster source;
  private final double share;
  private final double offline;
  private final double devices;
  private final double cutover;
  private final double sourceRate;
  private final double failbacks;
  private final double mean;
  private final double p90;
  private final DeviceMinuteLoss holdLoss;

  OptionCosts(EstimateInput in, OutageOutlook outlook, double intermittentOfflineShare) {
    this.in = in;
    this.source = in.source();
    this.share = in.outage().intermittent() ? intermittentOfflineShare : 1.0;
    this.offline = in.outage().offlineDevices();
    this.devices = source.expectedDevices();
    this.cutover = source.cutoverMinutes();
    this.sourceRate = perMinute(source.admissionDevicesPerSecond());
    this.failbacks = source.failbackRequired() ? 1 : 0;
    this.mean = outlook.meanMinutes();
    this.p90 = outlook.p90Minutes();
    this.holdLoss = heldLoss(offline);
  }

  Costed hold() {
    return feasible(
        Recommendation.HOLD, Optional.empty(), 0, offline, 0, holdLoss, mean + share * offline / sourceRate, "", Double.NaN);
  }

  Costed failover() {
    String why = cannotMove(devices, "no devices to move");
    if (why != null) {
      return infeasible(Recommendation.FAILOVER, Optional.empty(), 0, why);
    }
    List<TargetCluster> candidates = healthyByPriority();
    Optional<TargetCluster> fits = candidates.stream().filter(t -> t.freeDevices() >= devices).findFirst();
    if (fits.isEmpty()) {
      long notFitting = candidates.isEmpty() ? 0 : (long) devices - candidates.get(0).freeDevices();
      return infeasible(
          Recommendation.FAILOVER,
          candidates.stream().findFirst().map(TargetCluster::name),
          notFitting,
          noRoom(candidates, devices, "devices"));
    }
    TargetCluster target = fits.get();
    double rate = perMinute(target.admissionDevicesPerSecond());
    DeviceMinuteLoss loss = new DeviceMinuteLoss(switchOver(devices, rate) + failbacks * switchOver(devices, sourceRate), 0);
    return feasible(
        Recommendation.FAILOVER,
        Optional.of(target.name()),
        0,
        devices,
        devices,
        loss,
        cutover + devices / rate,
        "",
        loss.breakEvenAgainst(holdLoss));
  }

  Costed affected() {
    if (source.granularity() != Granularity.DEVICE) {
      return infeasible(
          Recommendation.FAILOVER_AFFECTED,
          Optional.empty(),
          0,
          source.name() + " moves its devices together (granularity Cluster)");
    }
    String why = cannotMove(offline, "no devices offline");
    if (why != null) {
      return infeasible(Recommendation.FAILOVER_AFFECTED, Optional.empty(), 0, why);
    }
    List<TargetCluster> candidates = healthyByPriority();
    Optional<TargetCluster> chosen = candidates.stream().filter(t -> t.freeDevices() >= offline).findFirst()
        .or(() -> candidates.stream().filter(t -> t.freeDevices() > 0).findFirst());
    if (chosen.isEmpty()) {
      return infeasible(
          Recommendation.FAILOVER_AFFECTED,
          candidates.stream().findFirst().map(TargetCluster::name),
          candidates.isEmpty() ? 0 : (long) offline,
          noRoom(candidates, offline, "offline devices"));
    }
    TargetCluster target = chosen.get();
    double rate = perMinute(target.admissionDevicesPerSecond());
    double room = Math.min(offline, target.freeDevices());
    // d(expected loss)/d(moved) = 0, from the loss below: the number of devices worth moving.
    double marginalQueue = 1 / rate + failbacks / sourceRate + share * share / sourceRate;
    double worthMoving = (share * mean + share * share * offline / sourceRate - cutover * (1 + failbacks)) / marginalQueue;
    double moved = Math.max(0, Math.min(room, worthMoving));
    double held = offline - moved;
    DeviceMinuteLoss heldPart = heldLoss(held);
    DeviceMinuteLoss loss =
        new DeviceMinuteLoss(
            switchOver(moved, rate) + failbacks * switchOver(moved, sourceRate) + heldPart.fixed(), heldPart.perOutageMinute());
    double recovery = Math.max(moved > 0 ? cutover + moved / rate : 0, held > 0 ? mean + share * held / sourceRate : 0);
    // With the number moved chosen for each r, moving beats holding as soon as the first device pays off.
    double breakEven = Math.max(0, (cutover * (1 + failbacks) - share * share * offline / sourceRate) / share);
    boolean partial = target.freeDevices() < offline;
    long notFitting = partial ? (long) offline - target.freeDevices() : 0;
    String reason;
    if (partial) {
      reason = target.name() + " has room for " + Format.count(target.freeDevices()) + " of the "
          + Format.count((long) offline) + " offline devices: " + Format.count(notFitting) + " do not fit";
    } else if (moved <= 0) {
      reason = "moving a device pays off only if the outage lasts another " + Format.minutes(breakEven);
    } else if (moved < room) {
      reason = "moving more than " + Format.count(Math.round(moved)) + " devices costs more than waiting: later"
          + " devices queue longer at " + target.name() + "'s admission rate";
    } else {
      reason = "";
    }
    return feasible(
        Recommendation.FAILOVER_AFFECTED,
        Optional.of(target.name()),
        notFitting,
        offline,
        moved,
        loss,
        recovery,
        reason,
        breakEven);
  }

  /** Held devices lose share x held per outage minute, then queue at the source's admission after it. */
  private DeviceMinuteLoss heldLoss(double held) {
    double offlineAtEnd = share * held;
    return new DeviceMinuteLoss(queue(offlineAtEnd, sourceRate), offlineAtEnd);
  }

  /** n devices admitted one after another at {@code rate} per minute: the i-th waits i/rate. */
  private static double queue(double n, double rate) {
    return n * n / (2 * rate);
  }

  /** n devices cut over, then admitted at {@code rate} per minute. */
  private double switchOver(double n, double rate) {
    return n * cutover + queue(n, rate);
  }

  private static double perMinute(double perSecond) {
    return perSecond * 60;
  }

  /** Why nothing can move at all, or null. */
  private String cannotMove(double n, String what) {
    if (n <= 0) {
      return source.name() + " has " + what;
    }
    if (in.targets().isEmpty()) {
      return source.name() + " lists no failover targets";
    }
    return null;
  }

  private List<TargetCluster> healthyByPriority() {
    return in.targets().stream()
        .filter(TargetCluster::healthy)
        .sorted(Comparator.comparingInt(TargetCluster::priority).thenComparing(TargetCluster::name))
        .toList();
  }

  private String noRoom(List<TargetCluster> healthy, double needed, String what) {
    List<String> parts = new ArrayList<>();
    for (TargetCluster t : healthy) {
      parts.add(
          t.name() + " has room for " + Format.count(t.freeDevices()) + " of the " + Format.count((long) needed) + " "
              + what + " (" + Format.count((long) needed - t.freeDevices()) + " do not fit)");
    }
    in.targets().stream()
        .filter(t -> !t.healthy())
        .sorted(Comparator.comparingInt(TargetCluster::priority).thenComparing(TargetCluster::name))
        .forEach(t -> parts.add(t.name() + " is not healthy"));
    return String.join("; ", parts);
  }

  private Costed feasible(
      Recommendation option,
      Optional<String> target,
      long notFitting,
      double disrupted,
      double moved,
      DeviceMinuteLoss loss,
      double recovery,
      String reason,
      double breakEven) {
    OptionEstimate e =
        new OptionEstimate(
            option,
            true,
            target,
            notFitting > 0,
            notFitting,
            Math.round(disrupted),
            Math.round(moved),
            loss,
            loss.at(mean),
            loss.at(p90),
            recovery,
            reason);
    return new Costed(e, breakEven);
  }

  private static Costed infeasible(Recommendation option, Optional<String> target, long notFitting, String reason) {
    OptionEstimate e =
        new OptionEstimate(
            option, false, target, false, Math.max(0, notFitting), 0, 0, null, Double.NaN, Double.NaN, Double.NaN, reason);
    return new Costed(e, Double.POSITIVE_INFINITY);
  }
}
