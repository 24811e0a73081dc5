package io.failwise.model.estimate;

import java.time.Instant;
import java.util.Objects;

/** One reading of a monitor: how many of the source's devices were offline at one moment. */
public record OfflineSample(Instant at, long offlineDevices) {
  public OfflineSample {
    Objects.requireNonNull(at, "sample at");
    Checks.count(offlineDevices, "sample offlineDevices");
  }
}
