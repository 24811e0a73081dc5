package io.failwise.sim.decisions;

import io.failwise.model.estimate.DurationPrior;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The documented mix of incident nights {@code failwise bench decisions} replays (docs/estimator.md, "The
 * decision benchmark"): shapes, durations from the default prior and from a heavier mix the estimator
 * does not assume, source sizes, stated and true cutovers, and target conditions.
 */
final class NightMix {
  private static final DurationPrior HEAVY_SHORT = new DurationPrior(60, 240);
  private static final DurationPrior HEAVY_LONG = new DurationPrior(360, 2880);
  private static final double MAX_UTILIZATION = DecisionBenchmark.MAX_UTILIZATION;
  private static final double FIRST_DECISION_MINUTES = DecisionBenchmark.FIRST_DECISION_MINUTES;
  /** A short blip lasts from this many minutes ... */
  static final double BLIP_SHORTEST = 6;
  /** ... to this many more. */
  static final double BLIP_SPAN = 14;
  /** An intermittent outage keeps this share of the devices offline, up to {@link #INTERMITTENT_SPAN} more. */
  static final double INTERMITTENT_LOWEST = 0.1;
  static final double INTERMITTENT_SPAN = 0.3;
  /** Every other shape but total loss: this share offline at the plateau, up to {@link #LEVEL_SPAN} more. */
  static final double LEVEL_LOWEST = 0.2;
  static final double LEVEL_SPAN = 0.8;
  /** Of the heavier-tailed durations (half the nights), the share drawn from the shorter kind. */
  static final double HEAVY_SHORT_SHARE = 0.7;

  private NightMix() {}

  /** Draws a night from the documented mix. */
  static Night generate(Random r) {
    Night.Shape shape = Night.Shape.values()[r.nextInt(Night.Shape.values().length)];
    long devices = Math.round(Math.exp(Math.log(20_000) + r.nextDouble() * Math.log(300_000.0 / 20_000)));
    double level =
        switch (shape) {
          case TOTAL_LOSS -> 1.0;
          case INTERMITTENT -> INTERMITTENT_LOWEST + INTERMITTENT_SPAN * r.nextDouble();
          default -> LEVEL_LOWEST + LEVEL_SPAN * r.nextDouble();
        };
    boolean heavy = r.nextBoolean();
    DurationPrior prior = durations(heavy, r);
    double duration = shape == Night.Shape.SHORT_BLIP ? BLIP_SHORTEST + BLIP_SPAN * r.nextDouble() : draw(prior, r);
    duration = Math.max(duration, FIRST_DECISION_MINUTES + 1);
    double ramp =
        switch (shape) {
          case GROWING -> 30 + 60 * r.nextDouble();
          case RECOVERING -> Math.max(1, duration * (0.5 + 0.3 * r.nextDouble()));
          default -> 0;
        };
    double sourceRate = 300 + 1700 * r.nextDouble();
    long cutover = 600 + r.nextInt(1201);
    long cutoverP90 = cutover * 2;
    // The true cutover: lognormal with the stated median and p90, the assumption drills would calibrate.
    double sigma = Math.log(2.0) / 1.2815515655446004;
    double trueCutover = cutover * Math.exp(sigma * r.nextGaussian());
    Night.Condition condition = Night.Condition.values()[r.nextInt(Night.Condition.values().length)];
    List<Night.Target> targets = new ArrayList<>();
    long bigRoom = (long) (devices * (1.3 + r.nextDouble()));
    double rate = 300 + 1700 * r.nextDouble();
    switch (condition) {
      case SLOW_TARGET -> {
        targets.add(target("slow", 0, devices, bigRoom, 20 + 60 * r.nextDouble(), 0));
        targets.add(target("spare", 1, devices, bigRoom, rate, 0));
      }
      case SMALL_TARGET -> targets.add(target("small", 0, devices, (long) (devices * (0.3 + 0.6 * r.nextDouble())), rate, 0));
      case UNHEALTHY_TARGET -> {
        targets.add(target("troubled", 0, devices, bigRoom, rate, 0.15 + 0.45 * r.nextDouble()));
        if (r.nextBoolean()) {
          targets.add(target("spare", 1, devices, bigRoom, 300 + 1700 * r.nextDouble(), 0));
        }
      }
      default -> targets.add(target("twin", 0, devices, bigRoom, rate, 0));
    }
    return new Night(
        shape, devices, level, duration, ramp, sourceRate, cutover, cutoverP90, trueCutover, condition, targets, heavy);
  }

  /** The prior a night's duration is drawn from: the default, or (heavy) one of the heavier-tailed two. */
  private static DurationPrior durations(boolean heavy, Random r) {
    return heavy ? (r.nextDouble() < HEAVY_SHORT_SHARE ? HEAVY_SHORT : HEAVY_LONG) : DurationPrior.DEFAULT;
  }

  /** A duration, in minutes, drawn as {@link #generate} draws one for a night that is not a short blip. */
  static double longDuration(Random r) {
    return Math.max(draw(durations(r.nextBoolean(), r), r), FIRST_DECISION_MINUTES + 1);
  }

  /** A duration, in minutes, drawn as {@link #generate} draws a short blip's. */
  static double blipDuration(Random r) {
    return Math.max(BLIP_SHORTEST + BLIP_SPAN * r.nextDouble(), FIRST_DECISION_MINUTES + 1);
  }

  /**
   * The chance that a night is a short blip, given what the policy sees at its first decision: its
   * shape so far and its offline share. Shapes are drawn alike; a total loss has every device offline,
   * an intermittent outage a share drawn evenly from its range, a steady outage and a blip a share drawn
   * evenly from theirs, so the chance is the blip's density at that share over the densities of the
   * flat-looking shapes that could have drawn it. A growing or recovering night is told apart (0): the
   * first by its rising count, the second, generously, as if its decline were visible from the start.
   */
  static double blipChance(Night night) {
    if (night.shape() == Night.Shape.GROWING || night.shape() == Night.Shape.RECOVERING) {
      return 0;
    }
    double share = night.level();
    if (share >= 1.0) {
      return 0;
    }
    double intermittent =
        share >= INTERMITTENT_LOWEST && share < INTERMITTENT_LOWEST + INTERMITTENT_SPAN ? 1 / INTERMITTENT_SPAN : 0;
    double steadyOrBlip = share >= LEVEL_LOWEST && share < LEVEL_LOWEST + LEVEL_SPAN ? 1 / LEVEL_SPAN : 0;
    double all = intermittent + 2 * steadyOrBlip;
    return all == 0 ? 0 : steadyOrBlip / all;
  }

  /** A target whose room under the cap is {@code room} devices, with a share of its own devices offline. */
  private static Night.Target target(String name, int priority, long sourceDevices, long room, double rate, double ownOfflineShare) {
    long own = Math.round(sourceDevices * 0.5);
    long offline = Math.round(own * ownOfflineShare);
    long connected = own - offline;
    long capacity = (long) Math.ceil((room + connected + offline) / MAX_UTILIZATION);
    return new Night.Target(name, priority, capacity, connected, offline, rate);
  }

  private static double draw(DurationPrior prior, Random r) {
    return Math.exp(prior.mu() + prior.sigma() * r.nextGaussian());
  }
}
