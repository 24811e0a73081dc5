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

  @JsonPropertyDescription(
      "True when a run had moved the cluster's devices away as it ended: its end is when they were back, which"
          + " can be long after the outage's own (the failback's pace, a canary's wait), so the duration prior does not"
          + " learn from it.")
  public Boolean endHiddenByRun;

  public PastOutage() {}

  public PastOutage(String start, String end) {
    this.start = start;
    this.end = end;
  }

  /** With {@code endHiddenByRun}: written only when true. */
  public PastOutage(String start, String end, boolean endHiddenByRun) {
    this(start, end);
    this.endHiddenByRun = endHiddenByRun ? Boolean.TRUE : null;
  }

  /** Whether its end is when a run brought the devices back, not one the counts showed. */
  public boolean endHidden() {
    return Boolean.TRUE.equals(endHiddenByRun);
  }
}
