package io.failwise.sim.decisions;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import java.util.Random;

/**
 * A reference for {@code failwise bench decisions}, not a strategy: the rule that is told how the
 * benchmark draws its nights ({@link NightMix}) and, at the first decision, picks the failover time with
 * the least expected loss. Where the count stays flat, or grows along a ramp it can read off its first
 * readings, all a night shows as it goes on is that the outage has not ended yet, so "fail over at time
 * tau if still going" (or never) is every plan there is, and the one of least expected loss, given what
 * can be seen, is the best any rule that cannot see the future can do: the Bayes rule. Its regret on the
 * same nights is what is left when the duration mix is known exactly.
 *
 * <p>What it is told: the chance that a flat-looking night is a short blip, from its offline share
 * ({@link NightMix#blipChance}); the durations of blips and of the other nights, as draws from the
 * generator's own code; the switch cost at the stated cutover's lognormal mean (the true one is drawn
 * around it, independently). A recovering night is credited at the oracle's cost, as if its decline gave
 * its end away at once: that only lowers the reference.
 */
final class MixAwareRule {
  /** Draws per kind of duration: the expected loss of a plan is a mean over them. */
  static final int DRAWS = 20_000;

  private final double[] blips;
  private final double[] others;

  /** Durations drawn with {@code random}, as the generator draws them. */
  MixAwareRule(Random random) {
    blips = new double[DRAWS];
    others = new double[DRAWS];
    for (int i = 0; i < DRAWS; i++) {
      blips[i] = NightMix.blipDuration(random);
      others[i] = NightMix.longDuration(random);
    }
    Arrays.sort(blips);
    Arrays.sort(others);
  }

  /** The rule's night: its failover time of least expected loss, played out against the truth. */
  DecisionBenchmark.Outcome play(Night night, DecisionBenchmark.Outcome oracle) {
    if (night.shape() == Night.Shape.RECOVERING) {
      return oracle;
    }
    Optional<Night.Target> target = target(night);
    if (target.isEmpty()) {
      return DecisionBenchmark.outcome(night, Double.NaN, null);
    }
    return DecisionBenchmark.outcome(night, bestTime(night, target.get()), target.get());
  }

  /** The target every failover would take: the cheapest at the stated cutover that passes the precheck. */
  static Optional<Night.Target> target(Night night) {
    if (night.condition() == Night.Condition.BUDGET_SPENT) {
      return Optional.empty();
    }
    return night.targets().stream()
        .filter(t -> DecisionBenchmark.passesPrecheck(night, t))
        .min(Comparator.comparingDouble(t -> DecisionBenchmark.statedSwitchCost(night, t)));
  }

  /**
   * The decision minute (from the first decision to the last) at which failing over, if the outage is
   * still going, has the least expected loss; NaN when holding to the end has less than every one.
   */
  double bestTime(Night night, Night.Target target) {
    Losses losses = new Losses(night, DecisionBenchmark.statedSwitchCost(night, target));
    double blip = NightMix.blipChance(night);
    double best = losses.hold(blip, blips, others);
    double bestTime = Double.NaN;
    Walk shortOnes = new Walk(losses, blips);
    Walk longOnes = new Walk(losses, others);
    for (int tau = (int) DecisionBenchmark.FIRST_DECISION_MINUTES; tau < DecisionBenchmark.LAST_DECISION_MINUTES; tau++) {
      double expected = blip * shortOnes.failOverAt(tau) + (1 - blip) * longOnes.failOverAt(tau);
      if (expected < best) {
        best = expected;
        bestTime = tau;
      }
    }
    return bestTime;
  }

  /** The expected loss of failing over at {@code minutes} if still going, as a plain mean over the draws (for tests). */
  double expectedLoss(Night night, Night.Target target, double minutes) {
    Losses losses = new Losses(night, DecisionBenchmark.statedSwitchCost(night, target));
    double blip = NightMix.blipChance(night);
    if (Double.isNaN(minutes)) {
      return losses.hold(blip, blips, others);
    }
    return blip * losses.plainMean(blips, minutes) + (1 - blip) * losses.plainMean(others, minutes);
  }

  /**
   * A night's losses as the rule sees them: the device-minutes offline up to a time if the outage is
   * still going, on a minute grid; the reconnection queue when it ends; the switch's expected cost.
   */
  private static final class Losses {
    private final Night night;
    private final double switchCost;
    private final double[] offlineBefore;
    private final int last;

    Losses(Night night, double switchCost) {
      this.night = night;
      this.switchCost = switchCost;
      last = (int) DecisionBenchmark.LAST_DECISION_MINUTES;
      offlineBefore = new double[last + 1];
      for (int m = 1; m <= last; m++) {
        offlineBefore[m] = offlineBefore[m - 1] + 0.5 * (night.offlineIfGoingOn(m - 1) + night.offlineIfGoingOn(m));
      }
    }

    /** Device-minutes offline from the onset to {@code minutes}, the outage going on all along. */
    double offlineUntil(double minutes) {
      if (minutes >= last) {
        return offlineBefore[last] + (minutes - last) * night.offlineIfGoingOn(last);
      }
      int m = (int) minutes;
      return offlineBefore[m] + (minutes - m) * (offlineBefore[m + 1] - offlineBefore[m]);
    }

    /** The loss of an outage that ends at {@code minutes} with no failover: offline until then, then the queue. */
    double endingAt(double minutes) {
      double end = night.offlineIfGoingOn(minutes);
      return offlineUntil(minutes) + end * end / (2 * night.sourceAdmissionPerSecond() * 60);
    }

    double hold(double blip, double[] shortOnes, double[] longOnes) {
      return blip * meanEnding(shortOnes) + (1 - blip) * meanEnding(longOnes);
    }

    private double meanEnding(double[] durations) {
      double sum = 0;
      for (double d : durations) {
        sum += endingAt(d);
      }
      return sum / durations.length;
    }

    double plainMean(double[] durations, double minutes) {
      double sum = 0;
      for (double d : durations) {
        sum += d <= minutes ? endingAt(d) : offlineUntil(minutes) + switchCost;
      }
      return sum / durations.length;
    }
  }

  /** Expected losses of failing over at increasing times over one sorted set of durations, in one pass. */
  private static final class Walk {
    private final Losses losses;
    private final double[] durations;
    private int ended;
    private double endedLoss;

    Walk(Losses losses, double[] durations) {
      this.losses = losses;
      this.durations = durations;
    }

    /** The mean loss of failing over at {@code minutes} (not below the last call's) if still going. */
    double failOverAt(double minutes) {
      while (ended < durations.length && durations[ended] <= minutes) {
        endedLoss += losses.endingAt(durations[ended]);
        ended++;
      }
      double going = durations.length - ended;
      return (endedLoss + going * (losses.offlineUntil(minutes) + losses.switchCost)) / durations.length;
    }
  }
}
