package io.failwise.operator.run;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.failwise.api.Cluster;
import io.failwise.api.FailoverPlaybook;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunSpec;
import io.failwise.embedded.EmbeddedApiServer;
import io.failwise.execution.KubernetesObjects;
import io.failwise.execution.PatchAction;
import io.failwise.execution.StepActions;
import io.failwise.execution.WebhookAction;
import io.failwise.execution.WebhookServer;
import io.failwise.model.estimate.FailoverEstimator;
import io.failwise.operator.FailwiseConfig;
import io.failwise.signals.ClusterSignals;
import io.failwise.testing.ApiWorld;
import io.javaoperatorsdk.operator.Operator;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
 * time; devices that follow the routing ({@link RoutedDevices}); controllers started and stopped like
 * processes.
 *
 * <p>A run IT gets it from {@link RunsOnTestServer}, which calls {@link #reset()} before each test and
 * {@link #close()} after it: close stops every controller the test started.
 */
@Dependent
final class RunsFixture implements AutoCloseable {
  static final String NS = "failwise";
  static final String ROUTING = "device-routing";

  final KubernetesClient client;
  final WebhookServer provisioning = new WebhookServer();
  final TestClock clock = new TestClock();
  /**
   * What the watches of the routing ConfigMap and go-eu-north-1-gateway saw since {@link #reset()}: new
   * each reset, so that an event a closed watch of the test before delivers late lands in its own.
   */
  private volatile Seen seen = new Seen();
  final RoutedDevices devices;
  /** Devices lost at a cluster whatever the routing: a test's way of hurting a target. */
  final Map<String, Long> lost;
  private final List<Watch> watches = new ArrayList<>();
  /** The routing ConfigMap's data after {@link #reset()}: what a finished drill or a rollback must leave. */
  Map<String, String> routingAtStart;
  /** The same data as YAML, to compare byte for byte. */
  String routingYamlAtStart;
  private final ClusterSignals signals;
  private final HaltSwitch halt;
  private final FailoverEstimator estimator;
  private final FailwiseConfig config;
  private final ApprovalRequests approvals;
  private final List<Operator> controllers = new java.util.concurrent.CopyOnWriteArrayList<>();

  @Inject
  RunsFixture(KubernetesClient client, ClusterSignals signals, HaltSwitch halt, FailoverEstimator estimator, FailwiseConfig config,
      ApprovalRequests approvals) {
    this.client = client;
    this.signals = signals;
    this.halt = halt;
    this.estimator = estimator;
    this.config = config;
    this.approvals = approvals;
    this.devices = new RoutedDevices(client, NS, ROUTING, provisioning);
    this.lost = devices.lost;
  }

  /** Everything back to the samples, the halt lifted, and watches on what the runs change. */
  void reset() throws Exception {
    ApiWorld api = ApiWorld.on(client).namespace(NS);
    for (String crd : EmbeddedApiServer.CRD_FILES) {
      try (InputStream in = getClass().getClassLoader().getResourceAsStream(EmbeddedApiServer.CRD_RESOURCE_DIR + crd)) {
        client.load(in).items().forEach(i -> client.resource(i).createOr(existing -> existing.update()));
      }
    }
    // The last test's runs may carry the controller's finalizer and no controller runs now to take it off.
    var runs = client.genericKubernetesResources("failwise.io/v1alpha1", "FailoverRun").inNamespace(NS);
    runs.list().getItems().stream().filter(r -> !r.getMetadata().getFinalizers().isEmpty())
        .forEach(r -> runs.withName(r.getMetadata().getName()).edit(x -> {
          x.getMetadata().setFinalizers(List.of());
          return x;
        }));
    runs.delete();
    client.resources(FailoverPlaybook.class).inNamespace(NS).delete();
    client.resources(Cluster.class).inNamespace(NS).delete();
    client.configMaps().inNamespace(NS).delete();
    client.configMaps().inNamespace(config.runs().controlNamespace()).withLabel("app.kubernetes.io/managed-by", "failwise").delete();
    client.apps().deployments().inNamespace(NS).delete();
    api.files(Path.of("manifests/samples/regions.yaml"), Path.of("manifests/samples/clusters.yaml"), Path.of("manifests/samples/routing.yaml"));
    devices.reset();
    for (String target : List.of("go-eu-north-1", "go-eu-north-2")) {
      Deployment d = new DeploymentBuilder().withNewMetadata().withName(target + "-gateway").withNamespace(NS).endMetadata()
          .withNewSpec().withReplicas(2).endSpec().withNewStatus().withReadyReplicas(2).withReplicas(2).endStatus().build();
      client.apps().deployments().inNamespace(NS).resource(d).create();
    }
    api.playbooks(Path.of("playbooks"), yaml -> yaml.replace("https://device-provisioning.failwise.svc", provisioning.url()));
    provisioning.clear();
    provisioning.answer(r -> 200);
    watches.forEach(Watch::close);
    watches.clear();
    Seen now = new Seen();
    var routingObject = client.configMaps().inNamespace(NS).withName(ROUTING);
    var gateway = client.apps().deployments().inNamespace(NS).withName("go-eu-north-1-gateway");
    watches.add(routingObject.watch(new WatchRecorder<ConfigMap>(cm -> now.routing.add(new HashMap<>(cm.getData())), now.routingVersion::set)));
    Integer[] last = {2};
    watches.add(gateway.watch(new WatchRecorder<Deployment>(d -> {
      Integer replicas = d.getSpec().getReplicas();
      if (!replicas.equals(last[0])) {
        last[0] = replicas;
        now.gateway.add(replicas);
      }
    }, now.gatewayVersion::set)));
    // Nothing writes either object between the watches opening and this read.
    now.routingVersion.set(routingObject.get().getMetadata().getResourceVersion());
    now.gatewayVersion.set(gateway.get().getMetadata().getResourceVersion());
    seen = now;
    halt.resume();
    routingAtStart = routing();
    routingYamlAtStart = io.fabric8.kubernetes.client.utils.Serialization.asYaml(routingObject().getData());
  }

  /** A copy of the playbook {@code from} on the API server under {@code name}, edited: a test's variant of a repository playbook. */
  void playbook(String name, String from, java.util.function.Consumer<FailoverPlaybook> edit) {
    ApiWorld.on(client).copy(client.resources(FailoverPlaybook.class).inNamespace(NS).withName(from).get(), name, edit);
  }

  /** Approves as people do: a FailoverApproval object (asking again while the run has not recorded it finds the same one). */
  Predicate<FailoverRun> approveAs(String who) {
    return run -> {
      if (RunStatuses.phase(run) == io.failwise.model.run.RunPhase.AWAITING_APPROVAL) {
        approvals.ask(NS, run.getMetadata().getName(), who, List.of(), null, null);
        return true;
      }
      return false;
    };
  }

  /** Heals the source once the failback waits for it. */
  Predicate<FailoverRun> healSourceForFailback(String source, long connected) {
    return run -> {
      if ("WaitingForSource".equals(run.getStatus().reason) && source.equals(run.getSpec().source)) {
        setConnected(source, connected);
        return true;
      }
      return false;
    };
  }

  /** The percent of {@code source} each routing write left, in order ("home": none moved). */
  List<String> percents(String source) {
    return routingWrites().stream().map(d -> d.getOrDefault(source + ".percent", "home")).toList();
  }

  /**
   * Every write of the routing ConfigMap so far, once the watch has delivered the last one: its event
   * may come after the run's status that followed the write (another connection).
   */
  List<Map<String, String>> routingWrites() {
    return List.copyOf(caughtUp().routing);
  }

  /** go-eu-north-1-gateway's replicas at each change so far, once the watch has delivered the last one. */
  List<Integer> gatewayReplicas() {
    return List.copyOf(caughtUp().gateway);
  }

  /** Forgets the routing writes so far (once the watch has delivered them all): the next run's start empty. */
  void clearRoutingWrites() {
    caughtUp().routing.clear();
  }

  /** Once each watch has delivered the event of its object's current resourceVersion: a positive marker, no sleep. */
  private Seen caughtUp() {
    Seen s = seen;
    org.awaitility.Awaitility.await("the routing and gateway watches deliver the latest writes")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> routingObject().getMetadata().getResourceVersion().equals(s.routingVersion.get())
            && client.apps().deployments().inNamespace(NS).withName("go-eu-north-1-gateway").get().getMetadata().getResourceVersion()
                .equals(s.gatewayVersion.get()));
    return s;
  }

  /** The histories one reset's watches record, and the resourceVersion of the last event each delivered. */
  private static final class Seen {
    final List<Map<String, String>> routing = Collections.synchronizedList(new ArrayList<>());
    final List<Integer> gateway = Collections.synchronizedList(new ArrayList<>());
    final java.util.concurrent.atomic.AtomicReference<String> routingVersion = new java.util.concurrent.atomic.AtomicReference<>();
    final java.util.concurrent.atomic.AtomicReference<String> gatewayVersion = new java.util.concurrent.atomic.AtomicReference<>();
  }

  /** The provisioning calls of a run, with its uid shortened to "uid". */
  List<String> keys(FailoverRun run) {
    String uid = run.getMetadata().getUid();
    return provisioning.effects().stream()
        .map(WebhookServer.Request::idempotencyKey)
        .filter(k -> k.startsWith(uid + "/"))
        .map(k -> "uid" + k.substring(uid.length()))
        .toList();
  }

  Map<String, String> routing() {
    return new HashMap<>(client.configMaps().inNamespace(NS).withName(ROUTING).get().getData());
  }

  ConfigMap routingObject() {
    return client.configMaps().inNamespace(NS).withName(ROUTING).get();
  }

  FailoverRun create(String name, String playbook, String source, FailoverRunSpec.Mode mode, FailoverRunSpec.Drill drill) {
    return create(name, playbook, source, mode, drill, spec -> {});
  }

  /**
   * A run whose spec {@code more} completes before it is created: a running controller writes every run it
   * sees at once (its finalizer), so an edit after the create could meet a conflict, or a run already admitted.
   */
  FailoverRun create(String name, String playbook, String source, FailoverRunSpec.Mode mode, FailoverRunSpec.Drill drill,
      java.util.function.Consumer<FailoverRunSpec> more) {
    FailoverRun run = new FailoverRun();
    run.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name).withNamespace(NS).build());
    FailoverRunSpec spec = new FailoverRunSpec();
    spec.playbook = playbook;
    spec.source = source;
    spec.mode = mode;
    spec.drill = drill;
    more.accept(spec);
    run.setSpec(spec);
    return client.resource(run).create();
  }

  FailoverRun run(String name) {
    return client.resources(FailoverRun.class).inNamespace(NS).withName(name).get();
  }

  /** A cluster's connected devices from now on, written to its static signal at once. */
  void setConnected(String cluster, long connected) {
    devices.setConnected(cluster, connected);
  }

  /**
   * Waits until the Cluster cache of every controller the fixture started holds {@code connected} for
   * the cluster: a run reads a cluster's signals from that cache, so one created before the watch
   * delivered the edit would plan on the old counts (seen once in a fresh-clone CI: RunModesIT planned
   * 390 offline devices, not 20,000).
   */
  void awaitObserved(String cluster, long connected) {
    org.awaitility.Awaitility.await("the controllers' caches show " + connected + " connected at " + cluster)
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> !worlds.isEmpty() && worlds.stream().allMatch(w -> w.cluster(NS, cluster)
            .map(c -> Long.valueOf(connected).equals(c.getSpec().signals.staticSignal.connected))
            .orElse(false)));
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
    controllers.add(operator);
    return operator;
  }

  /** Stops a controller as a killed process stops: what it had not written is lost. */
  void stop(Operator controller) {
    controllers.remove(controller);
    controller.stop();
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
    if (due == null && s != null && "RollingBack".equals(s.phase) && s.plan != null && s.steps != null) {
      // A rollback waits for the devices it sent home before it scales back (RollbackHome).
      due = RollbackHome.of(s).map(RollbackHome.InFlight::homeBy).filter(now::isBefore).orElse(null);
    }
    Duration d = due == null ? Duration.ofSeconds(30) : Duration.between(now, due).plusSeconds(1);
    return d.isNegative() || d.isZero() ? Duration.ofSeconds(1) : d;
  }

  /** Devices follow the routing: see {@link RoutedDevices#simulate()}. True when it changed something. */
  boolean simulate() {
    return devices.simulate();
  }

  @Override
  public void close() {
    controllers.forEach(this::stop);
    worlds.forEach(KubernetesRunWorld::close);
    watches.forEach(Watch::close);
    provisioning.close();
  }
}
