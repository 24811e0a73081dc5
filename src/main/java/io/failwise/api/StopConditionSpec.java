package io.failwise.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** A stop condition over a cluster's signals: exactly one test is set. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value =
        "(has(self.offlineDevicesAbove) ? 1 : 0) + (has(self.offlineRatioAbove) ? 1 : 0)"
            + " + (has(self.offlineRatioRiseAbove) ? 1 : 0)"
            + " + (has(self.reconnectedRatioBelow) ? 1 : 0) + (has(self.signalUnknownSeconds) ? 1 : 0) == 1",
    message =
        "a stop condition is exactly one of offlineDevicesAbove, offlineRatioAbove, offlineRatioRiseAbove,"
            + " reconnectedRatioBelow, signalUnknownSeconds")
public class StopConditionSpec {
  @Required
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
  public String name;

  @Default("Target")
  @Pattern("^(Target|Source)$")
  @JsonPropertyDescription("Which cluster's signals: Target (default) or Source.")
  public String cluster = "Target";

  @Min(0)
  @JsonPropertyDescription("Stop when more devices than this are offline at the cluster.")
  public Long offlineDevicesAbove;

  @Min(0)
  @Max(1)
  @JsonPropertyDescription("Stop when more than this share (0 to 1) of the cluster's expected devices is offline.")
  public Double offlineRatioAbove;

  @Min(0)
  @Max(1)
  @JsonPropertyDescription(
      "Stop when the share (0 to 1) of the cluster's expected devices offline has risen by more than this above what it"
          + " was before the first wave; checked from graceSeconds after each wave, while moved devices are in flight.")
  public Double offlineRatioRiseAbove;

  @Min(0)
  @Max(1)
  @JsonPropertyDescription(
      "Stop when, graceSeconds after a wave, fewer than this share of the devices moved have connected at the target.")
  public Double reconnectedRatioBelow;

  @Min(0)
  @Max(86400)
  @Default("120")
  @JsonPropertyDescription(
      "Seconds devices get to reconnect after a wave before reconnectedRatioBelow or offlineRatioRiseAbove is checked (at most a day).")
  public Long graceSeconds = 120L;

  @Min(1)
  @Max(86400)
  @JsonPropertyDescription("Stop when the cluster's device counts have been unknown for this many seconds (at most a day).")
  public Long signalUnknownSeconds;

  /** The tests that are set; a valid condition has exactly one. */
  @JsonIgnore
  public List<String> testsSet() {
    List<String> tests = new ArrayList<>();
    if (offlineDevicesAbove != null) {
      tests.add("offlineDevicesAbove");
    }
    if (offlineRatioAbove != null) {
      tests.add("offlineRatioAbove");
    }
    if (offlineRatioRiseAbove != null) {
      tests.add("offlineRatioRiseAbove");
    }
    if (reconnectedRatioBelow != null) {
      tests.add("reconnectedRatioBelow");
    }
    if (signalUnknownSeconds != null) {
      tests.add("signalUnknownSeconds");
    }
    return tests;
  }
}
