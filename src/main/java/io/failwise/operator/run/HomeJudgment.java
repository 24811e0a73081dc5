package io.failwise.operator.run;

import static io.failwise.operator.run.RunStatuses.instant;

import io.failwise.api.FailoverRunSpec.Mode;
import io.failwise.api.FailoverRunStatus;
import io.failwise.model.Health;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The source judged once a failback has sent every device home and its last wave has been watched long
 * enough for a device lost there to be counted offline: a failback is done only if the source took them
 * back. A source whose counts cannot be read at that moment is given a short while to be read again
 * ({@link #awaitReading}). A Failover's source must be healthy (its outage is over, and it has room for them all). A Drill's
 * must be no worse than when the drill began: a drill that lost devices on their way home, or left its
 * source in a state nobody can read, did not succeed, whatever its stop conditions said.
 */
final class HomeJudgment {
  /** A Failover's source is not healthy once every device is back. */
  static final String SOURCE_UNHEALTHY = "SourceUnhealthyAfterFailback";
  /** A Drill's source is worse than before the drill once every device is back. */
  static final String SOURCE_WORSE = "SourceWorseAfterDrill";

  /** Why the failback is not done, and what a person does next. */
  record Refusal(String reason, String message) {}

  private HomeJudgment() {}

  /** How long the judgment waits for a source whose counts cannot be read, when no stop condition says. */
  static final Duration UNREADABLE_GRACE = Duration.ofMinutes(2);

  /**
   * Until when the judgment waits for the source's counts, or empty when it judges now. A source
   * unreadable for a moment (a Prometheus restart, a scrape missed) says nothing about the devices sent
   * home: a run read it once, and one failed look failed the drill. The judgment waits for a reading
   * while the source has been unreadable for less than the plan's tolerance for an unreadable source (a
   * Source {@code signalUnknownSeconds} stop condition, which fires then anyway) or {@link
   * #UNREADABLE_GRACE}; a source unreadable longer is judged as it is (Unknown).
   */
  static Optional<Instant> awaitReading(FailoverRunStatus s, ClusterFacts source, Instant now) {
    // Since when comes from the run's watch (RunObservations.watch, before every decision once devices
    // moved): without that record there is nothing to count the grace from, and the source is judged now
    // rather than waited for at every look.
    if (source.devices().isPresent() || s.signals == null || s.signals.sourceUnknownSince == null) {
      return Optional.empty();
    }
    Instant until = instant(s.signals.sourceUnknownSince).plus(unreadableGrace(s));
    return now.isBefore(until) ? Optional.of(until) : Optional.empty();
  }

  /** A Source signalUnknownSeconds stop condition of the plan (the shortest), else {@link #UNREADABLE_GRACE}. */
  static Duration unreadableGrace(FailoverRunStatus s) {
    return s.plan.stopConditions == null ? UNREADABLE_GRACE : s.plan.stopConditions.stream()
        .filter(c -> "Source".equals(c.cluster) && c.signalUnknownSeconds != null)
        .map(c -> Duration.ofSeconds(c.signalUnknownSeconds))
        .min(Duration::compareTo)
        .orElse(UNREADABLE_GRACE);
  }

  /**
   * Says in {@code s} that the run waits for a reading of its source (see {@link #awaitReading}), once:
   * true when the status changed, false when it says so already (only its numbers would change).
   */
  static boolean sayWaiting(FailoverRunStatus s, ClusterFacts source, Instant now, Instant until, java.time.ZoneId zone) {
    String message = "Every device is back on " + s.plan.source + ", whose device counts cannot be read (" + seenAt(source, now, zone)
        + "): the run judges " + s.plan.source + " when they can be, or as unreadable at " + RunStatuses.said(until, now, zone) + ".";
    if (RunStatuses.sameButForNumbers(message, s.message)) {
      return false;
    }
    s.message = message;
    s.reason = "WaitingForSourceReading";
    return true;
  }

  /** Empty when the source took every device back; else why not. */
  static Optional<Refusal> judge(FailoverRunStatus s, ClusterFacts source, Instant now, java.time.ZoneId zone) {
    if (Mode.Failover.name().equals(s.plan.mode)) {
      // A source whose outage is not over (a capacity it cannot exceed, which a canary fits under) shows it now.
      // A failback into an outage is no success: the run says so and a person decides.
      return source.healthy() ? Optional.empty() : Optional.of(new Refusal(SOURCE_UNHEALTHY,
          "Every device is back on " + s.plan.source + ", and it is not healthy (" + seenAt(source, now, zone) + "): its outage is not over, or"
              + " it cannot take them all. Fail over again if it goes on (the estimate and the policy say whether), or restore"
              + " by hand."));
    }
    if (!Mode.Drill.name().equals(s.plan.mode)) {
      return Optional.empty();
    }
    Optional<Health> recorded = Optional.ofNullable(s.baseline).flatMap(b -> Health.parse(b.sourceHealth));
    // A baseline written before it recorded the source's health: only an Outage is surely the drill's doing.
    Health before = recorded.orElse(Health.DEGRADED);
    Health after = source.health() == null ? Health.UNKNOWN : source.health();
    if (after.ordinal() <= before.ordinal()) {
      return Optional.empty();
    }
    String was = recorded.map(h -> "; it was " + h.displayName() + " when the drill began").orElse("");
    String why = after == Health.UNKNOWN
        ? "its device counts cannot be read, so nobody can tell whether the drill's devices reconnected there"
        : "devices sent home may not have reconnected there, or it has a problem of its own";
    return Optional.of(new Refusal(SOURCE_WORSE,
        "Every device of the drill was sent back to " + s.plan.source + ", and it is worse than before the drill (" + seenAt(source, now, zone) + was
            + "): " + why + ". Look at " + s.plan.source + " before the next drill; the drill did not succeed."));
  }

  /** "Outage at 23:40:00 UTC: 80,000 of 180,000 devices are offline (44%)": a source's verdict and when it was read. */
  static String seenAt(ClusterFacts source, Instant now, java.time.ZoneId zone) {
    return (source.health() == null ? "Unknown" : source.health().displayName()) + " at " + RunStatuses.said(now, now, zone) + ": "
        + String.valueOf(source.healthMessage()).replaceFirst("\\.$", "");
  }
}
