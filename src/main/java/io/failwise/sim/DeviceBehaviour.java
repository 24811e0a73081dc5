package io.failwise.sim;

import java.time.Duration;
import java.util.Objects;

/**
 * How every simulated device behaves: how it backs off, how soon a monitor notices it gone, and how
 * often it drops on its own (normal churn). Defaults and their sources are in docs/simulator.md.
 *
 * @param backoff how long a device waits between failed connection attempts
 * @param keepAlive the MQTT keep-alive; a device that vanishes without closing its connection is
 *     noticed between 0.5 and 1.5 keep-alives later (the server allows 1.5 keep-alives of silence
 *     after the device's last packet, which came up to one keep-alive before it vanished)
 * @param meanTimeBetweenDrops how long a device stays connected on average before it drops on its
 *     own (Wi-Fi or mobile network, reboots); {@link Duration#ZERO} turns churn off
 * @param meanTimeAway how long a device that dropped on its own stays away before it tries again
 */
public record DeviceBehaviour(BackoffPolicy backoff, Duration keepAlive, Duration meanTimeBetweenDrops, Duration meanTimeAway) {

  /** Azure IoT device SDK for Java defaults: its retry policy and its MQTT keep-alive (230 s). */
  public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(230);

  /**
   * An assumption, not a sourced figure: a charger drops once a day and stays away 5 minutes, which
   * leaves about 0.35% of a healthy fleet offline (the samples' static signals show 0.3%).
   */
  public static final Duration DEFAULT_MEAN_TIME_BETWEEN_DROPS = Duration.ofHours(24);

  public static final Duration DEFAULT_MEAN_TIME_AWAY = Duration.ofMinutes(5);

  public DeviceBehaviour {
    Objects.requireNonNull(backoff, "backoff");
    if (keepAlive.isNegative() || meanTimeBetweenDrops.isNegative() || meanTimeAway.isNegative()) {
      throw new IllegalArgumentException("device durations cannot be negative");
    }
  }

  public static DeviceBehaviour defaults() {
    return new DeviceBehaviour(BackoffPolicy.azureIotSdk(), DEFAULT_KEEP_ALIVE, DEFAULT_MEAN_TIME_BETWEEN_DROPS, DEFAULT_MEAN_TIME_AWAY);
  }

  public DeviceBehaviour withBackoff(BackoffPolicy policy) {
    return new DeviceBehaviour(policy, keepAlive, meanTimeBetweenDrops, meanTimeAway);
  }

  /** Devices that never drop on their own: benchmarks isolate the effect they measure. */
  public DeviceBehaviour withoutChurn() {
    return new DeviceBehaviour(backoff, keepAlive, Duration.ZERO, meanTimeAway);
  }

  public DeviceBehaviour withKeepAlive(Duration d) {
    return new DeviceBehaviour(backoff, d, meanTimeBetweenDrops, meanTimeAway);
  }

  public boolean churns() {
    return !meanTimeBetweenDrops.isZero();
  }

  /** Share of a healthy fleet offline at any moment because of churn alone. */
  public double churnOfflineShare() {
    if (!churns()) {
      return 0;
    }
    double away = meanTimeAway.toMillis();
    return away / (away + meanTimeBetweenDrops.toMillis());
  }
}
