package io.failwise.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import java.util.ArrayList;
import java.util.List;

/**
 * What this cluster's recent finished Drill and Failover runs measured; the estimator uses it over the
 * spec's guesses. Its bounds are the spec's (spec.failover.cutoverSeconds, spec.admission); the
 * estimator ignores a calibration outside them (Calibrations.problems).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ClusterCalibration {
  @Min(1)
  @Max(86400)
  @JsonPropertyDescription("Median cutover the runs measured (the geometric mean of theirs), in seconds: 1 to 86,400.")
  public Double cutoverSeconds;

  @Min(1)
  @Max(86400)
  @JsonPropertyDescription("Predictive 90th percentile of the next cutover, in seconds (1 to 86,400, at least cutoverSeconds); absent after a single run.")
  public Double cutoverP90Seconds;

  @Min(0.001)
  @JsonPropertyDescription("Median rate the targets admitted the moved devices at, when the runs' waves could tell (at least 0.001 a second).")
  public Double admissionDevicesPerSecond;

  @Min(1)
  @Max(10)
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

    @Min(0)
    @Max(86400)
    public Double cutoverSeconds;

    @Min(0.001)
    public Double admissionDevicesPerSecond;

    public String at;
  }
}
