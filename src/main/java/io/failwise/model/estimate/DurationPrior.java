package io.failwise.model.estimate;

import io.failwise.model.Format;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What we believe about how long an outage lasts before we know anything about this one: a lognormal
 * distribution set by its median and 90th percentile, in minutes, or, learned from a fleet whose past
 * outages are of two kinds, a mixture of lognormals ({@link #kinds}) whose median and 90th percentile
 * these are.
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
 * stated prior weighing as {@link #STATED_WEIGHT} outages. When at least {@link #FEWEST_FOR_TWO_KINDS}
 * past outages fall clearly into two kinds ({@link TwoKinds}), one lognormal cannot say both "most end
 * within minutes" and "the rest run for hours", and the prior becomes the mixture of the stated prior
 * and the two kinds, each weighing as many outages as it stands for. {@link RemainingOutage} has closed
 * forms for both, but for a mixture's quantiles.
 *
 * @param pastOutages how many past outages the prior was fitted to; 0 when it is the stated one
 * @param kinds the mixture's parts, weights summing to 1; empty for one lognormal
 */
public record DurationPrior(double medianMinutes, double p90Minutes, int pastOutages, List<Kind> kinds) {
  public static final DurationPrior DEFAULT = new DurationPrior(120, 480);
  /** How many past outages the stated prior weighs as, for its median and its spread alike. */
  public static final double STATED_WEIGHT = 10;
  /**
   * Fewer past outages than this are fitted by one lognormal: two kinds take five parameters, and the
   * stated prior's ten pseudo-outages keep a small record steadier than a fit of two kinds to it.
   */
  public static final int FEWEST_FOR_TWO_KINDS = 30;
  /** The shortest median or p90 a stated prior may have, in minutes: detection's resolution is about a minute. */
  public static final double SHORTEST_STATED_MINUTES = 1;
  /**
   * The longest median or p90 a stated prior may have, in minutes: 30 days ({@link Outage#LONGEST}), the
   * longest outage failwise reasons about. Beyond it the device-minutes overflow into nonsense.
   */
  public static final double LONGEST_STATED_MINUTES = Outage.LONGEST.toMinutes();

  /** Why a stated median and p90 make no prior: the field ({@code medianMinutes} or {@code p90Minutes}) and what is valid. */
  public record StatedProblem(String field, String message) {}

  /**
   * The widest stated prior: a p90 at most this many times the median. At 100 the expected outage is
   * already 636 times the median (σ = ln 100 / 1.2816); wider, it runs to millions of years and the
   * device-minutes overflow (median 1 min with p90 30 days expected an outage of 7 billion years).
   */
  public static final double WIDEST_STATED_SPREAD = 100;

  /**
   * The problem with a stated median and p90 (each from {@link #SHORTEST_STATED_MINUTES} to
   * {@link #LONGEST_STATED_MINUTES} minutes, the p90 above the median), or empty when they make a prior.
   */
  public static Optional<StatedProblem> statedProblem(double medianMinutes, double p90Minutes) {
    String range = "from " + Format.count((long) SHORTEST_STATED_MINUTES) + " to " + Format.count((long) LONGEST_STATED_MINUTES)
        + " minutes (30 days)";
    if (!(medianMinutes >= SHORTEST_STATED_MINUTES && medianMinutes <= LONGEST_STATED_MINUTES)) {
      return Optional.of(new StatedProblem("medianMinutes", "must be " + range + ", got " + medianMinutes));
    }
    if (!(p90Minutes >= SHORTEST_STATED_MINUTES && p90Minutes <= LONGEST_STATED_MINUTES)) {
      return Optional.of(new StatedProblem("p90Minutes", "must be " + range + ", got " + p90Minutes));
    }
    if (!(p90Minutes > medianMinutes)) {
      return Optional.of(new StatedProblem("p90Minutes", "must be above medianMinutes (" + medianMinutes + "), got " + p90Minutes));
    }
    if (p90Minutes > WIDEST_STATED_SPREAD * medianMinutes) {
      return Optional.of(
          new StatedProblem(
              "p90Minutes",
              "must be at most " + (long) WIDEST_STATED_SPREAD + " x medianMinutes (" + medianMinutes + "): a wider prior expects an"
                  + " outage hundreds of times longer than its median, got " + p90Minutes));
    }
    return Optional.empty();
  }

  /**
   * A stated prior, checked as {@link #statedProblem}.
   *
   * @param where what states it, for the message: "FailoverPolicy eu-shadow spec.durationPrior"
   * @throws IllegalArgumentException naming {@code where}, the field and the valid range
   */
  public static DurationPrior stated(double medianMinutes, double p90Minutes, String where) {
    statedProblem(medianMinutes, p90Minutes).ifPresent(p -> {
      throw new IllegalArgumentException(where + "." + p.field() + ": " + p.message());
    });
    return new DurationPrior(medianMinutes, p90Minutes);
  }

  /** The shortest duration a past outage counts as: detection's resolution is about a minute. */
  static final double SHORTEST_MINUTES = 1;

  /**
   * One part of a mixture prior: its weight, its lognormal, and how many of the fleet's past outages it
   * stands for (0 for the stated prior's part, which weighs as {@link #STATED_WEIGHT}).
   */
  public record Kind(double weight, double medianMinutes, double p90Minutes, double pastOutages) {
    public Kind {
      if (!(weight > 0 && weight <= 1) || !(medianMinutes > 0) || !(p90Minutes > medianMinutes) || !Double.isFinite(p90Minutes)) {
        throw new IllegalArgumentException(
            "a kind of outage needs a weight in (0, 1] and 0 < median < p90, got " + weight + ", " + medianMinutes + ", " + p90Minutes);
      }
    }

    double mu() {
      return Math.log(medianMinutes);
    }

    double sigma() {
      return sigmaOf(medianMinutes, p90Minutes);
    }
  }

  /** A lognormal prior fitted to {@code pastOutages} past outages. */
  public DurationPrior(double medianMinutes, double p90Minutes, int pastOutages) {
    this(medianMinutes, p90Minutes, pastOutages, List.of());
  }

  /** A stated prior, fitted to no past outage. */
  public DurationPrior(double medianMinutes, double p90Minutes) {
    this(medianMinutes, p90Minutes, 0, List.of());
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
    kinds = List.copyOf(kinds);
    double total = kinds.stream().mapToDouble(Kind::weight).sum();
    if (!kinds.isEmpty() && Math.abs(total - 1) > 1e-9) {
      throw new IllegalArgumentException("the weights of a mixture prior's kinds must sum to 1, got " + total);
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
    double[] logs = new double[n];
    double sum = 0;
    int j = 0;
    for (Double d : pastMinutes) {
      if (d == null || !(d >= 0) || !Double.isFinite(d)) {
        throw new IllegalArgumentException("a past outage's duration must be 0 or more minutes, got " + d);
      }
      logs[j] = Math.log(Math.max(SHORTEST_MINUTES, d));
      sum += logs[j++];
    }
    double m = sum / n;
    double squares = 0;
    for (double x : logs) {
      squares += (x - m) * (x - m);
    }
    if (n >= FEWEST_FOR_TWO_KINDS) {
      Optional<TwoKinds.Fit> two = TwoKinds.of(logs);
      if (two.isPresent()) {
        return mixture(two.get(), n);
      }
    }
    double w = STATED_WEIGHT;
    double mu = (w * mu() + n * m) / (w + n);
    double shift = m - mu();
    double variance = (w * sigma() * sigma() + squares + w * n / (w + n) * shift * shift) / (w + n);
    double sigma = Math.sqrt(variance);
    return new DurationPrior(Math.exp(mu), Math.exp(mu + Z90 * sigma), pastOutages + n);
  }

  /**
   * The stated prior weighing as {@link #STATED_WEIGHT} outages beside the two kinds, each weighing as
   * the outages it stands for: the chance that the next outage is like each.
   */
  private DurationPrior mixture(TwoKinds.Fit two, int n) {
    double total = STATED_WEIGHT + n;
    List<Kind> parts =
        List.of(
            new Kind(STATED_WEIGHT / total, medianMinutes, p90Minutes, 0),
            kind(two.shorter(), total),
            kind(two.longer(), total));
    RemainingOutage whole = remaining(parts, 0);
    return new DurationPrior(whole.medianMinutes(), whole.p90Minutes(), pastOutages + n, parts);
  }

  private static Kind kind(TwoKinds.Kind k, double total) {
    return new Kind(k.outages() / total, Math.exp(k.mu()), Math.exp(k.mu() + Z90 * k.sigma()), k.outages());
  }

  /**
   * The kinds the fleet's outages fall into, for an explanation: "two kinds, 34 short (median 13 min) and
   * 166 long (median 1 h 52 min)"; empty for one lognormal.
   */
  public String kindsText() {
    List<Kind> learned = kinds.stream().filter(k -> k.pastOutages() > 0).toList();
    if (learned.size() != 2) {
      return "";
    }
    return "two kinds, " + kindText(learned.get(0), "short") + " and " + kindText(learned.get(1), "long");
  }

  private static String kindText(Kind k, String what) {
    return Format.count(Math.round(k.pastOutages())) + " " + what + " (median " + Format.minutes(k.medianMinutes()) + ")";
  }

  /** Whether this prior is a mixture of kinds of outage rather than one lognormal. */
  public boolean twoKinds() {
    return !kinds.isEmpty();
  }

  /** The mean of ln(duration in minutes) of the lognormal with this median and p90. */
  public double mu() {
    return Math.log(medianMinutes);
  }

  /** The standard deviation of ln(duration in minutes) of the lognormal with this median and p90. */
  public double sigma() {
    return sigmaOf(medianMinutes, p90Minutes);
  }

  /** The mean of the lognormal with this median and p90 (any unit): median x exp(sigma^2 / 2). */
  public static double meanOf(double median, double p90) {
    double sigma = sigmaOf(median, p90);
    return median * Math.exp(0.5 * sigma * sigma);
  }

  /** The spread of ln(duration) of the lognormal with this median and p90. */
  private static double sigmaOf(double medianMinutes, double p90Minutes) {
    return (Math.log(p90Minutes) - Math.log(medianMinutes)) / Z90;
  }

  /** How much longer an outage that has already lasted {@code elapsedMinutes} will last. */
  public RemainingOutage remainingAfter(double elapsedMinutes) {
    return kinds.isEmpty() ? new RemainingOutage(mu(), sigma(), elapsedMinutes) : remaining(kinds, elapsedMinutes);
  }

  private static RemainingOutage remaining(List<Kind> parts, double elapsedMinutes) {
    double[] w = new double[parts.size()];
    double[] mu = new double[parts.size()];
    double[] sigma = new double[parts.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = parts.get(i).weight();
      mu[i] = parts.get(i).mu();
      sigma[i] = parts.get(i).sigma();
    }
    return new RemainingOutage(w, mu, sigma, elapsedMinutes);
  }
}
