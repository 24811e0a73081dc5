package io.failwise.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** What the controller last observed of a cluster. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ClusterStatus {
  public DeviceCounts devices;

  @JsonPropertyDescription("Healthy, Degraded, Outage or Unknown.")
  public String health;

  @JsonPropertyDescription("When the device counts were last read (RFC 3339).")
  public String lastSignalTime;

  public Long observedGeneration;

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public List<Condition> conditions = new ArrayList<>();
}
