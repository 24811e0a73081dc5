package io.failwise.model.run;

import io.failwise.model.DeviceObservation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What the stop conditions are evaluated against at one moment of a run.
 *
 * @param targetConnectedBaseline devices connected at the target before the first wave
 * @param devicesAtTarget devices the run has moved to the target and not yet back
 * @param lastWaveAt when the last wave was applied, null before the first
 * @param before the share of each cluster's expected devices offline before the first wave
 * @param arrivedAt when every shift wave applied so far had arrived at the target ({@link #ARRIVED}
 *     of its devices connected), null when they have not, or when the last wave was a failback's
 */
public record StopReadings(
    Instant now,
    Reading target,
    Reading source,
    long targetConnectedBaseline,
    long devicesAtTarget,
    Instant lastWaveAt,
    Before before,
    Instant arrivedAt) {

  /** A wave has arrived when this share of its devices is connected at the target. */
  public static final double ARRIVED = 0.95;

  /** Readings without a pre-run baseline of the offline shares. */
  public StopReadings(
      Instant now, Reading target, Reading source, long targetConnectedBaseline, long devicesAtTarget, Instant lastWaveAt) {
    this(now, target, source, targetConnectedBaseline, devicesAtTarget, lastWaveAt, Before.UNKNOWN, null);
  }

  /** Readings without knowing whether the moved devices had arrived. */
  public StopReadings(
      Instant now, Reading target, Reading source, long targetConnectedBaseline, long devicesAtTarget, Instant lastWaveAt, Before before) {
    this(now, target, source, targetConnectedBaseline, devicesAtTarget, lastWaveAt, before, null);
  }

  /**
   * The share of expected devices offline at each cluster before the first wave; NaN where unknown.
   * {@code targetOfflineDevices}: the target's offline devices then, -1 where unknown.
   */
  public record Before(double targetOfflineRatio, double sourceOfflineRatio, long targetOfflineDevices) {
    public static final Before UNKNOWN = new Before(Double.NaN, Double.NaN, -1);

    public Before(double targetOfflineRatio, double sourceOfflineRatio) {
      this(targetOfflineRatio, sourceOfflineRatio, -1);
    }
  }

  OptionalDouble offlineRatioBefore(StopRule.Side side) {
    double ratio = side == StopRule.Side.TARGET ? before.targetOfflineRatio() : before.sourceOfflineRatio();
    return Double.isNaN(ratio) ? OptionalDouble.empty() : OptionalDouble.of(ratio);
  }

  /** One cluster's device counts, or since when and why they are unknown. */
  public record Reading(Optional<DeviceObservation> observation, Instant unknownSince, String reason) {
    public static Reading known(DeviceObservation o) {
      return new Reading(Optional.of(o), null, null);
    }

    public static Reading unknown(Instant since, String reason) {
      return new Reading(Optional.empty(), since, reason);
    }
  }

  Reading reading(StopRule.Side side) {
    return side == StopRule.Side.TARGET ? target : source;
  }

  /** One rule's state at one moment, with its reading. */
  public record Verdict(String rule, StopRule.State state, String reading) {
    public boolean fired() {
      return state == StopRule.State.FIRED;
    }
  }

  /**
   * Every rule evaluated at one moment.
   *
   * @param fired the rules that fire, the most telling first ({@link StopRule#precedence()}, then
   *     the playbook's order)
   * @param all every rule in the playbook's order
   */
  public record Evaluation(List<Verdict> fired, List<Verdict> all) {
    public boolean anyFired() {
      return !fired.isEmpty();
    }

    /** The fired rules first (most telling first), then the others in the playbook's order. */
    public List<Verdict> firedFirst() {
      List<Verdict> out = new ArrayList<>(fired);
      all.stream().filter(v -> !v.fired()).forEach(out::add);
      return out;
    }
  }

  /** Evaluates every rule (none stops at the first that fires). */
  public static Evaluation evaluate(List<StopRule> rules, StopReadings readings) {
    List<Verdict> all = new ArrayList<>();
    List<Integer> precedence = new ArrayList<>();
    for (StopRule rule : rules) {
      StopRule.Outcome o = rule.evaluate(readings);
      all.add(new Verdict(rule.name(), o.state(), o.reading()));
      precedence.add(rule.precedence());
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).fired()) {
        order.add(i);
      }
    }
    order.sort(Comparator.comparingInt((Integer i) -> precedence.get(i)).thenComparingInt(i -> i));
    return new Evaluation(order.stream().map(all::get).toList(), List.copyOf(all));
  }
}
