package io.failwise.sim;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A night to replay: the fleet's clusters, the faults that hit them and when, what the real incident
 * report said at which time (for the demo to print beside the simulated timeline), and the
 * assumptions the numbers rest on. Read from YAML by {@link ScenarioFile}.
 */
public record Scenario(
    String name,
    String description,
    ZoneId zone,
    Instant start,
    Instant end,
    List<ClusterSetup> clusters,
    List<FaultStep> faults,
    List<SeedEvent> seed,
    List<String> assumptions) {

  /** Interpolation steps of a ramp: fine enough that the detector sees a slope, not stairs. */
  static final Duration RAMP_STEP = Duration.ofSeconds(30);

  public Scenario {
    clusters = List.copyOf(clusters);
    faults = faults.stream().sorted(Comparator.comparing(FaultStep::at)).toList();
    seed = List.copyOf(seed);
    assumptions = List.copyOf(assumptions);
  }

  /** What happens to one cluster at one moment. */
  public record FaultStep(Instant at, String cluster, Fault fault) {}

  /** A line of the real incident's timeline. */
  public record SeedEvent(Instant at, String event) {}

  /** A fault, or the end of faults. */
  public sealed interface Fault {}

  /**
   * Moves the cluster's offline fraction linearly to {@code offlineFraction} over {@code ramp}
   * (from where the previous step of this cluster left it); connected devices drop after
   * {@code meanSession} on average so that others get their turn.
   */
  public record Intermittent(double offlineFraction, Duration ramp, Duration meanSession) implements Fault {}

  /** The cluster stops answering. */
  public record HardOutage() implements Fault {}

  /** The cluster holds at most {@code devices}. */
  public record CapacityReduction(long devices) implements Fault {}

  /** Every fault of the cluster ends. */
  public record Recover() implements Fault {}

  public Duration length() {
    return Duration.between(start, end);
  }

  /** A fleet at the scenario's start with its faults scheduled. */
  public FleetSimulator simulator(long seedValue) {
    return simulator(seedValue, DeviceBehaviour.defaults());
  }

  public FleetSimulator simulator(long seedValue, DeviceBehaviour behaviour) {
    FleetSimulator.Builder b = FleetSimulator.builder(start).seed(seedValue).behaviour(behaviour);
    clusters.forEach(b::cluster);
    FleetSimulator sim = b.build();
    install(sim);
    return sim;
  }

  /** Schedules the faults on a fleet that knows the scenario's clusters. */
  public void install(FleetSimulator sim) {
    Map<String, Double> fraction = new HashMap<>();
    for (FaultStep step : faults) {
      String c = step.cluster();
      Fault f = step.fault();
      if (f instanceof Intermittent i) {
        scheduleRamp(sim, step.at(), c, fraction.getOrDefault(c, 0.0), i);
        fraction.put(c, i.offlineFraction());
      } else if (f instanceof HardOutage) {
        sim.at(step.at(), s -> s.hardOutage(c));
      } else if (f instanceof CapacityReduction r) {
        sim.at(step.at(), s -> s.reduceCapacity(c, r.devices()));
      } else if (f instanceof Recover) {
        sim.at(step.at(), s -> s.recover(c));
        fraction.put(c, 0.0);
      }
    }
  }

  private static void scheduleRamp(FleetSimulator sim, Instant at, String cluster, double from, Intermittent i) {
    List<Instant> times = new ArrayList<>();
    for (Duration t = RAMP_STEP; t.compareTo(i.ramp()) < 0; t = t.plus(RAMP_STEP)) {
      times.add(at.plus(t));
    }
    times.add(at.plus(i.ramp()));
    double rampMillis = i.ramp().toMillis();
    for (Instant t : times) {
      double share = rampMillis <= 0 ? 1 : Math.min(1, Duration.between(at, t).toMillis() / rampMillis);
      double f = from + (i.offlineFraction() - from) * share;
      sim.at(t, s -> s.intermittentOutage(cluster, f, i.meanSession()));
    }
  }
}
