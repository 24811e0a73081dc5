package io.failwise.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** What one observer last said about a cluster. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ObserverStatus {
  @JsonPropertyDescription("The observer's name from spec.signals.prometheus.")
  public String name;

  @JsonPropertyDescription("Known (it answered with usable data) or Unknown.")
  public String state;

  @JsonPropertyDescription(
      "Why: the detector's reason when Known (NormalChurn, ElevatedOfflineRate, DevicesDropping, LearningBaseline),"
          + " else Unreachable, EmptyResult, Stale or BadResponse.")
  public String reason;

  @JsonPropertyDescription("A sentence for a person.")
  public String message;

  @JsonPropertyDescription("Healthy, Degraded, Outage or Unknown, as this observer alone judges it.")
  public String health;

  @JsonPropertyDescription("Devices connected in the newest sample read.")
  public Long connected;

  @JsonPropertyDescription("Devices expected in the newest sample read, when the observer has an expected query.")
  public Long expected;

  @JsonPropertyDescription("Failed connection attempts per second, when the observer has an errors query.")
  public Double errorsPerSecond;

  @JsonPropertyDescription("Time of the newest sample read from this observer (RFC 3339).")
  public String lastReadTime;
}
