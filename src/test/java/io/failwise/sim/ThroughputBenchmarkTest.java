package io.failwise.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThroughputBenchmarkTest {

  @Test
  void reportsTheMedianRunNotTheLuckiestOrTheFirst() {
    // A fake clock: each run reads it three times (before building, after building, after running).
    // Runs take 3 s, 1 s and 2 s of "wall time" for 60 simulated minutes.
    Iterator<Long> ticks = List.of(0L, 0L, 3_000_000_000L, 0L, 0L, 1_000_000_000L, 0L, 0L, 2_000_000_000L).iterator();
    ThroughputBenchmark.Result r = ThroughputBenchmark.run(new ThroughputBenchmark.Config(5_000, 5, Duration.ofHours(1), 3, 1), ticks::next);
    assertEquals(List.of(20.0, 60.0, 30.0), r.runs().stream().map(ThroughputBenchmark.Run::simulatedMinutesPerWallSecond).toList());
    assertEquals(30.0, r.medianSimulatedMinutesPerWallSecond());
    assertTrue(r.runs().get(0).connectionAttempts() > 0, "the night has outages, so devices had to reconnect");
  }

  @Test
  void theWorkloadIsTheSameNightEveryRun() {
    ThroughputBenchmark.Result r = ThroughputBenchmark.run(new ThroughputBenchmark.Config(5_000, 5, Duration.ofHours(1), 2, 1), System::nanoTime);
    assertEquals(r.runs().get(0).connectionAttempts(), r.runs().get(1).connectionAttempts());
  }

  @Test
  void theMedianOfAnEvenCountIsTheMiddlePair() {
    assertEquals(2.5, ThroughputBenchmark.median(new double[] {4, 1, 3, 2}));
  }

  @Test
  void impossibleConfigurationsAreRefused() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new ThroughputBenchmark.Config(10, 1, Duration.ofHours(1), 1, 1)).getMessage().contains("clusters"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new ThroughputBenchmark.Config(100, 2, Duration.ofMinutes(1), 1, 1)).getMessage().contains("simulated time"));
  }
}
