package io.failwise.operator;

import io.failwise.operator.watch.Unreadable;
import io.failwise.api.Cluster;
import io.failwise.api.ClusterStatus;
import io.failwise.api.Region;
import io.failwise.api.validation.ClusterValidator;
import io.failwise.api.validation.Problem;
import io.failwise.model.Health;
import io.failwise.model.HealthThresholds;
import io.failwise.model.detect.EndedOutage;
import io.failwise.operator.observe.Observation;
import io.failwise.operator.observe.SignalPolls;
import io.failwise.operator.status.Conditions;
import io.failwise.operator.status.EventRecorder;
import io.failwise.operator.status.ReconcileFailure;
import io.failwise.operator.status.StatusDiff;
import io.failwise.signals.ClusterSignals;
import io.failwise.signals.PrometheusObservers;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Validates a Cluster's spec and records what its signal says in its status. Reconciles run on
 * events only: a spec change, a Region or a target cluster appearing or going away, or the signal
 * poller ({@link SignalPolls}) finding that the status would change. Prometheus is read there, never
 * on a reconcile thread, and a steady fleet costs no reconcile and no status write.
 */
@ControllerConfiguration(name = "cluster")
public class ClusterReconciler implements Reconciler<Cluster> {
  private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ClusterReconciler.class);
  /** Threads that read polled signals (Prometheus observers time out and back off on their own). */
  private static final int SIGNAL_THREADS = 4;

  private final ClusterSignals signals;
  private final PrometheusObservers observers;
  private final FailwiseConfig config;
  private final EventRecorder events;
  private final Clock clock;
  private final ClusterMetrics metrics;
  private final DevicesAway.Reader away;
  private volatile SignalPolls polls;

  public ClusterReconciler(
      ClusterSignals signals,
      PrometheusObservers observers,
      FailwiseConfig config,
      EventRecorder events,
      Clock clock,
      ClusterMetrics metrics,
      DevicesAway.Reader away) {
    this.away = away;
    this.signals = signals;
    this.observers = observers;
    this.config = config;
    this.events = events;
    this.clock = clock;
    this.metrics = metrics;
  }

  @Override
  public List<EventSource<?, Cluster>> prepareEventSources(EventSourceContext<Cluster> context) {
    IndexerResourceCache<Cluster> clusters = context.getPrimaryCache();
    clusters.addIndexers(ClusterIndexes.all());
    // A Region appearing or going away changes whether the clusters that name it are valid.
    var regions =
        InformerEventSourceConfiguration.from(Region.class, Cluster.class)
            .withSecondaryToPrimaryMapper((Region r) -> ids(clusters.byIndex(ClusterIndexes.BY_REGION, r.getMetadata().getName())))
            .build();
    // So does a target cluster: only its creation and deletion matter, not its status. This informer
    // sees every Cluster, so its delete filter is where a deleted cluster's gauges and polls go (a
    // Cleaner would put a finalizer on every Cluster for what is only bookkeeping in this process).
    var targets =
        InformerEventSourceConfiguration.from(Cluster.class, Cluster.class)
            .withName(TARGETS)
            .withOnUpdateFilter((now, before) -> false)
            .withOnDeleteFilter(
                (Cluster gone, Boolean finalStateUnknown) -> {
                  deleted(gone);
                  return true;
                })
            .withSecondaryToPrimaryMapper(
                (Cluster t) ->
                    ids(clusters.byIndex(ClusterIndexes.BY_TARGET, ClusterIndexes.targetKey(t.getMetadata().getNamespace(), t.getMetadata().getName()))))
            .build();
    polls = new SignalPolls(SignalPolls.reader(this::polled, c -> config.pollInterval(), this::read), clusters, this::statusWouldChange, SIGNAL_THREADS);
    return List.of(new InformerEventSource<>(regions, context), new InformerEventSource<>(targets, context), polls);
  }

  /** The informer of every Cluster, seen as failover targets (its creations and deletions ask for reconciles). */
  private static final String TARGETS = "failover-targets";

  /** Per cluster, the failover targets its last reconcile refused (read by the signal polls' change test). */
  private final java.util.Map<ResourceID, List<Problem>> refusedLast = new java.util.concurrent.ConcurrentHashMap<>();

  @Override
  public UpdateControl<Cluster> reconcile(Cluster cluster, Context<Cluster> context) {
    if (Unreadable.isUnreadable(cluster)) {
      return UpdateControl.noUpdate(); // reported by UnreadableObjects; nothing to do until it is fixed
    }
    Instant now = clock.instant();
    ResourceID id = ResourceID.fromResource(cluster);
    ClusterValidator.References refs = references(cluster, context);
    List<Problem> problems = ClusterValidator.blocking(cluster, refs);
    List<Problem> refusedTargets = ClusterValidator.refusedTargets(cluster, refs);
    refusedLast.put(id, refusedTargets);
    if (!problems.isEmpty()) {
      problems = new java.util.ArrayList<>(problems);
      problems.addAll(refusedTargets); // all of what is wrong, said at once
    }
    Observation observation = null;
    if (!problems.isEmpty()) {
      polls.forget(id);
    } else if (polled(cluster)) {
      Optional<Observation> latest = polls.latest(cluster);
      metrics.signalAge(cluster.getMetadata().getNamespace(), cluster.getMetadata().getName(), cluster.getMetadata().getUid(), () -> age(id));
      if (latest.isEmpty()) {
        // The first read under this spec is on its way; it asks for the reconcile that shows it.
        return UpdateControl.noUpdate();
      }
      observation = latest.get();
    } else {
      polls.forget(id);
      observation = new Observation.Reading(signals.read(cluster));
    }
    Optional<DevicesAway> away = devicesAway(cluster, problems, now);
    ClusterStatus next = NextClusterStatus.of(cluster, problems, refusedTargets, observation, thresholds(), now, away);
    metrics.record(cluster.getMetadata().getNamespace(), cluster.getMetadata().getName(), cluster.getMetadata().getUid(), next);
    if (!StatusDiff.changed(cluster.getStatus(), next)) {
      return UpdateControl.noUpdate();
    }
    announceTransitions(cluster, cluster.getStatus(), next);
    if (problems.isEmpty()) {
      List<EndedOutage> ended = NextClusterStatus.endedSince(cluster.getStatus(), observation, away);
      for (EndedOutage o : NextClusterStatus.unseen(cluster.getStatus(), ended)) {
        events.warning(cluster, OutageEvents.OUTAGE_BETWEEN_READS, OutageEvents.betweenReads(o));
      }
    }
    List<Problem> ignored = ClusterValidator.ignoredWindows(cluster.getSpec());
    announceLeftOut(cluster, cluster.getStatus(), ignored, NextClusterStatus.MAINTENANCE_WINDOW_IGNORED,
        ignored.isEmpty() ? "" : NextClusterStatus.ignoredWindows(ignored));
    List<Problem> refused = problems.isEmpty() ? refusedTargets : List.of();
    announceLeftOut(cluster, cluster.getStatus(), refused, NextClusterStatus.FAILOVER_TARGET_REFUSED,
        refused.isEmpty() ? "" : NextClusterStatus.refusedTargets(refused));
    Optional<String> over = problems.isEmpty() ? NextClusterStatus.capacityBelowConnected(cluster, next) : Optional.empty();
    announceLeftOut(cluster, cluster.getStatus(), over.map(o -> List.of(o)).orElse(List.of()), NextClusterStatus.CAPACITY_BELOW_CONNECTED,
        over.orElse(""));
    cluster.setStatus(next);
    return UpdateControl.patchStatus(cluster);
  }

  /** A reconcile that threw: shown in the cluster's status, not retried in silence ({@link ReconcileFailure}). */
  @Override
  public ErrorStatusUpdateControl<Cluster> updateErrorStatus(Cluster cluster, Context<Cluster> context, Exception e) {
    return failed(cluster, e, clock.instant());
  }

  ErrorStatusUpdateControl<Cluster> failed(Cluster cluster, Exception e, Instant now) {
    if (ReconcileFailure.whileStopping(e)) {
      LOG.debugf("Cluster %s/%s: reconcile cut short by the controller stopping: %s", cluster.getMetadata().getNamespace(),
          cluster.getMetadata().getName(), ReconcileFailure.describe(e));
      return ErrorStatusUpdateControl.<Cluster>noStatusUpdate().withNoRetry();
    }
    String message = "The controller could not reconcile this cluster: " + ReconcileFailure.describe(e) + ". Its counts, health and"
        + " Outage verdict are not updated until that is fixed; it is tried again on its next change or in "
        + io.failwise.model.Format.duration(config.pollInterval()) + ".";
    ErrorStatusUpdateControl<Cluster> control;
    if (ReconcileFailure.saidBefore(cluster.getStatus() == null ? null : cluster.getStatus().conditions, message)) {
      control = ErrorStatusUpdateControl.noStatusUpdate();
    } else {
      LOG.warnf(e, "Cluster %s/%s could not be reconciled: %s", cluster.getMetadata().getNamespace(), cluster.getMetadata().getName(),
          ReconcileFailure.describe(e));
      events.warning(cluster, ReconcileFailure.REASON, message);
      cluster.setStatus(ClusterStatusFactory.reconcileFailed(cluster, message, now));
      control = ErrorStatusUpdateControl.patchStatus(cluster);
    }
    return control.withNoRetry().rescheduleAfter(config.pollInterval());
  }

  /**
   * Whether the latest read of a polled cluster's signal holds data up to {@code dataAt} and the
   * given cluster's status already shows what it implies. Status no longer moves on every read, so
   * this is the positive marker a test waits for before it checks that something did not happen.
   */
  public boolean shows(Cluster cluster, Instant dataAt) {
    SignalPolls p = polls;
    return p != null
        && p.peek(ResourceID.fromResource(cluster))
            .filter(l -> java.util.Objects.equals(l.generation(), cluster.getMetadata().getGeneration()))
            .filter(l -> l.observation().readUpTo(dataAt))
            .filter(l -> !statusWouldChange(cluster, l.observation()))
            .isPresent();
  }

  /** A deleted cluster is no longer read and no longer reported on /q/metrics. */
  private void deleted(Cluster gone) {
    refusedLast.remove(ResourceID.fromResource(gone));
    SignalPolls p = polls;
    if (p != null) {
      p.forget(ResourceID.fromResource(gone));
    }
    metrics.deleted(gone.getMetadata().getNamespace(), gone.getMetadata().getName(), gone.getMetadata().getUid());
  }

  private boolean polled(Cluster cluster) {
    return PrometheusObservers.handles(cluster) || !signals.isStatic(cluster);
  }

  private Observation read(Cluster cluster) {
    return PrometheusObservers.handles(cluster)
        ? new Observation.Quorum(observers.observe(cluster, clock.instant()))
        : new Observation.Reading(signals.read(cluster));
  }

  private boolean statusWouldChange(Cluster cluster, Observation observation) {
    Instant now = clock.instant();
    // The refused targets as the last reconcile found them: without them every poll of such a cluster
    // would imply a Ready message without the sentence, and ask for a reconcile that writes nothing.
    List<Problem> refused = refusedLast.getOrDefault(ResourceID.fromResource(cluster), List.of());
    ClusterStatus next =
        NextClusterStatus.of(cluster, List.of(), refused, observation, thresholds(), now, devicesAway(cluster, List.of(), now));
    return StatusDiff.changed(cluster.getStatus(), next);
  }

  /** The run that has moved the cluster's devices out, asked only of a cluster in outage (the only status it changes). */
  private Optional<DevicesAway> devicesAway(Cluster cluster, List<Problem> problems, Instant now) {
    boolean inOutage = cluster.getStatus() != null && Conditions.isTrue(cluster.getStatus().conditions, ClusterStatusFactory.OUTAGE);
    return problems.isEmpty() && inOutage ? away.of(cluster, now) : Optional.empty();
  }

  private double age(ResourceID id) {
    return polls.peek(id)
        .flatMap(l -> l.observation().newestData())
        .map(at -> Duration.between(at, clock.instant()).toMillis() / 1000.0)
        .orElse(Double.NaN);
  }

  private ClusterValidator.References references(Cluster cluster, Context<Cluster> context) {
    @SuppressWarnings("unchecked")
    var regions = (InformerEventSource<Region, Cluster>) context.eventSourceRetriever().getEventSourceFor(Region.class);
    String namespace = cluster.getMetadata().getNamespace();
    // The clusters as the informer whose events ask for this reconcile sees them: a target's creation
    // triggers it, and the primary cache may not have the new cluster yet (the reconcile then found the
    // same target missing, and nothing asked again: its source said "refused" until its next change).
    @SuppressWarnings("unchecked")
    var clusters = (InformerEventSource<Cluster, Cluster>) context.eventSourceRetriever().getEventSourceFor(Cluster.class, TARGETS);
    Set<String> regionNames =
        new CachedNames(name -> regions.get(new ResourceID(name)).isPresent(), () -> regions.list().map(r -> r.getMetadata().getName()));
    Set<String> inNamespace =
        new CachedNames(
            name -> clusters.get(new ResourceID(name, namespace)).isPresent(),
            () -> clusters.list(c -> namespace == null || namespace.equals(c.getMetadata().getNamespace())).map(c -> c.getMetadata().getName()));
    return new ClusterValidator.References(regionNames, inNamespace);
  }

  private static Set<ResourceID> ids(List<Cluster> clusters) {
    return clusters.stream().map(ResourceID::fromResource).collect(Collectors.toSet());
  }

  private void announceTransitions(Cluster cluster, ClusterStatus before, ClusterStatus after) {
    var was = before == null ? null : before.conditions;
    for (String type : List.of(ClusterStatusFactory.READY, ClusterStatusFactory.OUTAGE)) {
      var now = Conditions.find(after.conditions, type).orElseThrow();
      var then = Conditions.find(was, type);
      boolean transitioned = then.isEmpty() || !then.get().getStatus().equals(now.getStatus())
          || !then.get().getReason().equals(now.getReason());
      if (!transitioned) {
        continue;
      }
      if (ClusterStatusFactory.READY.equals(type) && Conditions.FALSE.equals(now.getStatus())) {
        events.warning(cluster, now.getReason(), now.getMessage());
      } else if (ClusterStatusFactory.READY.equals(type) && Conditions.TRUE.equals(now.getStatus())
          && then.filter(c -> Conditions.FALSE.equals(c.getStatus())).isPresent()) {
        // Fixed: the Warning that said what to fix is answered, so that describe does not end on it.
        events.normal(cluster, "SpecValid", "Ready again (it was " + then.get().getReason() + "): " + now.getMessage());
      } else if (ClusterStatusFactory.OUTAGE.equals(type)) {
        OutageEvents.outageEvent(then.orElse(null), now, before != null && Health.UNKNOWN.displayName().equals(before.health) && ClusterStatusFactory.outageNotOver(before))
            .ifPresent(
                e -> {
                  if (e.warning()) {
                    events.warning(cluster, e.reason(), e.message());
                  } else {
                    events.normal(cluster, e.reason(), e.message());
                  }
                });
      }
    }
  }

  /**
   * A Warning Event when what Ready says of a part of the spec the controller leaves out changes (the
   * maintenance windows it ignores, the failover targets it refuses, a capacity below what is connected): the condition says it for as long as
   * it lasts, the Event once.
   */
  private void announceLeftOut(Cluster cluster, ClusterStatus before, List<?> leftOut, String reason, String sentence) {
    if (leftOut.isEmpty()) {
      return;
    }
    boolean saidBefore =
        Conditions.find(before == null ? null : before.conditions, ClusterStatusFactory.READY)
            .map(c -> c.getMessage() != null && c.getMessage().contains(sentence))
            .orElse(false);
    if (!saidBefore) {
      events.warning(cluster, reason, sentence);
    }
  }

  private HealthThresholds thresholds() {
    var h = config.health();
    return new HealthThresholds(h.degradedOfflineRatio(), h.outageOfflineRatio(), h.minimumOfflineDevices());
  }
}
