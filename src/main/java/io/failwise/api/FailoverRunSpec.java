package io.failwise.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** Which playbook to run, on which source, to which target, in which mode. Immutable once created. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self == oldSelf", message = "spec is immutable: abort this run and create another")
@ValidationRule(
    value = "!has(self.target) || self.target != self.source",
    message = "spec.target: a cluster cannot fail over to itself")
@ValidationRule(
    value = "!has(self.drill) || !has(self.mode) || self.mode != 'Failover'",
    message = "spec.drill: bounds a drill only (mode Drill, or Plan to plan one); mode Failover moves every device: remove spec.drill or set mode: Drill")
public class FailoverRunSpec {
  @Required
  @JsonPropertyDescription("Name of a FailoverPlaybook in the same namespace.")
  public String playbook;

  @Required
  @JsonPropertyDescription("Name of the Cluster whose devices move.")
  public String source;

  @JsonPropertyDescription("Name of the Cluster they move to. Default: the one the estimate chooses among the source's failover targets that are healthy,"
      + " in another region and with room: the least expected device-minutes lost, priority breaking a tie, or the lowest priority"
      + " number when the source's spec.failover.targetOrder is Priority.")
  public String target;

  @Default("Plan")
  @JsonPropertyDescription("Plan: estimate, prechecks and the plan, nothing executed. Drill: practice on drill.maxPercent, then fail back. Failover: the real thing.")
  public Mode mode = Mode.Plan;

  @JsonPropertyDescription("Bounds of a drill: mode Drill, or Plan to plan one; refused with mode Failover, which moves every device.")
  public Drill drill;

  @JsonPropertyDescription("Why this run exists (an incident link, the quarter's drill), for the report.")
  public String reason;

  @JsonPropertyDescription("Who or what asked for it (a person, or policy/NAME).")
  public String requestedBy;

  /** How much of the playbook is executed. */
  public enum Mode {
    Plan,
    Drill,
    Failover
  }

  /** How far a drill goes and how long it holds before failing back. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Drill {
    @Min(1)
    @Max(100)
    @Default("5")
    @JsonPropertyDescription("Shift waves stop at this percentage of the devices (a canary).")
    public Integer maxPercent = 5;

    @Min(0)
    @Max(86400)
    @Default("600")
    @JsonPropertyDescription("Seconds to hold at maxPercent, checking the stop conditions, before failing back.")
    public Long holdSeconds = 600L;
  }
}
