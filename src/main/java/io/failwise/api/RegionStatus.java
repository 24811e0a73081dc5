package io.failwise.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** Region status, aggregated from the clusters whose spec.region names this region. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RegionStatus {
  @JsonPropertyDescription("Number of clusters in this region.")
  public Integer clusters;

  @JsonPropertyDescription("Device counts summed over the region's clusters.")
  public DeviceCounts devices;

  @JsonPropertyDescription("Healthy, Degraded, Outage or Unknown: the worst of its clusters.")
  public String health;

  @JsonPropertyDescription("Clusters of this region that are degraded or in an outage.")
  public List<String> affectedClusters;

  public Long observedGeneration;

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public List<Condition> conditions = new ArrayList<>();
}
