package io.failwise.model.estimate;

import io.failwise.model.Format;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The device-minute model of each option in one state of the outage (docs/estimator.md derives it).
 * With a steady count every loss is affine in the remaining outage r, so its mean over the prior is its
 * value at E[r].
 *
 * <ul>
 *   <li>n devices admitted one after another at a rate of a per minute lose n^2/(2a) device-minutes (the
 *       i-th waits i/a), and a switch of n devices with a cutover of C minutes costs nC + n^2/(2a);
 *   <li>HOLD: the offline devices lose r minutes each, then reconnect through the source's admission;
 *   <li>FAILOVER: every device switches to the target now and back after the outage (if failback is
 *       required), whatever the outage does: a started failover is finished;
 *   <li>FAILOVER_AFFECTED: the number of affected devices to move minimises the expected loss: each
 *       moved device costs a switch there and back, and the later ones wait longer in the target's
 *       admission queue, so beyond some number moving costs more than waiting. The devices left behind
 *       follow the outage's projection as HOLD does ({@link HeldCost}): a share λ of them costs
 *       λ E[∫c] + λ² E[queue(c(R))], the straight line above when the count is steady.
 * </ul>
 *
 * Expected losses use the expected cutover (the lognormal's mean between its median and p90); the 90th
 * percentiles use the cutover's and the remaining outage's 90th percentiles together, an upper bound.
 * Each failover option is costed on every eligible target (healthy, another region, room under the
 * utilisation cap) and takes the cheapest, priority breaking ties ({@link TargetChoice}), or the first by
 * priority when the source asks for a strict order. Break-evens are taken along the trend ({@link
 * HeldLoss#breakEvenAlong}); with a steady count they are the closed forms.
 */
final class OptionCosts {
  /** An option's estimate and the extra outage beyond which it beats holding (NaN for HOLD itself). */
  record Costed(OptionEstimate estimate, double breakEvenMinutes) {}

  private final EstimateInput in;
  private final SourceCluster source;
  private final double maxUtilization;
  private final RemainingOutage remaining;
  private final Trend trend;
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
   * The options for the outage of {@code in} at its moment, {@code remaining} its remaining duration and
   * {@code trend} the projection of its offline count.
   */
  OptionCosts(EstimateInput in, double maxUtilization, RemainingOutage remaining, Trend trend) {
    this.in = in;
    this.source = in.source();
    this.maxUtilization = maxUtilization;
    this.remaining = remaining;
    this.trend = trend;
    this.offline = in.outage().offlineDevices();
    this.affected = Math.max(in.outage().affectedDevices(), offline);
    this.share = this.affected == 0 ? 1.0 : offline / this.affected;
    this.devices = source.expectedDevices();
    this.cutover = source.cutoverMeanMinutes();
    this.cutoverP90 = source.cutoverP90Minutes();
    this.sourceRate = perMinute(source.admissionDevicesPerSecond());
    this.failbacks = source.failbackRequired() ? 1 : 0;
    this.mean = remaining.meanMinutes();
    this.p90 = remaining.p90Minutes();
    this.holdLoss = heldLoss(this.affected);
  }

  /** With the estimate's remaining outage and trend, as {@link FailoverEstimator} costs them. */
  static OptionCosts of(EstimateInput in, double maxUtilization) {
    return new OptionCosts(
        in, maxUtilization, in.prior().remainingAfter(in.elapsedMinutes()), Trend.of(in.outage(), in.at(), in.source().expectedDevices()));
  }

  /** What holding until the end costs now with the count steady: the closed form. */
  HeldCost heldIfSteady() {
    return HeldCost.steady(offline, mean, sourceRate);
  }

  /**
   * HOLD, costed by {@code held} (the steady closed form, or the sequential decision's value along the
   * trend); its p90 and recovery follow the trend ({@link HeldLoss}), the p90 never below the mean.
   */
  Costed hold(HeldCost held) {
    boolean steady = trend.kind() == Trend.Kind.STEADY;
    double meanLoss = held.total();
    double p90Loss = steady ? holdLoss.at(p90) : Math.max(meanLoss, HeldLoss.p90(trend, remaining, sourceRate));
    double recovery = steady ? mean + offline / sourceRate : HeldLoss.recoveryMinutes(trend, remaining, sourceRate);
    OptionEstimate e =
        new OptionEstimate(
            Recommendation.HOLD, true, Optional.empty(), false, 0, Math.round(affected), 0, holdLoss, meanLoss, p90Loss, recovery, "");
    return new Costed(e, Double.NaN);
  }

  Costed failover() {
    if (!in.moves().whole()) {
      return infeasible(Recommendation.FAILOVER, Optional.empty(), 0, in.moves().why());
    }
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
    OptionEstimate e =
        new OptionEstimate(
            Recommendation.FAILOVER, true, Optional.of(target.name()), false, 0, Math.round(devices), Math.round(devices), loss,
            loss.at(mean), failoverFixed(target, cutoverP90), cutover + devices / perMinute(target.admissionDevicesPerSecond()), "");
    return new Costed(e, paysOffAfter(loss));
  }

  /** The extra outage beyond which an option of this loss (in its steady form) costs less than holding. */
  private double paysOffAfter(DeviceMinuteLoss loss) {
    return trend.kind() == Trend.Kind.STEADY
        ? loss.breakEvenAgainst(holdLoss)
        : HeldLoss.breakEvenAlong(loss, trend, remaining, sourceRate);
  }

  /** Every device there now and, after the outage, back: with cutover c. */
  private double failoverFixed(TargetCluster t, double c) {
    return TargetChoice.moveLoss(source, t, devices, c);
  }

  /**
   * Moving only affected devices to one target: how many, the loss in its steady form (switching and the
   * devices left, a straight line in r) and the expected loss with those devices following the trend.
   */
  private record Move(TargetCluster target, double room, double moved, DeviceMinuteLoss loss, double meanLoss) {}

  private Move move(TargetCluster target, HeldCost held) {
    double rate = perMinute(target.admissionDevicesPerSecond());
    double room = Math.min(affected, target.freeDevices(maxUtilization));
    double moved = Math.max(0, Math.min(room, worthMoving(affected, held, rate)));
    double switching = switching(moved, rate);
    DeviceMinuteLoss heldPart = heldLoss(affected - moved);
    DeviceMinuteLoss loss = new DeviceMinuteLoss(switching + heldPart.fixed(), heldPart.perOutageMinute());
    return new Move(target, room, moved, loss, switching + held.ofShare((affected - moved) / affected));
  }

  /**
   * The number of a affected devices worth moving to a target admitting {@code rate} a minute: where the
   * derivative of the expected loss, {@code switch(m) + failback(m) + λ A + λ² Q} with λ = (a - m) / a and
   * A, Q the two parts of {@code held}, is zero. A steady count has A / a = s E[R] and Q = (s a)² / (2
   * rate at the source), s the offline share.
   */
  private double worthMoving(double a, HeldCost held, double rate) {
    double marginalQueue = 1 / rate + failbacks / sourceRate + 2 * held.endQueue() / (a * a);
    return (held.offlineMinutes() / a + 2 * held.endQueue() / a - cutover * (1 + failbacks)) / marginalQueue;
  }

  /** m devices cut over to a target admitting {@code rate} a minute, and back after the outage. */
  private double switching(double m, double rate) {
    return switchOver(m, rate, cutover) + failbacks * switchOver(m, sourceRate, cutover);
  }

  /**
   * Moving only the affected devices, with {@code held} what holding until the end costs now (the steady
   * closed form, or the sequential decision's value along the trend).
   */
  Costed affected(HeldCost held) {
    if (source.granularity() != Granularity.DEVICE) {
      return infeasible(
          Recommendation.FAILOVER_AFFECTED, Optional.empty(), 0, source.name() + " moves its devices together (granularity Cluster)");
    }
    if (!in.moves().affected()) {
      return infeasible(Recommendation.FAILOVER_AFFECTED, Optional.empty(), 0, in.moves().why());
    }
    String why = cannotMove(affected, "no devices offline");
    if (why != null) {
      return infeasible(Recommendation.FAILOVER_AFFECTED, Optional.empty(), 0, why);
    }
    List<TargetCluster> candidates = eligible();
    Optional<Move> chosen =
        in.targetOrder() == TargetOrder.PRIORITY
            ? candidates.stream().filter(t -> t.freeDevices(maxUtilization) > 0).findFirst().map(t -> move(t, held))
            : candidates.stream()
                .filter(t -> t.freeDevices(maxUtilization) > 0)
                .map(t -> move(t, held))
                .min(Comparator.comparingDouble(Move::meanLoss).thenComparing(Move::target, byPriority()));
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
    double kept = (affected - m.moved()) / affected;
    boolean steady = trend.kind() == Trend.Kind.STEADY;
    // The devices left behind are connected again when the outage ends (or a falling count reaches zero)
    // and they have queued at the source.
    double heldRecovery =
        kept <= 0 ? 0 : steady ? mean + kept * offline / sourceRate : HeldLoss.recoveryMinutes(trend, remaining, sourceRate / kept);
    double recovery = Math.max(m.moved() > 0 ? cutover + m.moved() / rate : 0, heldRecovery);
    // The break-even of the plan recommended: moving these devices, against holding. With nothing worth
    // moving yet, the extra outage from which the first device pays off.
    double firstDevice =
        steady ? firstDevice() : HeldLoss.firstDeviceAlong(cutover * (1 + failbacks), affected, trend, remaining, sourceRate);
    double breakEven = m.moved() > 0 ? paysOffAfter(m.loss()) : firstDevice;
    double switching = m.loss().fixed() - queue(m.loss().perOutageMinute(), sourceRate);
    double heldP90 = steady ? m.loss().at(p90) - switching : kept <= 0 ? 0 : kept * HeldLoss.p90(trend, remaining, sourceRate / kept);
    double p90Loss = Math.max(m.meanLoss(), switching + heldP90 + m.moved() * (1 + failbacks) * (cutoverP90 - cutover));
    long free = target.freeDevices(maxUtilization);
    boolean partial = free < affected;
    long notFitting = partial ? (long) affected - free : 0;
    String reason;
    if (partial) {
      reason = target.name() + " has room for " + Format.count(free) + " of the " + Format.count((long) affected)
          + " affected devices: " + Format.count(notFitting) + (notFitting == 1 ? " does not fit" : " do not fit");
    } else if (m.moved() <= 0) {
      reason =
          Double.isFinite(firstDevice)
              ? "moving a device pays off only if the outage lasts another " + Format.minutes(firstDevice)
              : offline == 0 ? "no affected device is offline now: moving one saves nothing" : "moving a device never pays off";
    } else if (m.moved() < m.room()) {
      reason = "moving more than " + Format.plural(Math.round(m.moved()), "device") + " costs more than waiting: later"
          + " devices queue longer at " + target.name() + "'s admission rate";
    } else {
      reason = "";
    }
    OptionEstimate e =
        new OptionEstimate(
            Recommendation.FAILOVER_AFFECTED, true, Optional.of(target.name()), notFitting > 0, notFitting, Math.round(affected),
            Math.round(m.moved()), m.loss(), m.meanLoss(), p90Loss, recovery, reason);
    return new Costed(e, breakEven);
  }

  /**
   * With a steady count, the extra outage from which the first affected device pays off: it saves its
   * share s of each outage minute and s² a / rate of the source's queue, against its switches.
   */
  private double firstDevice() {
    return Math.max(0, (cutover * (1 + failbacks) - share * share * affected / sourceRate) / share);
  }

  /**
   * The expected loss of moving only affected devices at another state of the same outage (o offline of a
   * affected, {@code held} what holding on from there costs): the same model as {@link #affected}, without
   * building a report, for the sequential decision's many future states. +Infinity when the option is not
   * feasible.
   */
  double affectedMeanAt(double o, double a, HeldCost held) {
    if (!movesAffectedDevices() || a <= 0) {
      return Double.POSITIVE_INFINITY;
    }
    double best = Double.POSITIVE_INFINITY;
    for (TargetCluster t : eligible()) {
      long free = t.freeDevices(maxUtilization);
      if (free <= 0) {
        continue;
      }
      double rate = perMinute(t.admissionDevicesPerSecond());
      double moved = Math.max(0, Math.min(Math.min(a, free), worthMoving(a, held, rate)));
      best = Math.min(best, switching(moved, rate) + held.ofShare((a - moved) / a));
      if (in.targetOrder() == TargetOrder.PRIORITY) {
        break; // a strict order moves to the first eligible target with room, whatever the others cost
      }
    }
    return best;
  }

  /** Whether a move of only the affected devices can ever be costed: devices move one by one, to some target. */
  boolean movesAffectedDevices() {
    return source.granularity() == Granularity.DEVICE && !in.targets().isEmpty() && in.moves().affected();
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
              + Format.count((long) needed - free) + ((long) needed - free == 1 ? " does not fit at " : " do not fit at ") + Math.round(maxUtilization * 100) + "% of its capacity)");
    }
    in.targets().stream().sorted(byPriority()).forEach(t -> refusal(t).ifPresent(parts::add));
    return String.join("; ", parts);
  }

  private static Costed infeasible(Recommendation option, Optional<String> target, long notFitting, String reason) {
    OptionEstimate e =
        new OptionEstimate(
            option, false, target, false, Math.max(0, notFitting), 0, 0, null, Double.NaN, Double.NaN, Double.NaN, reason);
    return new Costed(e, Double.POSITIVE_INFINITY);
  }
}
