package io.failwise.model.estimate;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

/**
 * Everything one assessment looks at: the source cluster, its failover targets, the outage, the moment
 * of the assessment and the prior on outage durations.
 *
 * @param zone the time zone in which the explanation prints times of day (21:55)
 * @param targetOrder how the target is chosen among the eligible ones with room ({@link TargetChoice})
 * @param moves which failover moves can be carried out ({@link RunnableMoves#ANY} unless a playbook says)
 */
public record EstimateInput(
    SourceCluster source, List<TargetCluster> targets, Outage outage, Instant at, DurationPrior prior, ZoneId zone,
    TargetOrder targetOrder, RunnableMoves moves) {
  public EstimateInput {
    Objects.requireNonNull(targetOrder, "targetOrder");
    Objects.requireNonNull(moves, "moves");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(outage, "outage");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(prior, "prior");
    Objects.requireNonNull(zone, "zone");
    targets = List.copyOf(targets);
    if (outage.since().isAfter(at)) {
      throw new IllegalArgumentException(
          "the outage cannot start (" + outage.since() + ") after the assessment (" + at + ")");
    }
    if (outage.offlineDevices() > source.expectedDevices()) {
      throw new IllegalArgumentException(
          "the outage has " + outage.offlineDevices() + (outage.offlineDevices() == 1 ? " device" : " devices") + " offline but " + source.name() + " expects only "
              + source.expectedDevices());
    }
  }

  /** Either move can be carried out. */
  public EstimateInput(
      SourceCluster source, List<TargetCluster> targets, Outage outage, Instant at, DurationPrior prior, ZoneId zone, TargetOrder targetOrder) {
    this(source, targets, outage, at, prior, zone, targetOrder, RunnableMoves.ANY);
  }

  /** Targets chosen by least expected loss. */
  public EstimateInput(
      SourceCluster source, List<TargetCluster> targets, Outage outage, Instant at, DurationPrior prior, ZoneId zone) {
    this(source, targets, outage, at, prior, zone, TargetOrder.LEAST_LOSS);
  }

  /** Times of day in UTC. */
  public EstimateInput(SourceCluster source, List<TargetCluster> targets, Outage outage, Instant at, DurationPrior prior) {
    this(source, targets, outage, at, prior, ZoneOffset.UTC);
  }

  /** The same assessment with {@code targets} instead (each refused where it cannot be used now, say). */
  public EstimateInput withTargets(List<TargetCluster> targets) {
    return new EstimateInput(source, targets, outage, at, prior, zone, targetOrder, moves);
  }

  /** The same assessment where only {@code moves} can be carried out (a policy's playbook). */
  public EstimateInput withMoves(RunnableMoves moves) {
    return new EstimateInput(source, targets, outage, at, prior, zone, targetOrder, moves);
  }

  public double elapsedMinutes() {
    return Duration.between(outage.since(), at).toNanos() / 60e9;
  }
}
