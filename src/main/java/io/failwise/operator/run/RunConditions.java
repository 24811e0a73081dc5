package io.failwise.operator.run;

import io.failwise.api.FailoverRunStatus;
import io.failwise.model.run.RunPhase;
import io.failwise.operator.status.Conditions;
import java.time.Instant;

/** The conditions of a run: Progressing (until it ends) and Halted, by Kubernetes conventions. */
final class RunConditions {
  static final String PROGRESSING = "Progressing";
  static final String HALTED = "Halted";

  private RunConditions() {}

  static void apply(FailoverRunStatus s, Long generation, Instant now) {
    RunPhase phase = s.phase == null ? RunPhase.PENDING : RunPhase.parse(s.phase).orElse(RunPhase.PENDING);
    String reason = s.reason == null ? phase.displayName() : s.reason;
    String message = s.message == null ? phase.displayName() + "." : s.message;
    s.conditions = Conditions.set(s.conditions, PROGRESSING, Conditions.status(!phase.isTerminal()), reason, message, generation, now);
    boolean halted = phase == RunPhase.HALTED;
    if (halted || Conditions.find(s.conditions, HALTED).isPresent()) {
      s.conditions =
          Conditions.set(s.conditions, HALTED, Conditions.status(halted), halted ? "Halted" : "NotHalted",
              halted ? message : "The run is not halted.", generation, now);
    }
  }
}
