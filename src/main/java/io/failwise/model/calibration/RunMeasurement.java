package io.failwise.model.calibration;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What one finished run measured of a switch: the cutover (how long a moved device is disconnected) and
 * the rate the target admitted devices at. A wave of d devices is connected at the target about
 * {@code C + d / a} after it is applied (cutover C, admission a, the estimator's own switch model), so a
 * least-squares line through the waves' (devices, latency) points gives C as its intercept and 1/a as
 * its slope. With one wave, or waves of one size, or a line that does not rise, the admission is not
 * measured and the cutover is the shortest latency (an upper bound on C).
 *
 * @param admissionDevicesPerSecond empty when the waves cannot tell
 */
public record RunMeasurement(String run, String target, double cutoverSeconds, OptionalDouble admissionDevicesPerSecond, Instant at) {
  /** The measurement of a run's waves that arrived; empty when none did. */
  public static Optional<RunMeasurement> of(String run, String target, List<WaveTiming> waves, Instant at) {
    List<WaveTiming> arrived = new ArrayList<>();
    for (WaveTiming w : waves) {
      if (w.arrivedAt() != null && w.devices() > 0 && !w.arrivedAt().isBefore(w.appliedAt())) {
        arrived.add(w);
      }
    }
    if (arrived.isEmpty()) {
      return Optional.empty();
    }
    double n = arrived.size();
    double mx = 0;
    double my = 0;
    double shortest = Double.POSITIVE_INFINITY;
    for (WaveTiming w : arrived) {
      mx += w.devices() / n;
      my += w.latencySeconds() / n;
      shortest = Math.min(shortest, w.latencySeconds());
    }
    double sxx = 0;
    double sxy = 0;
    for (WaveTiming w : arrived) {
      sxx += (w.devices() - mx) * (w.devices() - mx);
      sxy += (w.devices() - mx) * (w.latencySeconds() - my);
    }
    if (sxx > 0 && sxy > 0) {
      double slope = sxy / sxx;
      double intercept = my - slope * mx;
      if (intercept >= 0) {
        return Optional.of(new RunMeasurement(run, target, intercept, OptionalDouble.of(1 / slope), at));
      }
      // A line through the waves that would start before the switch: the cutover is below the
      // engine's resolution; the admission is still the slope's.
      return Optional.of(new RunMeasurement(run, target, 0, OptionalDouble.of(1 / slope), at));
    }
    return Optional.of(new RunMeasurement(run, target, shortest, OptionalDouble.empty(), at));
  }
}
