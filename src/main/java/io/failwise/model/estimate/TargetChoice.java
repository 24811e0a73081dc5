package io.failwise.model.estimate;

import io.failwise.model.SameRegion;
import io.failwise.model.Format;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The one rule that chooses where a source's devices fail over to, for the estimate's FAILOVER option,
 * {@code failwise plan} and run admission alike, so that they never name different targets. Eligible:
 * healthy, in another region and, in the controller's decisions, held by no other run. With room:
 * capacity times the utilisation cap (the playbook precheck's), minus the devices it expects, holds
 * every device that moves. Among those, the least
 * expected device-minutes for the move (priority breaks a tie), or the lowest priority number when the
 * source asks for a strict order ({@link TargetOrder#PRIORITY}).
 *
 * <p>When no eligible target has room, the first eligible by priority is still named, with {@code fits}
 * false: the estimate reports its FAILOVER as infeasible there, and a plan or run goes to it so that its
 * precheck (TargetHasRoom) says, with the numbers, that the devices do not fit.
 *
 * @param target the chosen target; empty only when no target is eligible at all
 * @param fits whether the chosen target has room for every device that moves
 * @param deviceMinutes the chosen move's expected device-minutes (NaN when none fits)
 * @param why a sentence: why this target, or why none fits (each candidate passed over, with its reason)
 */
public record TargetChoice(Optional<TargetCluster> target, boolean fits, double deviceMinutes, String why) {
  /**
   * Said of a partial move: the cost a target is chosen by is the move's own, which the option's total (the
   * estimate's table) exceeds by the outage of the devices that stay (958,412 beside 5,106,670).
   */
  public static final String PARTIAL_COST = " (that cost is the move's cutovers and queues; the option's total adds the outage of those that stay)";

  /**
   * A move of the affected devices, which moves as many as fit (as the estimate's FAILOVER_AFFECTED does,
   * the rest staying): the target for all of them when one has room, else the one for as many as the
   * roomiest eligible target takes, saying how many fit. A plan of the affected devices to a target with
   * room for 40,000 of 60,000 printed "its precheck will refuse the move" beside an estimate recommending
   * that very move of 40,000.
   */
  public static TargetChoice forAffectedMove(EstimateInput in, double affected, double maxUtilization) {
    TargetChoice all = forMove(in, affected, maxUtilization);
    if (all.fits()) {
      return all;
    }
    long most = in.targets().stream().filter(t -> refusal(in.source(), t).isEmpty()).mapToLong(t -> t.freeDevices(maxUtilization)).max().orElse(0);
    if (most <= 0) {
      return all;
    }
    TargetChoice some = forMove(in, most, maxUtilization);
    long total = (long) Math.ceil(affected);
    String why = some.why().endsWith(".") ? some.why().substring(0, some.why().length() - 1) : some.why();
    return new TargetChoice(some.target(), true, some.deviceMinutes(), why + "; " + Format.count(most) + " of the " + Format.count(total)
        + " affected devices fit there at " + Format.percent(maxUtilization) + " of its capacity: the other " + Format.count(total - most)
        + " stay" + PARTIAL_COST + ".");
  }

  /** The target for moving {@code devices} of {@code in.source()} with the expected cutover, under the cap. */
  public static TargetChoice forMove(EstimateInput in, double devices, double maxUtilization) {
    SourceCluster source = in.source();
    double cutover = source.cutoverMeanMinutes();
    List<String> passedOver = new ArrayList<>();
    List<TargetCluster> eligible = new ArrayList<>();
    List<TargetCluster> withRoom = new ArrayList<>();
    for (TargetCluster t : in.targets().stream().sorted(byPriority()).toList()) {
      Optional<String> refused = refusal(source, t);
      long free = t.freeDevices(maxUtilization);
      if (refused.isPresent()) {
        passedOver.add(refused.get());
        continue;
      }
      eligible.add(t);
      if (free < devices) {
        passedOver.add(t.name() + " has room for " + Format.count(free) + " of the " + Format.plural((long) Math.ceil(devices), "device") + " at "
            + Format.percent(maxUtilization) + " of its capacity");
      } else {
        withRoom.add(t);
      }
    }
    if (withRoom.isEmpty()) {
      String why = passedOver.isEmpty() ? source.name() + " lists none" : String.join("; ", passedOver);
      String room = "room for " + Format.plural((long) Math.ceil(devices), "device");
      // Some can take a run but none has the room: said so, not "none is eligible" beside "the first eligible".
      return eligible.isEmpty()
          ? new TargetChoice(Optional.empty(), false, Double.NaN,
              "No failover target of " + source.name() + " is healthy, in another region, free of other runs and with " + room + ": " + why + ".")
          : new TargetChoice(Optional.of(eligible.get(0)), false, Double.NaN,
              "No failover target of " + source.name() + " has " + room + ": " + why + ". " + eligible.get(0).name() + ", the first by priority"
                  + " that is healthy, in another region and free of other runs, is the one named, and its precheck will refuse the move.");
    }
    Comparator<TargetCluster> cheapest = Comparator.comparingDouble((TargetCluster t) -> moveLoss(source, t, devices, cutover)).thenComparing(byPriority());
    TargetCluster chosen = in.targetOrder() == TargetOrder.PRIORITY ? withRoom.get(0) : withRoom.stream().min(cheapest).orElseThrow();
    double loss = moveLoss(source, chosen, devices, cutover);
    StringBuilder why = new StringBuilder(chosen.name() + " (priority " + chosen.priority() + "): moving " + Format.plural(Math.round(devices), "device")
        + " there is expected to cost " + Explanation.millions(loss) + " device-minutes at " + Format.rate(chosen.admissionDevicesPerSecond()));
    List<String> others = withRoom.stream().filter(t -> t != chosen).map(t -> t.name() + " (priority " + t.priority() + ") "
        + Explanation.millions(moveLoss(source, t, devices, cutover))).toList();
    if (in.targetOrder() == TargetOrder.PRIORITY) {
      why.append(", the first target by priority with room (spec.failover.targetOrder is Priority)");
      TargetCluster least = withRoom.stream().min(cheapest).orElseThrow();
      if (least != chosen && moveLoss(source, least, devices, cutover) < loss) {
        why.append("; ").append(least.name()).append(" would cost less (").append(Explanation.millions(moveLoss(source, least, devices, cutover))).append(")");
      }
    } else if (others.isEmpty()) {
      why.append(", the only eligible target with room");
    } else {
      why.append(", the least of the eligible targets with room (").append(String.join(", ", others)).append(")");
    }
    if (!passedOver.isEmpty()) {
      why.append("; passed over: ").append(String.join("; ", passedOver));
    }
    return new TargetChoice(Optional.of(chosen), true, loss, why.append('.').toString());
  }

  /**
   * Moving n devices to t and, when the source requires failback, back after the outage: each is
   * disconnected for the cutover, then admitted one after another (the i-th waits i / rate).
   */
  static double moveLoss(SourceCluster source, TargetCluster t, double n, double cutoverMinutes) {
    double failbacks = source.failbackRequired() ? 1 : 0;
    return switchOver(n, OptionCosts.perMinute(t.admissionDevicesPerSecond()), cutoverMinutes)
        + failbacks * switchOver(n, OptionCosts.perMinute(source.admissionDevicesPerSecond()), cutoverMinutes);
  }

  static double switchOver(double n, double ratePerMinute, double cutoverMinutes) {
    return n * cutoverMinutes + OptionCosts.queue(n, ratePerMinute);
  }

  /** Why a target is not chosen for this source (its own region, unhealthy, held by another run), or empty. */
  static Optional<String> refusal(SourceCluster source, TargetCluster t) {
    Optional<String> sameRegion = SameRegion.refusal(source.name(), source.region(), t.name(), t.region());
    return sameRegion.isPresent() ? sameRegion : t.refused();
  }

  static Comparator<TargetCluster> byPriority() {
    return Comparator.comparingInt(TargetCluster::priority).thenComparing(TargetCluster::name);
  }
}
