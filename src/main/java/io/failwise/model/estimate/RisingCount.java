package io.failwise.model.estimate;

import java.util.OptionalDouble;

/**
 * The sequential decision while the offline count rises (docs/estimator.md, "Trend"). Nobody knows how
 * long a rise goes on, and holding is how one finds out: the policy decides again as soon as the count has
 * moved by its material change, so a step lasts δ = materialChange × offline / slope (at least
 * {@link #SHORTEST_STEP}, at most Δ). At each step the rise either went on, with the chance
 * {@link Trend#goesOn}, or levelled off where it had got to, half-way through the step, and the count
 * is steady from there: the policy then decides at the next step of the grid Δ from now, and every Δ
 * after ({@link SequentialDecision.Grid}). Backward induction over both branches:
 *
 * <pre>
 *   R_j = min(S_j, h_j + (1 - p_j) q_j + p_j [c_j R_{j+1} + (1 - c_j) W_{j+1}(L_j)])
 * </pre>
 *
 * with S_j the best failover option's loss at the rise's count O_j, h_j the step's expected
 * device-minutes at the rise's average count, p_j the outage's chance to go on through the step, c_j
 * the rise's, L_j the level it stops at, and W the steady count's value (fail over then, or hold and
 * decide again on the grid). The rise is followed until it reaches the cluster's devices or for
 * {@link #LONGEST_RISE_STEPS} steps, after which the count is taken as steady where it got to.
 */
final class RisingCount {
  /** The policy looks again at most this often while the count moves. */
  static final double SHORTEST_STEP = 0.5;
  /** How many steps of a rise the decision follows before it takes the count as steady. */
  static final int LONGEST_RISE_STEPS = 96;
  private static final double NEGLIGIBLE_SURVIVAL = 1e-6;

  private final Trend trend;
  private final SequentialDecision.Grid grid;
  private final double delta;
  private final double[] alive;
  private final double[] mean;
  private Waiting waiting;
  private OptionalDouble minutesToFailOver = OptionalDouble.empty();

  RisingCount(Trend trend, RemainingOutage remaining, SequentialDecision.Grid grid, double materialChange) {
    this.trend = trend;
    this.grid = grid;
    double slope = trend.devicesPerMinute();
    this.delta = Math.max(SHORTEST_STEP, Math.min(grid.step(), materialChange * Math.max(1, trend.offlineNow()) / slope));
    int toCap = (int) Math.ceil(Math.max(0, trend.cap() - trend.offlineNow()) / slope / delta);
    RemainingOutage.Steps fine = remaining.steps(delta, Math.max(1, Math.min(LONGEST_RISE_STEPS, toCap)), NEGLIGIBLE_SURVIVAL);
    this.alive = fine.alive();
    this.mean = fine.mean();
    induct(fine.horizon());
  }

  private void induct(int last) {
    // From the last step on, the count is steady where the rise got to.
    double top = trend.offlineAfter(last * delta);
    Settled end = settled(last, top);
    double value = end.value();
    HeldCost forever = grid.steady(top, mean[last]);
    double firstAfterRise = end.minutesToFailOver();
    int first = -1;
    double firstStep = 0;
    double endsWithinFirst = 0;
    double contNow = 0;
    double stopNow = 0;
    for (int j = last - 1; j >= 0; j--) {
      double t = j * delta;
      double p = Math.min(1, alive[j + 1] / alive[j]);
      double average = trend.deviceMinutesBetween(t, t + delta) / delta;
      double hold = average * Math.max(0, mean[j] - p * mean[j + 1]);
      double endsQueue = (1 - p) * grid.queue(average);
      double goesOn = trend.goesOn(t, delta);
      double level = trend.offlineAfter(t + delta / 2);
      double stopped = settled(j + 1, level).value();
      HeldCost stoppedForever = grid.steady(level, mean[j + 1]);
      double cont = hold + endsQueue + p * (goesOn * value + (1 - goesOn) * stopped);
      forever =
          new HeldCost(
              hold + p * (goesOn * forever.offlineMinutes() + (1 - goesOn) * stoppedForever.offlineMinutes()),
              endsQueue + p * (goesOn * forever.endQueue() + (1 - goesOn) * stoppedForever.endQueue()));
      double stop = grid.stopCost(t, trend.offlineAfter(t), mean[j], forever);
      value = Math.min(stop, cont);
      if (j > 0 && stop < cont * (1 - 1e-12)) {
        first = j;
      }
      if (j == 0) {
        firstStep = hold;
        endsWithinFirst = 1 - p;
        contNow = cont;
        stopNow = stop;
      }
    }
    waiting = new Waiting(delta, firstStep, endsWithinFirst, contNow, stopNow, forever);
    if (first > 0) {
      minutesToFailOver = OptionalDouble.of(first * delta);
    } else if (!Double.isNaN(firstAfterRise)) {
      minutesToFailOver = OptionalDouble.of(firstAfterRise);
    }
  }

  /** The steady count's value at fine step j, and when it would fail over (NaN: never). */
  private record Settled(double value, double minutesToFailOver) {}

  /**
   * A count steady at {@code level} from fine step j on: fail over now, or hold to the next step of the
   * grid and go on from there.
   */
  private Settled settled(int j, double level) {
    double s = j * delta;
    double stop = grid.stopCost(s, level, mean[j], grid.steady(level, mean[j]));
    int k = (int) Math.ceil(s / grid.step() - 1e-9);
    double cont;
    double then = Double.NaN;
    if (k > grid.horizon()) {
      cont = grid.steady(level, mean[j]).total();
    } else {
      double p = Math.min(1, grid.alive(k) / alive[j]);
      double hold = level * Math.max(0, mean[j] - p * grid.mean(k));
      SequentialDecision.Grid.Values v = grid.along(Trend.steady(level), k);
      cont = hold + (1 - p) * grid.queue(level) + p * v.value();
      if (v.stop() < v.cont() * (1 - 1e-12)) {
        then = k * grid.step();
      } else if (v.firstStepToFailOver() >= 0) {
        then = v.firstStepToFailOver() * grid.step();
      }
    }
    if (stop < cont * (1 - 1e-12)) {
      then = s;
    }
    return new Settled(Math.min(stop, cont), then);
  }

  /** Holding for the first step (until the policy decides again) against acting now. */
  Waiting waiting() {
    return waiting;
  }

  OptionalDouble minutesToFailOver() {
    return minutesToFailOver;
  }
}
