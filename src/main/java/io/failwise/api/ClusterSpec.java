package io.failwise.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

/** What a cluster can hold, how fast it admits devices, where it fails over to and how it is observed. */
public class ClusterSpec {
  @Required
  @JsonPropertyDescription("Name of the Region this cluster runs in.")
  public String region;

  @Required public Capacity capacity;

  @Required public Admission admission;

  public FailoverSpec failover;

  @Required public SignalsSpec signals;

  @JsonPropertyDescription(
      "Planned maintenance windows: inside one a loss of devices is Degraded with reason Maintenance, never an"
          + " Outage, and no policy acts (see docs/detection.md).")
  public java.util.List<MaintenanceWindowSpec> maintenance;

  /** How many devices the cluster can hold at once. */
  public static class Capacity {
    @Required
    @Min(0)
    @Max(io.failwise.model.detect.PlausibleCounts.MAX_DEVICES) // the sums of a fleet's counts cannot overflow
    @JsonPropertyDescription("Most concurrent device connections the cluster can hold.")
    public Long devices;
  }

  /** How fast the cluster accepts new connections. */
  public static class Admission {
    @Required
    @Min(0.001)
    @JsonPropertyDescription(
        "New device connections per second the cluster accepts before throttling (e.g. Azure IoT Hub S3:"
            + " 6,000/s per unit).")
    public Double devicesPerSecond;
  }
}
