package io.failwise.model.estimate;

import io.failwise.model.Format;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleFunction;
import java.util.function.LongFunction;

/**
 * What would change the answer, one uncertain input at a time, the others as they are: the cutover
 * (median and p90 scaled together, so its spread stays) and the offline count (its recent readings
 * scaled alike, so its trend keeps its shape; the devices an intermittent outage touches stay as they
 * are, or as many as are offline when more are). On 12 March the answer hinged on a cutover nobody had
 * measured; an SRE should see how far a guess is from the value where the answer turns.
 *
 * <p>A longer cutover never makes failing over better and more devices offline never make it worse
 * (both tested as properties of the estimator), so a turn is searched for only on the side where the
 * answer can turn: holding turns to acting at a shorter cutover or with more devices offline, acting to
 * holding at a longer cutover or with fewer. The cutover is found by bisection on its scale factor's
 * logarithm (40 halvings: far finer than it is known); the offline count by bisection on whole devices,
 * so a reported count is one at which the estimator gives the other answer, next to one at which it
 * gives the answer of now. A change between the two ways of acting (all devices or the affected ones)
 * is not a change of answer here; holding against acting is. A failover the limits block stays blocked
 * whatever the inputs, so then nothing here changes the answer.
 *
 * @param cutover where acting and holding trade places as the cutover changes; empty if no cutover
 *     from 0 to {@link #CUTOVER_RANGE} times the stated one changes the answer
 * @param offline the same as the offline count changes, from 1 device to every device of the source
 *     (with nothing offline now: as that many devices go offline)
 */
public record Sensitivity(Optional<Turn> cutover, Optional<Turn> offline, double cutoverP90Factor) {
  /** With the default spread of the cutover (its p90 twice its median). */
  public Sensitivity(Optional<Turn> cutover, Optional<Turn> offline) {
    this(cutover, offline, SourceCluster.DEFAULT_CUTOVER_P90_FACTOR);
  }

  /** The cutover is tried up to this many times the stated one. */
  static final double CUTOVER_RANGE = 100;
  private static final int HALVINGS = 40;

  /** None: nothing found to turn the answer. */
  public static final Sensitivity NONE = new Sensitivity(Optional.empty(), Optional.empty());

  /**
   * The value of an input at which the answer turns.
   *
   * @param to the recommendation on the other side
   * @param value the input's value there: seconds of median cutover, or the devices offline nearest to
   *     the count of now at which the answer is {@code to} (a whole number)
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
   * now); FAILOVER with more than 59,954 devices offline (50,000 now)" (59,955 is the first count at
   * which the answer is FAILOVER).
   */
  public String text() {
    List<String> parts = new ArrayList<>();
    // The median and the p90 are scaled together; a p90 stated apart from the default spread is said too,
    // or "the median cutover under 8 min 29 s" read as the median alone (which with a p90 of 2 h held, makes a
    // failover dearer: the spread widens).
    boolean spreadStated = Math.abs(cutoverP90Factor - SourceCluster.DEFAULT_CUTOVER_P90_FACTOR) > 0.01;
    cutover.ifPresent(t -> parts.add(spreadStated
        ? t.to() + " if the cutover were " + (t.below() ? "under " : "over ") + seconds(t.value()) + " median and "
            + seconds(t.value() * cutoverP90Factor) + " p90 (" + seconds(t.now()) + " and " + seconds(t.now() * cutoverP90Factor) + " now)"
        : t.to() + " if the median cutover were " + (t.below() ? "under " : "over ") + seconds(t.value()) + " (" + seconds(t.now())
            + " now)"));
    offline.ifPresent(t -> {
      long at = Math.round(t.value());
      String now = t.now() == 0 ? "none now" : Format.count(Math.round(t.now())) + " now";
      parts.add(
          t.now() == 0 && at == 1
              ? t.to() + " with any device offline (none now)"
              : t.to() + " with " + (t.below() ? "fewer than " + Format.plural(at + 1, "device") : "more than " + Format.plural(at - 1, "device"))
                  + " offline (" + now + ")");
    });
    return parts.isEmpty() ? "neither the cutover nor the offline count alone changes the answer" : String.join("; ", parts);
  }

  private static String seconds(double s) {
    return Format.exactDuration(Duration.ofSeconds(Math.round(s)));
  }

  /**
   * {@link #of}'s {@link #text}, or empty if finding the turns failed: they are said beside a decision
   * and must never cost it. (Every changed input is valid when the input is, so none is known to fail.)
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
    boolean acting = acts(now.recommendation());
    SourceCluster s = input.source();
    double cutoverSeconds = s.cutover().toNanos() / 1e9;
    // Acting turns to holding only as the cutover grows, holding to acting only as it shrinks.
    Optional<Turn> cutover =
        cutoverSeconds == 0
            ? Optional.empty()
            : turn(f -> estimator.estimate(withCutover(input, f), limits).recommendation(), acting, acting ? CUTOVER_RANGE : 0)
                .map(t -> new Turn(t.to(), t.value() * cutoverSeconds, cutoverSeconds))
                .filter(t -> t.value() >= 1); // only a cutover of under a second would: none would.
    LongFunction<Recommendation> counted = n -> estimator.estimate(withOffline(input, n), limits).recommendation();
    return new Sensitivity(cutover, offlineTurn(counted, input.outage().offlineDevices(), input.source().expectedDevices(), acting),
        cutoverSeconds == 0 ? SourceCluster.DEFAULT_CUTOVER_P90_FACTOR : s.cutoverP90().toNanos() / 1e9 / cutoverSeconds);
  }

  /**
   * The factor between 1 (the input itself, giving the answer of now) and {@code end} where acting and
   * holding trade places, as a Turn in factors (now is 1; the caller converts it to the input's units);
   * empty when the answer at {@code end} is the answer of now.
   */
  private static Optional<Turn> turn(DoubleFunction<Recommendation> at, boolean acting, double end) {
    Recommendation to = at.apply(end);
    if (acts(to) == acting) {
      return Optional.empty();
    }
    double same = 1;
    double other = end;
    // Bisect on the logarithm (a factor of 0 is bisected linearly toward it from the first step).
    for (int i = 0; i < HALVINGS; i++) {
      double mid = other == 0 ? same / 2 : Math.sqrt(same * other);
      Recommendation r = at.apply(mid);
      if (acts(r) == acting) {
        same = mid;
      } else {
        other = mid;
        to = r;
      }
    }
    return Optional.of(new Turn(to, other == 0 ? same : Math.sqrt(same * other), 1));
  }

  /**
   * The count of devices offline, nearest to {@code now}, at which the answer is the other one: between
   * {@code now} and 1 device when acting, between it and every device of the source when holding. Each
   * step evaluates a whole number of devices, so the count reported has the other answer and its
   * neighbour toward {@code now} the answer of now.
   */
  private static Optional<Turn> offlineTurn(LongFunction<Recommendation> at, long now, long devices, boolean acting) {
    if (devices == 0) {
      return Optional.empty(); // a source with no devices: no count of offline devices exists to turn it
    }
    long same = now;
    if (now == 0) {
      if (acting) {
        return Optional.empty(); // nothing offline: there is no smaller outage
      }
      Recommendation one = at.apply(1);
      if (acts(one)) {
        return Optional.of(new Turn(one, 1, 0));
      }
      same = 1;
    }
    long other = acting ? 1 : Math.max(same, devices);
    if (other == same) {
      return Optional.empty();
    }
    Recommendation to = at.apply(other);
    if (acts(to) == acting) {
      return Optional.empty();
    }
    while (Math.abs(other - same) > 1) {
      long low = Math.min(same, other);
      long high = Math.max(same, other);
      long mid = Math.max(low + 1, Math.min(high - 1, Math.round(Math.sqrt((double) low * high))));
      Recommendation r = at.apply(mid);
      if (acts(r) == acting) {
        same = mid;
      } else {
        other = mid;
        to = r;
      }
    }
    return Optional.of(new Turn(to, other, now));
  }

  private static boolean acts(Recommendation r) {
    return r != Recommendation.HOLD;
  }

  /** The input with its cutover (median and p90) scaled by f. */
  static EstimateInput withCutover(EstimateInput in, double f) {
    SourceCluster s = in.source();
    SourceCluster scaled =
        new SourceCluster(
            s.name(), s.region(), s.expectedDevices(), s.connectedDevices(), s.capacityDevices(), s.admissionDevicesPerSecond(),
            scale(s.cutover(), f), scale(s.cutoverP90(), f), s.granularity(), s.failbackRequired());
    return new EstimateInput(scaled, in.targets(), in.outage(), in.at(), in.prior(), in.zone(), in.targetOrder(), in.moves());
  }

  /**
   * The input with {@code count} devices offline (at least 1): the recent readings scaled by the same
   * factor, so the trend keeps its shape (with nothing offline now there are none to scale: steady). An
   * intermittent outage (more devices affected than offline) keeps its affected devices, or {@code count}
   * if that is more: it touches as many devices, more or fewer of them offline at once. A steady one (as
   * many affected as offline, what an outage without {@code affectedDevices} is) stays steady: its
   * affected devices are the {@code count} offline. Kept at the 180,000 of a total loss, a count searched
   * down to 50,699 read as an intermittent outage of 180,000 devices, and "HOLD with fewer than 50,699
   * devices offline" did not hold when a person set 50,698 offline.
   */
  static EstimateInput withOffline(EstimateInput in, long count) {
    Outage o = in.outage();
    long offline = Math.max(1, count);
    long affected = o.affectedDevices() > o.offlineDevices() ? Math.max(offline, o.affectedDevices()) : offline;
    List<OfflineSample> recent = new ArrayList<>();
    double g = o.offlineDevices() == 0 ? 0 : (double) offline / o.offlineDevices();
    for (OfflineSample sample : o.offlineDevices() == 0 ? List.<OfflineSample>of() : o.recent()) {
      recent.add(new OfflineSample(sample.at(), Math.round(sample.offlineDevices() * g)));
    }
    return new EstimateInput(in.source(), in.targets(), new Outage(o.since(), offline, affected, recent), in.at(), in.prior(), in.zone(),
        in.targetOrder(), in.moves());
  }

  private static Duration scale(Duration d, double f) {
    return Duration.ofNanos(Math.round(d.toNanos() * f));
  }
}
