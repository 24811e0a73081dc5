package io.failwise.model.estimate;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An outage in progress on the source cluster, in the terms a monitor measures.
 *
 * @param since when it began
 * @param offlineDevices devices offline at the moment of the assessment: the device-minutes the outage
 *     costs per minute
 * @param affectedDevices devices the outage touches; more than {@code offlineDevices} when it is
 *     intermittent (each affected device is offline part of the time). It is how many devices moving
 *     only the affected ones would move. Equal to {@code offlineDevices} for a steady outage.
 * @param recent earlier readings of the offline count, oldest first, all before the assessment: the
 *     trend (empty: the count is taken as steady)
 */
public record Outage(Instant since, long offlineDevices, long affectedDevices, List<OfflineSample> recent) {
  /**
   * The longest outage failwise reasons about, going on or past: detection sees outages of minutes to
   * days, and an onset or a past outage further back is a mistyped date that would stretch the duration
   * prior's tail for every estimate. {@code failwise estimate} refuses one; the controller skips a past
   * outage that long.
   */
  public static final java.time.Duration LONGEST = java.time.Duration.ofDays(30);

  public Outage {
    Objects.requireNonNull(since, "outage since");
    Checks.count(offlineDevices, "outage offlineDevices");
    if (affectedDevices < offlineDevices) {
      throw new IllegalArgumentException(
          "outage affectedDevices (" + affectedDevices + ") cannot be fewer than offlineDevices (" + offlineDevices
              + "): every offline device is affected");
    }
    recent = List.copyOf(recent);
    for (int i = 1; i < recent.size(); i++) {
      if (!recent.get(i).at().isAfter(recent.get(i - 1).at())) {
        throw new IllegalArgumentException(
            "outage recent samples must be oldest first with distinct times: " + recent.get(i).at() + " is not after "
                + recent.get(i - 1).at());
      }
    }
  }

  /** A steady outage: the offline devices are the affected ones, no trend known. */
  public Outage(Instant since, long offlineDevices) {
    this(since, offlineDevices, offlineDevices, List.of());
  }

  /** Whether affected devices take turns offline (more are affected than are offline at once). */
  public boolean intermittent() {
    return affectedDevices > offlineDevices;
  }

  /** The same outage with the monitor's recent readings. */
  public Outage withRecent(List<OfflineSample> samples) {
    return new Outage(since, offlineDevices, affectedDevices, samples);
  }
}
