package io.failwise.operator.run;

import io.failwise.api.FailoverRunStatus;
import io.failwise.api.FailoverRunStatus.StepStatus;
import io.failwise.model.Format;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The devices a rollback sends home. Undoing a shift re-routes them at once, but they reconnect to the
 * source at its admission pace: an outside pass saw the target's gateway scaled down (step
 * scale-target-gateway undone) in the second after the routing was undone, with some 51,700 devices
 * still on it, and the run RolledBack before they were home. A Scale step is undone once the devices
 * have had the time to leave, as a drill's set-back waits for every device to be home; the end says
 * when they are back.
 */
final class RollbackHome {
  private RollbackHome() {}

  /** The devices on their way home, and when they will have left the target at the plan's failback pace. */
  record InFlight(long devices, Instant homeBy) {}

  /**
   * Empty when no step that routed devices was undone, or nothing was at the target. The devices are those
   * at the target when the rollback began (the last wave applied); the pace the plan's failback waves
   * would use ({@code plan.sourceDevicesPerSecond}), from the newest undo of a routing step.
   */
  static Optional<InFlight> of(FailoverRunStatus s) {
    long devices = RunStatuses.devicesAtTarget(s);
    Double pace = s.plan.sourceDevicesPerSecond;
    if (devices <= 0 || pace == null || pace <= 0) {
      return Optional.empty();
    }
    Instant undone = null;
    for (int i = 0; i < s.steps.size(); i++) {
      StepStatus st = s.steps.get(i);
      String kind = s.plan.steps.get(i).kind;
      boolean routed = ("Shift".equals(kind) || "Failback".equals(kind)) && st.wavesAppliedAt != null && !st.wavesAppliedAt.isEmpty();
      if (routed && RunStatuses.UNDONE.equals(st.state) && st.undoneAt != null) {
        Instant at = RunStatuses.instant(st.undoneAt);
        undone = undone == null || at.isAfter(undone) ? at : undone;
      }
    }
    return undone == null ? Optional.empty() : Optional.of(new InFlight(devices, undone.plusSeconds((long) Math.ceil(devices / pace))));
  }

  /** "the 51,700 devices the run had sent to T are on their way back to S (about 4 min 19 s at 200 devices/s)". */
  static String said(FailoverRunStatus s, InFlight f) {
    double pace = s.plan.sourceDevicesPerSecond;
    return "the " + Format.plural(f.devices(), "device") + " the run had sent to " + s.plan.target + " are on their way back to " + s.plan.source
        + " (about " + Format.duration(Duration.ofSeconds((long) Math.ceil(f.devices() / pace))) + " at " + Format.rate(pace)
        + ", the failback's pace)";
  }
}
