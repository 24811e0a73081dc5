package io.failwise.model.estimate;

import io.failwise.model.Format;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The sentence a person reads at 21:40: what to do, why, with the numbers, and when to look again. */
final class Explanation {
  private final EstimateInput in;
  private final OutageOutlook outlook;
  private final RemainingOutage remaining;
  private final OptionEstimate hold;
  private final OptionEstimate failover;
  private final OptionEstimate affected;

  private Explanation(EstimateInput in, RemainingOutage remaining, OutageOutlook outlook, List<OptionEstimate> options) {
    this.in = in;
    this.remaining = remaining;
    this.outlook = outlook;
    this.hold = options.get(0);
    this.failover = options.get(1);
    this.affected = options.get(2);
  }

  static String of(
      EstimateInput in,
      RemainingOutage remaining,
      OutageOutlook outlook,
      List<OptionEstimate> options,
      OptionCosts.Costed best,
      BreakEven breakEven,
      Optional<Instant> flipsAt,
      Instant reevaluateAt,
      Trend trend,
      Waiting waiting,
      OptionCosts.Costed act,
      boolean blocked,
      double bestPaysOffAfter) {
    Explanation e = new Explanation(in, remaining, outlook, options);
    String body =
        switch (best.estimate().option()) {
          // Held only because the better action is blocked (BlockedAction says so first): the facts of that
          // action, not the reasons to hold that would argue against it.
          case HOLD -> blocked ? e.trend(trend) + e.whileBlocked(breakEven) : e.trend(trend) + e.hold(breakEven, trend)
              + (act == null || !breakEven.reachable() || act.estimate().devicesMoved() == 0
                  ? ""
                  : e.waitingWins(waiting, act, reevaluateAt, trend) + flipsAt.map(f -> e.flip(act, f, trend)).orElse(e.noFlip(waiting)));
          case FAILOVER -> e.trend(trend) + e.failover(bestPaysOffAfter) + e.passedOver() + e.actingWins(waiting);
          case FAILOVER_AFFECTED -> e.trend(trend) + e.affected(bestPaysOffAfter) + e.passedOver() + e.actingWins(waiting);
        };
    return body + " Re-evaluate at " + e.moment(reevaluateAt) + ".";
  }

  /** A material trend in the monitor's readings, said first: it changes what holding costs. */
  private String trend(Trend t) {
    return switch (t.kind()) {
      case STEADY -> "";
      case RECOVERING -> t.offlineNow() == 0
          ? Trend.SAID_RECOVERED + " the offline count fell to none, by " + Format.plural(Math.round(-t.devicesPerMinute()), "device")
              + " a minute in the latest readings. "
          : Trend.SAID_RECOVERING + " " + Format.plural(Math.round(-t.devicesPerMinute()), "device") + " a minute; " + backBy(t) + " at this rate. ";
      case GROWING -> Trend.SAID_GROWING + " " + Format.plural(Math.round(t.devicesPerMinute()), "device") + " a minute for "
          + Format.minutes(t.riseMinutes()) + " so far" + beforeOnset(t) + "; if it goes on, " + Format.count(Math.round(t.cap())) + " offline by "
          + time(in.at().plusSeconds(Math.round((t.cap() - t.offlineNow()) / t.devicesPerMinute() * 60)))
          + ". A rise seen for " + Format.minutes(t.riseMinutes()) + " levels off within another " + Format.minutes(t.riseMinutes())
          + " as likely as not, and the policy decides again as the count moves. ";
    };
  }

  /**
   * "back by about 21:53 +01:00", or "back within a minute": a time to the minute within the minute of the
   * estimate read as one already past ("back by about 21:54" at 21:54:32).
   */
  private String backBy(Trend t) {
    return "back " + zeroBy(t);
  }

  /** "by about 21:53 +01:00", or "within a minute" (see {@link #backBy}). */
  private String zeroBy(Trend t) {
    return t.minutesToZero() < 1 ? "within a minute" : "by about " + time(in.at().plusSeconds(Math.round(t.minutesToZero() * 60)));
  }

  /**
   * " (rising in readings from before the outage's stated onset, N min ago)": a rise older than the outage
   * read "for 10 min so far" beside "outage for 2 min" with nothing to reconcile them; the readings are
   * what a rise is measured from, so the onset is the number to check.
   */
  private String beforeOnset(Trend t) {
    double outage = in.elapsedMinutes();
    return t.riseMinutes() > outage + 0.5
        ? " (rising in readings from before the outage's stated onset, " + Format.minutes(outage) + " ago)" : "";
  }

  /** Why holding for one more step beats failing over now, with the numbers. */
  private String waitingWins(Waiting w, OptionCosts.Costed act, Instant next, Trend trend) {
    if (act == null) {
      return "";
    }
    if (trend.kind() == Trend.Kind.GROWING) {
      return " Waiting is the better bet: holding another " + Format.minutes(w.stepMinutes()) + ", until the count has risen enough"
          + " for the policy to decide again, costs about " + millions(w.stepDeviceMinutes()) + " device-minutes, and the rise levels"
          + " off within it with probability " + probability(trend.levelsOffWithin(w.stepMinutes())) + "; holding and deciding again"
          + " as the count shows where it levels off is expected to cost " + against(w.holdThenDecideMean(), w.actNowMean(), "")
          + " for " + what(act) + " now.";
    }
    return " Waiting is the better bet: holding another " + Format.minutes(w.stepMinutes()) + " costs about "
        + millions(w.stepDeviceMinutes()) + " device-minutes, and the outage ends within it with probability "
        + probability(w.endsWithinStepProbability()) + ", when " + what(act) + " is never needed; holding and deciding again at "
        + moment(next) + " is expected to cost " + against(w.holdThenDecideMean(), w.actNowMean(), "")
        + " for " + what(act) + " now.";
  }

  /** Why failing over now beats holding for one more step. */
  private String actingWins(Waiting w) {
    return " Waiting is not worth it: holding another " + Format.minutes(w.stepMinutes()) + " and deciding again is expected to cost "
        + against(w.holdThenDecideMean(), w.actNowMean(), " device-minutes")
        + " for acting now (the outage ends within " + Format.minutes(w.stepMinutes()) + " with probability "
        + (w.endsWithinStepProbability() < 0.005 ? "" : "only ") + probability(w.endsWithinStepProbability()) + ").";
  }

  private String noFlip(Waiting w) {
    return " If the outage goes on as it is, waiting stays the better bet for the coming week.";
  }

  private static String what(OptionCosts.Costed act) {
    return act.estimate().option() == Recommendation.FAILOVER ? "failing over" : "moving the affected devices";
  }

  /** 7,762,500 as "7.76 M", 2,213,350,000 as "2,213 M", small numbers in full. */
  /**
   * "8.90 M against 9.12 M" ({@code unit} after the first), or, where the two round alike, the counts
   * themselves and that it is a near tie: "8.90 M against 8.90 M" was said with the confidence of any
   * other answer where 8 device-minutes in 8.9 M decided it.
   */
  static String against(double first, double second, String unit) {
    String a = millions(first);
    String b = millions(second);
    if (!a.equals(b) || Math.round(first) == Math.round(second)) {
      return a + unit + " against " + b;
    }
    return Format.count(Math.round(first)) + unit + " against " + Format.count(Math.round(second)) + " (a near tie)";
  }

  static String millions(double deviceMinutes) {
    if (deviceMinutes >= 1e9) {
      return Format.count(Math.round(deviceMinutes / 1e6)) + " M";
    }
    return deviceMinutes >= 1e6 ? String.format(Locale.ROOT, "%.2f M", deviceMinutes / 1e6) : Format.count(Math.round(deviceMinutes));
  }

  /** What the blocked action would do and when it pays off, and the outage as it stands. */
  private String whileBlocked(BreakEven breakEven) {
    String outage = capitalized(offlineNow()) + "; " + expected() + ".";
    if (breakEven.option().isEmpty() || !breakEven.reachable()) {
      return outage;
    }
    String move =
        breakEven.option().get() == Recommendation.FAILOVER_AFFECTED
            ? "Moving the " + Format.count(affectedCount()) + " affected devices to " + affected.target().orElseThrow() + " disconnects each"
                + " for a " + Format.minutes(in.source().cutoverMinutes()) + " cutover"
            : "Failing " + in.source().name() + " over to " + failover.target().orElseThrow() + " disrupts " + all(failover.devicesDisrupted())
                + " for about " + Format.minutes(failover.recoveryMinutes());
    return move + (in.source().failbackRequired() ? " and again at failback" : "") + ", and pays off if the outage lasts another "
        + Format.minutes(breakEven.minutes().orElseThrow()) + " (probability " + probability(breakEven.probability()) + "). " + outage;
  }

  private String hold(BreakEven breakEven, Trend trend) {
    String src = in.source().name();
    if (breakEven.option().isEmpty()) {
      String why = failover.reason();
      if (in.source().granularity() == Granularity.DEVICE && !affected.reason().equals(why)) {
        why += "; moving only the offline devices: " + affected.reason();
      }
      return "Hold: " + src + " has no feasible failover: " + why + ". " + capitalized(offlineNow()) + "; " + expected() + ".";
    }
    if (!breakEven.reachable() && trend.kind() == Trend.Kind.RECOVERING && offline() > 0) {
      // Every failover option costs more than the whole fall to zero (HeldLoss.breakEvenAlong).
      String move =
          breakEven.option().get() == Recommendation.FAILOVER_AFFECTED
              ? "moving its " + Format.count(affectedCount()) + " affected devices to " + affected.target().orElseThrow()
                  + " would disconnect each for a " + Format.minutes(in.source().cutoverMinutes()) + " cutover"
              : "failing it over to " + failover.target().orElseThrow() + " would disrupt its " + Format.plural(failover.devicesDisrupted(), "device")
                  + " for about " + Format.minutes(failover.recoveryMinutes());
      return "Hold: the " + Format.plural(offline(), "offline device") + " of " + src + (offline() == 1 ? " falls" : " fall") + " to zero " + zeroBy(trend)
          + " at this rate: " + move
          + (in.source().failbackRequired() ? " and again at failback" : "")
          + ", more than holding costs, so failover never pays off while the count falls.";
    }
    if (!breakEven.reachable() && breakEven.option().get() == Recommendation.FAILOVER_AFFECTED) {
      // Nothing is lost while no device is offline (an intermittent outage between its losses), so
      // moving the devices it touches could only cost their switches.
      return "Hold: " + offlineNow() + ", so moving the affected devices of " + src + " to " + affected.target().orElseThrow()
          + " could only disconnect each for a " + Format.minutes(in.source().cutoverMinutes()) + " cutover"
          + (in.source().failbackRequired() ? " and again at failback" : "") + ": failover never pays off while none is offline.";
    }
    if (breakEven.option().get() == Recommendation.FAILOVER_AFFECTED) {
      return "Hold: moving the " + Format.count(affectedCount()) + " affected devices of " + src + " to " + affected.target().orElseThrow()
          + " " + paysOffOnlyIf(breakEven) + ": each move disconnects a device for a "
          + Format.minutes(in.source().cutoverMinutes()) + " cutover" + (in.source().failbackRequired() ? " and again at failback" : "")
          + ". " + capitalized(offlineNow()) + "; " + expected() + ".";
    }
    long devices = failover.devicesDisrupted();
    String target = failover.target().orElseThrow();
    String disruption =
        " for about " + Format.minutes(failover.recoveryMinutes()) + (in.source().failbackRequired() ? " and again at failback" : "");
    if (!breakEven.reachable()) {
      return "Hold: " + offlineNow() + ", so failing " + src + " over to " + target + " could only disrupt its "
          + Format.plural(devices, "device") + disruption + ": failover never pays off.";
    }
    String scale =
        devices > affectedCount()
            ? Format.plural(devices, "device") + ", more devices than the outage has (" + Format.count(offline()) + " offline"
                + (in.outage().intermittent() ? ", " + Format.count(affectedCount()) + " affected" : "") + "),"
            : all(devices);
    return "Hold: failing " + src + " over to " + target + " would disrupt " + scale + disruption + ". Failover "
        + paysOffOnlyIf(breakEven) + "; " + expected() + ".";
  }

  private String failover(double breakEvenMinutes) {
    return "Fail over " + in.source().name() + " to " + failover.target().orElseThrow() + ": " + offlineNow() + " and "
        + expected() + ". Failing over disrupts " + all(failover.devicesDisrupted()) + " for about "
        + Format.minutes(failover.recoveryMinutes()) + (in.source().failbackRequired() ? ", and again at failback" : "") + ": "
        + deviceMinutes(failover) + " device-minutes expected against " + deviceMinutes(hold) + " for holding. It pays off if"
        + " the outage lasts more than another " + Format.minutes(breakEvenMinutes) + " (probability "
        + probability(remaining.probabilityLongerThan(breakEvenMinutes)) + ")" + unlikelyButCostly(breakEvenMinutes) + ".";
  }

  /**
   * "; the 90,000 connected devices stay", or, for an intermittent outage (more devices touched than
   * offline at once, some of the others offline now), "; the 90,000 devices the outage does not touch
   * stay"; nothing when it touches every device.
   */
  private String stays(long stay) {
    if (stay <= 0) {
      return "";
    }
    return "; the " + Format.count(stay) + (affectedCount() > in.outage().offlineDevices() ? (stay == 1 ? " device" : " devices")
        + " the outage does not touch stay" : (stay == 1 ? " connected device stays" : " connected devices stay"));
  }

  private String affected(double breakEvenMinutes) {
    long stay = in.source().expectedDevices() - affectedCount();
    String moved =
        affected.devicesMoved() == affectedCount()
            ? (affectedCount() == 1 ? "its one affected device" : "all " + Format.count(affectedCount()) + " affected devices")
            : Format.count(affected.devicesMoved()) + " of the " + Format.count(affectedCount()) + " affected devices";
    return "Move only the affected devices of " + in.source().name() + " to " + affected.target().orElseThrow() + ": " + moved
        + ", connected again in about " + Format.minutes(affected.recoveryMinutes())
        + (affected.reason().isEmpty() ? "" : " (" + affected.reason() + ")") + stays(stay) + ". " + capitalized(expected()) + "; " + deviceMinutes(affected)
        + " device-minutes expected against " + deviceMinutes(hold) + " for holding"
        + (failover.feasible()
            ? " and " + deviceMinutes(failover) + " for failing all " + Format.count(failover.devicesDisrupted())
                + " devices over to " + failover.target().orElseThrow()
            : "")
        + ". Moving these pays off if the outage lasts more"
        + " than another " + Format.minutes(breakEvenMinutes) + " (probability "
        + probability(remaining.probabilityLongerThan(breakEvenMinutes)) + ")" + unlikelyButCostly(breakEvenMinutes) + ".";
  }

  /**
   * The targets the move does not go to because they cannot be used (unhealthy, in the source's region,
   * held by another run), so that a person expecting the usual target reads why another was chosen.
   */
  private String passedOver() {
    List<String> refused =
        in.targets().stream().sorted(TargetChoice.byPriority()).map(t -> TargetChoice.refusal(in.source(), t)).flatMap(Optional::stream).toList();
    return refused.isEmpty() ? "" : " Passed over: " + String.join("; ", refused) + ".";
  }

  /** Expected loss can favour failing over even when the break-even is unlikely: say why. */
  private String unlikelyButCostly(double breakEvenMinutes) {
    return remaining.probabilityLongerThan(breakEvenMinutes) < 0.5
        ? ": less likely than not, but the long outages it guards against cost more than the failover"
        : "";
  }

  private String flip(OptionCosts.Costed act, Instant at, Trend trend) {
    if (trend.kind() == Trend.Kind.GROWING) {
      double minutes = java.time.Duration.between(in.at(), at).toMillis() / 60_000.0;
      return " If the count is still rising " + Format.minutes(minutes) + " from now, " + what(act) + " becomes the better bet.";
    }
    return " If it is still going as it is at " + moment(at) + ", " + what(act) + " becomes the better bet.";
  }

  private String paysOffOnlyIf(BreakEven breakEven) {
    return "pays off only if the outage lasts another " + Format.minutes(breakEven.minutes().orElseThrow())
        + " (probability " + probability(breakEven.probability()) + ")";
  }

  private String expected() {
    return "the outage is expected to last another " + Format.minutes(outlook.meanMinutes()) + " (median "
        + Format.minutes(outlook.medianMinutes()) + ")" + learned();
  }

  /** Where the duration prior came from, when it is not the stated one. */
  private String learned() {
    DurationPrior p = in.prior();
    if (p.pastOutages() == 0) {
      return "";
    }
    return ", by a prior learned from " + Format.count(p.pastOutages()) + " past outage" + (p.pastOutages() == 1 ? "" : "s")
        + " of this fleet (median " + Format.minutes(p.medianMinutes()) + ", p90 " + Format.minutes(p.p90Minutes())
        + (p.twoKinds() ? "; " + p.kindsText() : "") + ")";
  }

  private String offlineNow() {
    return offline() == 0
        ? "no devices are offline" + (in.outage().intermittent() ? " now (" + Format.count(affectedCount()) + " intermittently affected)" : "")
        : Format.plural(offline(), "device") + (offline() == 1 ? " is " : " are ") + offlineAdjective() + " now";
  }

  private String offlineAdjective() {
    return in.outage().intermittent()
        ? "offline (of " + Format.count(affectedCount()) + " intermittently affected)"
        : "offline";
  }

  private long affectedCount() {
    return in.outage().affectedDevices();
  }

  private long offline() {
    return in.outage().offlineDevices();
  }

  private static String deviceMinutes(OptionEstimate e) {
    return Format.count(Math.round(e.deviceMinutesMean()));
  }

  /** "21:55 +01:00", or "2026-03-13 00:35 +01:00" on another day than the assessment ({@link Format#time}). */
  private String time(Instant t) {
    return Format.time(t, in.at(), in.zone());
  }

  /** "all 180,000 devices", "its one device". */
  private static String all(long devices) {
    return devices == 1 ? "its one device" : "all " + Format.plural(devices, "device");
  }

  /** A moment to come back at, to the second when it has seconds ({@link Format#timeToTheSecond}). */
  private String moment(Instant t) {
    return Format.timeToTheSecond(t, in.at(), in.zone());
  }

  static String probability(double p) {
    return Format.probability(p);
  }

  private static String capitalized(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
