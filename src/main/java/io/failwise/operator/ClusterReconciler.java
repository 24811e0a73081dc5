package io.failwise.operator;

import io.failwise.operator.watch.Unreadable;
import io.failwise.api.Cluster;
import io.failwise.api.ClusterStatus;
import io.failwise.api.Region;
import io.failwise.api.validation.ClusterValidator;
import io.failwise.api.validation.Problem;
import io.failwise.model.HealthAssessment;
import io.failwise.model.HealthThresholds;
import io.failwise.operator.status.Conditions;
import io.failwise.operator.status.EventRecorder;
import io.failwise.operator.status.StatusDiff;
import io.failwise.signals.ClusterSignals;
import io.failwise.signals.PrometheusObservers;
import io.failwise.signals.SignalReading;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** Observes a Cluster's signals, validates its spec and records health in its status. */
@ControllerConfiguration(name = "cluster")
public class ClusterReconciler implements Reconciler<Cluster> {
  private final ClusterSignals signals;
  private final PrometheusObservers observers;
  private final FailwiseConfig config;
  private final EventRecorder events;
  private final Clock clock;
  private final ClusterMetrics metrics;

  public ClusterReconciler(
      ClusterSignals signals,
      PrometheusObservers observers,
      FailwiseConfig config,
      EventRecorder events,
      Clock clock,
      ClusterMetrics metrics) {
    this.signals = signals;
    this.observers = observers;
    this.config = config;
    this.events = events;
    this.clock = clock;
    this.metrics = metrics;
  }

  @Override
  public List<EventSource<?, Cluster>> prepareEventSources(EventSourceContext<Cluster> context) {
    // A Region appearing or going away changes whether the clusters that name it are valid.
    var regions =
        InformerEventSourceConfiguration.from(Region.class, Cluster.class)
            .withSecondaryToPrimaryMapper(
                (Region region) ->
                    context.getPrimaryCache()
                        .list(c -> c.getSpec() != null && region.getMetadata().getName().equals(c.getSpec().region))
                        .map(ResourceID::fromResource)
                        .collect(Collectors.toSet()))
            .build();
    return List.of(new InformerEventSource<>(regions, context));
  }

  @Override
  public UpdateControl<Cluster> reconcile(Cluster cluster, Context<Cluster> context) {
    if (Unreadable.isUnreadable(cluster)) {
      return UpdateControl.noUpdate(); // reported by UnreadableObjects; nothing to do until it is fixed
    }
    Instant now = clock.instant();
    List<Problem> problems = ClusterValidator.validate(cluster, references(cluster, context));
    ClusterStatus next;
    if (!problems.isEmpty()) {
      next = ClusterStatusFactory.invalid(cluster, problems, now);
    } else if (PrometheusObservers.handles(cluster)) {
      next = ClusterStatusFactory.detected(cluster, observers.observe(cluster, now), now);
    } else {
      SignalReading reading = signals.read(cluster);
      next =
          reading
              .observation()
              .map(obs -> ClusterStatusFactory.observed(cluster, obs, HealthAssessment.of(obs, thresholds()), now, refresh()))
              .orElseGet(() -> ClusterStatusFactory.unknownSignal(cluster, reading, now));
    }
    metrics.record(cluster.getMetadata().getNamespace(), cluster.getMetadata().getName(), next);
    UpdateControl<Cluster> control;
    if (StatusDiff.changed(cluster.getStatus(), next)) {
      announceTransitions(cluster, cluster.getStatus(), next);
      cluster.setStatus(next);
      control = UpdateControl.patchStatus(cluster);
    } else {
      control = UpdateControl.noUpdate();
    }
    return control.rescheduleAfter(config.pollInterval());
  }

  private ClusterValidator.References references(Cluster cluster, Context<Cluster> context) {
    InformerEventSource<Region, Cluster> regions =
        (InformerEventSource<Region, Cluster>) context.eventSourceRetriever().getEventSourceFor(Region.class);
    Set<String> regionNames = regions.list().map(r -> r.getMetadata().getName()).collect(Collectors.toSet());
    String namespace = cluster.getMetadata().getNamespace();
    Set<String> clusters =
        context.getPrimaryCache()
            .list(c -> Objects.equals(namespace, c.getMetadata().getNamespace()))
            .map(c -> c.getMetadata().getName())
            .collect(Collectors.toSet());
    return new ClusterValidator.References(regionNames, clusters);
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
      } else if (ClusterStatusFactory.OUTAGE.equals(type) && Conditions.TRUE.equals(now.getStatus())) {
        events.warning(cluster, "OutageDetected", now.getMessage());
      } else if (ClusterStatusFactory.OUTAGE.equals(type)
          && Conditions.FALSE.equals(now.getStatus())
          && then.isPresent()
          && Conditions.TRUE.equals(then.get().getStatus())) {
        events.normal(cluster, "OutageOver", now.getMessage());
      }
    }
  }

  private HealthThresholds thresholds() {
    var h = config.health();
    return new HealthThresholds(h.degradedOfflineRatio(), h.outageOfflineRatio(), h.minimumOfflineDevices());
  }

  private Duration refresh() {
    return config.statusRefreshInterval();
  }
}
