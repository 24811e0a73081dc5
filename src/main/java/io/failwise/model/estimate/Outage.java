package io.failwise.model.estimate;

import java.time.Instant;
import java.util.Objects;

/**
 * An outage in progress on the source cluster.
 *
 * @param since when it began
 * @param offlineDevices devices it has taken offline; when intermittent, the devices it affects, each
 *     of which is offline only part of the time
 * @param intermittent whether affected devices drop and reconnect rather than stay offline
 */
public record Outage(Instant since, long offlineDevices, boolean intermittent) {
  public Outage {
    Objects.requireNonNull(since, "outage since");
    Checks.count(offlineDevices, "outage offlineDevices");
  }
}
