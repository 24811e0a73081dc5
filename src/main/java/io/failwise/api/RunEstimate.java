package io.failwise.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** The estimate recorded in a run when it starts: hold against fail over, in device-minutes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RunEstimate {
  @JsonPropertyDescription("What the estimator recommended: HOLD, FAILOVER or FAILOVER_AFFECTED; absent when no estimate could be made.")
  public String recommendation;

  @JsonPropertyDescription("Where the recommended option moves devices.")
  public String target;

  @JsonPropertyDescription("When the estimate was made (RFC 3339).")
  public String madeAt;

  @JsonPropertyDescription("Why, in sentences a person reads.")
  public String explanation;

  @JsonPropertyDescription("Outage duration above which failing over costs less than holding, in seconds.")
  public Long breakEvenSeconds;

  @JsonPropertyDescription("When the estimate should be made again (RFC 3339).")
  public String reevaluateAt;

  @JsonPropertyDescription(
      "Where the recommendation would turn, one uncertain input at a time: the median cutover, and the devices offline.")
  public String turnsWith;

  public List<Option> options = new ArrayList<>();

  /** One option the estimator weighed. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Option {
    public String action;
    public Boolean feasible;
    public String target;

    @JsonPropertyDescription("Expected device-minutes of lost connectivity.")
    public Double deviceMinutesLost;

    public Long devicesDisrupted;
    public Long devicesMoved;

    @JsonPropertyDescription("Why it is infeasible or partial, if it is.")
    public String reason;
  }
}
