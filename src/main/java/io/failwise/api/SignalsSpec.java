package io.failwise.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/** Where a cluster's device counts come from. */
@ValidationRule(
    value = "has(self.static)",
    message = "spec.signals: name a source of device counts (static)")
public class SignalsSpec {
  @JsonProperty("static")
  @JsonPropertyDescription("Fixed device counts, for samples, tests and clusters without telemetry.")
  public StaticSignal staticSignal;

  @Min(1)
  @JsonPropertyDescription("How many observers must agree before the cluster is said to be in an outage.")
  public Integer quorum;

  /** Device counts written into the spec. */
  @ValidationRule(
      value = "self.connected <= self.expected",
      message = "spec.signals.static: connected cannot exceed expected")
  public static class StaticSignal {
    @Min(0)
    @JsonPropertyDescription("Devices that normally connect to this cluster.")
    public long expected;

    @Min(0)
    @JsonPropertyDescription("Devices connected now.")
    public long connected;
  }
}
