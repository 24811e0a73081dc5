package io.failwise.operator.run;

import io.failwise.api.FailoverRunStatus;
import io.failwise.api.FailoverRunStatus.HaltRecord;
import io.failwise.api.FailoverRunStatus.StepStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Optional;

/**
 * The record of a run's halts. {@code status.halt} says who holds the run now and is cleared on resume;
 * {@code status.halts} keeps every halt with when the run stopped and resumed, so the report of a run
 * that was halted and then finished still says so.
 */
final class RunHalts {
  private RunHalts() {}

  /** The run stops for the halt in {@code s.halt}, now. */
  static void held(FailoverRunStatus s, Instant now) {
    if (s.halts == null) {
      s.halts = new ArrayList<>();
    }
    while (s.halts.size() >= FailoverRunStatus.MAX_HALTS) {
      s.halts.remove(0);
    }
    HaltRecord r = new HaltRecord();
    r.by = s.halt.by;
    r.at = s.halt.at;
    r.reason = s.halt.reason;
    r.haltedAt = RunStatuses.time(now);
    s.halts.add(r);
  }

  /**
   * The run goes on, now: the open halt record gets its end, and the step that was running when the
   * run stopped counts the time it was held ({@code haltedSeconds}), so that the halt does not use up
   * an approval step's timeout while nobody could approve. Kept on the step rather than summed from
   * {@code status.halts}, which keeps only the last few halts.
   */
  static void resumed(FailoverRunStatus s, Instant now) {
    if (s.halts == null || s.halts.isEmpty()) {
      return; // halted by a controller that kept no record
    }
    HaltRecord last = s.halts.get(s.halts.size() - 1);
    if (last.resumedAt == null) {
      last.resumedAt = RunStatuses.time(now);
      if (last.haltedAt != null) {
        long held = Duration.between(RunStatuses.instant(last.haltedAt), RunStatuses.instant(last.resumedAt)).toSeconds();
        running(s).ifPresent(st -> st.haltedSeconds = (st.haltedSeconds == null ? 0 : st.haltedSeconds) + Math.max(0, held));
      }
    }
  }

  /** The step that was running when the run stopped, if one was (a run halted between steps had none). */
  static Optional<StepStatus> running(FailoverRunStatus s) {
    return s.steps == null ? Optional.empty()
        : RunStatuses.currentStep(s).map(s.steps::get).filter(st -> RunStatuses.RUNNING.equals(st.state));
  }

  /**
   * How long, between {@code from} and {@code to}, the halts on record held the run: time in which no
   * stop condition was evaluated, so a verify step or a wave's hold (there to let them watch) does not
   * count it. An open halt counts up to {@code to}.
   */
  static Duration heldBetween(FailoverRunStatus s, Instant from, Instant to) {
    Duration held = Duration.ZERO;
    if (s.halts == null || !from.isBefore(to)) {
      return held;
    }
    for (HaltRecord r : s.halts) {
      if (r.haltedAt == null) {
        continue; // a record without its start: nothing to measure
      }
      Instant start = RunStatuses.instant(r.haltedAt);
      Instant end = r.resumedAt == null ? to : RunStatuses.instant(r.resumedAt);
      Instant a = start.isAfter(from) ? start : from;
      Instant b = end.isBefore(to) ? end : to;
      if (a.isBefore(b)) {
        held = held.plus(Duration.between(a, b));
      }
    }
    return held;
  }

  /** Since when the run is held: the open halt record's haltedAt, empty when it is not halted or kept no record. */
  static Optional<Instant> heldSince(FailoverRunStatus s) {
    if (s.halts == null || s.halts.isEmpty()) {
      return Optional.empty();
    }
    HaltRecord last = s.halts.get(s.halts.size() - 1);
    return last.resumedAt == null && last.haltedAt != null ? Optional.of(RunStatuses.instant(last.haltedAt)) : Optional.empty();
  }
}
