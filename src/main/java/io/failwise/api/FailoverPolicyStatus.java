package io.failwise.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** What a policy decided, newest first, and what it is watching. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FailoverPolicyStatus {
  public Integer clustersWatched;

  @JsonPropertyDescription("Recommendation and action of the newest decision, e.g. 'HOLD/Recorded'.")
  public String lastDecision;

  @JsonPropertyDescription("Decisions, newest first, at most spec.decisionsKept.")
  public List<Decision> decisions = new ArrayList<>();

  @JsonPropertyDescription("Per cluster in an outage: when the policy decides again.")
  public List<Watch> watches = new ArrayList<>();

  public Long observedGeneration;

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public List<Condition> conditions = new ArrayList<>();

  /** One decision, on record. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Decision {
    @JsonPropertyDescription("Unique id; a run the decision caused carries it in the label failwise.io/decision.")
    public String id;

    public String time;
    public String cluster;

    @JsonPropertyDescription("HOLD, FAILOVER or FAILOVER_AFFECTED.")
    public String recommendation;

    public String target;
    public Double breakEvenMinutes;
    public Double breakEvenProbability;
    public Long offlineDevices;
    public String outageSince;

    @JsonPropertyDescription(
        "Recorded, Staged, Executed, Blocked, Silenced (a maintenance window silences the outage: the policy stops deciding until it ends),"
            + " SignalLost (the cluster's counts cannot be read: the policy stops deciding until they can) or Recovered.")
    public String action;

    @JsonPropertyDescription("The guard that blocked the action: Budget, Cooldown, FreezeWindow, Halt, RunInProgress, RunAwaitsResolve, RunEnded (the policy's own run for this outage ended short of its purpose), InvalidPolicy, InvalidInput.")
    public String blockedBy;

    public String run;
    public String reevaluateAt;
    public String explanation;

    @JsonPropertyDescription(
        "Where the answer would turn, one uncertain input at a time: the median cutover, and the devices offline.")
    public String turnsWith;
  }

  /** A cluster the policy has triggered on and keeps re-evaluating until it recovers. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Watch {
    public String cluster;
    public String outageSince;
    public String lastDecisionId;
    public Long offlineDevicesAtDecision;
    public String reevaluateAt;
    public String lastRecommendation;

    @JsonPropertyDescription(
        "True while a maintenance window (failwise silence) silences the outage: the policy decides again, on the same outage, when the window ends.")
    public Boolean silenced;

    @JsonPropertyDescription(
        "True while the cluster's counts cannot be read (its signal is Unknown) and the policy has said it stopped deciding:"
            + " it decides again, on the same outage, when they can be read.")
    public Boolean signalLost;
  }
}
