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
import java.util.Optional;

/** One step of a playbook: exactly one of its kinds is set, like Argo Rollouts' steps. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value =
        "(has(self.precheck) ? 1 : 0) + (has(self.approval) ? 1 : 0) + (has(self.scale) ? 1 : 0)"
            + " + (has(self.shift) ? 1 : 0) + (has(self.wait) ? 1 : 0) + (has(self.verify) ? 1 : 0)"
            + " + (has(self.failback) ? 1 : 0) == 1",
    message = "each step is exactly one of precheck, approval, scale, shift, wait, verify, failback")
public class PlaybookStep {
  /** The longest approval timeout: 30 days. Longer is "wait for ever", which leaving it out says. */
  public static final long MAX_APPROVAL_TIMEOUT_SECONDS = 2_592_000L;

  @Required
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
  @io.fabric8.generator.annotation.Size(max = 63) // a DNS label; and a bound the uniqueness rule's cost estimate needs (CrdRuleCostTest)
  @JsonPropertyDescription("Unique within the playbook (lower case, digits, dashes); names the step in status, reports and idempotency keys.")
  public String name;

  @JsonPropertyDescription("Check the target is in another region than the source, healthy and with room, the budget, freeze windows and the halt.")
  public Precheck precheck;

  @JsonPropertyDescription("Wait until a person runs `failwise approve RUN`.")
  public Approval approval;

  @JsonPropertyDescription("Scale a Deployment or StatefulSet (e.g. the target's brokers) and wait until it is ready.")
  public Scale scale;

  @JsonPropertyDescription("Move devices from the source to the target in paced waves.")
  public Shift shift;

  @JsonPropertyDescription("Pause.")
  public Wait wait;

  @JsonPropertyDescription("Watch the stop conditions for a while before going on.")
  public Verify verify;

  @JsonPropertyDescription("Move the devices back to the source in paced waves.")
  public Failback failback;

  public PlaybookStep() {}

  public PlaybookStep(String name) {
    this.name = name;
  }

  /** The kinds of step, in the order of the one-of fields. */
  public enum Kind {
    Precheck,
    Approval,
    Scale,
    Shift,
    Wait,
    Verify,
    Failback
  }

  /** The kinds that are set; a valid step has exactly one. */
  @JsonIgnore
  public List<Kind> kindsSet() {
    List<Kind> kinds = new ArrayList<>();
    Object[] fields = {precheck, approval, scale, shift, wait, verify, failback};
    for (int i = 0; i < fields.length; i++) {
      if (fields[i] != null) {
        kinds.add(Kind.values()[i]);
      }
    }
    return kinds;
  }

  /** The step's kind, when exactly one is set. */
  @JsonIgnore
  public Optional<Kind> kind() {
    List<Kind> kinds = kindsSet();
    return kinds.size() == 1 ? Optional.of(kinds.get(0)) : Optional.empty();
  }

  /** Prechecks before anything moves. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Precheck {
    @Min(0.01)
    @Max(1)
    @JsonPropertyDescription(
        "Highest share of the target's capacity the target may use once the devices have moved (0.9 keeps 10% headroom)."
            + " Unset: the controller's failwise.estimator.max-target-utilization (0.9 by default), the cap its estimates use.")
    public Double maxTargetUtilization;
  }

  /** A person must approve. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Approval {
    @Min(1)
    @Max(MAX_APPROVAL_TIMEOUT_SECONDS)
    @JsonPropertyDescription("Abort and roll back if nobody approves within this many seconds (at most 30 days). Default: wait for ever.")
    public Long timeoutSeconds;

    @JsonPropertyDescription("What the approver should check first.")
    public String message;

    @JsonPropertyDescription(
        "Only members of this group may approve (checked against the groups the API server authenticated, through a FailoverApproval).")
    public String approverGroup;

    @JsonPropertyDescription("Four eyes: the person who requested the run (spec.requestedBy) may not approve it.")
    public Boolean fourEyes;
  }

  /** Scale a workload and wait for it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Scale {
    @Default("apps/v1")
    public String apiVersion = "apps/v1";

    @Required
    @Pattern("^(Deployment|StatefulSet)$")
    @JsonPropertyDescription("Deployment or StatefulSet.")
    public String kind;

    @Required
    @JsonPropertyDescription("Name of the workload; may use {{source}}, {{target}}, {{runName}}.")
    public String name;

    @JsonPropertyDescription("Namespace of the workload. Default: the run's.")
    public String namespace;

    @Required
    @Min(0)
    @Max(Integer.MAX_VALUE) // a 32-bit integer: larger was stored, and the controller could not read the playbook
    public Integer replicas;

    @Min(1)
    @Max(86400)
    @Default("600")
    @JsonPropertyDescription("Abort and roll back if the workload is not ready within this many seconds (at most a day).")
    public Long readyTimeoutSeconds = 600L;
  }

  /** Which devices a shift moves. */
  public enum Scope {
    /** Every device of the source cluster. */
    All,
    /** Only the devices offline at the source when the run starts (needs failover.granularity Device). */
    Affected
  }

  /** Move devices to the target in waves. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Shift {
    @Required
    @JsonPropertyDescription("Cumulative percentages of the devices moved after each wave, ascending, ending at 100, e.g. [1, 10, 50, 100].")
    public List<Integer> waves = new ArrayList<>();

    @Default("All")
    @JsonPropertyDescription("All: every device of the source. Affected: only those offline when the run starts (granularity Device).")
    public Scope scope = Scope.All;

    @Min(0)
    @Max(86400)
    @Default("0")
    @JsonPropertyDescription("Each wave lasts at least this long (stop conditions are checked meanwhile), even if pacing needs less.")
    public Long holdEachWaveSeconds = 0L;

    @Required
    @JsonPropertyDescription("How devices are moved: a patch of a Kubernetes object, or a webhook.")
    public ActionSpec action;
  }

  /** Pause. */
  public static class Wait {
    @Required
    @Min(1)
    @Max(86400)
    public Long durationSeconds;
  }

  /** Watch the stop conditions. */
  public static class Verify {
    @Required
    @Min(1)
    @Max(86400)
    public Long durationSeconds;
  }

  /** Move the devices back. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Failback {
    @JsonPropertyDescription(
        "Cumulative percentages of the moved devices brought back after each wave, ascending, ending at 100. Default: [100].")
    public List<Integer> waves = new ArrayList<>(List.of(100));

    @Min(0)
    @Max(86400)
    @Default("0")
    public Long holdEachWaveSeconds = 0L;

    @JsonPropertyDescription(
        "How devices are moved back. Default: the action of the shift before it, with {{targetPercent}} going down; its last"
            + " wave restores a patched object exactly as it was before the run.")
    public ActionSpec action;
  }
}
