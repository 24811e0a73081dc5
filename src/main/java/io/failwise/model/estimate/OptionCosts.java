package io.failwise.model.estimate;

import io.failwise.model.Format;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The device-minute model of each option in one state of the outage (docs/estimator.md derives it).
 * Every loss is affine in the remaining outage r, so its mean over the prior is its value at E[r].
 *
 * <ul>
 *   <li>n devices admitted one after another at a rate of a per minute lose n^2/(2a) device-minutes (the
 *       i-th waits i/a), and a switch of n devices with a cutover of C minutes costs nC + n^2/(2a);
 *   <li>HOLD: the offline devices lose r minutes each, then reconnect through the source's admission;
 *   <li>FAILOVER: every device switches to the target now and back after the outage (if failback is
 *       required), whatever the outage does: a started failover is finished;
 *   <li>FAILOVER_AFFECTED: the number of affected devices to move minimises the expected loss: each
 *       moved device costs a switch there and back, and the later ones wait longer in the target's
 *       admission queue, so beyond some number moving costs more than waiting.
 * </ul>
 *
 * Expected losses use the expected cutover (the lognormal's mean between its median and p90); the 90th
 * percentiles use the cutover's and the remaining outage's 90th percentiles together, an upper bound.
 * Each failover option is costed on every eligible target (healthy, another region, room under the
 * utilisation cap) and takes the cheapest, priority breaking ties ({@link TargetChoice}), or the first by
 * priority when the source asks for a strict order.
 */
final class OptionCosts {
  /** An option's estimate and the extra outage beyond which it beats holding (NaN for HOLD itself). */
  record Costed(OptionEstimate estimate, double breakEvenMinutes) {}

  private final EstimateInput in;
  private final SourceCluster source;
  private final double maxUtilization;
  private final double offline;
  private final double affected;
  private final double share;
  private final double devices;
  private final double cutover;
  private final double cutoverP90;
  private final double sourceRate;
  private final double failbacks;
  private final double mean;
  private final double p90;
  private final DeviceMinuteLoss holdLoss;

  /**
   * @param offline devices offline now (the state may be a projection)
   * @param affected devices the outage touches, at least {@code offline}
   * @param mean expected remaining outage in minutes
   * @param p90 its 90th percentile (NaN when only expected losses are needed)
   */
  OptionCosts(EstimateInput in, double maxUtilization, double offline, double affected, double mean, double p90) {
    this.in = in;
    this.source = in.source();
    this.maxUtilization = maxUtilization;
    this.offline = offline;
    this.affected = Math.max(affected, offline);
    this.share = this.affected == 0 ? 1.0 : offline / this.affected;
    this.devices = source.expectedDevices();
    this.cutover = source.cutoverMeanMinutes();
    this.cutoverP90 = source.cutoverP90Minutes();
    this.sourceRate = perMinute(source.admissionDevicesPerSecond());
    this.failbacks = source.failbackRequired() ? 1 : 0;
    this.mean = mean;
    this.p90 = p90;
    this.holdLoss = heldLoss(this.affected);
  }

  Costed hold() {
    return feasible(
        Recommendation.HOLD, Optional.empty(), 0, affected, 0, holdLoss, holdLoss.at(p90), mean + offline / sourceRate, "",
        Double.NaN);
  }

  Costed failover() {
    String why = cannotMove(devices, "no devices to move");
    if (why != null) {
      return infeasible(Recommendation.FAILOVER, Optional.empty(), 0, why);
    }
    // The same choice as `failwise plan` and run admission make (TargetChoice), under the same cap.
    TargetChoice choice = TargetChoice.forMove(in, devices, maxUtilization);
    if (!choice.fits()) {
      long notFitting = choice.target().map(t -> (long) devices - t.freeDevices(maxUtilization)).orElse(0L);
      return infeasible(Recommendation.FAILOVER, choice.target().map(TargetCluster::name), notFitting, noRoom(eligible(), devices, "devices"));
    }
    TargetCluster target = choice.target().orElseThrow();
    DeviceMinuteLoss loss = new DeviceMinuteLoss(failoverFixed(target, cutover), 0);
    return feasible(
        Recommendation.FAILOVER,
        Optional.of(target.name()),
        0,
        devices,
        devices,
        loss,
        failoverFixed(target, cutoverP90),
        cutover + devices / perMinute(target.admissionDevicesPerSecond()),
        "",
        loss.breakEvenAgainst(holdLoss));
  }

  /** Every device there now and, after the outage, back: with cutover c. */
  private double failoverFixed(TargetCluster t, double c) {
    return TargetChoice.moveLoss(source, t, devices, c);
  }

  /** Moving only affected devices to one target: how many, and what it costs. */
  private record Move(TargetCluster target, double room, double moved, DeviceMinuteLoss loss) {}

  private Move move(TargetCluster target) {
    double rate = perMinute(target.admissionDevicesPerSecond());
    double room = Math.min(affected, target.freeDevices(maxUtilization));
    // d(expected loss)/d(moved) = 0, from the loss below: the number of devices worth moving.
    double marginalQueue = 1 / rate + failbacks / sourceRate + share * share / sourceRate;
    double worthMoving = (share * mean + share * share * affected / sourceRate - cutover * (1 + failbacks)) / marginalQueue;
    double moved = Math.max(0, Math.min(room, worthMoving));
    DeviceMinuteLoss heldPart = heldLoss(affected - moved);
    DeviceMinuteLoss loss =
        new DeviceMinuteLoss(
            switchOver(moved, rate, cutover) + failbacks * switchOver(moved, sourceRate, cutover) + heldPart.fixed(),
            heldPart.perOutageMinute());
    return new Move(target, room, moved, loss);
  }

  Costed affected() {
    if (source.granularity() != Granularity.DEVICE) {
      return infeasible(
          Recommendation.FAILOVER_AFFECTED, Optional.empty(), 0, source.name() + " moves its devices together (granularity Cluster)");
    }
    String why = cannotMove(affected, "no devices offline");
    if (why != null) {
      return infeasible(Recommendation.FAILOVER_AFFECTED, Optional.empty(), 0, why);
    }
    List<TargetCluster> candidates = eligible();
    Optional<Move> chosen =
        in.targetOrder() == TargetOrder.PRIORITY
            ? candidates.stream().filter(t -> t.freeDevices(maxUtilization) > 0).findFirst().map(this::move)
            : candidates.stream()
                .filter(t -> t.freeDevices(maxUtilization) > 0)
                .map(this::move)
                .min(Comparator.comparingDouble((Move m) -> m.loss().at(mean)).thenComparing(Move::target, byPriority()));
    if (chosen.isEmpty()) {
      return infeasible(
          Recommendation.FAILOVER_AFFECTED,
          candidates.stream().findFirst().map(TargetCluster::name),
          candidates.isEmpty() ? 0 : (long) affected,
          noRoom(candidates, affected, "affected devices"));
    }
    Move m = chosen.get();
    TargetCluster target = m.target();
    double rate = perMinute(target.admissionDevicesPerSecond());
    double held = affected - m.moved();
    double recovery = Math.max(m.moved() > 0 ? cutover + m.moved() / rate : 0, held > 0 ? mean + share * held / sourceRate : 0);
    // The break-even of the plan recommended: moving these devices, against holding. With nothing worth
    // moving yet, the extra outage from which the first device pays off.
    double firstDevice = Math.max(0, (cutover * (1 + failbacks) - share * share * affected / sourceRate) / share);
    double breakEven = m.moved() > 0 ? m.loss().breakEvenAgainst(holdLoss) : firstDevice;
    double p90Loss =
        m.loss().at(p90) + m.moved() * (1 + failbacks) * (cutoverP90 - cutover);
    long free = target.freeDevices(maxUtilization);
    boolean partial = free < affected;
    long notFitting = partial ? (long) affected - free : 0;
    String reason;
    if (partial) {
      reason = target.name() + " has room for " + Format.count(free) + " of the " + Format.count((long) affected)
          + " affected devices: " + Format.count(notFitting) + " do not fit";
    } else if (m.moved() <= 0) {
      reason = "moving a device pays off only if the outage lasts another " + Format.minutes(firstDevice);
    } else if (m.moved() < m.room()) {
      reason = "moving more than " + Format.plural(Math.round(m.moved()), "device") + " costs more than waiting: later"
          + " devices queue longer at " + target.name() + "'s admission rate";
    } else {
      reason = "";
    }
    return feasible(
        Recommendation.FAILOVER_AFFECTED, Optional.of(target.name()), notFitting, affected, m.moved(), m.loss(), p90Loss, recovery,
        reason, breakEven);
  }

  /**
   * The expected loss of moving only affected devices at another state of the same outage (o offline of a
   * affected, mean remaining minutes): the same model as {@link #affected()}, without building a report,
   * for the sequential decision's many future states. +Infinity when the option is not feasible.
   */
  double affectedMeanAt(double o, double a, double meanRemaining) {
    if (source.granularity() != Granularity.DEVICE || a <= 0 || in.targets().isEmpty()) {
      return Double.POSITIVE_INFINITY;
    }
    double s = o / a;
    double best = Double.POSITIVE_INFINITY;
    for (TargetCluster t : eligible()) {
      long free = t.freeDevices(maxUtilization);
      if (free <= 0) {
        continue;
      }
      double rate = perMinute(t.admissionDevicesPerSecond());
      double room = Math.min(a, free);
      double marginalQueue = 1 / rate + failbacks / sourceRate + s * s / sourceRate;
      double worthMoving = (s * meanRemaining + s * s * a / sourceRate - cutover * (1 + failbacks)) / marginalQueue;
      double moved = Math.max(0, Math.min(room, worthMoving));
      double heldOffline = s * (a - moved);
      double loss =
          switchOver(moved, rate, cutover) + failbacks * switchOver(moved, sourceRate, cutover) + queue(heldOffline, sourceRate)
              + heldOffline * meanRemaining;
      best = Math.min(best, loss);
      if (in.targetOrder() == TargetOrder.PRIORITY) {
        break; // a strict order moves to the first eligible target with room, whatever the others cost
      }
    }
    return best;
  }

  /** Held devices lose their offline share per outage minute, then queue at the source's admission after it. */
  private DeviceMinuteLoss heldLoss(double held) {
    double offlineAtEnd = share * held;
    return new DeviceMinuteLoss(queue(offlineAtEnd, sourceRate), offlineAtEnd);
  }

  /** n devices admitted one after another at {@code rate} per minute: the i-th waits i/rate. */
  static double queue(double n, double rate) {
    return n * n / (2 * rate);
  }

  /** n devices cut over for c minutes, then admitted at {@code rate} per minute. */
  private static double switchOver(double n, double rate, double c) {
    return TargetChoice.switchOver(n, rate, c);
  }

  static double perMinute(double perSecond) {
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

  private static Comparator<TargetCluster> byPriority() {
    return TargetChoice.byPriority();
  }

  /** Healthy targets in another region, by priority. */
  private List<TargetCluster> eligible() {
    if (eligible == null) {
      eligible = in.targets().stream().filter(t -> refusal(t).isEmpty()).sorted(byPriority()).toList();
    }
    return eligible;
  }

  private List<TargetCluster> eligible;

  /** Why a target is never chosen, or empty. */
  private Optional<String> refusal(TargetCluster t) {
    return TargetChoice.refusal(source, t);
  }

  private String noRoom(List<TargetCluster> eligible, double needed, String what) {
    List<String> parts = new ArrayList<>();
    for (TargetCluster t : eligible) {
      long free = t.freeDevices(maxUtilization);
      parts.add(
          t.name() + " has room for " + Format.count(free) + " of the " + Format.count((long) needed) + " " + what + " ("
              + Format.count((long) needed - free) + " do not fit at " + Math.round(maxUtilization * 100) + "% of its capacity)");
    }
    in.targets().stream().sorted(byPriority()).forEach(t -> refusal(t).ifPresent(parts::add));
    return String.join("; ", parts);
  }

  private Costed feasible(
      Recommendation option,
      Optional<String> target,
      long notFitting,
      double disrupted,
      double moved,
      DeviceMinuteLoss loss,
      double lossP90,
      double recovery,
      String reason,
      double breakEven) {
    OptionEstimate e =
        new OptionEstimate(
            option, true, target, notFitting > 0, notFitting, Math.round(disrupted), Math.round(moved), loss, loss.at(mean), lossP90,
            recovery, reason);
    return new Costed(e, breakEven);
  }

  private static Costed infeasible(Recommendation option, Optional<String> target, long notFitting, String reason) {
    OptionEstimate e =
        new OptionEstimate(
            option, false, target, false, Math.max(0, notFitting), 0, 0, null, Double.NaN, Double.NaN, Double.NaN, reason);
    return new Costed(e, Double.POSITIVE_INFINITY);
  }
}
