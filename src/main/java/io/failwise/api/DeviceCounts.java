package io.failwise.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;

/** Device connection counts: how many should be connected, how many are, and how many are not. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DeviceCounts {
  @Min(0)
  @JsonPropertyDescription("Devices that normally connect here.")
  public Long expected;

  @Min(0)
  @JsonPropertyDescription("Devices connected now.")
  public Long connected;

  @Min(0)
  @JsonPropertyDescription("Devices expected but not connected now.")
  public Long offline;

  public DeviceCounts() {}

  public DeviceCounts(long expected, long connected, long offline) {
    this.expected = expected;
    this.connected = connected;
    this.offline = offline;
  }
}
