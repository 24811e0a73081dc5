package io.failwise.operator.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.failwise.api.Cluster;
import io.failwise.api.FailoverPlaybook;
import io.failwise.api.FailoverRun;
import io.failwise.api.RunEstimate;
import io.failwise.execution.ObjectRef;
import io.failwise.execution.ObjectStore;
import io.failwise.model.HealthThresholds;
import io.failwise.model.estimate.FailoverEstimator;
import io.failwise.model.run.DailyBudget;
import io.failwise.model.run.FreezeWindow;
import io.failwise.operator.FailwiseConfig;
import io.failwise.operator.estimate.PastOutages;
import io.failwise.signals.ClusterSignals;
import io.failwise.signals.SignalReading;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The world of a run on a Kubernetes API server: resources, signals, the halt, the configuration. */
@ApplicationScoped
public class KubernetesRunWorld implements RunWorld {
  private final KubernetesClient client;
  private final ClusterSignals signals;
  private final HaltSwitch halt;
  private final SourceLedger ledger;
  private final ObjectStore objects;
  private final FailoverEstimator estimator;
  private final Clock clock;
  private final FailwiseConfig.Runs config;
  private final PastOutages.Learning learning;
  private final HealthThresholds thresholds;
  private final DailyBudget budget;
  private final List<FreezeWindow> freezeWindows;
  private final InformedResources<Cluster> clusterCache;
  private final InformedResources<FailoverPlaybook> playbookCache;
  private final InformedResources<io.failwise.api.FailoverApproval> approvalCache;

  public KubernetesRunWorld(
      KubernetesClient client,
      ClusterSignals signals,
      HaltSwitch halt,
      SourceLedger ledger,
      ObjectStore objects,
      FailoverEstimator estimator,
      Clock clock,
      FailwiseConfig config) {
    this.client = client;
    this.signals = signals;
    this.halt = halt;
    this.ledger = ledger;
    this.objects = objects;
    this.estimator = estimator;
    this.clock = clock;
    this.config = config.runs();
    this.learning = PastOutages.Learning.of(config.estimator());
    var h = config.health();
    this.thresholds = new HealthThresholds(h.degradedOfflineRatio(), h.outageOfflineRatio(), h.minimumOfflineDevices());
    this.budget = io.failwise.operator.SettingsRefusal.budget(config);
    this.freezeWindows = io.failwise.operator.SettingsRefusal.freezeWindows(config);
    this.clusterCache = new InformedResources<>(client, Cluster.class);
    this.playbookCache = new InformedResources<>(client, FailoverPlaybook.class);
    this.approvalCache = new InformedResources<>(client, io.failwise.api.FailoverApproval.class);
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
  public Duration tick() {
    return config.tickInterval();
  }

  @Override
  public Duration lossShowsWithin() {
    return config.settle();
  }

  @Override
  public HealthThresholds thresholds() {
    return thresholds;
  }

  @Override
  public double admissionShare() {
    return config.admissionShare();
  }

  @Override
  public Optional<Halt> halt() {
    return halt.current();
  }

  @Override
  public Optional<FreezeWindow> freeze(String mode) {
    return config.freeze().modes().stream().map(String::trim).anyMatch(mode::equals) ? FreezeWindow.containing(freezeWindows, clock.instant()) : Optional.empty();
  }


  /** From the informers' caches: no LIST per decision. */
  @Override
  public Map<String, FailoverPlaybook> playbooks(String namespace) {
    return playbookCache.byName(namespace);
  }

  /** From the informers' caches: no LIST per decision. */
  @Override
  public Map<String, Cluster> clusters(String namespace) {
    return clusterCache.byName(namespace);
  }

  /** One lookup in the informer's cache. */
  @Override
  public Optional<String> unreadable(String namespace, String kind, String name) {
    return switch (kind) {
      case "Cluster" -> clusterCache.problem(namespace, name);
      case "FailoverPlaybook" -> playbookCache.problem(namespace, name);
      default -> Optional.empty();
    };
  }

  /** One lookup in the informer's cache. */
  @Override
  public Optional<Cluster> cluster(String namespace, String name) {
    return clusterCache.get(namespace, name);
  }

  /** Stops the watches behind the caches. */
  @PreDestroy
  public void close() {
    clusterCache.close();
    playbookCache.close();
    approvalCache.close();
  }

  @Override
  public List<io.failwise.api.FailoverApproval> approvals(String namespace, String run) {
    return approvalCache.byName(namespace).values().stream()
        .filter(a -> a.getSpec() != null && run.equals(a.getSpec().run))
        .toList();
  }

  @Override
  public void protect(String namespace, String run, Map<String, SourceLedger.Role> clusters) {
    // The informer's copy says whether the mark is on already: a re-take after a restart writes nothing.
    clusters.forEach((name, role) -> {
      String value = ClusterProtection.value(run, role);
      if (clusterCache.get(namespace, name).flatMap(ClusterProtection::holder).filter(value::equals).isEmpty()) {
        ClusterProtection.protect(client, namespace, name, value);
      }
    });
  }

  @Override
  public void unprotect(String namespace, String run, java.util.Collection<String> clusters) {
    clusters.stream()
        .filter(name -> clusterCache.get(namespace, name).map(c -> ClusterProtection.names(ClusterProtection.holder(c).orElse(null), run)).orElse(true))
        .forEach(name -> ClusterProtection.release(client, namespace, name, run));
  }

  @Override
  public SignalReading read(Cluster cluster) {
    if (io.failwise.signals.PrometheusObservers.handles(cluster)) {
      return fromStatus(cluster);
    }
    return signals.read(cluster);
  }

  /**
   * What the cluster's own reconcile last observed: Prometheus observers are read there, where the
   * detectors keep their state, so a run reads the result rather than querying Prometheus again.
   */
  static SignalReading fromStatus(Cluster cluster) {
    var status = cluster.getStatus();
    var ready = status == null ? java.util.Optional.<io.fabric8.kubernetes.api.model.Condition>empty()
        : io.failwise.operator.status.Conditions.find(status.conditions, "Ready");
    if (status == null || status.devices == null || status.devices.expected == null || status.devices.connected == null
        || ready.isEmpty() || !"True".equals(ready.get().getStatus())) {
      return SignalReading.unknown(
          ready.map(c -> c.getReason()).orElse("NotObservedYet"),
          ready.map(c -> c.getMessage()).orElse("The controller has not observed " + cluster.getMetadata().getName() + " yet."));
    }
    java.time.Instant at = status.lastSignalTime == null ? java.time.Instant.EPOCH : java.time.Instant.parse(status.lastSignalTime);
    return SignalReading.known(new io.failwise.model.DeviceObservation(status.devices.expected, status.devices.connected, at));
  }

  @Override
  public Optional<Boolean> workloadReady(ObjectRef ref, int replicas) {
    Optional<JsonNode> workload = objects.read(ref);
    return workload.map(w -> w.path("status").path("readyReplicas").asInt(0) >= replicas);
  }

  @Override
  public Optional<String> budgetRefusal(FailoverRun run, boolean failback) {
    List<DailyBudget.Kind> needs = failback ? List.of(DailyBudget.Kind.FAILOVER, DailyBudget.Kind.FAILBACK) : List.of(DailyBudget.Kind.FAILOVER);
    String source = run.getSpec().source;
    return budget.refusal(source, ledger.operations(run.getMetadata().getNamespace(), source), needs, clock.instant(), run.getMetadata().getUid());
  }

  @Override
  public RunEstimate estimate(
      Cluster source, long offlineDevices, Map<String, Cluster> clusters, double maxTargetUtilization, Optional<String> runTarget,
      io.failwise.api.FailoverRunStatus.Plan plan, io.failwise.model.estimate.DurationPrior prior) {
    FailoverEstimator capped = new FailoverEstimator(estimator.config().withMaxTargetUtilization(maxTargetUtilization));
    return RunEstimates.estimate(capped, source, offlineDevices, clusters.values(), clock.instant(), learning, runTarget, plan, prior, clock.getZone());
  }

  @Override
  public io.failwise.model.estimate.DurationPrior prior(FailoverRun run) {
    // Created by the policy (requestedBy policy/NAME), or promoted from its staged plan (its label).
    String by = run.getSpec() == null ? null : run.getSpec().requestedBy;
    var labels = run.getMetadata().getLabels();
    String name = by != null && by.startsWith("policy/") ? by.substring("policy/".length())
        : labels == null ? null : labels.get("failwise.io/policy");
    if (name == null || name.isBlank()) {
      return watchersPrior(run);
    }
    io.failwise.api.FailoverPolicy policy = client.resources(io.failwise.api.FailoverPolicy.class)
        .inNamespace(run.getMetadata().getNamespace()).withName(name).get();
    return policy == null ? io.failwise.model.estimate.DurationPrior.DEFAULT : stated(policy).orElse(io.failwise.model.estimate.DurationPrior.DEFAULT);
  }

  /**
   * A run made by hand: the prior of the policies that watch its source, when they state one alike. The
   * approver reads the run's estimate beside the policy's decisions on the same outage, and an outside pass
   * saw the two disagree ("median 1 h 56 min" against the policy's "1 h 28 min") for no reason the
   * estimate gave. No policy, or policies that disagree: the controller's default.
   */
  private io.failwise.model.estimate.DurationPrior watchersPrior(FailoverRun run) {
    String ns = run.getMetadata().getNamespace();
    Optional<Cluster> source = run.getSpec() == null || run.getSpec().source == null ? Optional.empty() : cluster(ns, run.getSpec().source);
    return source.isEmpty() ? io.failwise.model.estimate.DurationPrior.DEFAULT
        : watchersPrior(source.get(), client.resources(io.failwise.api.FailoverPolicy.class).inNamespace(ns).list().getItems());
  }

  /** See {@link #watchersPrior(FailoverRun)}: of the policies of the source's namespace. */
  static io.failwise.model.estimate.DurationPrior watchersPrior(Cluster source, java.util.List<io.failwise.api.FailoverPolicy> policies) {
    var priors = policies.stream()
        .filter(p -> io.failwise.operator.policy.ClusterSelection.selects(p, source))
        .map(KubernetesRunWorld::stated)
        .collect(java.util.stream.Collectors.toSet());
    return priors.size() == 1 ? priors.iterator().next().orElse(io.failwise.model.estimate.DurationPrior.DEFAULT)
        : io.failwise.model.estimate.DurationPrior.DEFAULT;
  }

  /** A policy's stated prior; empty when it states one the controller cannot use (its own Ready condition says why). */
  private static Optional<io.failwise.model.estimate.DurationPrior> stated(io.failwise.api.FailoverPolicy policy) {
    try {
      return Optional.of(io.failwise.operator.estimate.StatedPriors.of(policy));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  @Override
  public double maxTargetUtilization() {
    return estimator.config().maxTargetUtilization();
  }

  /** The daily budget in force. */
  public DailyBudget budget() {
    return budget;
  }
}
