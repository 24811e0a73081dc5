package io.failwise.operator;

import io.fabric8.kubernetes.api.model.Condition;
import io.failwise.api.Cluster;
import io.failwise.api.ClusterStatus;
import io.failwise.model.Format;
import io.failwise.model.Health;
import io.failwise.operator.status.Conditions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A run has moved a cluster's devices out: it holds the cluster as its source and has begun its shift,
 * or the counts settle after one ({@code settlesUntil}). The devices a run moves leave the cluster's counts, so an outage
 * there looks like a recovery (a failover leaves "0 of 0 devices", a move of affected devices leaves
 * only the connected ones): while they are away an outage in progress is taken as going on, with
 * reason {@link #REASON}, and is not recorded as ended. It ends, and is recorded, when the counts of
 * the devices back home show it over. Pure.
 *
 * @param run the run that moved the devices
 * @param settlesUntil null while the run holds the cluster; after it ended, until when the counts settle
 */
public record DevicesAway(String run, Instant settlesUntil, String endedAs) {
  /** A run holding the cluster, or settling after it ({@code endedAs}: null, the run has not ended). */
  public DevicesAway(String run, Instant settlesUntil) {
    this(run, settlesUntil, null);
  }

  /** The Outage condition's reason while a run has the devices away. */
  public static final String REASON = "DevicesMovedOut";

  /** Which run, if any, has moved a cluster's devices out now. */
  public interface Reader {
    Optional<DevicesAway> of(Cluster cluster, Instant now);

    /** No runs: the cluster's counts are its own. */
    Reader NONE = (cluster, now) -> Optional.empty();
  }

  /**
   * {@code next} as it must be shown while this run has the devices away: an outage the previous status
   * showed goes on (Outage, the same onset) whatever the counts left behind say; an outage the counts
   * still show says why its counts fall. A cluster not in outage, or whose signal is lost, is left as is:
   * the run never makes an outage, and an unknown signal says nothing either way.
   */
  ClusterStatus hold(ClusterStatus previous, ClusterStatus next, String cluster, Long generation, Instant now) {
    boolean wasOutage = previous != null && Conditions.isTrue(previous.conditions, ClusterStatusFactory.OUTAGE);
    if (!wasOutage || !Conditions.isTrue(next.conditions, ClusterStatusFactory.READY)) {
      return next;
    }
    String counts = next.devices == null || next.devices.expected == null
        ? "" : " (" + Format.count(next.devices.connected) + " of " + Format.plural(next.devices.expected, "device") + " connected here now)";
    String since = previous.onsetTime != null ? previous.onsetTime
        : Conditions.find(previous.conditions, ClusterStatusFactory.OUTAGE).map(c -> c.getLastTransitionTime()).orElse(null);
    String message = who(cluster) + counts + ", so its counts cannot show whether the outage"
        + (since == null ? "" : " since " + since) + " is over: it is taken as going on until they are back"
        + (settlesUntil == null ? "" : " and settled") + ".";
    boolean stillShown = Conditions.isTrue(next.conditions, ClusterStatusFactory.OUTAGE);
    // One outage, from its first onset: NextClusterStatus.firstOnset keeps it, with or without a run.
    next.health = Health.OUTAGE.displayName();
    if (!stillShown) {
      next.excessOfflineDevices = previous.excessOfflineDevices;
      next.agreeingObservers = previous.agreeingObservers;
    }
    // Degraded says the same: its own message would date a detector's onset after the devices came home.
    next.conditions = goesOn(next.conditions, previous.conditions, ClusterStatusFactory.DEGRADED, message, generation, now);
    next.conditions = goesOn(next.conditions, previous.conditions, ClusterStatusFactory.OUTAGE, message, generation, now);
    return next;
  }

  /** {@code type} True with this reason, continued from the previous status's condition (its transition time kept). */
  private static List<Condition> goesOn(List<Condition> next, List<Condition> previous, String type, String message, Long generation, Instant now) {
    List<Condition> was = Conditions.find(previous, type).map(List::of).orElse(List.of());
    Condition held = Conditions.find(Conditions.set(was, type, Conditions.TRUE, REASON, message, generation, now), type).orElseThrow();
    List<Condition> out = new ArrayList<>(next.stream().map(c -> type.equals(c.getType()) ? held : c).toList());
    if (out.stream().noneMatch(c -> type.equals(c.getType()))) {
      out.add(held);
    }
    return out;
  }

  private String who(String cluster) {
    if (endedAs != null) {
      // A Failed run holds its clusters until a person resolves it: it moves nothing any more.
      return "Run " + run + " moved " + cluster + "'s devices and ended " + endedAs + "; it holds " + cluster
          + " until a person resolves it (`failwise resolve " + run + "`)";
    }
    return settlesUntil == null
        ? "Run " + run + " is moving " + cluster + "'s devices"
        : "Run " + run + " moved " + cluster + "'s devices; their counts settle until " + settlesUntil;
  }

  /** Whether a status shows an outage taken as going on because a run moved the devices out. */
  public static boolean shown(ClusterStatus status) {
    return status != null
        && Conditions.find(status.conditions, ClusterStatusFactory.OUTAGE)
            .filter(c -> Conditions.TRUE.equals(c.getStatus()) && REASON.equals(c.getReason()))
            .isPresent();
  }
}
