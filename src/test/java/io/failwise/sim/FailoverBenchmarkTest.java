package io.failwise.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.sim.FailoverBenchmark.Config;
import io.failwise.sim.FailoverBenchmark.Outcome;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FailoverBenchmarkTest {

  static java.util.List<BackoffPolicy> presets() {
    return BackoffPolicy.presets();
  }

  @ParameterizedTest
  @MethodSource("presets")
  void pacedWavesFinishNearThePhysicalLimitWithoutRejectionsAndTheBigBangDoesWorse(BackoffPolicy backoff) {
    Config config = new Config(6_000, 100, backoff, 1, Duration.ofHours(2));
    FailoverBenchmark.Result r = FailoverBenchmark.run(config);
    assertEquals(1.0, r.physicalLimitMinutes(), 1e-9, "6,000 devices at 100/s take at least a minute");

    Outcome paced = r.paced();
    assertNotNull(paced.minutesTo99());
    assertEquals(0, paced.rejectedAttempts(), "waves at the admission rate are never refused");
    assertTrue(paced.minutesTo99() <= 1.10 * r.physicalLimitMinutes(), "paced 99% after " + paced.minutesTo99() + " min");
    assertTrue(paced.minutesTo99() >= 0.99 * r.physicalLimitMinutes(), "faster than physics: " + paced.minutesTo99());
    assertTrue(paced.peakAttemptsPerSecond() <= 100);

    Outcome bigBang = r.bigBang();
    assertNotNull(bigBang.minutesToAll(), backoff.name() + " big bang never finished");
    assertTrue(bigBang.rejectedAttempts() > 6_000, backoff.name() + ": a storm is refused many times, got " + bigBang.rejectedAttempts());
    assertTrue(bigBang.minutesToAll() > paced.minutesToAll(), backoff.name() + ": the storm's tail should be longer");
    assertTrue(bigBang.peakAttemptsPerSecond() > 2 * paced.peakAttemptsPerSecond(), backoff.name() + " peak " + bigBang.peakAttemptsPerSecond());
    assertTrue(bigBang.deviceMinutesLost() >= paced.deviceMinutesLost(), backoff.name() + " lost fewer device-minutes than paced waves");
  }

  @ParameterizedTest
  @MethodSource("presets")
  void pacedDeviceMinutesLostAreHalfTheFleetWaitingHalfTheLimit(BackoffPolicy backoff) {
    Outcome paced = FailoverBenchmark.runOnce(new Config(6_000, 100, backoff, 1, Duration.ofHours(1)), true);
    // Device i waits i/100 s: 6,000 devices average 30 s, i.e. 3,000 device-minutes.
    assertEquals(3_000, paced.deviceMinutesLost(), 30);
  }
}
