package io.failwise.model.estimate;

/**
 * What we believe about how long an outage lasts before we know anything about this one: a lognormal
 * distribution set by its median and 90th percentile, in minutes.
 *
 * <p>The default, median 2 h and p90 8 h, comes from public status-page incidents of 2024 (AWS, per
 * service and region: median 1.9 h, mean 3.5 h, which a lognormal meets with sigma 1.1 and so a p90 of
 * 7.8 h) and from the 12 March 2026 incident itself (about 2 h until most devices were back). Azure's
 * (median 5.3 h) and GCP's (3.9 h) incidents of the same year last longer: the default is at the short
 * end, which favours holding. See docs/estimator.md.
 */
public record DurationPrior(double medianMinutes, double p90Minutes) {
  public static final DurationPrior DEFAULT = new DurationPrior(120, 480);

  /** The 90th percentile of the standard normal distribution. */
  static final double Z90 = Normal.inverseCdf(0.9);

  public DurationPrior {
    if (!(medianMinutes > 0) || !Double.isFinite(medianMinutes)) {
      throw new IllegalArgumentException("durationPrior.medianMinutes must be a number above 0, got " + medianMinutes);
    }
    if (!(p90Minutes > medianMinutes) || !Double.isFinite(p90Minutes)) {
      throw new IllegalArgumentException(
          "durationPrior.p90Minutes must be above medianMinutes (" + medianMinutes + "), got " + p90Minutes);
    }
  }

  /** The mean of ln(duration in minutes). */
  public double mu() {
    return Math.log(medianMinutes);
  }

  /** The standard deviation of ln(duration in minutes). */
  public double sigma() {
    return (Math.log(p90Minutes) - Math.log(medianMinutes)) / Z90;
  }

  /** How much longer an outage that has already lasted {@code elapsedMinutes} will last. */
  public RemainingOutage remainingAfter(double elapsedMinutes) {
    return new RemainingOutage(mu(), sigma(), elapsedMinutes);
  }
}
