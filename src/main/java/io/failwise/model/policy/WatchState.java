package io.failwise.model.policy;

import java.time.Instant;

/**
 * What a policy remembers of a cluster it has decided on during the current outage.
 *
 * @param silenced the policy recorded that a maintenance window silences this outage and stopped
 *     deciding on it; it decides again (the same outage) when the window ends with the outage going on
 * @param signalLost the policy recorded that it cannot read the cluster's counts and stopped deciding;
 *     it decides again (the same outage) when they can be read and the outage goes on
 */
public record WatchState(
    Instant outageSince, long offlineDevicesAtDecision, Instant reevaluateAt, boolean silenced, boolean signalLost) {
  public WatchState(Instant outageSince, long offlineDevicesAtDecision, Instant reevaluateAt) {
    this(outageSince, offlineDevicesAtDecision, reevaluateAt, false, false);
  }

  public WatchState(Instant outageSince, long offlineDevicesAtDecision, Instant reevaluateAt, boolean silenced) {
    this(outageSince, offlineDevicesAtDecision, reevaluateAt, silenced, false);
  }
}
