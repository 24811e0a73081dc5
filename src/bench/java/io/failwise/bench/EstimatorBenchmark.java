package io.failwise.bench;

import io.failwise.model.estimate.ActionLimits;
import io.failwise.model.estimate.DurationPrior;
import io.failwise.model.estimate.Estimate;
import io.failwise.model.estimate.EstimateInput;
import io.failwise.model.estimate.FailoverEstimator;
import io.failwise.model.estimate.Granularity;
import io.failwise.model.estimate.OfflineSample;
import io.failwise.model.estimate.Outage;
import io.failwise.model.estimate.Sensitivity;
import io.failwise.model.estimate.SourceCluster;
import io.failwise.model.estimate.TargetCluster;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * How long the estimator takes: one assessment (the 12 March incident at 21:40), the same with a prior
 * learned from 200 past outages of two kinds (blips and incidents: a mixture of three lognormals), that
 * learning itself (what a policy decision does first), and a controller's sweep of 1,000 clusters in
 * outages of every kind. Goals: under 50 us per assessment, 1 ms per learning, 100 ms per sweep on 2 cores.
 * Sample mode, so that JMH reports the median (p0.50) beside the mean.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
public class EstimatorBenchmark {
  private static final Instant AT = Instant.parse("2026-03-12T20:40:00Z");

  private final FailoverEstimator estimator = FailoverEstimator.withDefaults();
  private EstimateInput incident;
  private EstimateInput rising;
  private EstimateInput incidentTwoKinds;
  private Estimate incidentEstimate;
  private List<Double> pastOutages;
  private List<EstimateInput> fleet;

  @Setup
  public void setUp() {
    SourceCluster west =
        new SourceCluster("go-eu-west-1", 180_000, 130_000, 250_000, 960, Duration.ofMinutes(20), Granularity.CLUSTER, true);
    TargetCluster north = new TargetCluster("go-eu-north-1", 0, 300_000, 89_710, 960, true);
    incident =
        new EstimateInput(
            west, List.of(north), new Outage(AT.minus(Duration.ofMinutes(55)), 50_000), AT, DurationPrior.DEFAULT, ZoneOffset.ofHours(1));
    incidentEstimate = estimator.estimate(incident);
    List<OfflineSample> readings = new ArrayList<>();
    long[] counts = {200, 1_500, 7_000, 13_000, 24_000, 32_000};
    for (int i = 0; i < counts.length; i++) {
      readings.add(new OfflineSample(AT.minusSeconds(180 - 30L * i), counts[i]));
    }
    rising =
        new EstimateInput(
            west, List.of(north), new Outage(AT.minusSeconds(173), 40_000, 40_000, readings), AT, DurationPrior.DEFAULT,
            ZoneOffset.ofHours(1));
    if (estimator.estimate(rising).trend().kind() != io.failwise.model.estimate.Trend.Kind.GROWING) {
      throw new IllegalStateException("the benchmark's rise should be read as one");
    }
    fleet = fleet(1000, new Random(2026));
    pastOutages = blipsAndIncidents(200, new Random(3));
    DurationPrior learned = DurationPrior.DEFAULT.fittedTo(pastOutages);
    if (!learned.twoKinds()) {
      throw new IllegalStateException("the benchmark's past outages should be of two kinds: " + learned);
    }
    incidentTwoKinds =
        new EstimateInput(incident.source(), incident.targets(), incident.outage(), incident.at(), learned, incident.zone());
  }

  /** One outage in six a blip of 6-20 minutes, the rest drawn from the default prior. */
  static List<Double> blipsAndIncidents(int n, Random r) {
    List<Double> past = new ArrayList<>();
    DurationPrior d = DurationPrior.DEFAULT;
    for (int i = 0; i < n; i++) {
      past.add(i % 6 == 0 ? 6 + 14 * r.nextDouble() : Math.exp(d.mu() + d.sigma() * r.nextGaussian()));
    }
    return past;
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Estimate oneAssessmentTwoKinds() {
    return estimator.estimate(incidentTwoKinds);
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public DurationPrior learnFrom200PastOutages() {
    return DurationPrior.DEFAULT.fittedTo(pastOutages);
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Estimate oneAssessment() {
    return estimator.estimate(incident);
  }

  /**
   * A count rising 14,100 a minute 3 minutes into a loss (playbooks/scenarios/young-rise.yaml): the
   * sequential decision follows the rise step by step, each step with a steady branch of its own.
   */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Estimate oneAssessmentOfARise() {
    return estimator.estimate(rising);
  }

  /** Where the 12 March answer turns: the cutover and the offline count, each found by bisection. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public Sensitivity turnsOfOneAssessment() {
    return Sensitivity.of(estimator, incident, ActionLimits.NONE, incidentEstimate);
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public void thousandClusters(Blackhole bh) {
    for (EstimateInput in : fleet) {
      bh.consume(estimator.estimate(in));
    }
  }

  /** Clusters of 1k to 500k devices, partial to total outages, one to three targets, Device or Cluster moves. */
  static List<EstimateInput> fleet(int n, Random r) {
    List<EstimateInput> inputs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long expected = 1_000 + (long) (r.nextDouble() * 499_000);
      long offline = (long) (r.nextDouble() * expected);
      SourceCluster source =
          new SourceCluster(
              "cluster-" + i,
              expected,
              expected - offline,
              expected * 2,
              50 + r.nextDouble() * 5_000,
              Duration.ofSeconds(60 + r.nextInt(3_600)),
              r.nextBoolean() ? Granularity.DEVICE : Granularity.CLUSTER,
              r.nextBoolean());
      List<TargetCluster> targets = new ArrayList<>();
      for (int t = 0, count = 1 + r.nextInt(3); t < count; t++) {
        long capacity = (long) (r.nextDouble() * expected * 2);
        targets.add(new TargetCluster("target-" + i + "-" + t, t, capacity, capacity / 3, 50 + r.nextDouble() * 5_000, r.nextInt(5) > 0));
      }
      // Half the outages intermittent: the offline devices are half of those affected (where the cluster has them).
      long affected = r.nextBoolean() ? Math.min(expected, offline * 2) : offline;
      Outage outage = new Outage(AT.minus(Duration.ofMinutes(r.nextInt(600))), offline, affected, List.of());
      double median = 30 + r.nextDouble() * 300;
      inputs.add(new EstimateInput(source, targets, outage, AT, new DurationPrior(median, median * (2 + r.nextDouble() * 8))));
    }
    return inputs;
  }
}
