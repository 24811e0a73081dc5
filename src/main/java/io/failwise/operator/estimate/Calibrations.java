package io.failwise.operator.estimate;

import io.failwise.api.Cluster;
import io.failwise.api.ClusterCalibration;
import io.failwise.api.FailoverSpec;
import io.failwise.model.Format;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The estimator's use of a source Cluster's {@code status.calibration} (what its finished runs measured):
 * the measured cutover replaces {@code spec.failover.cutoverSeconds}, the measured p90 (or, after a
 * single run, the spec's ratio of p90 to median) replaces {@code cutoverP90Seconds}, and a target's
 * measured admission replaces its {@code spec.admission.devicesPerSecond}; the explanation says so.
 */
public final class Calibrations {
  private Calibrations() {}

  /** The source's calibration when it measured a cutover, else empty. */
  static Optional<ClusterCalibration> of(Cluster source) {
    return Optional.ofNullable(source.getStatus())
        .map(s -> s.calibration)
        .filter(c -> c.cutoverSeconds != null && c.cutoverSeconds >= 0 && c.runs != null && c.runs > 0);
  }

  /** The cutover median to use: measured when calibrated. */
  static Duration cutover(Cluster source, FailoverSpec failover) {
    return of(source)
        .map(c -> seconds(c.cutoverSeconds))
        .orElseGet(() -> Duration.ofSeconds(failover == null || failover.cutoverSeconds == null ? 0 : failover.cutoverSeconds));
  }

  /** The cutover p90 to use (null: the estimator's default ratio to the median). */
  static Duration cutoverP90(Cluster source, FailoverSpec failover) {
    Optional<ClusterCalibration> c = of(source);
    if (c.isEmpty()) {
      return failover == null || failover.cutoverP90Seconds == null ? null : Duration.ofSeconds(failover.cutoverP90Seconds);
    }
    if (c.get().cutoverP90Seconds != null && c.get().cutoverP90Seconds >= c.get().cutoverSeconds) {
      return seconds(c.get().cutoverP90Seconds);
    }
    // One run shows no spread: keep the spread the spec states around the measured median.
    if (failover != null && failover.cutoverP90Seconds != null && failover.cutoverSeconds != null && failover.cutoverSeconds > 0) {
      return seconds(c.get().cutoverSeconds * failover.cutoverP90Seconds / failover.cutoverSeconds);
    }
    return null;
  }

  /** The admission rate measured at {@code target} by the source's runs (their median), if any. */
  static OptionalDouble admission(Cluster source, String target) {
    double[] rates =
        of(source).map(c -> c.measurements).orElse(List.of()).stream()
            .filter(m -> Objects.equals(target, m.target) && m.admissionDevicesPerSecond != null && m.admissionDevicesPerSecond > 0)
            .mapToDouble(m -> m.admissionDevicesPerSecond)
            .sorted()
            .toArray();
    if (rates.length == 0) {
      return OptionalDouble.empty();
    }
    int n = rates.length;
    return OptionalDouble.of(n % 2 == 1 ? rates[n / 2] : 0.5 * (rates[n / 2 - 1] + rates[n / 2]));
  }

  /**
   * The sentence the explanation gets when the source is calibrated, e.g. "Cutover 210 s (p90 420 s) as
   * measured by 3 runs (2 drills, 1 failover), the last at 2026-03-01T10:00:00Z, instead of the 1,200 s
   * spec.failover.cutoverSeconds states."
   */
  public static Optional<String> sentence(Cluster source) {
    return of(source).map(c -> {
      FailoverSpec failover = source.getSpec() == null ? null : source.getSpec().failover;
      List<ClusterCalibration.Measurement> ms = c.measurements == null ? List.of() : c.measurements;
      long drills = ms.stream().filter(m -> "Drill".equals(m.mode)).count();
      long failovers = ms.stream().filter(m -> "Failover".equals(m.mode)).count();
      String kinds =
          drills + failovers != c.runs
              ? ""
              : drills == c.runs ? " (drills)" : failovers == c.runs ? " (failovers)" : " (" + drills + " drills, " + failovers + " failovers)";
      String runs = c.runs == 1 ? (drills == 1 ? "1 drill" : failovers == 1 ? "1 failover" : "1 run") : c.runs + " runs" + kinds;
      StringBuilder sb = new StringBuilder("Cutover ").append(Format.count(Math.round(c.cutoverSeconds))).append(" s");
      Duration p90 = cutoverP90(source, failover);
      if (p90 != null) {
        sb.append(" (p90 ").append(Format.count(Math.round(p90.toMillis() / 1000.0))).append(" s)");
      }
      sb.append(" as measured by ").append(runs).append(", the last at ").append(c.at);
      if (failover != null && failover.cutoverSeconds != null) {
        sb.append(", instead of the ").append(Format.count(failover.cutoverSeconds)).append(" s spec.failover.cutoverSeconds states");
      }
      List<String> admitted =
          ms.stream().map(m -> m.target).filter(Objects::nonNull).distinct()
              .filter(t -> admission(source, t).isPresent())
              .map(t -> t + " admitted " + Format.count(Math.round(admission(source, t).getAsDouble())) + " devices a second")
              .toList();
      if (!admitted.isEmpty()) {
        sb.append("; ").append(String.join(", ", admitted));
      }
      return sb.append('.').toString();
    });
  }

  private static Duration seconds(double s) {
    return Duration.ofMillis(Math.round(s * 1000));
  }
}
