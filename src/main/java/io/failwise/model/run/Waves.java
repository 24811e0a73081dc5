package io.failwise.model.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Wave plans: the devices each wave moves and how long it must last so that the receiving cluster
 * never gets more new connections per second than it admits (no reconnect storm).
 */
public final class Waves {
  /** More waves than this is a plan nobody reads; the run's status keeps one record per wave. */
  public static final int MAX_WAVES = 10;

  private Waves() {}

  /**
   * Paces {@code percents} of {@code devices} at {@code devicesPerSecond}.
   *
   * @param percents ascending cumulative percentages, the last one the end of this step
   * @param devices the devices the step moves at 100 %
   * @param devicesPerSecond new connections per second the receiving cluster may get from this run
   * @param holdEachWave the least time each wave lasts, whatever its size (zero for none)
   */
  public static List<Wave> pace(List<Integer> percents, long devices, double devicesPerSecond, Duration holdEachWave) {
    if (!(devicesPerSecond > 0) || Double.isInfinite(devicesPerSecond)) {
      throw new IllegalArgumentException("devicesPerSecond must be a number above 0, got " + devicesPerSecond);
    }
    if (devices < 0) {
      throw new IllegalArgumentException("devices cannot be negative: " + devices);
    }
    List<String> problems = shapeProblems(percents);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("waves " + percents + " " + String.join("; ", problems));
    }
    List<Wave> waves = new ArrayList<>();
    long before = 0;
    for (int i = 0; i < percents.size(); i++) {
      int percent = percents.get(i);
      long after = after(devices, percent);
      long moving = after - before;
      Duration paced = Duration.ofSeconds((long) Math.ceil(moving / devicesPerSecond));
      Duration duration = paced.compareTo(holdEachWave) >= 0 ? paced : holdEachWave;
      waves.add(new Wave(i, percent, moving, after, paced, duration));
      before = after;
    }
    return List.copyOf(waves);
  }

  /** Of {@code devices}, how many have moved once a wave's cumulative {@code percent} is applied (all of them at 100). */
  public static long after(long devices, int percent) {
    return percent == 100 ? devices : Math.floorDiv(devices * percent, 100);
  }

  /** The waves a drill runs: those below {@code maxPercent}, then {@code maxPercent} itself. */
  public static List<Integer> capAt(List<Integer> percents, int maxPercent) {
    List<Integer> capped = new ArrayList<>();
    for (int p : percents) {
      if (p < maxPercent) {
        capped.add(p);
      } else {
        capped.add(maxPercent);
        break;
      }
    }
    return List.copyOf(capped);
  }

  /** Total time of a wave plan. */
  public static Duration total(List<Wave> waves) {
    return waves.stream().map(Wave::duration).reduce(Duration.ZERO, Duration::plus);
  }

  /**
   * What is wrong with the waves of a playbook step, one phrase each; empty when valid. They must
   * be ascending percentages and end at 100: a step that stops short would leave devices split.
   */
  public static List<String> problems(List<Integer> percents) {
    List<String> problems = shapeProblems(percents);
    if (percents != null && !percents.isEmpty()) {
      Integer last = percents.get(percents.size() - 1);
      if (last == null || last != 100) {
        problems.add("must end at 100 (the last wave moves everything), got " + last);
      }
    }
    return problems;
  }

  /** Problems of any wave list, a drill's capped one included: count, range and order. */
  static List<String> shapeProblems(List<Integer> percents) {
    List<String> problems = new ArrayList<>();
    if (percents == null || percents.isEmpty()) {
      problems.add("needs at least one wave, e.g. [1, 10, 50, 100]");
      return problems;
    }
    if (percents.size() > MAX_WAVES) {
      problems.add("has " + percents.size() + " waves; at most " + MAX_WAVES);
    }
    Integer previous = null;
    for (int i = 0; i < percents.size(); i++) {
      Integer p = percents.get(i);
      if (p == null || p < 1 || p > 100) {
        problems.add("[" + i + "] is " + p + "; each wave is a percentage from 1 to 100");
      } else if (previous != null && p <= previous) {
        problems.add("[" + i + "] is " + p + " after " + previous + "; waves must be strictly ascending");
      }
      if (p != null) {
        previous = p;
      }
    }
    return problems;
  }
}
