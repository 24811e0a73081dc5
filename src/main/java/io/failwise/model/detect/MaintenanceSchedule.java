package io.failwise.model.detect;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A cluster's planned maintenance windows. */
public record MaintenanceSchedule(List<MaintenanceWindow> windows) {
  public static final MaintenanceSchedule NONE = new MaintenanceSchedule(List.of());

  public MaintenanceSchedule {
    windows = List.copyOf(windows);
  }

  /** The window covering {@code t}, if any. */
  public Optional<MaintenanceWindow> at(Instant t) {
    return windows.stream().filter(w -> w.covers(t)).findFirst();
  }

  public boolean covers(Instant t) {
    return at(t).isPresent();
  }
}
