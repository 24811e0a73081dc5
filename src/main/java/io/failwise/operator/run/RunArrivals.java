package io.failwise.operator.run;

import io.failwise.api.FailoverRunStatus;
import io.failwise.api.FailoverRunStatus.PlannedStep;
import io.failwise.api.FailoverRunStatus.StepStatus;
import io.failwise.model.DeviceObservation;
import io.failwise.model.calibration.WaveTiming;
import io.failwise.model.run.StopReadings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Notes, at each look of the engine while devices move, when the target first holds a shift wave's
 * devices (95% of them above its connected baseline): the run's measurement of the switch, which
 * RunCalibration turns into the source Cluster's {@code status.calibration}. Resolution is the engine's
 * look interval.
 */
final class RunArrivals {
  /** A wave has arrived when this share of its devices is connected at the target. */
  static final double ARRIVED = StopReadings.ARRIVED;

  private RunArrivals() {}

  /** Whether {@code s} now records a newly arrived wave (the caller writes it). */
  static boolean note(FailoverRunStatus s, StopReadings readings, Instant now) {
    if (s.baseline == null || s.baseline.targetConnected == null || readings.target().observation().isEmpty()) {
      return false;
    }
    DeviceObservation target = readings.target().observation().get();
    long arrived = target.connected() - s.baseline.targetConnected;
    for (int i = 0; i < s.steps.size(); i++) {
      StepStatus st = s.steps.get(i);
      PlannedStep p = s.plan.steps.get(i);
      if (!"Shift".equals(p.kind) || st.wavesAppliedAt == null || p.waves == null) {
        continue;
      }
      List<String> noted = st.wavesArrivedAt == null ? new ArrayList<>() : new ArrayList<>(st.wavesArrivedAt);
      int before = noted.size();
      while (noted.size() < st.wavesAppliedAt.size() && arrived >= ARRIVED * p.waves.get(noted.size()).devicesAtTarget) {
        noted.add(RunStatuses.time(now));
      }
      if (noted.size() > before) {
        st.wavesArrivedAt = noted;
        return true;
      }
    }
    return false;
  }

  /**
   * When every shift wave applied so far had arrived, if the last wave applied was a shift's: then a
   * target whose connected count falls below its share is losing devices it had, not devices on the
   * way. Null otherwise (not all arrived, no wave yet, or a failback wave since).
   */
  static Instant allArrivedAt(FailoverRunStatus s) {
    if (s.steps == null || s.plan == null) {
      return null;
    }
    Instant arrived = null;
    for (int i = 0; i < Math.min(s.steps.size(), s.plan.steps.size()); i++) {
      StepStatus st = s.steps.get(i);
      String kind = s.plan.steps.get(i).kind;
      int applied = st.wavesAppliedAt == null ? 0 : st.wavesAppliedAt.size();
      if (applied == 0 || !("Shift".equals(kind) || "Failback".equals(kind))) {
        continue;
      }
      // A failback (always after the shift) takes devices away: arrivals no longer say what the target should hold.
      if ("Failback".equals(kind) || st.wavesArrivedAt == null || st.wavesArrivedAt.size() < applied) {
        return null;
      }
      Instant at = Instant.parse(st.wavesArrivedAt.get(applied - 1));
      arrived = arrived == null || at.isAfter(arrived) ? at : arrived;
    }
    return arrived;
  }

  /** Each shift wave's devices, when it was applied and when it arrived (null: not seen arriving). */
  static List<WaveTiming> timings(FailoverRunStatus s) {
    List<WaveTiming> out = new ArrayList<>();
    if (s.steps == null || s.plan == null) {
      return out;
    }
    for (int i = 0; i < Math.min(s.steps.size(), s.plan.steps.size()); i++) {
      StepStatus st = s.steps.get(i);
      PlannedStep p = s.plan.steps.get(i);
      if (!"Shift".equals(p.kind) || st.wavesAppliedAt == null || p.waves == null) {
        continue;
      }
      long previous = 0;
      for (int w = 0; w < st.wavesAppliedAt.size() && w < p.waves.size(); w++) {
        long at = p.waves.get(w).devicesAtTarget;
        Instant arrivedAt = st.wavesArrivedAt != null && w < st.wavesArrivedAt.size() ? Instant.parse(st.wavesArrivedAt.get(w)) : null;
        out.add(new WaveTiming(at - previous, Instant.parse(st.wavesAppliedAt.get(w)), arrivedAt));
        previous = at;
      }
    }
    return out;
  }
}
