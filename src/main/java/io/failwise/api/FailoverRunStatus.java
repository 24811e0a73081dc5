package io.failwise.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's state machine, written by the controller: the plan fixed at the start, where the run is,
 * the side effect it is about to do (written before acting), what it saved to roll back, and who
 * approved, aborted or halted it. Every list is bounded by the playbook's steps and waves.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FailoverRunStatus {
  /** Halts recorded per run; older ones are dropped first. */
  public static final int MAX_HALTS = 20;

  /**
   * The reason of a Running run whose next wave waits because its source or target Cluster was deleted
   * under it, or cannot be read: a Warning Event and a notice ({@code pauses}) say so once.
   */
  public static final String WAITING_FOR_CLUSTER = "WaitingForCluster";

  @JsonPropertyDescription("Pending, Planned, Refused, Running, AwaitingApproval, Halted, RollingBack, Succeeded, RolledBack, Aborted or Failed.")
  public String phase;

  @JsonPropertyDescription("Why the run is in its phase, CamelCase (e.g. WaitingForSource, BudgetUsedUp, StopCondition).")
  public String reason;

  @JsonPropertyDescription("The same for a person, one or two sentences.")
  public String message;

  public Long observedGeneration;

  @JsonPropertyDescription("The target cluster, given or picked by priority.")
  public String target;

  @JsonPropertyDescription("When execution started (RFC 3339).")
  public String startedAt;

  @JsonPropertyDescription("When the run reached a terminal phase (RFC 3339).")
  public String finishedAt;

  @JsonPropertyDescription("Name of the step being executed or undone.")
  public String currentStep;

  @JsonPropertyDescription("1-based wave of the current step, when it has waves.")
  public Integer currentWave;

  @JsonPropertyDescription("The resolved plan, fixed when the run starts: later edits of the playbook do not change a run.")
  public Plan plan;

  @JsonPropertyDescription("The estimate made when the run started.")
  public RunEstimate estimate;

  @JsonPropertyDescription("One record per step of the plan.")
  public List<StepStatus> steps;

  @JsonPropertyDescription("The side effect being done now, written before it is done: a restarted controller redoes it idempotently.")
  public Effect pendingEffect;

  @JsonPropertyDescription("Previous values of every object the run patched, for an exact rollback.")
  public List<SavedObject> rollbackData;

  @JsonPropertyDescription(
      "Approvals the controller accepted, one per approval step, each from a FailoverApproval object (named in `approval`)."
          + " An entry written by anyone else does not let a run pass its approval step.")
  public List<Approval> approvals;

  @JsonPropertyDescription("Set by `failwise abort`: who asked, when and why.")
  public UserRequest abort;

  @JsonPropertyDescription(
      "Set by `failwise resolve` on a Failed run: who said its routing is back in hand, when and why. Until then a Failed run"
          + " keeps holding its source and target, so that no other run moves devices into or out of them.")
  public UserRequest resolved;

  @JsonPropertyDescription("While halted: who set the global halt, when and why.")
  public UserRequest halt;

  @JsonPropertyDescription(
      "Every time the global halt held this run, oldest first (the last " + MAX_HALTS + "): who set it, why, when the run stopped and when it resumed."
          + " Kept after the run resumes and ends, for the report.")
  @Size(max = MAX_HALTS)
  public List<HaltRecord> halts;

  @JsonPropertyDescription("What the clusters looked like before the first wave.")
  public Baseline baseline;

  @JsonPropertyDescription("Since when the target's and the source's device counts are unknown, for signalUnknownSeconds.")
  public SignalWatch signals;

  @JsonPropertyDescription("Summary written when the run ends.")
  public Report report;

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public List<Condition> conditions = new ArrayList<>();

  /** The plan of a run, resolved from the playbook, the clusters and the mode. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Plan {
    public String playbook;
    public Long playbookGeneration;
    public String mode;
    public String source;
    public String target;

    @JsonPropertyDescription("Why this target: what the move costs there against the other targets, and which were passed over and why.")
    public String targetChoice;

    @JsonPropertyDescription("Devices the source holds (expected).")
    public Long sourceDevices;

    @JsonPropertyDescription("Devices the shift moves at its last wave, after a drill's cap.")
    public Long devicesToMove;

    @JsonPropertyDescription("New connections per second the waves to the target are paced at.")
    public Double targetDevicesPerSecond;

    @JsonPropertyDescription("New connections per second failback waves are paced at.")
    public Double sourceDevicesPerSecond;

    @JsonPropertyDescription("Time the plan takes without waiting for people or for the source to recover.")
    public Long estimatedSeconds;

    @Size(max = FailoverPlaybookSpec.MAX_STEPS + 1)
    public List<PlannedStep> steps = new ArrayList<>();

    @Size(max = FailoverPlaybookSpec.MAX_STOP_CONDITIONS)
    public List<StopConditionSpec> stopConditions = new ArrayList<>();
    public List<String> keep = new ArrayList<>();

    @JsonPropertyDescription("Results of the prechecks when the plan was made.")
    public List<Check> prechecks = new ArrayList<>();
  }

  /** One step of the plan: the playbook's step and, for shifts and failbacks, its paced waves. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class PlannedStep {
    public String name;
    public String kind;
    public String summary;
    public Long estimatedSeconds;
    public PlaybookStep spec;
    public List<PlannedWave> waves;
  }

  /** A wave, paced. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class PlannedWave {
    @JsonPropertyDescription("Cumulative percentage of the step's devices after this wave.")
    public Integer percent;

    @JsonPropertyDescription("Percentage of the shifted devices that are at the target after this wave.")
    public Integer targetPercent;

    public Long devices;
    public Long devicesAtTarget;
    public Long pacedSeconds;
    public Long durationSeconds;
  }

  /** A precheck and its result. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Check {
    public String name;
    public Boolean passed;
    public String message;

    public Check() {}

    public Check(String name, boolean passed, String message) {
      this.name = name;
      this.passed = passed;
      this.message = message;
    }
  }

  /** What happened to one step. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class StepStatus {
    public String name;
    public String kind;

    @JsonPropertyDescription("Pending, Running, Succeeded, Failed, Undone or Kept.")
    public String state;

    public String startedAt;
    public String finishedAt;
    public String undoneAt;
    public String message;

    @JsonPropertyDescription("When each wave was applied, in order.")
    public List<String> wavesAppliedAt;

    @JsonPropertyDescription("When the target first held each wave's devices (95% of them), in order: the run's measurement of the switch.")
    public List<String> wavesArrivedAt;

    @JsonPropertyDescription("Failed attempts at undoing this step.")
    public Integer undoAttempts;

    @JsonPropertyDescription("When the next attempt at undoing it is due.")
    public String undoRetryAt;

    @JsonPropertyDescription(
        "Seconds the global halt held the run while this step was running. They do not count toward an approval step's timeout:"
            + " its deadline is startedAt + timeoutSeconds + haltedSeconds.")
    public Long haltedSeconds;

    @JsonPropertyDescription(
        "Each time the step stopped between two waves and why (a failback's source not healthy, a Cluster deleted), the last"
            + " 20: the report's timeline says them, which the run's message, rewritten as it goes on, no longer does.")
    public List<Pause> pauses;
  }

  /** A step that stopped between two waves: when, with which reason, and the message it said then. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Pause {
    public String at;
    public String reason;
    public String message;

    public Pause() {}

    public Pause(String at, String reason, String message) {
      this.at = at;
      this.reason = reason;
      this.message = message;
    }
  }

  /** A side effect: its idempotency key and where it belongs. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Effect {
    @JsonPropertyDescription("RUN-UID/STEP/WAVE or RUN-UID/STEP/undo: the Idempotency-Key of webhooks.")
    public String key;

    public Integer step;
    public Integer wave;

    @JsonPropertyDescription("Apply or Undo.")
    public String operation;

    public String intendedAt;

    @JsonPropertyDescription("Failed attempts so far; the effect is retried while this is below the limit.")
    public Integer attempts;

    @JsonPropertyDescription("When the next attempt is due.")
    public String retryAt;

    @JsonPropertyDescription("Why the last attempt failed.")
    public String lastError;
  }

  /** The previous values of one object the run patched. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class SavedObject {
    public String apiVersion;
    public String kind;
    public String namespace;
    public String name;

    @JsonPropertyDescription("The first step that changed it: undoing that step restores it.")
    public String firstStep;

    @JsonPropertyDescription("Every field the run changed, as it was before (absent: the field did not exist).")
    public List<SavedValue> fields = new ArrayList<>();

    public String restoredAt;
  }

  /** One field's previous value. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class SavedValue {
    @JsonPropertyDescription("JSON Pointer of the field, e.g. /data/go-eu-west-1.target.")
    public String path;

    @PreserveUnknownFields
    public JsonNode value;

    @JsonPropertyDescription("True when the field did not exist: restoring removes it.")
    public Boolean absent;
  }

  /** A person's approval of one step, as the controller accepted it from a FailoverApproval. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Approval {
    public String step;

    @JsonPropertyDescription("The approver, as the FailoverApproval names it (on a real cluster pinned to the authenticated user).")
    public String by;

    @JsonPropertyDescription("When the approval was created (RFC 3339).")
    public String at;

    @JsonPropertyDescription("Name of the FailoverApproval, in the run's namespace, that approved the step.")
    public String approval;

    @JsonPropertyDescription("The approver's comment, if any.")
    public String comment;

    public Approval() {}

    public Approval(String step, String by, String at) {
      this.step = step;
      this.by = by;
      this.at = at;
    }
  }

  /** Who asked for something, when and why. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class UserRequest {
    public String by;
    public String at;
    public String reason;

    public UserRequest() {}

    public UserRequest(String by, String at, String reason) {
      this.by = by;
      this.at = at;
      this.reason = reason;
    }
  }

  /** One halt of this run: the halt switch's who, when and why, and how long the run was held. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class HaltRecord {
    @JsonPropertyDescription("Who set the global halt.")
    public String by;

    @JsonPropertyDescription("When the global halt was set (RFC 3339).")
    public String at;

    public String reason;

    @JsonPropertyDescription("When this run stopped for it (RFC 3339).")
    public String haltedAt;

    @JsonPropertyDescription("When this run resumed (RFC 3339); absent if it never did (aborted while halted, or still halted).")
    public String resumedAt;
  }

  /** The clusters before the first wave. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Baseline {
    public Long targetConnected;
    public Long sourceExpected;
    public Long sourceOffline;
    public Long targetExpected;
    public Long targetOffline;

    @JsonPropertyDescription("The source's health when the baseline was taken: a Drill's source must be no worse once every device is home.")
    public String sourceHealth;

    public String at;
  }

  /** Since when signals are unknown. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class SignalWatch {
    public String targetUnknownSince;
    public String sourceUnknownSince;
  }

  /** The summary of a finished run. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Report {
    public String outcome;
    public String summary;
    public Long durationSeconds;
    public Long plannedSeconds;

    @JsonPropertyDescription("Most devices that were at the target at once.")
    public Long peakDevicesAtTarget;

    @JsonPropertyDescription(
        "The stop condition that stopped the run; when several fired at once, the most telling (one on a cluster's own offline"
            + " devices before a reconnected ratio). All of them: stopConditions.")
    public String stopCondition;

    @JsonPropertyDescription(
        "Every stop condition of the plan as evaluated when a stop condition stopped the run, when a person aborted it, or when it"
            + " succeeded, once the conditions were watched: those that fired first (most telling first), then the others in the"
            + " playbook's order. Absent when the run ended before any was watched (or from a controller that recorded only stopCondition).")
    @Size(max = FailoverPlaybookSpec.MAX_STOP_CONDITIONS)
    public List<StopConditionReading> stopConditions;

    @JsonPropertyDescription("Why the run stopped and rolled back, when it did.")
    public String cause;
  }

  /** One stop condition as evaluated at one moment. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class StopConditionReading {
    public static final String FIRED = "Fired";
    public static final String NOT_FIRED = "NotFired";
    public static final String NOT_EVALUATED = "NotEvaluated";

    public String name;

    @JsonPropertyDescription(
        "Fired, NotFired, or NotEvaluated (its signal unknown, within its grace after a wave, or no devices moved yet).")
    public String state;

    @JsonPropertyDescription("What it read: why it fired, the value within its limit, or why it could not be evaluated.")
    public String reading;

    @JsonPropertyDescription("When it was evaluated (RFC 3339).")
    public String at;

    public StopConditionReading() {}

    public StopConditionReading(String name, String state, String reading, String at) {
      this.name = name;
      this.state = state;
      this.reading = reading;
      this.at = at;
    }
  }
}
