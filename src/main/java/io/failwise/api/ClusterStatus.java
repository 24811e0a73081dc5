package io.failwise.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** What the controller last observed of a cluster. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ClusterStatus {
  /** How many ended outages {@link #pastOutages} keeps: the newest. */
  public static final int MAX_PAST_OUTAGES = 20;

  public DeviceCounts devices;

  @JsonPropertyDescription("Healthy, Degraded, Outage or Unknown.")
  public String health;

  @JsonPropertyDescription(
      "When the device counts shown were read (RFC 3339). Moves only when the status changes, not on every read: freshness is the metric failwise_cluster_signal_age_seconds.")
  public String lastSignalTime;

  public Long observedGeneration;

  @io.fabric8.generator.annotation.Size(max = SignalsSpec.MAX_OBSERVERS)
  @JsonPropertyDescription("One entry per observer in spec.signals.prometheus, in spec order.")
  public List<ObserverStatus> observers;

  @JsonPropertyDescription(
      "Estimated start of the ongoing outage or degradation (RFC 3339): the change point the agreeing observers found."
          + " Kept while the signal of a cluster in Outage is lost: its end is not known.")
  public String onsetTime;

  @JsonPropertyDescription("Devices offline above the normal level for this time of day, while degraded or in an outage.")
  public Long excessOfflineDevices;

  @io.fabric8.generator.annotation.Size(max = SignalsSpec.MAX_OBSERVERS)
  @JsonPropertyDescription("Observers that agree on the current Degraded or Outage verdict.")
  public List<String> agreeingObservers;

  @JsonPropertyDescription("What this cluster's finished Drill and Failover runs measured: the estimator uses it instead of spec.failover's cutover and the target's admission.")
  public ClusterCalibration calibration;

  @io.fabric8.generator.annotation.Size(max = MAX_PAST_OUTAGES)
  @JsonPropertyDescription(
      "The last 20 outages of this cluster that ended (start: the estimated onset; end: when the Outage verdict cleared)."
          + " The estimator's duration prior learns from the past outages of every Cluster in the namespace (docs/estimator.md).")
  public List<PastOutage> pastOutages;

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public List<Condition> conditions = new ArrayList<>();
}
