package io.failwise.operator.run;

import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunStatus;
import io.failwise.api.FailoverRunStatus.HaltRecord;
import io.failwise.api.FailoverRunStatus.StepStatus;
import java.time.Duration;
import java.time.Instant;
import io.failwise.model.run.StopReadings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The record of a run's halts. {@code status.halt} says who holds the run now and is cleared on resume;
 * {@code status.halts} keeps every halt with when the run stopped and resumed, so the report of a run
 * that was halted and then finished still says so.
 */
final class RunHalts {
  private RunHalts() {}

  /** Where a halted run's message says which stop conditions hold (see {@link #whatHolds}). */
  static final String WHILE_HALTED = " While halted, ";

  /**
   * A halted run that has moved devices still reads its stop conditions, to say, not to act: one that
   * holds now rolls the run back the moment it resumes, and the person deciding to resume must see that
   * coming. The message names the conditions that hold and the first one's reading at the time they
   * began to; it is written again only when which conditions hold changes, not at each reading. Returns
   * {@code s} with that message, or empty when it says so already.
   */
  static Optional<FailoverRunStatus> whatHolds(RunObservations observations, FailoverRun run, FailoverRunStatus s, Instant now) {
    // Read on a copy: what the watch keeps (since when a signal is unknown) is the running run's, and a
    // halt does not count towards it (RunHaltedWatchTest).
    RunObservations.Watch watch = observations.watch(run, RunStatuses.copy(s), now);
    List<StopReadings.Verdict> fired = StopReadings.evaluate(observations.rules(s), watch.readings()).fired();
    String message = s.message == null ? "" : s.message;
    int noted = message.indexOf(WHILE_HALTED);
    String base = noted < 0 ? message : message.substring(0, noted);
    String names = String.join(", ", fired.stream().map(StopReadings.Verdict::rule).toList());
    String which = WHILE_HALTED + (fired.size() == 1 ? "stop condition " + names + " holds: " : "stop conditions " + names + " hold: ");
    boolean alreadySaid = fired.isEmpty() ? noted < 0 : noted >= 0 && message.startsWith(which, noted);
    if (alreadySaid) {
      return Optional.empty();
    }
    s.message = fired.isEmpty() ? base
        : base + which + fired.get(0).reading() + " `failwise resume` rolls the run back at once; `failwise abort` rolls it back now.";
    return Optional.of(s);
  }

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
