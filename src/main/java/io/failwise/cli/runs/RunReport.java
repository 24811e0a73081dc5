package io.failwise.cli.runs;

import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunStatus;
import io.failwise.api.FailoverRunStatus.HaltRecord;
import io.failwise.api.FailoverRunStatus.PlannedStep;
import io.failwise.api.FailoverRunStatus.StepStatus;
import io.failwise.api.RunEstimate;
import io.failwise.model.Format;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The markdown report of a run, from its status alone: what happened when, the estimate made at the
 * start against what happened, each step, who approved and what was rolled back. Pure.
 */
public final class RunReport {
  private RunReport() {}

  /** One line of the timeline. */
  record Event(Instant at, String what) {}

  /** The report of a run whose controller ran on the wall clock, as on a real cluster. */
  public static String markdown(FailoverRun run) {
    return markdown(run, false);
  }

  /**
   * The report; {@code simulated} when the controller ran on a simulated clock (the demo, a sped-up
   * embedded world). Every time in the run's status is the controller's clock; its creationTimestamp
   * is the API server's wall clock, which in a simulated world lies hours away, so it is named apart
   * instead of sorted into the timeline.
   */
  public static String markdown(FailoverRun run, boolean simulated) {
    return markdown(run, simulated, List.of());
  }

  /**
   * With {@code approvals}: the FailoverApprovals that name this run, of which the Rejected ones are listed
   * after the approvals the run recorded (who tried, when, and why they were refused: an audit trail must
   * not lose an attempt because it did not count).
   */
  public static String markdown(FailoverRun run, boolean simulated, List<io.failwise.api.FailoverApproval> approvals) {
    FailoverRunStatus s = run.getStatus() == null ? new FailoverRunStatus() : run.getStatus();
    var spec = run.getSpec();
    StringBuilder md = new StringBuilder();
    md.append("# FailoverRun ").append(run.getMetadata().getNamespace()).append('/').append(run.getMetadata().getName()).append("\n\n");
    String phase = s.phase == null ? "Pending" : s.phase;
    String summary = s.report != null && s.report.summary != null ? s.report.summary : s.message;
    // The summary starts with the phase ("RolledBack: ..."): said once.
    if (summary != null && summary.startsWith(phase + ": ")) {
      summary = summary.substring(phase.length() + 2);
    }
    md.append("- **Outcome:** ").append(phase).append(summary == null ? "" : " (" + summary + ")").append('\n');
    md.append("- **Playbook:** ").append(spec.playbook).append(", **mode:** ").append(spec.mode)
        .append(spec.drill != null && "Drill".equals(String.valueOf(spec.mode)) ? " (at most " + spec.drill.maxPercent + "%, held " + dur(spec.drill.holdSeconds) + ")" : "")
        .append('\n');
    md.append("- **Source:** ").append(spec.source).append(", **target:** ").append(s.target == null ? "(not chosen)" : s.target).append('\n');
    if (spec.requestedBy != null) {
      md.append("- **Requested by:** ").append(spec.requestedBy).append('\n');
    }
    if (spec.reason != null) {
      md.append("- **Reason:** ").append(spec.reason).append('\n');
    }
    if (simulated && run.getMetadata().getCreationTimestamp() != null) {
      md.append("- **Created:** ").append(run.getMetadata().getCreationTimestamp())
          .append(" by the API server's wall clock; the times below are the controller's simulated clock\n");
    }
    for (HaltRecord h : halts(s)) {
      md.append("- **Halted by:** ").append(h.by).append(h.reason == null ? "" : " (" + h.reason + ")").append(", set at ").append(h.at)
          .append("; ").append(held(h, s)).append('\n');
    }
    md.append("\n## Timeline\n\n| Time (UTC) | Event |\n|---|---|\n");
    for (Event e : timeline(run, s, simulated)) {
      md.append("| ").append(e.at()).append(" | ").append(cell(e.what())).append(" |\n");
    }
    md.append("\n## Estimate against what happened\n\n");
    estimate(md, s);
    if (s.steps != null && s.plan != null) {
      md.append("\n## Steps\n\n| # | Step | Kind | State | Started | Finished | Undone | Waves | Message |\n|---|---|---|---|---|---|---|---|---|\n");
      for (int i = 0; i < s.steps.size(); i++) {
        StepStatus st = s.steps.get(i);
        PlannedStep p = s.plan.steps.get(i);
        // Finished and Undone apart: a shift finished at one time and undone at another is two facts.
        md.append("| ").append(i + 1).append(" | ").append(st.name).append(" | ").append(st.kind).append(" | ").append(st.state)
            .append(" | ").append(nz(st.startedAt)).append(" | ").append(nz(st.finishedAt)).append(" | ").append(nz(st.undoneAt))
            .append(" | ").append(p.waves == null ? "" : waves(st).size() + " of " + p.waves.size())
            .append(" | ").append(cell(nz(st.message))).append(" |\n");
      }
    } else if (s.plan != null) {
      md.append("\n## Plan (nothing was executed)\n\n| # | Step | Kind | Takes | What |\n|---|---|---|---|---|\n");
      for (int i = 0; i < s.plan.steps.size(); i++) {
        PlannedStep p = s.plan.steps.get(i);
        md.append("| ").append(i + 1).append(" | ").append(p.name).append(" | ").append(p.kind).append(" | ")
            .append(p.estimatedSeconds == null || p.estimatedSeconds == 0 ? "" : dur(p.estimatedSeconds)).append(" | ").append(cell(p.summary)).append(" |\n");
      }
      if (s.plan.prechecks != null && !s.plan.prechecks.isEmpty()) {
        // A Plan's "1 precheck fails" must say which and why where it is read.
        md.append("\n## Prechecks\n\n| Check | Result | Why |\n|---|---|---|\n");
        s.plan.prechecks.forEach(c -> md.append("| ").append(cell(nz(c.name))).append(" | ").append(Boolean.TRUE.equals(c.passed) ? "Passes" : "Fails")
            .append(" | ").append(cell(nz(c.message))).append(" |\n"));
      }
    }
    List<StopConditionStates.Row> stops = StopConditionStates.of(s);
    if (!stops.isEmpty()) {
      // Every condition, fired or not: a reader must not take one that was not evaluated for one that held.
      md.append("\n## Stop conditions\n\n| Condition | State | Reading |\n|---|---|---|\n");
      for (StopConditionStates.Row row : stops) {
        md.append("| ").append(cell(row.condition().name)).append(" | ").append(stateWords(row.state())).append(" | ")
            .append(cell(nz(row.reading()))).append(" |\n");
      }
    }
    md.append("\n## Approvals\n\n");
    List<io.failwise.api.FailoverApproval> refused =
        approvals.stream()
            .filter(a -> a.getStatus() != null && "Rejected".equals(a.getStatus().phase) && a.getSpec() != null)
            .sorted(java.util.Comparator.comparing(a -> nz(a.getMetadata().getCreationTimestamp())))
            .toList();
    if ((s.approvals == null || s.approvals.isEmpty()) && refused.isEmpty()) {
      md.append("None.\n");
    } else if (s.approvals == null || s.approvals.isEmpty()) {
      md.append("None accepted.\n");
    } else {
      // "By" is the FailoverApproval's approver: on a real cluster the user the API server authenticated (docs/security.md).
      md.append("| Step | By | At | FailoverApproval | Comment |\n|---|---|---|---|---|\n");
      s.approvals.forEach(a -> md.append("| ").append(a.step).append(" | ").append(cell(a.by)).append(" | ").append(a.at).append(" | ")
          .append(a.approval == null ? "" : cell(a.approval)).append(" | ").append(a.comment == null ? "" : cell(a.comment)).append(" |\n"));
    }
    if (!refused.isEmpty()) {
      md.append("\nRefused:\n\n| Step | By | At | FailoverApproval | Why |\n|---|---|---|---|---|\n");
      refused.forEach(a -> md.append("| ").append(cell(nz(a.getSpec().step))).append(" | ").append(cell(nz(a.getSpec().approver))).append(" | ")
          .append(nz(a.getMetadata().getCreationTimestamp())).append(" | ").append(cell(a.getMetadata().getName())).append(" | ")
          .append(cell(nz(a.getStatus().message))).append(" |\n"));
    }
    if (s.rollbackData != null && !s.rollbackData.isEmpty()) {
      md.append("\n## Objects changed and their saved values\n\n| Object | First changed by | Restored | Fields |\n|---|---|---|---|\n");
      for (var o : s.rollbackData) {
        md.append("| ").append(o.kind).append(' ').append(o.namespace).append('/').append(o.name).append(" | ").append(o.firstStep)
            .append(" | ").append(o.restoredAt == null ? "no" : o.restoredAt).append(" | ")
            .append(cell(String.join(", ", o.fields.stream().map(f -> f.path + (Boolean.TRUE.equals(f.absent) ? " (absent)" : " = " + f.value)).toList())))
            .append(" |\n");
      }
    }
    return md.toString();
  }

  private static String stateWords(String state) {
    return switch (nz(state)) {
      case "Fired" -> "**fired**";
      case "NotFired" -> "not fired";
      case "NotEvaluated" -> "not evaluated";
      default -> nz(state);
    };
  }

  /** When each wave was applied; none when the status has no list (a run written by an older controller). */
  private static List<String> waves(StepStatus st) {
    return st.wavesAppliedAt == null ? List.of() : st.wavesAppliedAt;
  }

  /**
   * The timeline in time order; events of the same second in the order they happened: an approval
   * before the step it let finish, the abort before the undos, the undos newest step first (as
   * rollback undoes), the end last.
   */
  static List<Event> timeline(FailoverRun run, FailoverRunStatus s, boolean simulated) {
    List<Event> events = new ArrayList<>();
    if (!simulated) {
      add(events, run.getMetadata().getCreationTimestamp(), "Created");
    }
    List<FailoverRunStatus.Approval> approvals = s.approvals == null ? new ArrayList<>() : new ArrayList<>(s.approvals);
    List<Event> undone = new ArrayList<>();
    add(events, s.startedAt, "Started: " + (s.plan == null ? "" : s.plan.steps.size() + " steps, " + Format.count(nl(s.plan.devicesToMove)) + " devices to move"));
    if (s.steps != null && s.plan != null) {
      for (int i = 0; i < s.steps.size(); i++) {
        StepStatus st = s.steps.get(i);
        PlannedStep p = s.plan.steps.get(i);
        add(events, st.startedAt, "Step " + st.name + " started");
        List<String> applied = waves(st);
        for (int w = 0; w < applied.size(); w++) {
          if (p.waves == null || w >= p.waves.size()) {
            add(events, applied.get(w), "Step " + st.name + " applied: " + p.summary);
            continue;
          }
          var wave = p.waves.get(w);
          // A failback wave says where the devices went (home), not only what is left at the target.
          add(events, applied.get(w), "Failback".equals(p.kind)
              ? "Step " + st.name + " wave " + (w + 1) + " applied: " + Format.count(nl(wave.devices)) + " devices back to " + s.plan.source
                  + ", " + Format.count(nl(wave.devicesAtTarget)) + " left at " + s.plan.target
              : "Step " + st.name + " wave " + (w + 1) + " applied: " + wave.targetPercent + "% at the target ("
                  + Format.count(wave.devicesAtTarget) + " devices)");
        }
        // A stop between two waves (a failback's source not healthy: the devices sent home wait there) is in
        // the timeline: the run's message, rewritten as it went on, no longer says it.
        if (st.pauses != null) {
          st.pauses.forEach(pause -> add(events, pause.at, "Step " + st.name + " paused: " + pause.message));
        }
        for (var it = approvals.iterator(); it.hasNext(); ) {
          var a = it.next();
          if (st.name != null && st.name.equals(a.step)) {
            add(events, a.at, "Approved by " + a.by + " (step " + a.step + ")");
            it.remove();
          }
        }
        // The state and message are the step's latest: once it was undone they describe the undo, not the finish.
        boolean undoneSince = st.undoneAt != null || "Undone".equals(st.state) || "Kept".equals(st.state);
        add(events, st.finishedAt, "Step " + st.name + (undoneSince || st.state == null
            ? " finished"
            : " " + st.state.toLowerCase(java.util.Locale.ROOT) + (st.message == null ? "" : ": " + st.message)));
        add(undone, st.undoneAt, "Step " + st.name + " undone" + (st.message == null ? "" : ": " + st.message));
      }
    }
    approvals.forEach(a -> add(events, a.at, "Approved by " + a.by + " (step " + a.step + ")"));
    if (s.abort != null) {
      add(events, s.abort.at, "Abort asked by " + s.abort.by + (s.abort.reason == null ? "" : ": " + s.abort.reason));
    }
    for (HaltRecord h : halts(s)) {
      add(events, h.haltedAt == null ? h.at : h.haltedAt, "Halted by " + h.by + (h.reason == null ? "" : ": " + h.reason));
      add(events, h.resumedAt, "Resumed after " + dur(heldSeconds(h, h.resumedAt)) + " halted");
    }
    java.util.Collections.reverse(undone);
    events.addAll(undone);
    add(events, s.finishedAt, "Ended " + s.phase + (s.report != null && s.report.cause != null ? ": " + s.report.cause : ""));
    if (s.resolved != null) {
      add(events, s.resolved.at, "Resolved by " + s.resolved.by + (s.resolved.reason == null ? "" : ": " + s.resolved.reason)
          + " (its clusters free again)");
    }
    events.sort(Comparator.comparing(Event::at)); // stable: ties keep the order above
    return events;
  }

  private static void estimate(StringBuilder md, FailoverRunStatus s) {
    RunEstimate e = s.estimate;
    var r = s.report;
    md.append("| | Estimated at the start | Happened |\n|---|---|---|\n");
    md.append("| Duration | ").append(s.plan == null || s.plan.estimatedSeconds == null ? "" : dur(s.plan.estimatedSeconds) + " (plan, without waiting for people)")
        .append(" | ").append(r == null || r.durationSeconds == null ? "" : dur(r.durationSeconds)).append(" |\n");
    md.append("| Devices at the target | ").append(s.plan == null ? "" : Format.count(nl(s.plan.devicesToMove)))
        .append(" | ").append(r == null || r.peakDevicesAtTarget == null ? "" : Format.count(r.peakDevicesAtTarget) + " at most").append(" |\n");
    List<String> fired = StopConditionStates.fired(s);
    if (!fired.isEmpty()) {
      md.append("| Stop condition").append(fired.size() == 1 ? "" : "s").append(" | | ").append(String.join(", ", fired)).append(" |\n");
    }
    if (e == null) {
      md.append("\nNo estimate was recorded.\n");
      return;
    }
    md.append("\nRecommendation at ").append(nz(e.madeAt)).append(": **").append(e.recommendation == null ? "none" : e.recommendation)
        .append(e.target == null ? "" : " to " + e.target).append("**");
    if (e.breakEvenSeconds != null) {
      md.append("; failing over pays off if the outage lasts ").append(dur(e.breakEvenSeconds)).append(" more");
    }
    md.append(".\n\n").append(nz(e.explanation)).append("\n");
    if (!e.options.isEmpty()) {
      md.append("\n| Option | Feasible | Target | Devices disrupted | Device-minutes lost (expected) |\n|---|---|---|---|---|\n");
      for (var o : e.options) {
        md.append("| ").append(o.action).append(" | ").append(Boolean.TRUE.equals(o.feasible) ? "yes" : "no" + (o.reason == null ? "" : ": " + cell(o.reason)))
            .append(" | ").append(nz(o.target)).append(" | ").append(o.devicesDisrupted == null ? "" : Format.count(o.devicesDisrupted))
            .append(" | ").append(o.deviceMinutesLost == null ? "" : Format.count(Math.round(o.deviceMinutesLost))).append(" |\n");
      }
    }
  }

  private static void add(List<Event> events, String at, String what) {
    if (at != null) {
      events.add(new Event(Instant.parse(at), what));
    }
  }

  /**
   * The run's halts, from {@code status.halts}; a run halted by a controller that kept no record has
   * only {@code status.halt}, which holds while it is halted.
   */
  private static List<HaltRecord> halts(FailoverRunStatus s) {
    if (s.halts != null && !s.halts.isEmpty()) {
      return s.halts;
    }
    if (s.halt == null) {
      return List.of();
    }
    HaltRecord r = new HaltRecord();
    r.by = s.halt.by;
    r.at = s.halt.at;
    r.reason = s.halt.reason;
    return List.of(r);
  }

  /** How long the halt held the run, and how it ended. */
  private static String held(HaltRecord h, FailoverRunStatus s) {
    if (h.haltedAt == null) {
      return "the run is halted";
    }
    if (h.resumedAt != null) {
      return "the run stopped at " + h.haltedAt + " and resumed at " + h.resumedAt + " (" + dur(heldSeconds(h, h.resumedAt)) + " halted)";
    }
    if (s.finishedAt != null) {
      return "the run stopped at " + h.haltedAt + " and did not resume; it ended at " + s.finishedAt
          + " (" + dur(heldSeconds(h, s.finishedAt)) + " after the halt)";
    }
    return "the run stopped at " + h.haltedAt + " and is halted";
  }

  private static Long heldSeconds(HaltRecord h, String until) {
    if (h.haltedAt == null || until == null) {
      return null;
    }
    return Math.max(0, Duration.between(Instant.parse(h.haltedAt), Instant.parse(until)).getSeconds());
  }

  private static String dur(Long seconds) {
    return seconds == null ? "" : Format.duration(Duration.ofSeconds(seconds));
  }

  private static long nl(Long n) {
    return n == null ? 0 : n;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  /** Text safe in a markdown table cell. */
  private static String cell(String s) {
    return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
  }
}
