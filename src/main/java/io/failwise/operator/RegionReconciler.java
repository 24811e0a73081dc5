package io.failwise.operator;

import io.failwise.operator.watch.Unreadable;
import io.failwise.api.Cluster;
import io.failwise.api.DeviceCounts;
import io.failwise.api.Region;
import io.failwise.api.RegionStatus;
import io.failwise.model.DeviceObservation;
import io.failwise.model.Health;
import io.failwise.model.RegionSummary;
import io.failwise.operator.status.Conditions;
import io.failwise.operator.status.EventRecorder;
import io.failwise.operator.status.ReconcileFailure;
import io.failwise.operator.status.StatusDiff;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Aggregates the health and device counts of the Clusters that name a Region. */
@ControllerConfiguration(name = "region")
public class RegionReconciler implements Reconciler<Region> {
  private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(RegionReconciler.class);
  private final FailwiseConfig config;
  private final Clock clock;
  private final EventRecorder events;

  public RegionReconciler(FailwiseConfig config, Clock clock, EventRecorder events) {
    this.config = config;
    this.clock = clock;
    this.events = events;
  }

  @Override
  public List<EventSource<?, Region>> prepareEventSources(EventSourceContext<Region> context) {
    var clusters =
        InformerEventSourceConfiguration.from(Cluster.class, Region.class)
            .withSecondaryToPrimaryMapper(
                (Cluster c) ->
                    c.getSpec() == null || c.getSpec().region == null
                        ? Set.of()
                        : Set.of(new ResourceID(c.getSpec().region)))
            .build();
    var informer = new InformerEventSource<>(clusters, context);
    informer.addIndexers(java.util.Map.of(ClusterIndexes.BY_REGION, ClusterIndexes::region));
    return List.of(informer);
  }

  @Override
  public UpdateControl<Region> reconcile(Region region, Context<Region> context) {
    if (Unreadable.isUnreadable(region)) {
      return UpdateControl.noUpdate(); // reported by UnreadableObjects; nothing to do until it is fixed
    }
    @SuppressWarnings("unchecked")
    InformerEventSource<Cluster, Region> clusters =
        (InformerEventSource<Cluster, Region>) context.eventSourceRetriever().getEventSourceFor(Cluster.class);
    String name = region.getMetadata().getName();
    List<RegionSummary.Member> members =
        clusters.byIndex(ClusterIndexes.BY_REGION, name).stream()
            .map(RegionReconciler::member)
            .toList();
    RegionStatus next = status(region, RegionSummary.of(members), clock.instant());
    UpdateControl<Region> control;
    if (StatusDiff.changed(region.getStatus(), next)) {
      region.setStatus(next);
      control = UpdateControl.patchStatus(region);
    } else {
      control = UpdateControl.noUpdate();
    }
    // A cluster moved to another region is seen by its new region only; the periodic pass catches the old one.
    return control.rescheduleAfter(config.pollInterval());
  }

  /** A reconcile that threw: shown in the region's status, not retried in silence ({@link ReconcileFailure}). */
  @Override
  public ErrorStatusUpdateControl<Region> updateErrorStatus(Region region, Context<Region> context, Exception e) {
    return failed(region, e, clock.instant());
  }

  ErrorStatusUpdateControl<Region> failed(Region region, Exception e, Instant now) {
    if (ReconcileFailure.whileStopping(e)) {
      LOG.debugf("Region %s: reconcile cut short by the controller stopping: %s", region.getMetadata().getName(), ReconcileFailure.describe(e));
      return ErrorStatusUpdateControl.<Region>noStatusUpdate().withNoRetry();
    }
    String message = "The controller could not reconcile this region: " + ReconcileFailure.describe(e) + ". Its totals and health are"
        + " not updated until that is fixed; it is tried again in " + io.failwise.model.Format.duration(config.pollInterval()) + ".";
    var previous = region.getStatus() == null ? new RegionStatus() : region.getStatus();
    ErrorStatusUpdateControl<Region> control;
    if (ReconcileFailure.saidBefore(previous.conditions, "Healthy", message)) {
      control = ErrorStatusUpdateControl.noStatusUpdate();
    } else {
      LOG.warnf(e, "Region %s could not be reconciled: %s", region.getMetadata().getName(), ReconcileFailure.describe(e));
      events.warning(region, ReconcileFailure.REASON, message);
      Long generation = region.getMetadata().getGeneration();
      RegionStatus next = io.fabric8.kubernetes.client.utils.Serialization.jsonMapper().convertValue(previous, RegionStatus.class);
      next.health = Health.UNKNOWN.displayName();
      for (String type : List.of("Healthy", "Degraded", "Outage")) {
        next.conditions = Conditions.set(next.conditions, type, Conditions.UNKNOWN, ReconcileFailure.REASON, message, generation, now);
      }
      region.setStatus(next);
      control = ErrorStatusUpdateControl.patchStatus(region);
    }
    return control.withNoRetry().rescheduleAfter(config.pollInterval());
  }

  static RegionSummary.Member member(Cluster c) {
    var status = c.getStatus();
    Health health =
        status == null || status.health == null
            ? Health.UNKNOWN
            : Health.parse(status.health).orElse(Health.UNKNOWN);
    DeviceObservation devices =
        status == null || status.devices == null || status.devices.expected == null || status.devices.connected == null
            ? null
            : new DeviceObservation(status.devices.expected, status.devices.connected, Instant.EPOCH);
    return new RegionSummary.Member(c.getMetadata().getNamespace() + "/" + c.getMetadata().getName(), health, devices);
  }

  static RegionStatus status(Region region, RegionSummary summary, Instant now) {
    var previous = region.getStatus() == null ? new RegionStatus() : region.getStatus();
    Long generation = region.getMetadata().getGeneration();
    RegionStatus next = new RegionStatus();
    next.clusters = summary.clusters();
    next.devices = new DeviceCounts(summary.expected(), summary.connected(), summary.offline());
    next.health = summary.health().displayName();
    next.affectedClusters = summary.affected().isEmpty() ? null : summary.affected();
    next.observedGeneration = generation;
    String reason = summary.health().displayName();
    String message = summary.message();
    var c = previous.conditions;
    // No cluster, or none with current counts: nothing is known, as a Cluster's conditions say of itself
    // (they said Degraded False and Outage False, a claim about a region nobody measured).
    boolean unknown = summary.health() == Health.UNKNOWN;
    c = Conditions.set(c, "Healthy", unknown ? Conditions.UNKNOWN : Conditions.status(summary.health() == Health.HEALTHY), reason, message, generation, now);
    c = Conditions.set(
        c, "Degraded",
        unknown ? Conditions.UNKNOWN : Conditions.status(summary.health() == Health.DEGRADED || summary.health() == Health.OUTAGE),
        reason, message, generation, now);
    c = Conditions.set(c, "Outage", unknown ? Conditions.UNKNOWN : Conditions.status(summary.health() == Health.OUTAGE), reason, message, generation, now);
    next.conditions = c;
    return next;
  }
}
