package io.failwise.model.calibration;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What a cluster's recent runs measured, summarised for the estimator, which uses it instead of the
 * spec's stated cutover and admission (docs/estimator.md, "Calibration").
 *
 * <ul>
 *   <li>Cutovers are lognormal (as the estimator assumes): the median is the geometric mean of the
 *       measured ones; the p90 is the predictive 90th percentile of the next cutover, exp(m + t s
 *       sqrt(1 + 1/n)) with m and s the mean and standard deviation of their logarithms and t Student's
 *       0.9 quantile with n - 1 degrees of freedom (it accounts for having measured only a few). With one
 *       run there is no spread to measure: the p90 is empty and the spec's ratio of p90 to median applies.
 *   <li>The admission rate is the median of the measured ones, when any run measured it.
 * </ul>
 *
 * @param cutoverP90Seconds empty with a single run
 * @param admissionDevicesPerSecond empty when no run measured it
 * @param at when the latest run finished
 */
public record Calibration(
    double cutoverSeconds, OptionalDouble cutoverP90Seconds, OptionalDouble admissionDevicesPerSecond, int runs, Instant at) {
  /** How many of the latest runs are kept and summarised: older ones describe an older system. */
  public static final int KEPT = 10;

  /** Student's t 0.9 quantiles for 1..30 degrees of freedom; beyond, the normal's. */
  private static final double[] T90 = {
    3.0777, 1.8856, 1.6377, 1.5332, 1.4759, 1.4398, 1.4149, 1.3968, 1.3830, 1.3722, 1.3634, 1.3562, 1.3502, 1.3450, 1.3406,
    1.3368, 1.3334, 1.3304, 1.3277, 1.3253, 1.3232, 1.3212, 1.3195, 1.3178, 1.3163, 1.3150, 1.3137, 1.3125, 1.3114, 1.3104
  };

  /** The summary of {@code measurements} (the latest {@link #KEPT}); empty when there are none. */
  public static Optional<Calibration> of(List<RunMeasurement> measurements) {
    List<RunMeasurement> kept =
        measurements.stream().sorted((a, b) -> a.at().compareTo(b.at())).skip(Math.max(0, measurements.size() - KEPT)).toList();
    if (kept.isEmpty()) {
      return Optional.empty();
    }
    int n = kept.size();
    // A cutover measured as 0 s (below the engine's resolution) is taken as one second, so logs exist.
    double[] logs = kept.stream().mapToDouble(m -> Math.log(Math.max(1, m.cutoverSeconds()))).toArray();
    double mean = Arrays.stream(logs).average().orElseThrow();
    OptionalDouble p90 = OptionalDouble.empty();
    if (n >= 2) {
      double ss = 0;
      for (double l : logs) {
        ss += (l - mean) * (l - mean);
      }
      double sd = Math.sqrt(ss / (n - 1));
      p90 = OptionalDouble.of(Math.exp(mean + t90(n - 1) * sd * Math.sqrt(1 + 1.0 / n)));
    }
    double[] rates =
        kept.stream().filter(m -> m.admissionDevicesPerSecond().isPresent()).mapToDouble(m -> m.admissionDevicesPerSecond().getAsDouble())
            .sorted().toArray();
    OptionalDouble admission = OptionalDouble.empty();
    if (rates.length > 0) {
      admission = OptionalDouble.of(rates.length % 2 == 1 ? rates[rates.length / 2] : 0.5 * (rates[rates.length / 2 - 1] + rates[rates.length / 2]));
    }
    return Optional.of(new Calibration(Math.exp(mean), p90, admission, n, kept.get(n - 1).at()));
  }

  static double t90(int degreesOfFreedom) {
    return degreesOfFreedom <= T90.length ? T90[degreesOfFreedom - 1] : 1.2816;
  }
}
