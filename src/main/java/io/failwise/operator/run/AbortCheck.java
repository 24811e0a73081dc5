package io.failwise.operator.run;

import io.failwise.api.Cluster;
import io.failwise.api.ClusterStatus;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunStatus;
import io.failwise.model.Format;
import io.failwise.model.Health;
import io.failwise.model.run.UserAction;
import io.failwise.operator.ClusterStatusFactory;
import io.failwise.operator.DevicesAway;
import io.failwise.operator.status.Conditions;
import java.util.Optional;

/**
 * Before a person aborts a run: whether its rollback would send the devices it moved back to a source
 * in an outage. An abort undoes the shift at once (the routing put back as the run found it), so every
 * device moved goes home in one go; into a cluster whose outage goes on, that takes them offline again,
 * and all at once. An abort during a Failover's failback keeps the shift for that reason
 * ({@link RunRollback#keptThrough}); during the shift nothing warned of it. Pure.
 */
public final class AbortCheck {
  private AbortCheck() {}

  /**
   * Why aborting {@code run} now would send its devices into an outage, for the person to weigh; empty
   * when it would not: the run moved nothing (or nothing is left on the target), an abort is already
   * recorded, the failback has begun (the shift is kept), or the source shows no outage.
   *
   * @param source the run's source Cluster as it is now (null: not found)
   */
  public static Optional<String> intoOutage(FailoverRun run, Cluster source, java.time.Instant now, java.time.ZoneId zone) {
    FailoverRunStatus s = run.getStatus();
    if (s == null || s.plan == null || s.steps == null || s.abort != null || !RunStatuses.phase(run).accepts(UserAction.ABORT)
        || RunRollback.keptThrough(s) >= 0) {
      return Optional.empty();
    }
    long away = RunStatuses.devicesAtTarget(s);
    ClusterStatus status = source == null ? null : source.getStatus();
    if (away <= 0 || !ClusterStatusFactory.outageNotOver(status)) {
      return Optional.empty();
    }
    return Optional.of("its rollback undoes the shift at once, sending the " + Format.plural(away, "device") + " now on " + s.plan.target
        + " back to " + s.plan.source + ", which " + outage(status, now, zone));
  }

  /** "shows an Outage since T (9,000 of 180,000 devices offline)", or why its counts cannot say more. */
  private static String outage(ClusterStatus status, java.time.Instant now, java.time.ZoneId zone) {
    String since = Optional.ofNullable(status.onsetTime)
        .or(() -> Conditions.find(status.conditions, ClusterStatusFactory.OUTAGE).map(c -> c.getLastTransitionTime()))
        .map(t -> " since " + RunStatuses.said(t, now, zone))
        .orElse("");
    if (Health.UNKNOWN.displayName().equals(status.health)) {
      return "was in an Outage" + since + " when its signal was lost: nothing shows it over";
    }
    if (DevicesAway.shown(status)) {
      return "shows an Outage" + since + ", taken as going on while its devices are away: nothing shows it over";
    }
    String counts = status.devices == null || status.devices.expected == null || status.devices.offline == null
        ? "" : " (" + Format.count(status.devices.offline) + " of " + Format.plural(status.devices.expected, "device") + " offline)";
    return "shows an Outage" + since + counts;
  }
}
