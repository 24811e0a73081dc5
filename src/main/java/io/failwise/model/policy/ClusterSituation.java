package io.failwise.model.policy;

import java.time.Instant;

/**
 * What detection says about one cluster a policy watches.
 *
 * @param outage the cluster's Outage condition is true (detection already required the observers' quorum)
 * @param outageSince the outage's start: the estimated onset, or when the condition turned true; also
 *     set while the outage is silenced
 * @param signalKnown false when the counts are unknown: a policy never acts on an unknown signal
 * @param outageTrueSince when the Outage condition last turned true (its lastTransitionTime), which
 *     {@code trigger.outageForSeconds} counts from; null when not known (then the outage's start is used)
 * @param silenced the outage is in progress but a maintenance window (failwise silence) that began
 *     during it silences it: the Outage condition is False with reason Silenced. Not a recovery.
 * @param signalLostSince while the signal is unknown, since when (the Ready condition's turn to False);
 *     null when the signal is known, or when that time is not known
 * @param devicesAway a run has moved the cluster's devices out (it is failing it over, or the counts settle
 *     after it): the outage is taken as going on, and its counts fall because devices left, not because they
 *     came back. Not a recovery, not a trend, and nothing to decide until they are back.
 */
public record ClusterSituation(
    String cluster,
    boolean outage,
    Instant outageSince,
    long offlineDevices,
    boolean signalKnown,
    Instant outageTrueSince,
    boolean silenced,
    Instant signalLostSince,
    boolean devicesAway) {

  /** A situation with the cluster's devices at home. */
  public ClusterSituation(
      String cluster, boolean outage, Instant outageSince, long offlineDevices, boolean signalKnown, Instant outageTrueSince, boolean silenced,
      Instant signalLostSince) {
    this(cluster, outage, outageSince, offlineDevices, signalKnown, outageTrueSince, silenced, signalLostSince, false);
  }

  /** A situation whose Outage condition turned true at the outage's start, not silenced. */
  public ClusterSituation(String cluster, boolean outage, Instant outageSince, long offlineDevices, boolean signalKnown) {
    this(cluster, outage, outageSince, offlineDevices, signalKnown, outageSince, false);
  }

  /** A situation whose signal, if unknown, was lost at a time not known. */
  public ClusterSituation(
      String cluster, boolean outage, Instant outageSince, long offlineDevices, boolean signalKnown, Instant outageTrueSince, boolean silenced) {
    this(cluster, outage, outageSince, offlineDevices, signalKnown, outageTrueSince, silenced, null);
  }

  /** When the hold-off ({@code trigger.outageForSeconds}) counts from: the condition's transition to true. */
  public Instant holdOffFrom() {
    return outageTrueSince != null ? outageTrueSince : outageSince;
  }
}
