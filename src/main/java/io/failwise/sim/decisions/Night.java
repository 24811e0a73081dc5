package io.failwise.sim.decisions;

/**
 * One simulated incident night for the decision benchmark: a source cluster, its targets, the true
 * offline trajectory and duration (unknown to the strategies), and the true cutover.
 *
 * @param shape how the offline count moves
 * @param devices the source's devices
 * @param level the offline share at the plateau
 * @param durationMinutes when the outage ends (the truth; strategies see only the counts so far)
 * @param rampMinutes a growing outage's climb; a recovering one's decline starts at durationMinutes - rampMinutes
 * @param cutoverMedianSeconds what the Cluster states; the true cutover is drawn around it
 * @param trueCutoverSeconds the cutover a failover this night would take
 * @param condition what is special about the targets
 */
public record Night(
    Shape shape,
    long devices,
    double level,
    double durationMinutes,
    double rampMinutes,
    double sourceAdmissionPerSecond,
    long cutoverMedianSeconds,
    long cutoverP90Seconds,
    double trueCutoverSeconds,
    Condition condition,
    java.util.List<Target> targets,
    boolean heavyTail) {

  /** The documented mix of outage shapes. */
  public enum Shape {
    STEADY,
    INTERMITTENT,
    GROWING,
    RECOVERING,
    TOTAL_LOSS,
    SHORT_BLIP
  }

  /** What the night does to the targets. */
  public enum Condition {
    NORMAL,
    SLOW_TARGET,
    SMALL_TARGET,
    UNHEALTHY_TARGET,
    BUDGET_SPENT
  }

  /**
   * A failover target.
   *
   * @param ownOfflineShare share of its own devices offline (an unhealthy target is in trouble too)
   */
  public record Target(String name, int priority, long capacity, long connected, long ownOffline, double admissionPerSecond) {}

  /** Devices offline {@code minutes} after the onset (0 once the outage is over). */
  public double offlineAt(double minutes) {
    if (minutes >= durationMinutes || minutes < 0) {
      return 0;
    }
    if (shape == Shape.RECOVERING) {
      double start = durationMinutes - rampMinutes;
      return minutes <= start ? level * devices : level * devices * (durationMinutes - minutes) / rampMinutes;
    }
    return offlineIfGoingOn(minutes);
  }

  /**
   * Devices offline {@code minutes} after the onset if the outage is still going then: what a rule that
   * knows the shape expects of a night it cannot see the end of. A recovering night's decline is dated
   * by its end, so it has none.
   */
  double offlineIfGoingOn(double minutes) {
    double plateau = level * devices;
    return switch (shape) {
      case STEADY, INTERMITTENT, TOTAL_LOSS, SHORT_BLIP -> plateau;
      case GROWING -> minutes >= rampMinutes ? plateau : plateau * (0.1 + 0.9 * Math.max(0, minutes) / rampMinutes);
      case RECOVERING -> throw new IllegalStateException("a recovering night's count depends on its end");
    };
  }

  /** Device-minutes offline from {@code a} to {@code b} minutes after the onset, by the minute's midpoint. */
  public double deviceMinutes(double a, double b) {
    double sum = 0;
    double end = Math.min(b, durationMinutes);
    for (double t = a; t < end; t += 0.25) {
      double dt = Math.min(0.25, end - t);
      sum += offlineAt(t + dt / 2) * dt;
    }
    return sum;
  }
}
