package io.failwise.model.estimate;

import io.failwise.model.Format;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleFunction;

/**
 * What would change the answer, one uncertain input at a time, the others as they are: the cutover
 * (median and p90 scaled together, so its spread stays) and the size of the outage (the offline count,
 * the affected devices and the recent readings scaled together, so its trend keeps its shape). On
 * 12 March the answer hinged on a cutover nobody had measured; an SRE should see how far a guess is
 * from the value where the answer turns.
 *
 * <p>Each is found by bisection on the scale factor's logarithm (40 halvings: far finer than any of
 * these inputs is known). The answer turns once over each range, since a longer cutover never makes
 * failing over better and more devices offline never make it worse (both tested as properties of the
 * estimator). A change between the two ways of acting (all devices or the affected ones) is not a
 * change of answer here; holding against acting is. A failover the limits block stays blocked
 * whatever the inputs, so then nothing here changes the answer.
 *
 * @param cutover where acting and holding trade places as the cutover changes; empty if no cutover
 *     from 0 to {@link #CUTOVER_RANGE} times the stated one changes the answer
 * @param offline the same as the outage grows or shrinks, from 1 device to every device of the source
 *     (with nothing offline now: as that many devices go offline)
 */
public record Sensitivity(Optional<Turn> cutover, Optional<Turn> offline) {
  /** The cutover is tried up to this many times the stated one. */
  static final double CUTOVER_RANGE = 100;
  private static final int HALVINGS = 40;

  /** None: nothing found to turn the answer. */
  public static final Sensitivity NONE = new Sensitivity(Optional.empty(), Optional.empty());

  /**
   * The value of an input at which the answer turns.
   *
   * @param to the recommendation on the other side
   * @param value the input's value there: seconds of median cutover, or devices offline
   * @param now the input's value now
   */
  public record Turn(Recommendation to, double value, double now) {
    /** Whether the answer turns as the input falls below {@link #value} (else as it rises above it). */
    public boolean below() {
      return value < now;
    }
  }

  /**
   * The turns as a person reads them: "FAILOVER if the median cutover were under 16 min 27 s (20 min
   * now); FAILOVER with more than 59,954 devices offline (50,000 now)".
   */
  public String text() {
    List<String> parts = new ArrayList<>();
    cutover.ifPresent(t -> parts.add(
        t.to() + " if the median cutover were " + (t.below() ? "under " : "over ") + seconds(t.value()) + " (" + seconds(t.now())
            + " now)"));
    offline.ifPresent(t -> parts.add(
        t.value() == 0
            ? t.to() + " with any device offline (none now)"
            : t.to() + " with " + (t.below() ? "fewer than " : "more than ") + Format.plural(Math.round(t.value()), "device") + " offline ("
                + Format.count(Math.round(t.now())) + " now)"));
    return parts.isEmpty() ? "neither the cutover nor the offline count alone changes the answer" : String.join("; ", parts);
  }

  private static String seconds(double s) {
    return Format.exactDuration(Duration.ofSeconds(Math.round(s)));
  }

  /**
   * {@link #of}'s {@link #text}, or empty if finding the turns failed: they are said beside a decision
   * and must never cost it. (Every scaled input is valid when the input is, so none is known to fail.)
   */
  public static Optional<String> sentence(FailoverEstimator estimator, EstimateInput input, ActionLimits limits, Estimate now) {
    try {
      return Optional.of(of(estimator, input, limits, now).text());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** For the estimate the estimator gave this input under these limits. */
  public static Sensitivity of(FailoverEstimator estimator, EstimateInput input, ActionLimits limits, Estimate now) {
    boolean acting = now.recommendation() != Recommendation.HOLD;
    SourceCluster s = input.source();
    double cutoverSeconds = s.cutover().toNanos() / 1e9;
    Optional<Turn> cutover =
        cutoverSeconds == 0
            ? Optional.empty()
            : turn(f -> estimator.estimate(withCutover(input, f), limits).recommendation(), now.recommendation(), acting, 0, CUTOVER_RANGE)
                .map(t -> new Turn(t.to(), t.value() * cutoverSeconds, cutoverSeconds))
                .filter(t -> t.value() >= 1); // only a cutover of under a second would: none would.
    long offline = input.outage().offlineDevices();
    double base = Math.max(1, offline);
    double most = Math.max(base, s.expectedDevices());
    DoubleFunction<Recommendation> sized = g -> estimator.estimate(withOffline(input, g), limits).recommendation();
    // Factor 1 is the input itself, except with nothing offline, where it is 1 device offline.
    Optional<Turn> grown =
        turn(sized, offline == 0 ? sized.apply(1) : now.recommendation(), acting, 1 / base, most / base)
            .map(t -> new Turn(t.to(), Math.round(t.value() * base), offline));
    return new Sensitivity(cutover, grown);
  }

  /**
   * The factor in [low, high] around 1 where acting and holding trade places, as a Turn in factors (now
   * is 1; the caller converts it to the input's units); {@code atOne} is the answer at factor 1. The factor moves toward
   * {@code low} or {@code high}, whichever side the answer can turn on (acting turns to holding as the
   * cutover grows or the outage shrinks; the estimator tells which by the ends).
   */
  private static Optional<Turn> turn(
      DoubleFunction<Recommendation> at, Recommendation atOne, boolean acting, double low, double high) {
    if ((atOne != Recommendation.HOLD) != acting) {
      // Factor 1 is not the input itself (1 device offline where none is), and already turns it: factor 0.
      return Optional.of(new Turn(atOne, 0, 1));
    }
    Recommendation atLow = at.apply(low);
    Recommendation atHigh = at.apply(high);
    boolean lowActs = atLow != Recommendation.HOLD;
    boolean highActs = atHigh != Recommendation.HOLD;
    double same;
    double other;
    Recommendation to;
    if (lowActs != acting) {
      same = 1;
      other = low;
      to = atLow;
    } else if (highActs != acting) {
      same = 1;
      other = high;
      to = atHigh;
    } else {
      return Optional.empty();
    }
    // Bisect on the logarithm (a factor of 0 is bisected linearly toward it from the first step).
    for (int i = 0; i < HALVINGS; i++) {
      double mid = other == 0 ? same / 2 : Math.sqrt(same * other);
      Recommendation r = at.apply(mid);
      if ((r != Recommendation.HOLD) == acting) {
        same = mid;
      } else {
        other = mid;
        to = r;
      }
    }
    return Optional.of(new Turn(to, other == 0 ? same : Math.sqrt(same * other), 1));
  }

  /** The input with its cutover (median and p90) scaled by f. */
  static EstimateInput withCutover(EstimateInput in, double f) {
    SourceCluster s = in.source();
    SourceCluster scaled =
        new SourceCluster(
            s.name(), s.region(), s.expectedDevices(), s.connectedDevices(), s.capacityDevices(), s.admissionDevicesPerSecond(),
            scale(s.cutover(), f), scale(s.cutoverP90(), f), s.granularity(), s.failbackRequired());
    return new EstimateInput(scaled, in.targets(), in.outage(), in.at(), in.prior(), in.zone(), in.targetOrder());
  }

  /**
   * The input with its outage (offline, affected, recent readings) scaled by g, at least 1 device
   * offline. With nothing offline now, g devices offline, steady (no readings to scale).
   */
  static EstimateInput withOffline(EstimateInput in, double g) {
    Outage o = in.outage();
    long offline = Math.max(1, Math.round(Math.max(1, o.offlineDevices()) * g));
    long affected = Math.max(offline, o.offlineDevices() == 0 ? o.affectedDevices() : Math.round(o.affectedDevices() * g));
    List<OfflineSample> recent = new ArrayList<>();
    for (OfflineSample sample : o.offlineDevices() == 0 ? List.<OfflineSample>of() : o.recent()) {
      recent.add(new OfflineSample(sample.at(), Math.round(sample.offlineDevices() * g)));
    }
    return new EstimateInput(in.source(), in.targets(), new Outage(o.since(), offline, affected, recent), in.at(), in.prior(), in.zone(),
        in.targetOrder());
  }

  private static Duration scale(Duration d, double f) {
    return Duration.ofNanos(Math.round(d.toNanos() * f));
  }
}
