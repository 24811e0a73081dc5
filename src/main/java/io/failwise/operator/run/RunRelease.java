package io.failwise.operator.run;

import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunSpec;
import io.failwise.api.FailoverRunStatus;
import io.failwise.api.FailoverRunStatus.PlannedStep;
import io.failwise.api.FailoverRunStatus.StepStatus;
import io.failwise.model.Format;
import io.failwise.model.run.RunPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The end of a drill: once every step is done and every device it moved is home, what its scale steps
 * changed (the target's gateway) is set back as it was, newest first, so that a drill leaves the
 * clusters as it found them. A scale step named in the playbook's rollback.keep stays scaled, and says
 * so. A Failover keeps the target's capacity after its failback: its source has just recovered and may
 * fall again, and a person scales the target down once it has held.
 *
 * <p>The set-back is the rollback's undo of the step (the values saved before it scaled), done while
 * the run is still Running: an abort or a halt meanwhile acts as on any running step. An undo that keeps
 * failing leaves the step Kept, with what to put back by hand; the run still Succeeds (its devices are
 * home) and its message says what is left.
 */
final class RunRelease {
  private RunRelease() {}

  /** The next set-back of a drill whose steps are done, or empty when there is none (left). */
  static Optional<Decision> next(FailoverRun run, FailoverRunStatus s, Instant now) {
    if (!releases(s)) {
      return Optional.empty();
    }
    for (int i = s.steps.size() - 1; i >= 0; i--) {
      PlannedStep step = s.plan.steps.get(i);
      StepStatus st = s.steps.get(i);
      if (!"Scale".equals(step.kind) || !RunStatuses.SUCCEEDED.equals(st.state) || RunEffects.savedBy(s, step.name).isEmpty()) {
        continue;
      }
      if (RunStatuses.keeps(s, step.name)) {
        st.state = RunStatuses.KEPT;
        st.message = "Kept scaled, as the playbook's rollback.keep asks (" + RunManualRestore.changedBy(s, step.name) + " before the drill).";
        return Optional.of(new Decision.Write(s));
      }
      if (st.undoRetryAt != null && now.isBefore(RunStatuses.instant(st.undoRetryAt))) {
        return Optional.of(new Decision.Sleep(Duration.between(now, RunStatuses.instant(st.undoRetryAt)), null));
      }
      s.currentStep = step.name;
      s.currentWave = null;
      s.message = "Every device is home: setting back what step " + step.name + " changed, as it was before the drill ("
          + RunManualRestore.changedBy(s, step.name) + ").";
      return Optional.of(new Decision.Act(s, RunEffects.effect(run, s, i, null, RunEffects.UNDO, now)));
    }
    return Optional.empty();
  }

  /** Whether the run is a drill whose steps are all done with every device it moved back home. */
  private static boolean releases(FailoverRunStatus s) {
    return s.plan != null && s.steps != null && FailoverRunSpec.Mode.Drill.name().equals(s.plan.mode)
        && RunStatuses.currentStep(s).isEmpty()
        && s.plan.steps.stream().anyMatch(p -> "Failback".equals(p.kind))
        && RunStatuses.devicesAtTarget(s) == 0;
  }

  /** Whether an undo of {@code s} is a set-back at the end of a drill, not a rollback's. */
  static boolean settingBack(FailoverRunStatus s) {
    return !RunPhase.ROLLING_BACK.displayName().equals(s.phase);
  }

  /** The step's message once its set-back is done. */
  static final String SET_BACK = "Set back as it was before the drill, every device being home.";

  /** The step's state and message when its set-back failed for good: a person puts it back. */
  static void gaveUp(FailoverRunStatus s, StepStatus st, String step, int attempts, String why) {
    st.state = RunStatuses.KEPT;
    st.undoRetryAt = null;
    st.message = "Not set back after " + Format.plural(attempts, "attempt") + ": " + why + " Put back by hand: "
        + RunManualRestore.changedBy(s, step) + ".";
  }

  /** Why a drill Succeeded, with what its set-back did or left. */
  static String completed(FailoverRunStatus s) {
    List<String> setBack = new ArrayList<>();
    List<String> left = new ArrayList<>();
    for (int i = 0; s.steps != null && i < s.steps.size(); i++) {
      String state = s.steps.get(i).state;
      String name = s.plan.steps.get(i).name;
      if (RunStatuses.UNDONE.equals(state)) {
        setBack.add(name);
      } else if (RunStatuses.KEPT.equals(state)) {
        left.add(RunStatuses.keeps(s, name)
            ? "step " + name + " stays scaled, as rollback.keep asks"
            : "step " + name + " could not be set back (" + RunManualRestore.changedBy(s, name) + ")");
      }
    }
    StringBuilder m = new StringBuilder("Every step completed.");
    if (!setBack.isEmpty()) {
      m.append(" Every device is home, and what ").append(setBack.size() == 1 ? "step " : "steps ").append(String.join(" and ", setBack))
          .append(" scaled is set back as it was.");
    }
    if (!left.isEmpty()) {
      m.append(' ').append(Character.toUpperCase(left.get(0).charAt(0))).append(String.join("; ", left).substring(1)).append('.');
    }
    return m.toString();
  }
}
