package io.failwise.signals.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The usual Prometheus alert the detector is compared with, evaluated like Prometheus would every
 * step: {@code connected < ratio * (connected offset <offset>)} that must hold for {@code for}.
 */
public record ThresholdRule(double ratio, Duration offset, Duration holdFor) {

  /** {@code connected < 0.95 * (connected offset 1h)}, {@code for: 5m}. */
  public static ThresholdRule usual() {
    return new ThresholdRule(0.95, Duration.ofHours(1), Duration.ofMinutes(5));
  }

  /** Times at which the alert starts firing, one per episode. */
  public List<Instant> firings(FleetSeries series) {
    List<Instant> firings = new ArrayList<>();
    long offsetSteps = offset.toMillis() / series.step().toMillis();
    Instant pendingSince = null;
    boolean firing = false;
    for (int i = (int) offsetSteps; i < series.size(); i++) {
      Instant t = series.time(i);
      boolean active = series.connected()[i] < ratio * series.connected()[(int) (i - offsetSteps)];
      if (!active) {
        pendingSince = null;
        firing = false;
        continue;
      }
      if (pendingSince == null) {
        pendingSince = t;
      }
      if (!firing && Duration.between(pendingSince, t).compareTo(holdFor) >= 0) {
        firing = true;
        firings.add(t);
      }
    }
    return firings;
  }

  /** How the rule reads in a Prometheus alerting rule. */
  public String describe() {
    return String.format(
        java.util.Locale.ROOT,
        "connected < %.0f%% of %s ago, for: %s",
        ratio * 100,
        io.failwise.model.Format.duration(offset),
        io.failwise.model.Format.duration(holdFor));
  }
}
