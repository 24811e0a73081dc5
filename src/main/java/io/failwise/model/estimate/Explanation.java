package io.failwise.model.estimate;

import io.failwise.model.Format;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The sentence a person reads at 21:40: what to do, why, with the numbers, and when to look again. */
final class Explanation {
  private static final DateTimeFormatter TIME_OF_DAY = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
  private static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ROOT);

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
      Instant reevaluateAt) {
    Explanation e = new Explanation(in, remaining, outlook, options);
    String body =
        switch (best.estimate().option()) {
          case HOLD -> e.hold(breakEven) + flipsAt.map(f -> e.flip(breakEven, f)).orElse("");
          case FAILOVER -> e.failover(best.breakEvenMinutes());
          case FAILOVER_AFFECTED -> e.affected(best.breakEvenMinutes());
        };
    return body + " Re-evaluate at " + e.time(reevaluateAt) + ".";
  }

  private String hold(BreakEven breakEven) {
    String src = in.source().name();
    if (breakEven.option().isEmpty()) {
      String why = failover.reason();
      if (in.source().granularity() == Granularity.DEVICE && !affected.reason().equals(why)) {
        why += "; moving only the offline devices: " + affected.reason();
      }
      return "Hold: " + src + " has no feasible failover: " + why + ". " + capitalized(offlineNow()) + "; " + expected() + ".";
    }
    if (breakEven.option().get() == Recommendation.FAILOVER_AFFECTED) {
      return "Hold: moving the " + Format.count(offline()) + " offline devices of " + src + " to " + affected.target().orElseThrow()
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
          + Format.count(devices) + " devices" + disruption + ": failover never pays off.";
    }
    String scale =
        devices > offline()
            ? Format.count(devices) + " devices, more devices than the outage has (" + Format.count(offline()) + ", "
                + offlineAdjective() + "),"
            : "all " + Format.count(devices) + " devices";
    return "Hold: failing " + src + " over to " + target + " would disrupt " + scale + disruption + ". Failover "
        + paysOffOnlyIf(breakEven) + "; " + expected() + ".";
  }

  private String failover(double breakEvenMinutes) {
    return "Fail over " + in.source().name() + " to " + failover.target().orElseThrow() + ": " + offlineNow() + " and "
        + expected() + ". Failing over disrupts all " + Format.count(failover.devicesDisrupted()) + " devices for about "
        + Format.minutes(failover.recoveryMinutes()) + (in.source().failbackRequired() ? ", and again at failback" : "") + ": "
        + deviceMinutes(failover) + " device-minutes expected against " + deviceMinutes(hold) + " for holding. It pays off if"
        + " the outage lasts more than another " + Format.minutes(breakEvenMinutes) + " (probability "
        + probability(remaining.probabilityLongerThan(breakEvenMinutes)) + ")" + unlikelyButCostly(breakEvenMinutes) + ".";
  }

  private String affected(double breakEvenMinutes) {
    long stay = in.source().expectedDevices() - offline();
    String moved =
        affected.devicesMoved() == offline()
            ? "all " + Format.count(offline())
            : Format.count(affected.devicesMoved()) + " of the " + Format.count(offline());
    return "Move only the offline devices of " + in.source().name() + " to " + affected.target().orElseThrow() + ": " + moved
        + " offline devices, connected again in about " + Format.minutes(affected.recoveryMinutes())
        + (affected.reason().isEmpty() ? "" : " (" + affected.reason() + ")") + "; the " + Format.count(stay)
        + " connected devices stay. " + capitalized(expected()) + "; " + deviceMinutes(affected)
        + " device-minutes expected against " + deviceMinutes(hold) + " for holding"
        + (failover.feasible()
            ? " and " + deviceMinutes(failover) + " for failing all " + Format.count(failover.devicesDisrupted())
                + " devices over to " + failover.target().orElseThrow()
            : "")
        + ". It pays off if the outage lasts more"
        + " than another " + Format.minutes(breakEvenMinutes) + " (probability "
        + probability(remaining.probabilityLongerThan(breakEvenMinutes)) + ")" + unlikelyButCostly(breakEvenMinutes) + ".";
  }

  /** Expected loss can favour failing over even when the break-even is unlikely: say why. */
  private String unlikelyButCostly(double breakEvenMinutes) {
    return remaining.probabilityLongerThan(breakEvenMinutes) < 0.5
        ? ": less likely than not, but the long outages it guards against cost more than the failover"
        : "";
  }

  private String flip(BreakEven breakEven, Instant at) {
    String better = breakEven.option().orElseThrow() == Recommendation.FAILOVER ? "failing over" : "moving the offline devices";
    return " If it is still going at " + time(at) + ", " + better + " becomes the better bet.";
  }

  private String paysOffOnlyIf(BreakEven breakEven) {
    return "pays off only if the outage lasts another " + Format.minutes(breakEven.minutes().orElseThrow())
        + " (probability " + probability(breakEven.probability()) + ")";
  }

  private String expected() {
    return "the outage is expected to last another " + Format.minutes(outlook.meanMinutes()) + " (median "
        + Format.minutes(outlook.medianMinutes()) + ")";
  }

  private String offlineNow() {
    return offline() == 0 ? "no devices are offline" : Format.count(offline()) + " devices are " + offlineAdjective() + " now";
  }

  private String offlineAdjective() {
    return in.outage().intermittent() ? "intermittently offline" : "offline";
  }

  private long offline() {
    return in.outage().offlineDevices();
  }

  private static String deviceMinutes(OptionEstimate e) {
    return Format.count(Math.round(e.deviceMinutesMean()));
  }

  /** 21:55, or 13 Mar 00:35 on another day than the assessment; UTC says so. */
  private String time(Instant t) {
    ZonedDateTime local = t.atZone(in.zone());
    boolean sameDay = local.toLocalDate().equals(in.at().atZone(in.zone()).toLocalDate());
    String text = (sameDay ? TIME_OF_DAY : DAY_AND_TIME).format(local);
    return in.zone().equals(ZoneOffset.UTC) ? text + " UTC" : text;
  }

  static String probability(double p) {
    if (p < 0.005) {
      return "below 0.01";
    }
    if (p > 0.995) {
      return "above 0.99";
    }
    return String.format(Locale.ROOT, "%.2f", p);
  }

  private static String capitalized(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
