package io.failwise.cli;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.failwise.api.Cluster;
import io.failwise.api.ClusterSpec;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunSpec;
import io.failwise.api.FailoverSpec;
import io.failwise.api.Region;
import io.failwise.api.RegionSpec;
import io.failwise.api.SignalsSpec;
import io.failwise.embedded.EmbeddedApiServer;
import io.failwise.model.run.RunPhase;
import io.javaoperatorsdk.operator.Operator;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The measurements of {@code failwise bench scale}, against the embedded API server and the
 * controller of this process. Status writes and status lag are observed through a watch, as a
 * user's kubectl would see them; CPU is the whole process's, embedded server included.
 */
final class ScaleBench {
  static final List<String> PLAYBOOKS = List.of("regional-failover.yaml", "quarterly-drill.yaml");
  private static final String NS = EmbeddedMode.NAMESPACE;
  private static final long EXPECTED = 10_000;
  private static final long LAG_TIMEOUT_MS = 30_000;
  private static final long STATUS_TIMEOUT_MS = 15 * 60_000;

  /** What the bench measured. */
  record Result(
      int clusters, int regions, int runs, double secondsToAllStatus, double secondsToRunsSettled, long heapAfterGcMiB, double idleCpuPercent,
      long statusWritesPerMinuteIdle, long runWritesPerMinuteIdle, List<Long> lagsMs, List<String> errors,
      double wallSeconds, double cpuSeconds) {
    long percentile(int p) {
      if (lagsMs.isEmpty()) {
        return -1;
      }
      List<Long> sorted = new ArrayList<>(lagsMs);
      Collections.sort(sorted);
      int rank = (int) Math.ceil(p / 100.0 * sorted.size());
      return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    Map<String, Object> json() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("clusters", clusters);
      m.put("regions", regions);
      m.put("runs", runs);
      m.put("secondsToAllStatus", Math.round(secondsToAllStatus * 10) / 10.0);
      m.put("secondsToRunsSettled", Math.round(secondsToRunsSettled * 10) / 10.0);
      m.put("heapAfterGcMiB", heapAfterGcMiB);
      m.put("idleCpuPercent", Math.round(idleCpuPercent * 100) / 100.0);
      m.put("statusWritesPerMinuteIdle", statusWritesPerMinuteIdle);
      m.put("runStatusWritesPerMinuteIdle", runWritesPerMinuteIdle);
      m.put("statusLagMs", Map.of("p50", percentile(50), "p95", percentile(95), "p99", percentile(99)));
      m.put("errors", errors.size());
      m.put("errorMessages", errors);
      m.put("wallSeconds", Math.round(wallSeconds));
      m.put("cpuSeconds", Math.round(cpuSeconds));
      return m;
    }
  }

  private final EmbeddedApiServer server;
  private final KubernetesClient client;
  private final Operator operator;
  private final Path playbooks;
  private final Random random;
  private final Consumer<String> progress;
  private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
  private final AtomicLong clusterWrites = new AtomicLong();
  private final AtomicLong regionWrites = new AtomicLong();
  private final AtomicLong runWrites = new AtomicLong();
  private final Map<String, CompletableFuture<Long>> awaitingOutage = new ConcurrentHashMap<>();
  /** What the watches have seen, so that waiting for status costs no LIST: objects with status, runs' phases. */
  private final Map<String, Boolean> clustersWithStatus = new ConcurrentHashMap<>();
  private final Map<String, Boolean> regionsWithStatus = new ConcurrentHashMap<>();
  private final Map<String, String> runPhases = new ConcurrentHashMap<>();

  ScaleBench(EmbeddedApiServer server, KubernetesClient client, Operator operator, Path playbooks, long seed, Consumer<String> progress) {
    this.server = server;
    this.client = client;
    this.operator = operator;
    this.playbooks = playbooks;
    this.random = new Random(seed);
    this.progress = progress;
  }

  Result run(int n, int m, int steadySeconds, int outages) throws Exception {
    long wall0 = System.nanoTime();
    long cpu0 = cpuNanos();
    int regions = regions(n);
    operator.start();
    List<Watch> watches = watch();
    try {
      progress.accept("Creating " + io.failwise.model.Format.plural(regions, "region") + ", " + io.failwise.model.Format.plural(n, "cluster") + " and " + io.failwise.model.Format.plural(m, "run") + "...");
      long t0 = System.nanoTime();
      create(n, m, regions);
      awaitAllStatus(n, m, regions);
      double toAllStatus = (System.nanoTime() - t0) / 1e9;
      progress.accept(String.format(Locale.ROOT, "Every object has status after %.1f s; waiting for the runs to settle...", toAllStatus));
      awaitRunsSettled(m);
      double toSettled = (System.nanoTime() - t0) / 1e9;
      progress.accept(String.format(Locale.ROOT, "Every run ended or waits for a person after %.1f s; steady state for %d s...", toSettled, steadySeconds));
      long heap = heapAfterGcMiB();
      long c0 = clusterWrites.get() + regionWrites.get();
      long r0 = runWrites.get();
      long cpuIdle0 = cpuNanos();
      long idle0 = System.nanoTime();
      Thread.sleep(steadySeconds * 1000L);
      double idleSeconds = (System.nanoTime() - idle0) / 1e9;
      double idleCpu = (cpuNanos() - cpuIdle0) / 1e9 / idleSeconds * 100;
      long writes = Math.round((clusterWrites.get() + regionWrites.get() - c0) * 60 / idleSeconds);
      long runW = Math.round((runWrites.get() - r0) * 60 / idleSeconds);
      heap = Math.max(heap, heapAfterGcMiB());
      progress.accept("Moving " + io.failwise.model.Format.plural(outages, "cluster") + " into an Outage, one at a time...");
      List<Long> lags = outages(n, outages);
      return new Result(
          n, regions, m, toAllStatus, toSettled, heap, idleCpu, writes, runW, lags, List.copyOf(errors),
          (System.nanoTime() - wall0) / 1e9, (cpuNanos() - cpu0) / 1e9);
    } finally {
      watches.forEach(Watch::close);
    }
  }

  private void create(int n, int m, int regions) throws Exception {
    for (int r = 0; r < regions; r++) {
      Region region = new Region();
      region.setMetadata(new ObjectMetaBuilder().withName(regionName(r)).build());
      region.setSpec(new RegionSpec());
      region.getSpec().provider = "azure";
      region.getSpec().displayName = "Scale region " + r;
      client.resource(region).create();
    }
    var routing = new ConfigMapBuilder().withNewMetadata().withName("device-routing").withNamespace(NS).endMetadata();
    for (int i = 0; i < n; i++) {
      routing.addToData(clusterName(i) + ".target", clusterName(i));
    }
    if (client.configMaps().inNamespace(NS).withName("device-routing").get() == null) {
      client.resource(routing.build()).create();
    }
    for (String file : PLAYBOOKS) {
      try (var in = Files.newInputStream(playbooks.resolve(file))) {
        for (HasMetadata p : client.load(in).items()) {
          p.getMetadata().setNamespace(NS);
          client.resource(p).create();
        }
      }
    }
    for (int i = 0; i < n; i++) {
      client.resource(cluster(i, n, regions)).create();
    }
    for (int j = 0; j < m; j++) {
      FailoverRun run = new FailoverRun();
      run.setMetadata(new ObjectMetaBuilder().withName("scale-run-" + j).withNamespace(NS).build());
      run.setSpec(new FailoverRunSpec());
      boolean drill = j % 2 == 1;
      run.getSpec().mode = drill ? FailoverRunSpec.Mode.Drill : FailoverRunSpec.Mode.Plan;
      run.getSpec().playbook = drill ? "quarterly-drill" : "regional-failover";
      run.getSpec().source = clusterName(j);
      run.getSpec().reason = "bench scale";
      run.getSpec().requestedBy = "bench";
      if (drill) {
        run.getSpec().drill = new FailoverRunSpec.Drill();
      }
      client.resource(run).create();
    }
  }

  /**
   * A Region for each hundred Clusters, and never fewer than two: with one, every failover target was in its
   * source's own region, every run was refused at once, and "runs settled" measured nothing of runs.
   */
  static int regions(int clusters) {
    return Math.max(2, clusters / 100);
  }

  /** Cluster {@code i}'s failover target: the next cluster in another region (cluster i is in region i mod regions). */
  static int targetOf(int i, int n, int regions) {
    int j = (i + 1) % n;
    while (j != i && j % regions == i % regions) {
      j = (j + 1) % n;
    }
    return j;
  }

  private static Cluster cluster(int i, int n, int regions) {
    Cluster c = new Cluster();
    c.setMetadata(new ObjectMetaBuilder().withName(clusterName(i)).withNamespace(NS).addToLabels("fleet", "scale").build());
    ClusterSpec s = new ClusterSpec();
    s.region = regionName(i % regions);
    s.capacity = new ClusterSpec.Capacity();
    s.capacity.devices = EXPECTED * 4;
    s.admission = new ClusterSpec.Admission();
    s.admission.devicesPerSecond = 500.0;
    s.failover = new FailoverSpec();
    FailoverSpec.Target target = new FailoverSpec.Target();
    target.cluster = clusterName(targetOf(i, n, regions));
    target.priority = 0;
    s.failover.targets = new ArrayList<>(List.of(target));
    s.failover.cutoverSeconds = 600L;
    s.signals = new SignalsSpec();
    s.signals.staticSignal = new SignalsSpec.StaticSignal();
    s.signals.staticSignal.expected = EXPECTED;
    s.signals.staticSignal.connected = EXPECTED - 10;
    c.setSpec(s);
    return c;
  }

  /** Waits on what the watches saw (no LIST: a poll of the whole fleet would be load the bench adds itself). */
  private void awaitAllStatus(int n, int m, int regions) throws InterruptedException {
    long deadline = System.currentTimeMillis() + STATUS_TIMEOUT_MS;
    while (clustersWithStatus.size() < n || regionsWithStatus.size() < regions || runPhases.size() < m) {
      if (System.currentTimeMillis() > deadline) {
        errors.add("after " + STATUS_TIMEOUT_MS / 60_000 + " min only " + clustersWithStatus.size() + " of " + n + " clusters, "
            + regionsWithStatus.size() + " of " + regions + " regions and " + runPhases.size() + " of " + m + " runs had status");
        return;
      }
      Thread.sleep(200);
    }
  }

  /**
   * The steady state starts once no run has work left: each has ended or waits for a person. A drill
   * still moving devices is not idle, and measuring through it would blame the controller for it.
   */
  private void awaitRunsSettled(int m) throws InterruptedException {
    long deadline = System.currentTimeMillis() + STATUS_TIMEOUT_MS;
    while (unsettled() > 0) {
      if (System.currentTimeMillis() > deadline) {
        errors.add("after " + STATUS_TIMEOUT_MS / 60_000 + " min " + unsettled() + " of " + m + " runs were still working");
        return;
      }
      Thread.sleep(200);
    }
  }

  private long unsettled() {
    return runPhases.values().stream()
        .filter(p -> !RunPhase.parse(p).map(x -> x.isTerminal() || x == RunPhase.AWAITING_APPROVAL).orElse(false))
        .count();
  }

  private List<Long> outages(int n, int count) throws InterruptedException {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    Collections.shuffle(order, random);
    List<Long> lags = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      String name = clusterName(order.get(k));
      CompletableFuture<Long> shown = new CompletableFuture<>();
      awaitingOutage.put(name, shown);
      long t0 = System.nanoTime();
      try {
        client.resources(Cluster.class).inNamespace(NS).withName(name)
            .edit(c -> {
              c.getSpec().signals.staticSignal.connected = EXPECTED / 2;
              return c;
            });
        long at = shown.get(LAG_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        lags.add(TimeUnit.NANOSECONDS.toMillis(at - t0));
      } catch (java.util.concurrent.TimeoutException e) {
        errors.add(name + ": status did not show the Outage within " + LAG_TIMEOUT_MS / 1000 + " s");
      } catch (Exception e) {
        errors.add(name + ": " + CommandLineSetup.describe(e));
      } finally {
        awaitingOutage.remove(name);
      }
    }
    return lags;
  }

  private List<Watch> watch() {
    List<Watch> watches = new ArrayList<>();
    watches.add(client.resources(Cluster.class).inNamespace(NS).watch(new Counting<>(clusterWrites, c -> {
      if (c.getMetadata().getName().startsWith("scale-c") && c.getStatus() != null && c.getStatus().health != null) {
        clustersWithStatus.put(c.getMetadata().getName(), true);
      }
      if (c.getStatus() != null && "Outage".equals(c.getStatus().health)) {
        CompletableFuture<Long> f = awaitingOutage.get(c.getMetadata().getName());
        if (f != null) {
          f.complete(System.nanoTime());
        }
      }
    })));
    watches.add(client.resources(Region.class).watch(new Counting<>(regionWrites, r -> {
      if (r.getMetadata().getName().startsWith("scale-r") && r.getStatus() != null && r.getStatus().health != null) {
        regionsWithStatus.put(r.getMetadata().getName(), true);
      }
    })));
    watches.add(client.resources(FailoverRun.class).inNamespace(NS).watch(new Counting<>(runWrites, r -> {
      if (r.getStatus() != null && r.getStatus().phase != null) {
        runPhases.put(r.getMetadata().getName(), r.getStatus().phase);
      }
    })));
    return watches;
  }

  /** Counts MODIFIED events (every write after the create) and hands each object on. */
  private final class Counting<T> implements Watcher<T> {
    private final AtomicLong count;
    private final Consumer<T> then;

    Counting(AtomicLong count, Consumer<T> then) {
      this.count = count;
      this.then = then;
    }

    @Override
    public void eventReceived(Action action, T resource) {
      if (action == Action.MODIFIED) {
        count.incrementAndGet();
      }
      then.accept(resource);
    }

    @Override
    public void onClose(WatcherException cause) {
      errors.add("a watch of the bench closed: " + cause.getMessage());
    }
  }

  private static long heapAfterGcMiB() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
  }

  private static long cpuNanos() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
  }

  static String clusterName(int i) {
    return "scale-c" + i;
  }

  static String regionName(int r) {
    return "scale-r" + r;
  }
}
