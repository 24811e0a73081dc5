package io.failwise.bench;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.failwise.api.Cluster;
import io.failwise.api.ClusterSpec;
import io.failwise.api.ClusterStatus;
import io.failwise.api.PastOutage;
import io.failwise.model.estimate.DurationPrior;
import io.failwise.operator.estimate.PastOutages;
import java.time.Instant;
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

/**
 * The prior a policy decision (and a console chart) starts from: the past outages of 1,000 Clusters in
 * 20 regions, 20 recorded each (status.pastOutages), merged per region and the newest 200 fitted. Once
 * with every record as it was at the last decision, once with one Cluster's record changed since (an
 * outage ended): its entries are read again and the prior refitted. Goal: under 10 ms either way.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PastOutagesBenchmark {
  private List<Cluster> clusters;
  private List<PastOutage> before;
  private List<PastOutage> after;
  private boolean flip;

  @Setup
  public void setUp() {
    Random r = new Random(2026);
    Instant from = Instant.parse("2026-01-01T00:00:00Z");
    clusters = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      Cluster c = new Cluster();
      c.setMetadata(new ObjectMetaBuilder().withNamespace("fleet").withName("c" + i).withUid("uid-" + i).build());
      c.setSpec(new ClusterSpec());
      c.getSpec().region = "region-" + (i % 20);
      c.setStatus(new ClusterStatus());
      c.getStatus().pastOutages = new ArrayList<>();
      for (int k = 0; k < 20; k++) {
        Instant start = from.plusSeconds(r.nextInt(86_400 * 60));
        long minutes = r.nextInt(6) == 0 ? 6 + r.nextInt(15) : 30 + r.nextInt(300);
        c.getStatus().pastOutages.add(new PastOutage(start.toString(), start.plusSeconds(60 * minutes).toString()));
      }
      clusters.add(c);
    }
    before = clusters.get(0).getStatus().pastOutages;
    after = new ArrayList<>(before.subList(1, before.size()));
    after.add(new PastOutage("2026-03-02T10:00:00Z", "2026-03-02T10:12:00Z"));
  }

  @Benchmark
  public DurationPrior priorOf1000ClustersUnchanged() {
    return PastOutages.prior(DurationPrior.DEFAULT, clusters, PastOutages.Learning.DEFAULT);
  }

  @Benchmark
  public DurationPrior priorOf1000ClustersOneChanged() {
    flip = !flip;
    clusters.get(0).getStatus().pastOutages = flip ? after : before;
    return PastOutages.prior(DurationPrior.DEFAULT, clusters, PastOutages.Learning.DEFAULT);
  }
}
