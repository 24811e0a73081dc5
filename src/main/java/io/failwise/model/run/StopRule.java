package io.failwise.model.run;

import io.failwise.model.DeviceObservation;
import io.failwise.model.Format;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A stop condition of a playbook: while devices are moved, a rule that fires stops the run and rolls
 * it back. A rule that cannot be evaluated (its signal is unknown) does not fire by itself; pair it
 * with {@link SignalUnknownFor} so that a blind run stops too.
 */
public sealed interface StopRule {
  /** Which cluster a rule looks at. */
  enum Side {
    TARGET("the target"),
    SOURCE("the source");

    private final String phrase;

    Side(String phrase) {
      this.phrase = phrase;
    }

    String phrase() {
      return phrase;
    }
  }

  /** What a rule says at one moment. */
  enum State {
    /** The rule fires: the run stops. */
    FIRED,
    /** The rule was checked and holds. */
    NOT_FIRED,
    /** The rule could not be checked now: its signal is unknown, it is within its grace, nothing moved yet. */
    NOT_EVALUATED
  }

  /** A rule's state at one moment, with the reading that decided it (why it fired, what it read, or why it could not). */
  record Outcome(State state, String reading) {
    static Outcome fired(String reading) {
      return new Outcome(State.FIRED, reading);
    }

    static Outcome notFired(String reading) {
      return new Outcome(State.NOT_FIRED, reading);
    }

    static Outcome notEvaluated(String reading) {
      return new Outcome(State.NOT_EVALUATED, reading);
    }
  }

  String name();

  /** The rule's state now, with its reading. */
  Outcome evaluate(StopReadings r);

  /**
   * How directly a firing of this rule names the cause, lower first: when several fire, the reason
   * names the most telling first. A cluster's own offline devices are measured; a reconnected ratio
   * is derived (the target's connected count against its baseline), so an outage of the target
   * itself makes it fire too, and it comes last.
   */
  int precedence();

  /** A sentence saying why the rule fires now, or empty. */
  default Optional<String> check(StopReadings r) {
    Outcome o = evaluate(r);
    return o.state() == State.FIRED ? Optional.of(o.reading()) : Optional.empty();
  }

  private static Outcome unknown(StopReadings r, Side side) {
    String reason = r.reading(side).reason();
    return Outcome.notEvaluated("the device counts of " + side.phrase() + " are unknown" + (reason == null ? "" : " (" + reason + ")") + ".");
  }

  private static int offlinePrecedence(Side side) {
    return side == Side.TARGET ? 0 : 1;
  }

  /** More than {@code devices} devices offline. */
  record OfflineDevicesAbove(String name, Side side, long devices) implements StopRule {
    @Override
    public Outcome evaluate(StopReadings r) {
      Optional<DeviceObservation> o = r.reading(side()).observation();
      if (o.isEmpty()) {
        return unknown(r, side);
      }
      long offline = o.get().offline();
      String are = Format.plural(offline, "device") + (offline == 1 ? " is" : " are") + " offline at " + side.phrase();
      return offline > devices
          ? Outcome.fired(are + ", above the limit of " + Format.count(devices) + ".")
          : Outcome.notFired(are + ", within the limit of " + Format.count(devices) + ".");
    }

    @Override
    public int precedence() {
      return offlinePrecedence(side);
    }
  }

  /** More than {@code ratio} of the expected devices offline. */
  record OfflineRatioAbove(String name, Side side, double ratio) implements StopRule {
    @Override
    public Outcome evaluate(StopReadings r) {
      Optional<DeviceObservation> o = r.reading(side()).observation();
      if (o.isEmpty()) {
        return unknown(r, side);
      }
      String share = Format.percent(o.get().offlineRatio()) + " of the devices expected at " + side.phrase() + " are offline";
      return o.get().offlineRatio() > ratio
          ? Outcome.fired(share + ", above the limit of " + Format.percent(ratio) + ".")
          : Outcome.notFired(share + ", within the limit of " + Format.percent(ratio) + ".");
    }

    @Override
    public int precedence() {
      return offlinePrecedence(side);
    }
  }

  /**
   * The share of the cluster's expected devices offline has risen by more than {@code rise} above
   * what it was before the first wave: the harm the run causes, not the churn or the outage the
   * cluster already had. Devices a wave has just moved are in flight (offline until they connect,
   * at the target during a shift and at the source during a failback), so the rule is not checked
   * until {@code grace} has passed since the last wave. Without a baseline the rise is measured from
   * zero.
   */
  record OfflineRatioRiseAbove(String name, Side side, double rise, Duration grace) implements StopRule {
    @Override
    public Outcome evaluate(StopReadings r) {
      if (r.lastWaveAt() != null && r.now().isBefore(r.lastWaveAt().plus(grace))) {
        return Outcome.notEvaluated("not checked until " + Format.duration(grace) + " after the last wave (devices in flight).");
      }
      Optional<DeviceObservation> o = r.reading(side()).observation();
      if (o.isEmpty()) {
        return unknown(r, side);
      }
      double before = r.offlineRatioBefore(side()).orElse(0.0);
      double now = o.get().offlineRatio();
      // Up or down as the reader sees the two shares: equal to the shown precision reads "as".
      boolean same = Format.percent(now).equals(Format.percent(before));
      String share = Format.percent(now) + " of the devices expected at " + side.phrase() + " are offline, "
          + (same ? "as " : now > before ? "up from " : "down from ") + Format.percent(before) + " before the first wave";
      return o.get().offlineRatio() - before > rise
          ? Outcome.fired(share + ", a rise above the limit of " + Format.percent(rise) + ".")
          : Outcome.notFired(share + ", within a rise of " + Format.percent(rise) + ".");
    }

    @Override
    public int precedence() {
      return offlinePrecedence(side);
    }
  }

  /**
   * Of the devices moved to the target so far, fewer than {@code ratio} have connected there once
   * {@code grace} has passed since the last wave: devices are being lost on the way. The devices
   * connected at the target are counted against its baseline, so its own devices going offline
   * count as moved devices missing; when the readings show that the target itself is losing devices,
   * the sentence says so.
   */
  record ReconnectedRatioBelow(String name, double ratio, Duration grace) implements StopRule {
    @Override
    public Outcome evaluate(StopReadings r) {
      if (r.devicesAtTarget() <= 0 || r.lastWaveAt() == null) {
        // No wave yet, or a failback has brought every device home: nothing of the run's at the target to count.
        return Outcome.notEvaluated(r.lastWaveAt() == null ? "no devices moved to the target yet."
            : "no device the run moved is at the target now: every one is back.");
      }
      if (r.now().isBefore(r.lastWaveAt().plus(grace))) {
        return Outcome.notEvaluated("not checked until " + Format.duration(grace) + " after the last wave.");
      }
      Optional<DeviceObservation> target = r.target().observation();
      if (target.isEmpty()) {
        return unknown(r, Side.TARGET);
      }
      long reconnected = Math.max(0, target.get().connected() - r.targetConnectedBaseline());
      double share = Math.min(1.0, (double) reconnected / r.devicesAtTarget());
      String counted = Format.count(reconnected) + " of the " + Format.count(r.devicesAtTarget())
          + " devices moved have connected at the target (" + Format.percent(share) + ")";
      if (share >= ratio) {
        return Outcome.notFired(counted + ", at or above " + Format.percent(ratio) + ".");
      }
      // Once the run saw them arrive, "have connected" would contradict the clue that they had: they
      // connected, and fewer are connected now.
      String firedCount = arrived(r)
          ? Format.count(reconnected) + " of the " + Format.count(r.devicesAtTarget()) + " devices moved are connected at the target now ("
              + Format.percent(share) + ")"
          : counted;
      return Outcome.fired(
          "only " + firedCount + " " + Format.duration(Duration.between(r.lastWaveAt(), r.now())) + " after the last wave, below "
              + Format.percent(ratio) + targetItself(r, target.get()) + ".");
    }

    @Override
    public int precedence() {
      return 3;
    }

    /**
     * What points at the target rather than at the moved devices: more devices offline there than
     * before the first wave by more than all the devices moved (so some are its own), or devices
     * gone from it after the moved ones had arrived. Empty when the counts cannot tell.
     */
    private static String targetItself(StopReadings r, DeviceObservation target) {
      List<String> clues = new ArrayList<>();
      long offline = target.offline();
      String counts = Format.count(offline) + " of its " + Format.count(target.expected()) + " devices";
      long before = r.before().targetOfflineDevices();
      long rise = before < 0 ? 0 : offline - before;
      if (before >= 0 && rise > r.devicesAtTarget()) {
        clues.add("the target's own devices are offline too: " + counts + " are offline, " + Format.count(before)
            + " before the first wave, so at least " + Format.count(rise - r.devicesAtTarget()) + " of them are not devices this run moved");
      }
      if (arrived(r)) {
        clues.add("the moved devices had arrived (" + Format.percent(StopReadings.ARRIVED) + " of them connected) "
            + Format.duration(Duration.between(r.arrivedAt(), r.now())) + " ago, so devices have gone offline at the target itself since"
            + (clues.isEmpty() ? ": " + counts + " are offline now" + (before < 0 ? "" : ", " + Format.count(before) + " before the first wave") : ""));
      }
      return clues.isEmpty() ? "" : "; " + String.join("; ", clues);
    }

    /** Whether the run saw every shift wave so far arrive at the target before now. */
    private static boolean arrived(StopReadings r) {
      return r.arrivedAt() != null && !r.arrivedAt().isAfter(r.now());
    }
  }

  /** The signal of a cluster has been unknown for at least {@code duration}. */
  record SignalUnknownFor(String name, Side side, Duration duration) implements StopRule {
    @Override
    public Outcome evaluate(StopReadings r) {
      StopReadings.Reading reading = r.reading(side());
      if (reading.observation().isPresent()) {
        return Outcome.notFired("the device counts of " + side.phrase() + " are known.");
      }
      if (reading.unknownSince() == null) {
        return Outcome.notEvaluated("the device counts of " + side.phrase() + " are unknown, since when is not known.");
      }
      Duration unknown = Duration.between(reading.unknownSince(), r.now());
      String since = "the device counts of " + side.phrase() + " have been unknown for " + Format.duration(unknown)
          + (reading.reason() == null ? "" : " (" + reading.reason() + ")");
      return unknown.compareTo(duration) >= 0
          ? Outcome.fired(since + ".")
          : Outcome.notFired(since + ", less than " + Format.duration(duration) + ".");
    }

    @Override
    public int precedence() {
      return 2;
    }
  }
}
