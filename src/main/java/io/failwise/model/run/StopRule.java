package io.failwise.model.run;

import io.failwise.model.DeviceObservation;
import io.failwise.model.Format;
import java.time.Duration;
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

  String name();

  /** A sentence saying why the rule fires now, or empty. */
  Optional<String> check(StopReadings r);

  /** More than {@code devices} devices offline. */
  record OfflineDevicesAbove(String name, Side side, long devices) implements StopRule {
    @Override
    public Optional<String> check(StopReadings r) {
      return r.reading(side())
          .observation()
          .filter(o -> o.offline() > devices)
          .map(
              o -> Format.plural(o.offline(), "device") + (o.offline() == 1 ? " is" : " are") + " offline at " + side.phrase() + ", above the limit of "
                  + Format.count(devices) + ".");
    }
  }

  /** More than {@code ratio} of the expected devices offline. */
  record OfflineRatioAbove(String name, Side side, double ratio) implements StopRule {
    @Override
    public Optional<String> check(StopReadings r) {
      return r.reading(side())
          .observation()
          .filter(o -> o.offlineRatio() > ratio)
          .map(
              o -> Format.percent(o.offlineRatio()) + " of the devices expected at " + side.phrase()
                  + " are offline, above the limit of " + Format.percent(ratio) + ".");
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
    public Optional<String> check(StopReadings r) {
      if (r.lastWaveAt() != null && r.now().isBefore(r.lastWaveAt().plus(grace))) {
        return Optional.empty();
      }
      double before = r.offlineRatioBefore(side()).orElse(0.0);
      return r.reading(side())
          .observation()
          .filter(o -> o.offlineRatio() - before > rise)
          .map(
              o -> Format.percent(o.offlineRatio()) + " of the devices expected at " + side.phrase()
                  + " are offline, up from " + Format.percent(before) + " before the first wave, a rise above the limit of "
                  + Format.percent(rise) + ".");
    }
  }

  /**
   * Of the devices moved to the target so far, fewer than {@code ratio} have connected there once
   * {@code grace} has passed since the last wave: devices are being lost on the way.
   */
  record ReconnectedRatioBelow(String name, double ratio, Duration grace) implements StopRule {
    @Override
    public Optional<String> check(StopReadings r) {
      if (r.devicesAtTarget() <= 0 || r.lastWaveAt() == null || r.now().isBefore(r.lastWaveAt().plus(grace))) {
        return Optional.empty();
      }
      Optional<DeviceObservation> target = r.target().observation();
      if (target.isEmpty()) {
        return Optional.empty();
      }
      long reconnected = Math.max(0, target.get().connected() - r.targetConnectedBaseline());
      double share = Math.min(1.0, (double) reconnected / r.devicesAtTarget());
      if (share >= ratio) {
        return Optional.empty();
      }
      return Optional.of(
          "only " + Format.count(reconnected) + " of the " + Format.count(r.devicesAtTarget())
              + " devices moved have connected at the target (" + Format.percent(share) + ") "
              + Format.duration(Duration.between(r.lastWaveAt(), r.now())) + " after the last wave, below "
              + Format.percent(ratio) + ".");
    }
  }

  /** The signal of a cluster has been unknown for at least {@code duration}. */
  record SignalUnknownFor(String name, Side side, Duration duration) implements StopRule {
    @Override
    public Optional<String> check(StopReadings r) {
      StopReadings.Reading reading = r.reading(side());
      if (reading.observation().isPresent() || reading.unknownSince() == null) {
        return Optional.empty();
      }
      Duration unknown = Duration.between(reading.unknownSince(), r.now());
      return unknown.compareTo(duration) >= 0
          ? Optional.of(
              "the device counts of " + side.phrase() + " have been unknown for " + Format.duration(unknown)
                  + (reading.reason() == null ? "" : " (" + reading.reason() + ")") + ".")
          : Optional.empty();
    }
  }
}
