package io.failwise.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One outage of a cluster that has ended: what the estimator's duration prior learns from. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PastOutage {
  @JsonPropertyDescription("When the outage began (RFC 3339): the estimated onset, else when the Outage condition turned True.")
  public String start;

  @JsonPropertyDescription("When the Outage verdict cleared (RFC 3339).")
  public String end;

  public PastOutage() {}

  public PastOutage(String start, String end) {
    this.start = start;
    this.end = end;
  }
}
