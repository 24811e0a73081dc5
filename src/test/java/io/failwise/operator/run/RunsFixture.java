package io.failwise.operator.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.failwise.api.Cluster;
import io.failwise.api.FailoverPlaybook;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunSpec;
import io.failwise.cli.files.ResourceFiles;
import io.failwise.cli.files.SourcedDocument;
import io.failwise.embedded.EmbeddedApiServer;
import io.failwise.execution.KubernetesObjects;
import io.failwise.execution.PatchAction;
import io.failwise.execution.StepActions;
import io.failwise.execution.WebhookAction;
import io.failwise.execution.WebhookServer;
import io.failwise.model.estimate.FailoverEstimator;
import io.failwise.operator.FailwiseConfig;
import io.failwise.signals.ClusterSignals;
import io.javaoperatorsdk.operator.Operator;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The world of the run integration tests on the Quarkus test API server: the sample clusters, the
 * routing ConfigMap, the targets' gateway Deployments and the repository's playbooks (their webhooks
 * pointed at a provisioning API on 127.0.0.1); a clock the test moves when the run only waits for
 * time; devices that follow the routing; controllers started and stopped like processes.
 */
final class RunsFixture implements AutoCloseable {
  static final String NS = "failwise";
  static final String ROUTING = "device-routing";
  private static final ObjectMapper JSON = new ObjectMapper();

  final KubernetesClient client;
  final WebhookServer provisioning = new WebhookServer();
  final TestClock clock = new TestClock();
  final List<Map<String, String>> routingHistory = Collections.synchronizedList(new ArrayList<>());
  final List<Integer> gatewayReplicaHistory = Collections.synchronizedList(new ArrayList<>());
  /** Devices lost at a cluster whatever the routing: a test's way of hurting a target. */
  final Map<String, Long> lost = new HashMap<>();
  private final Map<String, long[]> base = new HashMap<>();
  private final Map<String, Long> simulated = new HashMap<>();
  private final List<Watch> watches = new ArrayList<>();
  private final ClusterSignals signals;
  private final HaltSwitch halt;
  private final FailoverEstimator estimator;
  private final FailwiseConfig config;

  RunsFixture(KubernetesClient client, ClusterSignals signals, HaltSwitch halt, FailoverEstimator estimator, FailwiseConfig config) {
    this.client = client;
    this.signals = signals;
    this.halt = halt;
    this.estimator = estimator;
    this.config = config;
  }

  /** Everything back to the samples, and watches on what the runs change. */
  void reset() throws Exception {
    if (client.namespaces().withName(NS).get() == null) {
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
    }
    for (String crd : EmbeddedApiServer.CRD_FILES) {
      try (InputStream in = getClass().getClassLoader().getResourceAsStream(EmbeddedApiServer.CRD_RESOURCE_DIR + crd)) {
        client.load(in).items().forEach(i -> client.resource(i).createOr(existing -> existing.update()));
      }
    }
    client.resources(FailoverRun.class).inNamespace(NS).delete();
    client.resources(FailoverPlaybook.class).inNamespace(NS).delete();
    client.resources(Cluster.class).inNamespace(NS).delete();
    client.configMaps().inNamespace(NS).delete();
    client.configMaps().inNamespace(config.runs().controlNamespace()).withLabel("app.kubernetes.io/managed-by", "failwise").delete();
    client.apps().deployments().inNamespace(NS).delete();
    for (Path file : List.of(Path.of("manifests/samples/regions.yaml"), Path.of("manifests/samples/clusters.yaml"), Path.of("manifests/samples/routing.yaml"))) {
      try (InputStream in = Files.newInputStream(file)) {
        for (HasMetadata item : client.load(in).items()) {
          client.resource(item).createOr(existing -> existing.update());
        }
      }
    }
    for (Cluster c : client.resources(Cluster.class).inNamespace(NS).list().getItems()) {
      var st = c.getSpec().signals.staticSignal;
      base.put(c.getMetadata().getName(), new long[] {st.expected, st.connected});
    }
    for (String target : List.of("go-eu-north-1", "go-eu-north-2")) {
      Deployment d = new DeploymentBuilder().withNewMetadata().withName(target + "-gateway").withNamespace(NS).endMetadata()
          .withNewSpec().withReplicas(2).endSpec().withNewStatus().withReadyReplicas(2).withReplicas(2).endStatus().build();
      client.apps().deployments().inNamespace(NS).resource(d).create();
    }
    for (SourcedDocument d : ResourceFiles.read(List.of(Path.of("playbooks")))) {
      if (d.kind().equals("FailoverPlaybook")) {
        FailoverPlaybook p = ResourceFiles.convert(d, FailoverPlaybook.class);
        String yaml = io.fabric8.kubernetes.client.utils.Serialization.asYaml(p)
            .replace("https://device-provisioning.failwise.svc", provisioning.url());
        client.resource(io.fabric8.kubernetes.client.utils.Serialization.unmarshal(yaml, FailoverPlaybook.class)).create();
      }
    }
    provisioning.clear();
    provisioning.answer(r -> 200);
    lost.clear();
    simulated.clear();
    routingHistory.clear();
    gatewayReplicaHistory.clear();
    watches.forEach(Watch::close);
    watches.clear();
    watches.add(client.configMaps().inNamespace(NS).withName(ROUTING).watch(new Recorder<>(cm -> routingHistory.add(new HashMap<>(cm.getData())))));
    Integer[] last = {2};
    watches.add(client.apps().deployments().inNamespace(NS).withName("go-eu-north-1-gateway").watch(new Recorder<>(d -> {
      Integer replicas = d.getSpec().getReplicas();
      if (!replicas.equals(last[0])) {
        last[0] = replicas;
        gatewayReplicaHistory.add(replicas);
      }
    })));
  }

  Map<String, String> routing() {
    return new HashMap<>(client.configMaps().inNamespace(NS).withName(ROUTING).get().getData());
  }

  ConfigMap routingObject() {
    return client.configMaps().inNamespace(NS).withName(ROUTING).get();
  }

  FailoverRun create(String name, String playbook, String source, FailoverRunSpec.Mode mode, FailoverRunSpec.Drill drill) {
    FailoverRun run = new FailoverRun();
    run.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name).withNamespace(NS).build());
    FailoverRunSpec spec = new FailoverRunSpec();
    spec.playbook = playbook;
    spec.source = source;
    spec.mode = mode;
    spec.drill = drill;
    run.setSpec(spec);
    return client.resource(run).create();
  }

  FailoverRun run(String name) {
    return client.resources(FailoverRun.class).inNamespace(NS).withName(name).get();
  }

  void setConnected(String cluster, long connected) {
    if (base.get(cluster)[1] == connected) {
      return;
    }
    base.get(cluster)[1] = connected;
    simulated.remove(cluster);
    simulate();
  }

  /** How many times a controller has read each run to decide on it (every reconcile reads it first). */
  private final Map<String, java.util.concurrent.atomic.AtomicLong> looks = new java.util.concurrent.ConcurrentHashMap<>();

  /** The controllers' looks at run {@code name} so far: a positive marker that they decided again. */
  long looks(String name) {
    return looks.computeIfAbsent(name, n -> new java.util.concurrent.atomic.AtomicLong()).get();
  }

  /** Counts reads of runs, so a test can wait until a controller looked again instead of sleeping. */
  private final class LookCountingStore implements RunStore {
    private final RunStore store;

    LookCountingStore(RunStore store) {
      this.store = store;
    }

    @Override
    public java.util.Optional<FailoverRun> get(String namespace, String name) {
      java.util.Optional<FailoverRun> run = store.get(namespace, name);
      looks.computeIfAbsent(name, n -> new java.util.concurrent.atomic.AtomicLong()).incrementAndGet();
      return run;
    }

    @Override
    public FailoverRun writeStatus(FailoverRun run, io.failwise.api.FailoverRunStatus status) {
      return store.writeStatus(run, status);
    }
  }

  /** The run worlds of the controllers started, whose caches' watches close with the fixture. */
  private final List<KubernetesRunWorld> worlds = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** A controller process: a new operator and runner over the same API server. */
  Operator startController(RunListener listener, io.javaoperatorsdk.operator.api.reconciler.Reconciler<?>... more) {
    var objects = new KubernetesObjects(client);
    var ledger = new ConfigMapSourceLedger(client, config);
    var world = new KubernetesRunWorld(client, signals, halt, ledger, objects, estimator, clock, config);
    worlds.add(world);
    var actions = new StepActions(List.of(new PatchAction(objects, io.failwise.model.security.ObjectAllowList.parse(config.allow().objects().orElse(List.of()))), new WebhookAction(Duration.ofMillis(10), Duration.ofSeconds(30), TestAllowLists.webhooks(provisioning.url() + "/"), TestAllowLists.NO_SECRETS)));
    var runner = new RunRunner(new LookCountingStore(new KubernetesRunStore(client)), world, ledger, new RunEffects(actions), listener, 3);
    Operator operator =
        new Operator(o -> o.withKubernetesClient(client).withCloseClientOnStop(false).withUseSSAToPatchPrimaryResource(false)
            .withReconciliationTerminationTimeout(Duration.ofSeconds(10)));
    operator.register(new FailoverRunReconciler(runner, Duration.ofMillis(200)));
    for (var reconciler : more) {
      operator.register(reconciler);
    }
    operator.start();
    return operator;
  }

  /**
   * Lets the run go on until {@code until} holds (or it ends): {@code person} acts on each look (and
   * says whether it did something); once the controller has looked at the run three times since
   * anything last changed (it decided, more than once, that there is nothing to do now), the clock
   * jumps to when the run next has something to do. The step is explicit: no wall-clock idle time.
   */
  FailoverRun drive(String name, Predicate<FailoverRun> person, Predicate<FailoverRun> until) throws InterruptedException {
    String lastVersion = "";
    int jumps = 0;
    int busy = 0;
    long looksAtChange = looks(name);
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      FailoverRun run = run(name);
      if (run.getStatus() != null && until.test(run)) {
        return run;
      }
      boolean acted = run.getStatus() != null && person.test(run);
      boolean moved = simulate();
      String version = run.getMetadata().getResourceVersion();
      if (acted || moved || !version.equals(lastVersion)) {
        lastVersion = version;
        looksAtChange = looks(name);
        busy++;
      } else if (looks(name) >= looksAtChange + 3 && version.equals(run(name).getMetadata().getResourceVersion())) {
        clock.advance(nextDue(run));
        looksAtChange = looks(name);
        jumps++;
      }
      Thread.sleep(40);
    }
    var s = run(name).getStatus();
    throw new AssertionError("run " + name + " did not get there in time (" + jumps + " clock jumps, " + busy + " busy looks, clock "
        + clock.instant() + "): " + s.phase + ", " + s.message + "\n" + io.fabric8.kubernetes.client.utils.Serialization.asYaml(s.steps)
        + "pending: " + io.fabric8.kubernetes.client.utils.Serialization.asYaml(s.pendingEffect));
  }

  FailoverRun driveToEnd(String name, Predicate<FailoverRun> person) throws InterruptedException {
    return drive(name, person, r -> r.getStatus().phase != null && RunStatuses.phase(r).isTerminal());
  }

  /** How far to move the clock so that the run's next timed thing is due. */
  Duration nextDue(FailoverRun run) {
    var s = run.getStatus();
    Instant now = clock.instant();
    Instant due = null;
    if (s != null && s.steps != null && s.plan != null) {
      for (int i = 0; i < Math.min(s.steps.size(), s.plan.steps.size()); i++) {
        var st = s.steps.get(i);
        var p = s.plan.steps.get(i);
        if (!RunStatuses.RUNNING.equals(st.state)) {
          continue;
        }
        if (p.spec.wait != null || p.spec.verify != null) {
          due = Instant.parse(st.startedAt).plusSeconds(p.spec.wait != null ? p.spec.wait.durationSeconds : p.spec.verify.durationSeconds);
        } else if (p.waves != null && !st.wavesAppliedAt.isEmpty()) {
          int applied = st.wavesAppliedAt.size();
          due = Instant.parse(st.wavesAppliedAt.get(applied - 1)).plusSeconds(p.waves.get(applied - 1).durationSeconds);
        }
      }
    }
    Duration d = due == null ? Duration.ofSeconds(30) : Duration.between(now, due).plusSeconds(1);
    return d.isNegative() || d.isZero() ? Duration.ofSeconds(1) : d;
  }

  /**
   * Devices follow the routing (and the provisioning API): each target's counts grow by the devices
   * moved to it, less those the test says are lost; gateways become ready like a kubelet would make
   * them. True when it changed something.
   */
  boolean simulate() {
    boolean changed = false;
    for (String target : List.of("go-eu-north-1", "go-eu-north-2")) {
      long arrived = arrivals(target);
      long connected = base.get(target)[1] + arrived - lost.getOrDefault(target, 0L);
      if (!Long.valueOf(connected).equals(simulated.get(target)) || !simulated.containsKey(target + "/expected")
          || simulated.get(target + "/expected") != base.get(target)[0] + arrived) {
        long expected = base.get(target)[0] + arrived;
        client.resources(Cluster.class).inNamespace(NS).withName(target).edit(c -> {
          c.getSpec().signals.staticSignal.expected = expected;
          c.getSpec().signals.staticSignal.connected = Math.max(0, Math.min(expected, connected));
          return c;
        });
        simulated.put(target, connected);
        simulated.put(target + "/expected", expected);
        changed = true;
      }
    }
    for (String source : List.of("go-eu-west-1", "go-eu-west-2")) {
      long connected = base.get(source)[1];
      if (!Long.valueOf(connected).equals(simulated.get(source))) {
        client.resources(Cluster.class).inNamespace(NS).withName(source).edit(c -> {
          c.getSpec().signals.staticSignal.connected = connected;
          return c;
        });
        simulated.put(source, connected);
        changed = true;
      }
    }
    for (Deployment d : client.apps().deployments().inNamespace(NS).list().getItems()) {
      Integer want = d.getSpec().getReplicas();
      if (d.getStatus() == null || !want.equals(d.getStatus().getReadyReplicas())) {
        d.getStatus().setReadyReplicas(want);
        d.getStatus().setReplicas(want);
        client.apps().deployments().inNamespace(NS).resource(d).updateStatus();
        changed = true;
      }
    }
    return changed;
  }

  private long arrivals(String cluster) {
    long moved = 0;
    Map<String, String> data = routing();
    for (String source : List.of("go-eu-west-1", "go-eu-west-2")) {
      if (cluster.equals(data.get(source + ".target")) && data.containsKey(source + ".percent")) {
        moved += base.get(source)[0] * Long.parseLong(data.get(source + ".percent")) / 100;
      }
    }
    long provisioned = 0;
    for (WebhookServer.Request r : provisioning.effects()) {
      JsonNode body;
      try {
        body = JSON.readTree(r.body());
      } catch (Exception e) {
        continue;
      }
      if (!cluster.equals(body.path("to").asText()) && !cluster.equals(body.path("from").asText())) {
        continue;
      }
      if (body.path("select").asText().equals("offline")) {
        provisioned += body.path("devices").asLong();
      } else if (body.has("percent")) {
        provisioned = provisioned * (100 - body.path("percent").asLong()) / 100;
      } else {
        provisioned = 0;
      }
    }
    return moved + provisioned;
  }

  @Override
  public void close() {
    worlds.forEach(KubernetesRunWorld::close);
    watches.forEach(Watch::close);
    provisioning.close();
  }

  /** Calls back on every change of a watched object. */
  private static final class Recorder<T> implements Watcher<T> {
    private final java.util.function.Consumer<T> onChange;

    Recorder(java.util.function.Consumer<T> onChange) {
      this.onChange = onChange;
    }

    @Override
    public void eventReceived(Action action, T resource) {
      if (action == Action.MODIFIED) {
        onChange.accept(resource);
      }
    }

    @Override
    public void onClose(WatcherException cause) {}
  }

  /** Real time plus whatever the test has skipped ahead. */
  static final class TestClock extends Clock {
    private volatile Duration offset = Duration.ZERO;

    void advance(Duration d) {
      offset = offset.plus(d);
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
