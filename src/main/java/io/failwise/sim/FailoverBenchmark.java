package io.failwise.sim;

import java.time.Duration;
import java.time.Instant;

/**
 * Fails a cluster's devices over to a target twice, in simulation: in waves paced to the target's
 * admission rate (Failwise's way), and all at once (the target takes over the source's address and
 * every device reconnects on its own backoff). The source is down from the first moment, so every
 * device is offline until the target admits it; what differs is how the target is asked.
 */
public final class FailoverBenchmark {
  static final String SOURCE = "source";
  static final String TARGET = "target";
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private FailoverBenchmark() {}

  /**
   * @param devices devices on the failed cluster
   * @param admissionDevicesPerSecond the target's admission rate (and the pace of the waves)
   * @param backoff how devices retry
   * @param horizon give up measuring after this long
   */
  public record Config(long devices, double admissionDevicesPerSecond, BackoffPolicy backoff, long seed, Duration horizon) {
    public Config {
      if (devices < 1) {
        throw new IllegalArgumentException("devices must be at least 1, got " + devices);
      }
      if (!(admissionDevicesPerSecond > 0)) {
        throw new IllegalArgumentException("admissionDevicesPerSecond must be above 0, got " + admissionDevicesPerSecond);
      }
    }

    /** The benchmark: 200,000 devices, a target admitting 1,000 per second. */
    public static Config standard() {
      return new Config(200_000, 1_000, BackoffPolicy.azureIotSdk(), 1, Duration.ofHours(6));
    }

    /** Minutes to admit every device at the admission rate: no failover can be faster. */
    public double physicalLimitMinutes() {
      return devices / admissionDevicesPerSecond / 60;
    }
  }

  /**
   * How one way of failing over went.
   *
   * @param minutesTo99 minutes until 99% of the devices were connected again; null if not within the horizon
   * @param minutesToAll minutes until every device was connected again; null if not within the horizon
   * @param peakAttemptsPerSecond most connection attempts the target saw in one second
   * @param rejectedAttempts attempts the target refused
   * @param deviceMinutesLost offline minutes summed over the devices, from the failure until all were back
   */
  public record Outcome(Double minutesTo99, Double minutesToAll, long peakAttemptsPerSecond, long rejectedAttempts, double deviceMinutesLost) {}

  /** Both runs and the physical limit. */
  public record Result(Config config, double physicalLimitMinutes, Outcome paced, Outcome bigBang) {}

  public static Result run(Config config) {
    return new Result(config, config.physicalLimitMinutes(), runOnce(config, true), runOnce(config, false));
  }

  static Outcome runOnce(Config config, boolean paced) {
    FleetSimulator sim =
        FleetSimulator.builder(START)
            .seed(config.seed())
            .behaviour(DeviceBehaviour.defaults().withoutChurn().withBackoff(config.backoff()))
            .cluster(SOURCE, config.devices(), config.devices(), config.admissionDevicesPerSecond())
            .cluster(TARGET, 0, config.devices(), config.admissionDevicesPerSecond())
            .build();
    sim.hardOutage(SOURCE);
    if (paced) {
      sim.shift(SOURCE, TARGET, config.devices(), config.admissionDevicesPerSecond());
    } else {
      sim.shiftAll(SOURCE, TARGET);
    }
    long ninetyNine = (long) Math.ceil(config.devices() * 0.99);
    Double minutesTo99 = null;
    Double minutesToAll = null;
    long seconds = 0;
    long horizonSeconds = config.horizon().toSeconds();
    while (seconds < horizonSeconds) {
      sim.advance(Duration.ofSeconds(1));
      seconds++;
      long connected = sim.counts(TARGET).orElseThrow().connected();
      if (minutesTo99 == null && connected >= ninetyNine) {
        minutesTo99 = seconds / 60.0;
      }
      if (connected >= config.devices()) {
        minutesToAll = seconds / 60.0;
        break;
      }
    }
    ClusterCounts target = sim.counts(TARGET).orElseThrow();
    ClusterCounts source = sim.counts(SOURCE).orElseThrow();
    return new Outcome(
        minutesTo99,
        minutesToAll,
        target.peakAttemptsPerSecond(),
        target.rejectedAttempts(),
        target.deviceMinutesLost() + source.deviceMinutesLost());
  }
}
