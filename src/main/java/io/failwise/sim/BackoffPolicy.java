package io.failwise.sim;

import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * How long a device waits before its next connection attempt, after {@code failures} failed
 * attempts since it lost its connection (0: the first reconnect after a drop). The presets copy the
 * defaults of real device stacks, so a reconnect storm in the simulator has the shape it would have
 * in the field; each preset names where its numbers come from.
 */
public interface BackoffPolicy {

  /** Short name for command-line options and reports, e.g. {@code azure-iot-sdk}. */
  String name();

  /** Where the numbers come from, for docs and reports. */
  String source();

  /** A random delay in milliseconds, always within [{@link #minDelayMillis}, {@link #maxDelayMillis}]. */
  long delayMillis(int failures, RandomGenerator random);

  /** The shortest delay this policy can draw after {@code failures} failures. */
  long minDelayMillis(int failures);

  /** The longest delay this policy can draw after {@code failures} failures. */
  long maxDelayMillis(int failures);

  /**
   * Azure IoT device SDK for Java, {@code ExponentialBackoffWithJitter} defaults: first retry
   * immediate, then {@code min(100 ms + (2^n - 1) * U[80 ms, 120 ms), 10 s)}, unlimited retries.
   * Note that at the 10 s cap the SDK adds no jitter.
   */
  static BackoffPolicy azureIotSdk() {
    return new AzureExponentialWithJitter(100, 10_000, 100, true);
  }

  /**
   * AWS IoT device SDKs (aws-c-mqtt MQTT5 client) defaults: {@code min(U[0, 1 s * 2^n], 120 s)},
   * "full jitter", the default jitter mode of aws-c-io.
   */
  static BackoffPolicy awsIotSdk() {
    return new FullJitter("aws-iot-sdk", "aws-c-mqtt MQTT5 client defaults: 1 s doubling to 120 s, full jitter", 1_000, 120_000);
  }

  /**
   * OCPP 2.0.1 reconnect back-off as configured by EVerest libocpp: RetryBackOffWaitMinimum 1 s,
   * RetryBackOffRandomRange 2 s, RetryBackOffRepeatTimes 2.
   */
  static BackoffPolicy ocppEverest() {
    return new OcppRetryBackOff("ocpp-everest", "OCPP 2.0.1 RetryBackOff*, EVerest libocpp values: 1 s + U[0, 2 s], 2 doublings", 1_000, 2_000, 2);
  }

  /**
   * OCPP 2.0.1 reconnect back-off as configured by ocpp-go: RetryBackOffWaitMinimum 10 s,
   * RetryBackOffRandomRange 15 s, RetryBackOffRepeatTimes 5.
   */
  static BackoffPolicy ocppGo() {
    return new OcppRetryBackOff("ocpp-go", "OCPP 2.0.1 RetryBackOff*, ocpp-go values: 10 s + U[0, 15 s], 5 doublings", 10_000, 15_000, 5);
  }

  /** The presets, by {@link #name()}. */
  static java.util.List<BackoffPolicy> presets() {
    return java.util.List.of(azureIotSdk(), awsIotSdk(), ocppEverest(), ocppGo());
  }

  /** The preset with this name, for a command-line option. */
  static java.util.Optional<BackoffPolicy> preset(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return presets().stream().filter(p -> p.name().equals(n)).findFirst();
  }

  private static double pow2(int n) {
    return Math.pow(2.0, Math.min(n, 62));
  }

  /** Azure IoT SDK's formula (see {@link #azureIotSdk()}). */
  record AzureExponentialWithJitter(long minBackoffMillis, long maxBackoffMillis, long deltaBackoffMillis, boolean firstFastRetry)
      implements BackoffPolicy {
    @Override
    public String name() {
      return "azure-iot-sdk";
    }

    @Override
    public String source() {
      return "Azure IoT device SDK for Java ExponentialBackoffWithJitter defaults: first retry immediate, then"
          + " 100 ms + (2^n - 1) x 100 ms +-20%, at most 10 s";
    }

    @Override
    public long delayMillis(int failures, RandomGenerator random) {
      if (failures == 0 && firstFastRetry) {
        return 0;
      }
      double delta = deltaBackoffMillis * (0.8 + 0.4 * random.nextDouble());
      return (long) Math.min(minBackoffMillis + (pow2(failures) - 1) * delta, maxBackoffMillis);
    }

    @Override
    public long minDelayMillis(int failures) {
      return failures == 0 && firstFastRetry ? 0 : (long) Math.min(minBackoffMillis + (pow2(failures) - 1) * deltaBackoffMillis * 0.8, maxBackoffMillis);
    }

    @Override
    public long maxDelayMillis(int failures) {
      return failures == 0 && firstFastRetry ? 0 : (long) Math.min(minBackoffMillis + (pow2(failures) - 1) * deltaBackoffMillis * 1.2, maxBackoffMillis);
    }
  }

  /** Exponential backoff with "full jitter": uniform between 0 and the doubled delay, capped. */
  record FullJitter(String name, String source, long baseMillis, long capMillis) implements BackoffPolicy {
    @Override
    public long delayMillis(int failures, RandomGenerator random) {
      double ceiling = baseMillis * pow2(failures);
      return (long) Math.min(random.nextDouble() * ceiling, capMillis);
    }

    @Override
    public long minDelayMillis(int failures) {
      return 0;
    }

    @Override
    public long maxDelayMillis(int failures) {
      return (long) Math.min(baseMillis * pow2(failures), capMillis);
    }
  }

  /**
   * OCPP 2.0.1 (B10, reconnecting): wait RetryBackOffWaitMinimum, doubled after each failure at most
   * RetryBackOffRepeatTimes times, plus a random part of up to RetryBackOffRandomRange.
   */
  record OcppRetryBackOff(String name, String source, long waitMinimumMillis, long randomRangeMillis, int repeatTimes)
      implements BackoffPolicy {
    @Override
    public long delayMillis(int failures, RandomGenerator random) {
      return minDelayMillis(failures) + (long) (random.nextDouble() * randomRangeMillis);
    }

    @Override
    public long minDelayMillis(int failures) {
      return (long) (waitMinimumMillis * pow2(Math.min(failures, repeatTimes)));
    }

    @Override
    public long maxDelayMillis(int failures) {
      return minDelayMillis(failures) + randomRangeMillis;
    }
  }
}
