package io.failwise.model.policy;

import java.time.Instant;

/**
 * What detection says about one cluster a policy watches.
 *
 * @param outage the cluster's Outage condition is true (detection already required the observers' quorum)
 * @param outageSince the outage's start: the estimated onset, or when the condition turned true
 * @param signalKnown false when the counts are unknown: a policy never acts on an unknown signal
 * @param outageTrueSince when the Outage condition last turned true (its lastTransitionTime), which
 *     {@code trigger.outageForSeconds} counts from; null when not known (then the outage's start is used)
 */
public record ClusterSituation(
    String cluster,
    boolean outage,
    Instant outageSince,
    long offlineDevices,
    boolean signalKnown,
    Instant outageTrueSince) {

  /** A situation whose Outage condition turned true at the outage's start. */
  public ClusterSituation(String cluster, boolean outage, Instant outageSince, long offlineDevices, boolean signalKnown) {
    this(cluster, outage, outageSince, offlineDevices, signalKnown, outageSince);
  }

  /** When the hold-off ({@code trigger.outageForSeconds}) counts from: the condition's transition to true. */
  public Instant holdOffFrom() {
    return outageTrueSince != null ? outageTrueSince : outageSince;
  }
}
