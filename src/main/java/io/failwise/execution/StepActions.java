package io.failwise.execution;

import io.failwise.api.ActionSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every StepAction bean, by the ActionSpec field it implements. */
@ApplicationScoped
public class StepActions {
  private final Map<String, StepAction> byType = new LinkedHashMap<>();

  @Inject
  public StepActions(Instance<StepAction> actions) {
    this(actions.stream().toList());
  }

  public StepActions(List<StepAction> actions) {
    for (StepAction a : actions) {
      byType.put(a.type(), a);
    }
  }

  /** The action for {@code spec}, if this process has one. */
  public java.util.Optional<StepAction> find(ActionSpec spec) {
    String type = spec == null ? null : spec.type();
    return java.util.Optional.ofNullable(type == null ? null : byType.get(type));
  }

  /** The action for {@code spec}; an unknown kind is a validation gap, reported as an action failure. */
  public StepAction forSpec(ActionSpec spec) {
    String type = spec == null ? null : spec.type();
    StepAction action = type == null ? null : byType.get(type);
    if (action == null) {
      throw new ActionException(
          "no action implements '" + type + "'; known: " + String.join(", ", byType.keySet()));
    }
    return action;
  }
}
