package io.failwise.operator.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.failwise.api.ActionSpec;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunStatus;
import io.failwise.api.FailoverRunStatus.Effect;
import io.failwise.api.FailoverRunStatus.PlannedStep;
import io.failwise.api.FailoverRunStatus.PlannedWave;
import io.failwise.api.FailoverRunStatus.SavedObject;
import io.failwise.api.FailoverRunStatus.SavedValue;
import io.failwise.api.PlaybookStep;
import io.failwise.execution.ActionCall;
import io.failwise.execution.MergePatch;
import io.failwise.execution.ObjectRef;
import io.failwise.execution.SavedField;
import io.failwise.execution.SavedState;
import io.failwise.execution.StepActions;
import io.failwise.model.run.Templates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The side effects of a run's steps: their idempotency keys, the action and call each makes, and the
 * saved state kept in status for an exact rollback.
 */
public final class RunEffects {
  /** Apply a wave (or a scale). */
  public static final String APPLY = "Apply";
  /** A failback's last wave, when its action can put back exactly what the shift saved. */
  public static final String RESTORE = "Restore";
  /** Undo a step on rollback. */
  public static final String UNDO = "Undo";

  private final StepActions actions;

  public RunEffects(StepActions actions) {
    this.actions = actions;
  }

  public StepActions actions() {
    return actions;
  }

  /** RUN-UID/STEP/wN for a wave, RUN-UID/STEP/undo for an undo: stable across retries and restarts. */
  public static String key(FailoverRun run, String step, Integer wave, String operation) {
    return run.getMetadata().getUid() + "/" + step + "/" + (UNDO.equals(operation) ? "undo" : "w" + (wave + 1));
  }

  static Effect effect(FailoverRun run, FailoverRunStatus s, int step, Integer wave, String operation, Instant now) {
    Effect e = new Effect();
    e.step = step;
    e.wave = UNDO.equals(operation) ? null : wave;
    e.operation = operation;
    e.key = key(run, s.plan.steps.get(step).name, wave, operation);
    e.intendedAt = RunStatuses.time(now);
    return e;
  }

  /** The action a step uses: a shift's, a failback's own or else its shift's, or a scale as a patch. */
  ActionSpec actionSpec(FailoverRunStatus s, int step) {
    PlaybookStep spec = s.plan.steps.get(step).spec;
    if (spec.shift != null) {
      return spec.shift.action;
    }
    if (spec.failback != null) {
      return spec.failback.action != null ? spec.failback.action : shiftStep(s).spec.shift.action;
    }
    if (spec.scale != null) {
      ActionSpec a = new ActionSpec();
      a.patch = new ActionSpec.Patch();
      a.patch.apiVersion = spec.scale.apiVersion == null ? "apps/v1" : spec.scale.apiVersion;
      a.patch.kind = spec.scale.kind;
      a.patch.name = spec.scale.name;
      a.patch.namespace = spec.scale.namespace;
      a.patch.mergePatch = JsonNodeFactory.instance.objectNode().set("spec", JsonNodeFactory.instance.objectNode().put("replicas", spec.scale.replicas));
      return a;
    }
    throw new IllegalStateException("step " + spec.name + " has no action");
  }

  /** Whether a failback's last wave restores the shift's saved state instead of calling its action. */
  boolean failbackRestores(FailoverRunStatus s, int failback) {
    return s.plan.steps.get(failback).spec.failback.action == null && actions.forSpec(shiftStep(s).spec.shift.action).restoresExactly();
  }

  static PlannedStep shiftStep(FailoverRunStatus s) {
    return s.plan.steps.stream().filter(p -> "Shift".equals(p.kind)).findFirst().orElseThrow();
  }

  ObjectRef scaleRef(FailoverRun run, PlaybookStep.Scale scale) {
    Map<String, String> vars = baseVariables(run, run.getStatus());
    String ns = scale.namespace == null || scale.namespace.isBlank() ? run.getMetadata().getNamespace() : Templates.render(scale.namespace, vars);
    return new ObjectRef(scale.apiVersion == null ? "apps/v1" : scale.apiVersion, scale.kind, ns, Templates.render(scale.name, vars));
  }

  /** The call an effect makes, with every template variable set. */
  ActionCall call(FailoverRun run, FailoverRunStatus s, Effect e) {
    PlannedStep step = s.plan.steps.get(e.step);
    Map<String, String> vars = baseVariables(run, s);
    vars.put("step", step.name);
    vars.put("idempotencyKey", e.key);
    if (e.wave != null && step.waves != null) {
      PlannedWave w = step.waves.get(e.wave);
      vars.put("wave", String.valueOf(e.wave + 1));
      vars.put("wavePercent", String.valueOf(w.percent));
      vars.put("targetPercent", String.valueOf(w.targetPercent));
      vars.put("waveDevices", String.valueOf(w.devices));
      vars.put("devicesAtTarget", String.valueOf(w.devicesAtTarget));
    } else {
      vars.put("wave", UNDO.equals(e.operation) ? "undo" : "1");
      vars.put("wavePercent", UNDO.equals(e.operation) ? "0" : "100");
      vars.put("targetPercent", "0");
      vars.put("waveDevices", String.valueOf(RunStatuses.devicesAtTarget(s)));
      vars.put("devicesAtTarget", "0");
    }
    double rate = "Failback".equals(step.kind) || UNDO.equals(e.operation) ? s.plan.sourceDevicesPerSecond : s.plan.targetDevicesPerSecond;
    vars.put("devicesPerSecond", String.valueOf(Math.round(Math.floor(rate))));
    return new ActionCall(
        run.getMetadata().getName(), run.getMetadata().getNamespace(), step.name, step.kind, e.wave, e.key, actionSpec(s, e.step), vars);
  }

  private static Map<String, String> baseVariables(FailoverRun run, FailoverRunStatus s) {
    Map<String, String> vars = new HashMap<>();
    vars.put("source", run.getSpec().source);
    vars.put("target", s != null && s.target != null ? s.target : Objects.requireNonNullElse(run.getSpec().target, ""));
    vars.put("runName", run.getMetadata().getName());
    vars.put("namespace", run.getMetadata().getNamespace());
    return vars;
  }

  /** What the run saved and has not restored yet for the objects {@code step} changed first. */
  static List<SavedState> savedBy(FailoverRunStatus s, String step) {
    List<SavedState> saved = new ArrayList<>();
    if (s.rollbackData == null) {
      return saved;
    }
    for (SavedObject o : s.rollbackData) {
      if (step.equals(o.firstStep) && o.restoredAt == null) {
        saved.add(new SavedState(new ObjectRef(o.apiVersion, o.kind, o.namespace, o.name), fields(o)));
      }
    }
    return saved;
  }

  /** Adds what an action saved before a wave; an object saved earlier keeps its earlier values. */
  static void remember(FailoverRunStatus s, String step, List<SavedState> saved) {
    if (s.rollbackData == null) {
      s.rollbackData = new ArrayList<>();
    }
    for (SavedState state : saved) {
      SavedObject existing = s.rollbackData.stream().filter(o -> sameObject(o, state.ref())).findFirst().orElse(null);
      if (existing == null) {
        SavedObject o = new SavedObject();
        o.apiVersion = state.ref().apiVersion();
        o.kind = state.ref().kind();
        o.namespace = state.ref().namespace();
        o.name = state.ref().name();
        o.firstStep = step;
        o.fields = values(state.fields());
        s.rollbackData.add(o);
      } else if (existing.restoredAt == null) {
        existing.fields = values(MergePatch.mergeOlder(fields(existing), state.fields()));
      }
    }
  }

  /** Marks the objects {@code step} changed first as restored. */
  static void restored(FailoverRunStatus s, String step, Instant now) {
    if (s.rollbackData != null) {
      s.rollbackData.stream().filter(o -> step.equals(o.firstStep) && o.restoredAt == null).forEach(o -> o.restoredAt = RunStatuses.time(now));
    }
  }

  private static boolean sameObject(SavedObject o, ObjectRef ref) {
    return Objects.equals(o.apiVersion, ref.apiVersion()) && Objects.equals(o.kind, ref.kind())
        && Objects.equals(o.namespace, ref.namespace()) && Objects.equals(o.name, ref.name());
  }

  private static List<SavedField> fields(SavedObject o) {
    List<SavedField> fields = new ArrayList<>();
    for (SavedValue v : o.fields) {
      JsonNode value = Boolean.TRUE.equals(v.absent) ? null : v.value;
      fields.add(new SavedField(SavedField.parsePointer(v.path), value));
    }
    return fields;
  }

  private static List<SavedValue> values(List<SavedField> fields) {
    List<SavedValue> values = new ArrayList<>();
    for (SavedField f : fields) {
      SavedValue v = new SavedValue();
      v.path = f.pointer();
      if (f.value() == null) {
        v.absent = true;
      } else {
        v.value = f.value();
      }
      values.add(v);
    }
    return values;
  }
}

