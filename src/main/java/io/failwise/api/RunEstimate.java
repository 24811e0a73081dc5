package io.failwise.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** The estimate recorded in a run when it starts: hold against fail over, in device-minutes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RunEstimate {
  @JsonPropertyDescription("What the estimator recommended, e.g. Hold, FailOver, MoveAffected.")
  public String recommendation;

  @JsonPropertyDescription("Why, in sentences a person reads.")
  public String explanation;

  @JsonPropertyDescription("Outage duration above which failing over costs less than holding, in seconds.")
  public Long breakEvenSeconds;

  @JsonPropertyDescription("When the estimate should be made again (RFC 3339).")
  public String reevaluateAt;

  public List<Option> options = new ArrayList<>();

  /** One option the estimator weighed. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Option {
    public String action;
    public Double deviceMinutesLost;
    public Long devicesDisrupted;
    public String summary;
  }
}
