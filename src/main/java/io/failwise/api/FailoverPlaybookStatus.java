package io.failwise.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether runs and policies can use the playbook, as the controller found it: a playbook is checked
 * when it is applied, not first when a run names it at 21:40.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FailoverPlaybookStatus {
  public Long observedGeneration;

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  @JsonPropertyDescription("Ready: True when runs and policies can use the playbook; False (InvalidSpec) names every field to fix.")
  public List<Condition> conditions = new ArrayList<>();
}
