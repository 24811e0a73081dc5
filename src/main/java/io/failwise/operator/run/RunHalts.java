package io.failwise.operator.run;

import io.failwise.api.FailoverRunStatus;
import io.failwise.api.FailoverRunStatus.HaltRecord;
import java.time.Instant;
import java.util.ArrayList;

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

  /** The run goes on, now: the open halt record gets its end. */
  static void resumed(FailoverRunStatus s, Instant now) {
    if (s.halts == null || s.halts.isEmpty()) {
      return; // halted by a controller that kept no record
    }
    HaltRecord last = s.halts.get(s.halts.size() - 1);
    if (last.resumedAt == null) {
      last.resumedAt = RunStatuses.time(now);
    }
  }
}
