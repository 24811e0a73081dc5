package io.failwise.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * How fast the simulator runs a large fleet: simulated minutes per wall-clock second. The workload
 * is a night with something going on: normal churn everywhere, an intermittent outage like the 12
 * March one on the first cluster and a 15-minute hard outage (with its reconnect storm) on the second.
 */
public final class ThroughputBenchmark {
  private static final Instant START = Instant.parse("2026-03-12T19:30:00Z");

  private ThroughputBenchmark() {}

  /** @param runs how many times to run; the median is reported because shared machines are noisy */
  public record Config(int devices, int clusters, Duration simulated, int runs, long seed) {
    public Config {
      if (clusters < 2 || clusters > 1000) {
        throw new IllegalArgumentException("clusters must be from 2 to 1,000, got " + clusters);
      }
      if (devices < clusters || devices > 50_000_000) {
        throw new IllegalArgumentException("devices must be from the number of clusters to 50,000,000, got " + devices);
      }
      if (simulated.compareTo(Duration.ofMinutes(10)) < 0 || simulated.compareTo(Duration.ofDays(7)) > 0) {
        throw new IllegalArgumentException("the simulated time must be from 10 minutes to 7 days, got " + simulated);
      }
      if (runs < 1 || runs > 100) {
        throw new IllegalArgumentException("runs must be from 1 to 100, got " + runs);
      }
    }

    /** The scale: 1,000,000 devices across 20 clusters, a two-hour night, five runs. */
    public static Config standard() {
      return new Config(1_000_000, 20, Duration.ofHours(2), 5, 1);
    }
  }

  /** One run: building the fleet, then simulating it. */
  public record Run(double buildSeconds, double runSeconds, double simulatedMinutesPerWallSecond, long connectionAttempts) {}

  public record Result(Config config, List<Run> runs, double medianSimulatedMinutesPerWallSecond) {}

  /** Runs the benchmark, timing with {@code nanoTime} (System::nanoTime outside tests). */
  public static Result run(Config config, LongSupplier nanoTime) {
    List<Run> runs = new ArrayList<>();
    for (int i = 0; i < config.runs(); i++) {
      long t0 = nanoTime.getAsLong();
      FleetSimulator sim = fleet(config);
      long t1 = nanoTime.getAsLong();
      sim.advance(config.simulated());
      long t2 = nanoTime.getAsLong();
      double runSeconds = Math.max(1e-9, (t2 - t1) / 1e9);
      long attempts = sim.allCounts().stream().mapToLong(ClusterCounts::connectionAttempts).sum();
      runs.add(new Run((t1 - t0) / 1e9, runSeconds, config.simulated().toMillis() / 60_000.0 / runSeconds, attempts));
    }
    return new Result(config, List.copyOf(runs), median(runs.stream().mapToDouble(Run::simulatedMinutesPerWallSecond).toArray()));
  }

  static FleetSimulator fleet(Config config) {
    FleetSimulator.Builder b = FleetSimulator.builder(START).seed(config.seed());
    long perCluster = config.devices() / config.clusters();
    long rest = config.devices() % config.clusters();
    for (int c = 0; c < config.clusters(); c++) {
      long devices = perCluster + (c < rest ? 1 : 0);
      // Sized like the samples: room for a third more devices, admission like an 8-unit IoT Hub S2.
      b.cluster("cluster-" + (c + 1), devices, devices * 4 / 3, 960);
    }
    FleetSimulator sim = b.build();
    Duration night = config.simulated();
    sim.at(START.plus(night.multipliedBy(1).dividedBy(8)), s -> s.intermittentOutage("cluster-1", 0.28, Duration.ofMinutes(60)));
    sim.at(START.plus(night.multipliedBy(7).dividedBy(8)), s -> s.recover("cluster-1"));
    sim.at(START.plus(night.dividedBy(4)), s -> s.hardOutage("cluster-2"));
    sim.at(START.plus(night.dividedBy(4)).plus(Duration.ofMinutes(15)), s -> s.recover("cluster-2"));
    return sim;
  }

  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }
}
