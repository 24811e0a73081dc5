package io.failwise.operator.policy;

import io.failwise.api.Cluster;
import io.failwise.model.policy.ClusterSituation;
import io.failwise.operator.ClusterStatusFactory;
import io.failwise.operator.status.Conditions;
import java.time.Instant;

/** Reads what detection wrote on a Cluster into the policy model's terms. */
public final class Situations {
  private Situations() {}

  public static ClusterSituation of(Cluster cluster) {
    var status = cluster.getStatus();
    String name = cluster.getMetadata().getName();
    if (status == null) {
      return new ClusterSituation(name, false, null, 0, false);
    }
    boolean known = Conditions.isTrue(status.conditions, ClusterStatusFactory.READY);
    var outage = Conditions.find(status.conditions, ClusterStatusFactory.OUTAGE);
    boolean inOutage = outage.map(c -> Conditions.TRUE.equals(c.getStatus())).orElse(false);
    // Silenced by a maintenance window that began during it: not over, and its onset still stands.
    boolean silenced = ClusterStatusFactory.outageSilenced(status);
    Instant since = inOutage || silenced ? outageSince(cluster) : null;
    Instant trueSince = inOutage ? outage.map(c -> c.getLastTransitionTime()).map(Situations::instant).orElse(null) : null;
    long offline = status.devices == null || status.devices.offline == null ? 0 : status.devices.offline;
    // Since when the counts cannot be read: the Ready condition's turn to False (or Unknown).
    Instant lostSince =
        known ? null
            : Conditions.find(status.conditions, ClusterStatusFactory.READY).map(c -> c.getLastTransitionTime()).map(Situations::instant).orElse(null);
    // A run moved the devices out: the outage goes on, and the falling count is theirs leaving.
    boolean away = io.failwise.operator.DevicesAway.shown(status);
    return new ClusterSituation(name, inOutage, since, offline, known, trueSince, silenced, lostSince, away);
  }

  private static Instant instant(String time) {
    try {
      return Instant.parse(time);
    } catch (java.time.format.DateTimeParseException e) {
      return null; // a status written by hand: the hold-off counts from the outage's start
    }
  }

  /**
   * The estimated onset when detection gives one, else when the Outage condition turned true: the
   * outage's start, which the estimate's elapsed time counts from. The policy's hold-off counts from the
   * condition's transition (see {@link ClusterSituation#holdOffFrom()}).
   */
  static Instant outageSince(Cluster cluster) {
    if (cluster.getStatus().onsetTime != null) {
      return Instant.parse(cluster.getStatus().onsetTime);
    }
    return Conditions.find(cluster.getStatus().conditions, ClusterStatusFactory.OUTAGE)
        .filter(c -> Conditions.TRUE.equals(c.getStatus()))
        .map(c -> c.getLastTransitionTime())
        .map(Instant::parse)
        .orElse(null);
  }
}
