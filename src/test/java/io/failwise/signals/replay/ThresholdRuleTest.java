package io.failwise.signals.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThresholdRuleTest {
  private static final Instant T0 = Instant.parse("2026-03-12T18:00:00Z");

  @Test
  void firesOnceAfterTheDropHeldForFiveMinutes() {
    long[] connected = new long[400];
    Arrays.fill(connected, 100_000);
    Arrays.fill(connected, 300, 400, 94_000);
    assertEquals(List.of(T0.plusSeconds(15 * 320)), ThresholdRule.usual().firings(series(connected)));
  }

  @Test
  void aDropShorterThanTheHoldNeverFires() {
    long[] connected = new long[400];
    Arrays.fill(connected, 100_000);
    Arrays.fill(connected, 300, 319, 80_000);
    assertEquals(List.of(), ThresholdRule.usual().firings(series(connected)));
  }

  private static FleetSeries series(long[] connected) {
    long[] expected = new long[connected.length];
    Arrays.fill(expected, 100_000);
    return new FleetSeries("c", T0, Duration.ofSeconds(15), connected, expected, new long[connected.length], null, List.of());
  }
}
