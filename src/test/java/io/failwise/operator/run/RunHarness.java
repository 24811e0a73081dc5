package io.failwise.operator.run;

import io.failwise.operator.estimate.PastOutages;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.failwise.api.Cluster;
import io.failwise.api.FailoverPlaybook;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunStatus;
import io.failwise.api.FailoverRunSpec;
import io.failwise.api.RunEstimate;
import io.failwise.cli.files.ResourceFiles;
import io.failwise.cli.files.SourcedDocument;
import io.failwise.execution.ObjectRef;
import io.failwise.execution.PatchAction;
import io.failwise.execution.StepActions;
import io.failwise.execution.WebhookAction;
import io.failwise.execution.WebhookServer;
import io.failwise.model.DeviceObservation;
import io.failwise.model.HealthThresholds;
import io.failwise.model.run.DailyBudget;
import io.failwise.model.run.FreezeWindow;
import io.failwise.model.run.RunPhase;
import io.failwise.signals.SignalReading;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A whole world for running FailoverRuns without Kubernetes: the sample clusters and the repository's
 * playbooks, the routing ConfigMap in memory, a provisioning API on 127.0.0.1, a clock that jumps to
 * whenever the run wants to look again, and devices that follow the routing (so stop conditions see
 * them arrive). A crash of the controller is a new runner built on the same stores.
 */
final class RunHarness implements AutoCloseable {
  static final String NS = "failwise";
  static final ObjectRef ROUTING = new ObjectRef("v1", "ConfigMap", NS, "device-routing");
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Read once: every harness converts its own copies. */
  private static final List<SourcedDocument> SAMPLE_CLUSTERS = ResourceFiles.read(List.of(Path.of("manifests/samples/clusters.yaml")));
  private static final List<SourcedDocument> PLAYBOOK_FILES =
      ResourceFiles.read(List.of(Path.of("playbooks"))).stream().filter(d -> d.kind().equals("FailoverPlaybook")).toList();

  final MutableClock clock = new MutableClock(Instant.parse("2026-03-12T21:40:00Z"));
  /** failwise.runs.settle of the controllers it makes (0 unless a test sets it). */
  Duration settle = Duration.ZERO;
  /** How long a lost device takes to be counted offline, as the world tells the plan (0 unless a test sets it). */
  Duration lossShowsWithin = Duration.ZERO;
  final MemoryRunStore runs = new MemoryRunStore();
  final MemoryObjects objects = new MemoryObjects();
  final WebhookServer provisioning = new WebhookServer();
  final Map<String, Cluster> clusters = new LinkedHashMap<>();
  final Map<String, FailoverPlaybook> playbooks = new LinkedHashMap<>();
  final List<FreezeWindow> freezeWindows = new ArrayList<>();
  /** The FailoverApproval objects people created. */
  final List<io.failwise.api.FailoverApproval> approvals = new ArrayList<>();
  final MemoryLedger ledger;
  final DailyBudget budget;
  Optional<RunWorld.Halt> halt = Optional.empty();
  /** Share of moved devices that connect at the target (1: all of them). */
  double arrivingShare = 1.0;
  /** Clusters whose device counts are unknown. */
  final List<String> blind = new ArrayList<>();
  /** The Clusters whose signals were read, in order (a read may be a request to an observer). */
  final List<String> reads = java.util.Collections.synchronizedList(new ArrayList<>());
  final World world = new World();
  int restarts;
  /** The routing ConfigMap's data before any run: what a finished drill or a rollback must leave. */
  final JsonNode routingAtStart;

  RunHarness() {
    this(new DailyBudget(100, 100));
  }

  RunHarness(DailyBudget budget) {
    this.budget = budget;
    ledger = new MemoryLedger(budget, h -> holder(h).map(RunStatuses::holdsItsClusters).orElse(false),
        h -> holder(h).map(RunStatuses::awaitsResolve).orElse(false));
    for (SourcedDocument d : SAMPLE_CLUSTERS) {
      Cluster c = ResourceFiles.convert(d, Cluster.class);
      clusters.put(c.getMetadata().getName(), c);
    }
    for (SourcedDocument d : PLAYBOOK_FILES) {
      if (d.kind().equals("FailoverPlaybook")) {
        FailoverPlaybook p = ResourceFiles.convert(d, FailoverPlaybook.class);
        p.getMetadata().setGeneration(1L);
        retarget(p);
        playbooks.put(p.getMetadata().getName(), p);
      }
    }
    objects.put(ROUTING, json("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'device-routing','namespace':'failwise'},"
        + "'data':{'go-eu-west-1.target':'go-eu-west-1','go-eu-west-2.target':'go-eu-west-2'}}"));
    for (String target : List.of("go-eu-north-1", "go-eu-north-2")) {
      objects.put(gateway(target),
          json("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'" + target + "-gateway','namespace':'failwise'},"
              + "'spec':{'replicas':2}}"));
    }
    routingAtStart = routing().deepCopy();
  }

  /** The run a ledger entry names, if it is still the same run (not deleted, not replaced by one of its name). */
  private Optional<FailoverRun> holder(SourceLedger.Holder h) {
    return runs.get(NS, h.name()).filter(r -> h.uid().equals(r.getMetadata().getUid()));
  }

  /** The status of the step of that name (the run's steps, by the playbook's step names). */
  static FailoverRunStatus.StepStatus step(FailoverRunStatus s, String name) {
    return s.steps.stream().filter(st -> name.equals(st.name)).findFirst().orElseThrow();
  }

  /** The gateway Deployment of a target cluster, which the regional playbook scales before it shifts. */
  static ObjectRef gateway(String target) {
    return new ObjectRef("apps/v1", "Deployment", NS, target + "-gateway");
  }

  /** Each write of the routing ConfigMap, as the percent of {@code source} it left ("home": none moved). */
  List<String> routingHistory(String source) {
    return objects.history().stream()
        .filter(w -> w.ref().equals(ROUTING))
        .map(w -> w.after().path("data").path(source + ".percent").asText("home"))
        .toList();
  }

  /** The plan's precheck of that name. */
  static FailoverRunStatus.Check precheck(FailoverRunStatus s, String name) {
    return s.plan.prechecks.stream().filter(c -> c.name.equals(name)).findFirst().orElseThrow(() -> new AssertionError("no precheck " + name));
  }

  /** Each step of the run as "name=state". */
  static List<String> stepStates(FailoverRun run) {
    return run.getStatus().steps.stream().map(s -> s.name + "=" + s.state).toList();
  }

  /** The playbooks call the provisioning service; here it listens on 127.0.0.1. */
  private void retarget(FailoverPlaybook p) {
    String from = "https://device-provisioning.failwise.svc";
    for (var step : p.getSpec().steps) {
      var action = step.shift != null ? step.shift.action : step.failback != null ? step.failback.action : null;
      if (action != null && action.webhook != null) {
        action.webhook.url = action.webhook.url.replace(from, provisioning.url());
        if (action.webhook.undo != null) {
          action.webhook.undo.url = action.webhook.undo.url.replace(from, provisioning.url());
        }
      }
    }
  }

  /** A controller process: a new runner over the same stores, as after a restart. */
  RunRunner controller() {
    return controller(RunListener.NONE);
  }

  RunRunner controller(RunListener listener) {
    var actions = new StepActions(List.of(new PatchAction(objects, TestAllowLists.OBJECTS), new WebhookAction(Duration.ofMillis(1), Duration.ofSeconds(30), TestAllowLists.webhooks(provisioning.url() + "/"), TestAllowLists.NO_SECRETS)));
    return new RunRunner(runs, world, ledger, new RunEffects(actions), listener, 3, settle);
  }

  FailoverRun create(String name, String playbook, String source, FailoverRunSpec.Mode mode, Consumer<FailoverRunSpec> more) {
    FailoverRun run = new FailoverRun();
    run.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).withUid("uid-" + name).build());
    FailoverRunSpec spec = new FailoverRunSpec();
    spec.playbook = playbook;
    spec.source = source;
    spec.mode = mode;
    more.accept(spec);
    run.setSpec(spec);
    runs.create(run);
    return run;
  }

  FailoverRun run(String name) {
    return runs.get(NS, name).orElseThrow();
  }

  /**
   * Drives a run until it ends, as the controller and the people around it would: {@code person}
   * sees the run before each step of time and may approve, abort, halt or heal a cluster. A crash
   * of the controller starts a new one.
   */
  FailoverRun drive(String name, Consumer<FailoverRun> person) {
    RunRunner controller = controller();
    for (int i = 0; i < 10_000; i++) {
      Optional<Duration> next;
      try {
        next = controller.advance(NS, name);
      } catch (MemoryRunStore.Crash crash) {
        restarts++;
        controller = controller();
        continue;
      }
      if (next.isEmpty()) {
        return run(name);
      }
      person.accept(run(name));
      clock.advance(next.get().compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : next.get());
    }
    throw new AssertionError("run " + name + " did not end: " + run(name).getStatus().message);
  }

  /** The person who approves every approval step at once. */
  Consumer<FailoverRun> approver(String who) {
    return run -> {
      if (RunStatuses.phase(run) == RunPhase.AWAITING_APPROVAL) {
        approve(run.getMetadata().getName(), who);
      }
    };
  }

  /** Creates a FailoverApproval of the step the run waits at, as {@code who}: the only way to approve. */
  void approve(String name, String who) {
    approve(name, who, List.of());
  }

  void approve(String name, String who, List<String> groups) {
    FailoverRun run = run(name);
    io.failwise.api.FailoverApproval a =
        ApprovalRequests.approval(run, run.getStatus().currentStep, who, groups, null);
    a.getMetadata().setCreationTimestamp(RunStatuses.time(clock.instant()));
    approvals.removeIf(x -> x.getMetadata().getName().equals(a.getMetadata().getName()));
    approvals.add(a);
  }

  /** What a client with write access to the run's status could do: write an approval entry itself. */
  void forgeApproval(String name, String who) {
    runs.edit(NS, name, s -> {
      if (s.approvals == null) {
        s.approvals = new ArrayList<>();
      }
      var forged = new io.failwise.api.FailoverRunStatus.Approval(s.currentStep, who, RunStatuses.time(clock.instant()));
      forged.approval = "made-up";
      s.approvals.add(forged);
    });
  }

  void abort(String name, String who) {
    runs.edit(NS, name, s -> s.abort = new io.failwise.api.FailoverRunStatus.UserRequest(who, RunStatuses.time(clock.instant()), "test"));
  }

  void setConnected(String cluster, long connected) {
    clusters.get(cluster).getSpec().signals.staticSignal.connected = connected;
  }

  /** Clusters whose signal counts no devices at all (0 of 0), as a source every device has left reads. */
  final List<String> evacuated = new ArrayList<>();

  JsonNode routing() {
    return objects.get(ROUTING).get("data");
  }

  static JsonNode parse(String s) {
    try {
      return JSON.readTree(s);
    } catch (Exception e) {
      throw new IllegalArgumentException(s, e);
    }
  }

  static JsonNode json(String s) {
    try {
      return JSON.readTree(s.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(s, e);
    }
  }

  @Override
  public void close() {
    provisioning.close();
  }

  /** Devices at {@code cluster} that came from elsewhere, following routing and provisioning. */
  long arrivals(String cluster) {
    long moved = 0;
    JsonNode data = routing();
    for (Cluster source : clusters.values()) {
      String s = source.getMetadata().getName();
      if (cluster.equals(data.path(s + ".target").asText()) && data.has(s + ".percent")) {
        moved += source.getSpec().signals.staticSignal.expected * data.path(s + ".percent").asLong() / 100;
      }
    }
    // The provisioning service: each reassignment moves a share of the offline devices, an undo moves them back.
    return moved + RoutedDevices.provisioned(cluster, provisioning.effects());
  }

  /** The world as the engine sees it. */
  /** Objects stored but unreadable by the controller, as "Kind/name" to why (the informers leave them out). */
  final Map<String, String> unreadable = new LinkedHashMap<>();

  final class World implements RunWorld {
    @Override
    public Optional<String> unreadable(String namespace, String kind, String name) {
      return Optional.ofNullable(unreadable.get(kind + "/" + name));
    }

    @Override
    public Instant now() {
      return clock.instant();
    }

    @Override
    public java.time.ZoneId zone() {
      return clock.getZone();
    }

    @Override
    public Duration lossShowsWithin() {
      return lossShowsWithin;
    }

    @Override
    public Duration tick() {
      return Duration.ofSeconds(30);
    }

    @Override
    public HealthThresholds thresholds() {
      return HealthThresholds.defaults();
    }

    @Override
    public double admissionShare() {
      return 0.8;
    }

    @Override
    public Optional<Halt> halt() {
      return halt;
    }

    @Override
    public Optional<FreezeWindow> freeze(String mode) {
      return FreezeWindow.containing(freezeWindows, clock.instant());
    }

    @Override
    public Map<String, FailoverPlaybook> playbooks(String namespace) {
      return playbooks;
    }

    @Override
    public Map<String, Cluster> clusters(String namespace) {
      return clusters;
    }

    @Override
    public SignalReading read(Cluster cluster) {
      String name = cluster.getMetadata().getName();
      reads.add(name);
      if (blind.contains(name)) {
        return SignalReading.unknown("Unreachable", "the test made " + name + " blind.");
      }
      if (evacuated.contains(name)) {
        return SignalReading.known(new DeviceObservation(0, 0, clock.instant()));
      }
      var st = cluster.getSpec().signals.staticSignal;
      long arrived = arrivals(name);
      return SignalReading.known(
          new DeviceObservation(st.expected + arrived, st.connected + Math.round(arrived * arrivingShare), clock.instant()));
    }

    @Override
    public List<io.failwise.api.FailoverApproval> approvals(String namespace, String run) {
      return approvals.stream().filter(a -> run.equals(a.getSpec().run)).toList();
    }

    @Override
    public Optional<Boolean> workloadReady(ObjectRef ref, int replicas) {
      JsonNode o = objects.get(ref);
      return o == null ? Optional.empty() : Optional.of(o.path("spec").path("replicas").asInt() >= replicas);
    }

    @Override
    public Optional<String> budgetRefusal(FailoverRun run, boolean failback) {
      List<DailyBudget.Kind> needs = failback ? List.of(DailyBudget.Kind.FAILOVER, DailyBudget.Kind.FAILBACK) : List.of(DailyBudget.Kind.FAILOVER);
      return budget.refusal(run.getSpec().source, ledger.operations(NS, run.getSpec().source), needs, clock.instant(), run.getMetadata().getUid());
    }

    @Override
    public RunEstimate estimate(
        Cluster source, long offline, Map<String, Cluster> all, double maxTargetUtilization, Optional<String> runTarget, FailoverRunStatus.Plan plan,
        io.failwise.model.estimate.DurationPrior prior) {
      var estimator = new io.failwise.model.estimate.FailoverEstimator(
          io.failwise.model.estimate.EstimatorConfig.DEFAULT.withMaxTargetUtilization(maxTargetUtilization));
      return RunEstimates.estimate(estimator, source, offline, all.values(), clock.instant(), PastOutages.Learning.DEFAULT, runTarget, plan, prior);
    }

    @Override
    public double maxTargetUtilization() {
      return io.failwise.model.estimate.EstimatorConfig.DEFAULT.maxTargetUtilization();
    }
  }

  /** A clock the test moves. */
  static final class MutableClock extends Clock {
    private Instant now;
    /** The controller's zone (failwise.time-zone): the one the run's messages say times in. */
    java.time.ZoneId zone = ZoneOffset.UTC;

    MutableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return zone;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  static String yaml(Object o) {
    return Serialization.asYaml(o);
  }
}
