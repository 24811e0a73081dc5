package io.failwise.operator.run;

import static io.failwise.operator.run.RunStatuses.setPhase;
import static io.failwise.operator.run.RunStatuses.time;

import io.failwise.api.FailoverRunStatus;
import io.failwise.model.Format;
import io.failwise.model.run.RunPhase;
import java.time.Duration;
import java.time.Instant;

/** Ends a run: its terminal phase, when, and the report summary. */
final class RunFinish {
  private RunFinish() {}

  /**
   * What comes after a refusal: the run is never tried again, and applying its file again changes nothing
   * ("unchanged"); an outside pass waited for a run refused on a target that was healthy again a minute later.
   */
  static final String REFUSED_IS_FINAL =
      " A Refused run is not tried again: once that is fixed, delete it and create it again (applying the same file again changes nothing).";

  static FailoverRunStatus finish(FailoverRunStatus s, RunPhase phase, String reason, String message, Instant now) {
    if (!phase.isTerminal()) {
      throw new IllegalArgumentException(phase + " is not terminal");
    }
    setPhase(s, phase, reason, phase == RunPhase.REFUSED ? message + REFUSED_IS_FINAL : message);
    s.finishedAt = time(now);
    s.currentStep = null;
    s.currentWave = null;
    FailoverRunStatus.Report report = s.report == null ? new FailoverRunStatus.Report() : s.report;
    report.outcome = phase.displayName();
    if (s.startedAt != null) {
      report.durationSeconds = Duration.between(Instant.parse(s.startedAt), now).toSeconds();
    }
    if (s.plan != null) {
      report.plannedSeconds = s.plan.estimatedSeconds;
    }
    if (s.steps != null && s.plan != null) {
      report.peakDevicesAtTarget = RunStatuses.peakDevicesAtTarget(s);
    }
    s.report = report;
    report.summary = summary(s, phase, message);
    return s;
  }

  /**
   * Ends {@code run} Failed: a person must finish by hand. A run that was admitted took its source and
   * target, and keeps them until a person resolves it ({@link RunStatuses#holdsItsClusters}); the message
   * says so and gives the command.
   */
  static FailoverRunStatus failed(String run, FailoverRunStatus s, String reason, String message, Instant now) {
    return finish(s, RunPhase.FAILED, reason, message + holds(run, s), now);
  }

  /**
   * A Failed run a person has resolved ({@code s.resolved} set): its message and report no longer say its
   * clusters stay held and how to free them, but who resolved it, when and why (every surface kept saying
   * "Until then ... stay held" after the resolve).
   */
  static FailoverRunStatus resolved(String run, FailoverRunStatus s) {
    String held = holds(run, s);
    if (held.isEmpty() || s.resolved == null) {
      return s;
    }
    String why = s.resolved.reason == null || s.resolved.reason.isBlank() ? "" : " (" + s.resolved.reason.strip() + ")";
    String done = " Resolved by " + s.resolved.by + " at " + s.resolved.at + why + ": " + heldClusters(s) + " are no longer held by this run.";
    if (s.message != null && s.message.endsWith(held)) {
      s.message = s.message.substring(0, s.message.length() - held.length()) + done;
    }
    if (s.report != null && s.report.summary != null && s.report.summary.contains(held)) {
      s.report.summary = s.report.summary.replace(held, done);
    }
    return s;
  }

  private static String holds(String run, FailoverRunStatus s) {
    if (s.startedAt == null || s.plan == null) {
      return ""; // never admitted: it took no cluster
    }
    return " Until then " + heldClusters(s) + " stay held: no run or policy moves devices into or out of them. Once routing is back in"
        + " hand, `failwise resolve " + run + "` frees them.";
  }

  /** The clusters an admitted run holds: its source, and its target when it has one of its own. */
  private static String heldClusters(FailoverRunStatus s) {
    return s.target == null || s.target.equals(s.plan.source) ? s.plan.source : s.plan.source + " and " + s.target;
  }

  private static String summary(FailoverRunStatus s, RunPhase phase, String message) {
    StringBuilder sb = new StringBuilder(phase.displayName()).append(": ").append(message);
    if (s.report != null && s.report.peakDevicesAtTarget != null && s.report.peakDevicesAtTarget > 0) {
      sb.append(" At most ").append(Format.plural(s.report.peakDevicesAtTarget, "device")).append(s.report.peakDevicesAtTarget == 1 ? " was at " : " were at ").append(s.target).append('.');
    }
    if (s.report != null && s.report.durationSeconds != null && s.report.plannedSeconds != null) {
      sb.append(" Took ").append(Format.duration(Duration.ofSeconds(s.report.durationSeconds))).append(" against ")
          .append(Format.duration(Duration.ofSeconds(s.report.plannedSeconds))).append(" planned.");
    }
    return sb.toString();
  }
}
