package io.failwise.model.estimate;

import java.util.Collection;

/**
 * What we believe about how long an outage lasts before we know anything about this one: a lognormal
 * distribution set by its median and 90th percentile, in minutes.
 *
 * <p>The default, median 2 h and p90 8 h, comes from public status-page incidents of 2024 (AWS, per
 * service and region: median 1.9 h, mean 3.5 h, which a lognormal meets with sigma 1.1 and so a p90 of
 * 7.8 h) and from the 12 March 2026 incident itself (about 2 h until most devices were back). Azure's
 * (median 5.3 h) and GCP's (3.9 h) incidents of the same year last longer: the default is at the short
 * end, which favours holding. See docs/estimator.md.
 *
 * <p>Published incidents are the long ones: the outages a fleet's own detection sees include blips that
 * never reach a status page. {@link #fittedTo} learns from them: the stated prior and the durations of the
 * fleet's past outages combine as a normal-inverse-gamma prior on ln(duration) and its update, the
 * stated prior weighing as {@link #STATED_WEIGHT} outages. The result is still a lognormal, so every
 * closed form of {@link RemainingOutage} holds.
 *
 * @param pastOutages how many past outages the prior was fitted to; 0 when it is the stated one
 */
public record DurationPrior(double medianMinutes, double p90Minutes, int pastOutages) {
  public static final DurationPrior DEFAULT = new DurationPrior(120, 480);
  /** How many past outages the stated prior weighs as, for its median and its spread alike. */
  public static final double STATED_WEIGHT = 10;
  /** The shortest duration a past outage counts as: detection's resolution is about a minute. */
  static final double SHORTEST_MINUTES = 1;

  /** A stated prior, fitted to no past outage. */
  public DurationPrior(double medianMinutes, double p90Minutes) {
    this(medianMinutes, p90Minutes, 0);
  }

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
    if (pastOutages < 0) {
      throw new IllegalArgumentException("pastOutages must be 0 or more, got " + pastOutages);
    }
  }

  /**
   * This prior updated with the durations, in minutes, of past outages (each at least a minute): with
   * W = {@link #STATED_WEIGHT}, n durations whose logarithms have mean m and sum of squared deviations S,
   *
   * <pre>
   *   mu' = (W mu + n m) / (W + n)
   *   sigma'^2 = (W sigma^2 + S + W n / (W + n) (m - mu)^2) / (W + n)
   * </pre>
   *
   * (the posterior mean of the normal-inverse-gamma update with W pseudo-outages for both). No past
   * outage leaves the prior as it is; many bring it to their own lognormal fit. The spread never reaches
   * 0 while W > 0.
   *
   * @throws IllegalArgumentException on a duration that is not a finite number of 0 or more minutes
   */
  public DurationPrior fittedTo(Collection<Double> pastMinutes) {
    int n = pastMinutes.size();
    if (n == 0) {
      return this;
    }
    double sum = 0;
    for (Double d : pastMinutes) {
      if (d == null || !(d >= 0) || !Double.isFinite(d)) {
        throw new IllegalArgumentException("a past outage's duration must be 0 or more minutes, got " + d);
      }
      sum += Math.log(Math.max(SHORTEST_MINUTES, d));
    }
    double m = sum / n;
    double squares = 0;
    for (double d : pastMinutes) {
      double x = Math.log(Math.max(SHORTEST_MINUTES, d)) - m;
      squares += x * x;
    }
    double w = STATED_WEIGHT;
    double mu = (w * mu() + n * m) / (w + n);
    double shift = m - mu();
    double variance = (w * sigma() * sigma() + squares + w * n / (w + n) * shift * shift) / (w + n);
    double sigma = Math.sqrt(variance);
    return new DurationPrior(Math.exp(mu), Math.exp(mu + Z90 * sigma), pastOutages + n);
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
