package io.failwise.model.policy;

import java.time.Instant;

/**
 * What detection says about one cluster a policy watches.
 *
 * @param outage the cluster's Outage condition is true (detection already required the observers' quorum)
 * @param outageSince the estimated onset, or when the condition turned true
 * @param signalKnown false when the counts are unknown: a policy never acts on an unknown signal
 */
public record ClusterSituation(String cluster, boolean outage, Instant outageSince, long offlineDevices, boolean signalKnown) {}
