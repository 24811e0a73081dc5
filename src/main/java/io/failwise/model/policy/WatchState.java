package io.failwise.model.policy;

import java.time.Instant;

/** What a policy remembers of a cluster it has decided on during the current outage. */
public record WatchState(Instant outageSince, long offlineDevicesAtDecision, Instant reevaluateAt) {}
