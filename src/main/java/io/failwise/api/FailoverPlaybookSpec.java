package io.failwise.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** The steps of a playbook, its stop conditions and its rollback. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "self.steps.all(s, self.steps.exists_one(t, t.name == s.name))",
    message = "spec.steps: step names must be unique")
public class FailoverPlaybookSpec {
  /** Most steps a playbook may have; the run's status keeps one record per step. */
  public static final int MAX_STEPS = 20;

  /** Most stop conditions a playbook may have. */
  public static final int MAX_STOP_CONDITIONS = 20;

  @JsonPropertyDescription("What the playbook is for, shown by kubectl get and in reports.")
  public String description;

  @Required
  @Size(min = 1, max = MAX_STEPS)
  @JsonPropertyDescription("Steps run in order; each is exactly one of precheck, approval, scale, shift, wait, verify, failback.")
  public List<PlaybookStep> steps = new ArrayList<>();

  @Size(max = MAX_STOP_CONDITIONS)
  @JsonPropertyDescription("Checked between and during waves and while verifying; the first that fires stops the run and rolls it back.")
  public List<StopConditionSpec> stopConditions = new ArrayList<>();

  @JsonPropertyDescription("What an abort undoes, and what a drill sets back once its devices are home. Default: every step that ran,"
      + " newest first; a drill sets back its scale steps.")
  public RollbackSpec rollback;

  /** What a rollback undoes. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public static class RollbackSpec {
    @JsonPropertyDescription(
        "Names of scale steps NOT to undo, on rollback or at the end of a drill (for example keep the target scaled up)."
            + " Shift and failback steps are always undone, so that an abort restores routing exactly.")
    public List<String> keep = new ArrayList<>();
  }
}
