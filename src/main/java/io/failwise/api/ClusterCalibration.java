package io.failwise.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** What this cluster's recent finished Drill and Failover runs measured; the estimator uses it over the spec's guesses. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ClusterCalibration {
  @JsonPropertyDescription("Median cutover the runs measured (the geometric mean of theirs), in seconds.")
  public Double cutoverSeconds;

  @JsonPropertyDescription("Predictive 90th percentile of the next cutover, in seconds; absent after a single run.")
  public Double cutoverP90Seconds;

  @JsonPropertyDescription("Median rate the targets admitted the moved devices at, when the runs' waves could tell.")
  public Double admissionDevicesPerSecond;

  @JsonPropertyDescription("How many runs the values summarise (the latest 10 at most).")
  public Integer runs;

  @JsonPropertyDescription("When the latest of them finished (RFC 3339).")
  public String at;

  @io.fabric8.generator.annotation.Size(max = 10)
  @JsonPropertyDescription("The runs' own measurements, oldest first, at most 10.")
  public List<Measurement> measurements = new ArrayList<>();

  /** One run's measurement. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Measurement {
    public String run;
    public String mode;
    public String target;
    public Double cutoverSeconds;
    public Double admissionDevicesPerSecond;
    public String at;
  }
}
