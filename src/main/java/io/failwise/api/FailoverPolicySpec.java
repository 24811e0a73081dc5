package io.failwise.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Which clusters a policy watches, when it triggers, and how far it may act. */
@ValidationRule(
    value = "self.mode == 'Shadow' || (has(self.playbook) && size(self.playbook) > 0)",
    message = "spec.playbook: Stage and Auto policies must name the FailoverPlaybook their runs use")
public class FailoverPolicySpec {
  @Required public Selector selector;

  public Trigger trigger = new Trigger();

  @Default("Shadow")
  @JsonPropertyDescription(
      "Shadow (default): record decisions only. Stage: also create a Plan run (plan, estimate and prechecks) for a person to review."
          + " Auto: create a Failover run when the recommendation is a failover and every guard passes.")
  public Mode mode = Mode.Shadow;

  @JsonPropertyDescription("Name of the FailoverPlaybook (same namespace) that staged or automatic runs use.")
  public String playbook;

  /** The longest cooldown: a week. Longer is a policy switched off, which Shadow mode says plainly. */
  public static final long MAX_COOLDOWN_SECONDS = 604_800;

  /** The longest an outage must have lasted before a decision: a day. Past that a decision comes too late to matter. */
  public static final long MAX_OUTAGE_FOR_SECONDS = 86_400;

  @Min(0)
  @Max(MAX_COOLDOWN_SECONDS)
  @Default("3600")
  @JsonPropertyDescription("Seconds after a run this policy started during which it starts no other run for that cluster, 0 to 604,800 (a week).")
  public Long cooldownSeconds = 3600L;

  @JsonPropertyDescription("Prior for how long outages last; the estimator's documented default when absent.")
  public DurationPriorSpec durationPrior;

  @Min(1)
  @Max(100)
  @Default("20")
  @JsonPropertyDescription("How many decisions the status keeps, newest first.")
  public Integer decisionsKept = 20;

  /** How far a policy may act. */
  public enum Mode {
    Shadow,
    Stage,
    Auto
  }

  /**
   * Clusters by name and by equality labels, either or both: a cluster named or labelled is watched
   * (set-based selectors are not supported, on purpose).
   */
  @ValidationRule(
      value = "(has(self.clusters) && size(self.clusters) > 0) || (has(self.matchLabels) && size(self.matchLabels) > 0)",
      message = "spec.selector: name clusters or give matchLabels")
  public static class Selector {
    @JsonPropertyDescription("Cluster names in the policy's namespace.")
    public List<String> clusters = new ArrayList<>();

    @JsonPropertyDescription("Clusters whose labels include all of these; watched as well as those named in clusters.")
    public Map<String, String> matchLabels = new LinkedHashMap<>();
  }

  /** When detection counts as a reason to decide. */
  public static class Trigger {
    @Min(0)
    @Max(MAX_OUTAGE_FOR_SECONDS)
    @Default("60")
    @JsonPropertyDescription("Seconds the cluster's Outage condition must have been true, 0 to 86,400 (a day).")
    public Long outageForSeconds = 60L;

    @Min(0)
    @Max(io.failwise.model.detect.PlausibleCounts.MAX_DEVICES) // more than any cluster holds: the policy could never act
    @Default("1000")
    @JsonPropertyDescription("Fewest offline devices that make an outage worth a decision.")
    public Long minOfflineDevices = 1000L;

    @Min(0)
    @Max(1)
    @Default("0.2")
    @JsonPropertyDescription("Re-decide before the scheduled time when offline devices change by more than this share.")
    public Double materialChange = 0.2;
  }

  /**
   * A lognormal prior for outage duration, set by its median and 90th percentile: each from 1 minute to
   * 30 days (DurationPrior.LONGEST_STATED_MINUTES), the longest outage failwise reasons about.
   */
  @ValidationRule(
      value = "!has(self.medianMinutes) || !has(self.p90Minutes) || self.p90Minutes > self.medianMinutes",
      message = "spec.durationPrior.p90Minutes must be above medianMinutes")
  @ValidationRule(
      value = "!has(self.medianMinutes) || !has(self.p90Minutes) || self.p90Minutes <= 100.0 * self.medianMinutes",
      message = "spec.durationPrior.p90Minutes must be at most 100 times medianMinutes")
  public static class DurationPriorSpec {
    @Min(1)
    @Max(43200)
    @JsonPropertyDescription("Median outage duration in minutes, from 1 to 43,200 (30 days).")
    public Double medianMinutes;

    @Min(1)
    @Max(43200)
    @JsonPropertyDescription("90th-percentile outage duration in minutes, above medianMinutes and at most 100 times it, at most 43,200 (30 days).")
    public Double p90Minutes;
  }
}
