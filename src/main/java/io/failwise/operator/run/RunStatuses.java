package io.failwise.operator.run;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunStatus;
import io.failwise.api.FailoverRunStatus.PlannedStep;
import io.failwise.api.FailoverRunStatus.StepStatus;
import io.failwise.model.run.RunPhase;
import io.failwise.model.run.StepState;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reading and editing a run's status; every edit works on a copy, so a lost write loses nothing. */
public final class RunStatuses {
  /** States of one step in status.steps, as written; {@link StepState} holds their lifecycle. */
  public static final String PENDING = StepState.PENDING.displayName();
  public static final String RUNNING = StepState.RUNNING.displayName();
  public static final String SUCCEEDED = StepState.SUCCEEDED.displayName();
  public static final String FAILED = StepState.FAILED.displayName();
  public static final String UNDONE = StepState.UNDONE.displayName();
  public static final String KEPT = StepState.KEPT.displayName();

  private RunStatuses() {}

  public static FailoverRunStatus copy(FailoverRunStatus s) {
    return s == null ? new FailoverRunStatus() : Serialization.jsonMapper().convertValue(s, FailoverRunStatus.class);
  }

  public static RunPhase phase(FailoverRun run) {
    var s = run.getStatus();
    return s == null || s.phase == null ? RunPhase.PENDING : RunPhase.parse(s.phase).orElse(RunPhase.PENDING);
  }

  /**
   * Whether the run holds its source and target: from admission until it ends, and, when it ended
   * Failed, until a person resolves it ({@code failwise resolve}). A Failed run left routing where a
   * person must finish by hand (a failback stopped with its shift kept, an undo that kept failing, a
   * bug caught before a transition); a run that took its clusters then would read a baseline with the
   * devices elsewhere, and a policy could fail over a source whose devices are not all home.
   */
  public static boolean holdsItsClusters(FailoverRun run) {
    RunPhase phase = phase(run);
    return !phase.isTerminal() || awaitsResolve(run);
  }

  /** Whether the run ended Failed and nobody has resolved it yet. */
  public static boolean awaitsResolve(FailoverRun run) {
    return phase(run) == RunPhase.FAILED && run.getStatus().resolved == null;
  }

  public static String time(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /**
   * A moment as a run's messages say it, beside the decisions' explanations: in the controller's zone
   * (failwise.time-zone), to the second, with its date when not today ("22:52:00 +01:00"). Always with its
   * seconds: a message rewritten only when its words change ({@link #sameButForNumbers}) keeps one shape.
   * Status fields ({@code startedAt}, {@code at}) stay RFC 3339 UTC, for programs.
   */
  public static String said(Instant t, Instant now, java.time.ZoneId zone) {
    return io.failwise.model.Format.timeWithSeconds(t, now, zone);
  }

  /** {@link #said(Instant, Instant, java.time.ZoneId)} of a status field's RFC 3339 time; as written when it is not one. */
  public static String said(String rfc3339, Instant now, java.time.ZoneId zone) {
    try {
      return rfc3339 == null ? "an unknown time" : said(Instant.parse(rfc3339), now, zone);
    } catch (java.time.format.DateTimeParseException e) {
      return rfc3339;
    }
  }

  /** The most pauses a step keeps: the newest. */
  static final int MAX_PAUSES = 20;

  /** Records on the running step that it stopped now, and why: the report's timeline says it. */
  static void notePause(FailoverRunStatus s, Instant now, String reason, String message) {
    if (s.steps == null) {
      return;
    }
    s.steps.stream().filter(st -> st.name != null && st.name.equals(s.currentStep)).findFirst().ifPresent(st -> {
      List<FailoverRunStatus.Pause> pauses = st.pauses == null ? new java.util.ArrayList<>() : new java.util.ArrayList<>(st.pauses);
      pauses.add(new FailoverRunStatus.Pause(time(now), reason, message));
      st.pauses = new java.util.ArrayList<>(pauses.subList(Math.max(0, pauses.size() - MAX_PAUSES), pauses.size()));
    });
  }

  public static Instant instant(String rfc3339) {
    return rfc3339 == null ? null : Instant.parse(rfc3339);
  }

  /**
   * Index of the first step not yet done, or empty when every step is: succeeded, or (for a run going
   * forward, which has no other way to reach them) set back or kept by the release at the end of a
   * drill ({@link RunRelease}).
   */
  public static Optional<Integer> currentStep(FailoverRunStatus s) {
    for (int i = 0; i < s.steps.size(); i++) {
      String state = s.steps.get(i).state;
      if (!SUCCEEDED.equals(state) && !UNDONE.equals(state) && !KEPT.equals(state)) {
        return Optional.of(i);
      }
    }
    return Optional.empty();
  }

  /** One Pending record per planned step. */
  public static List<StepStatus> pendingSteps(List<PlannedStep> planned) {
    List<StepStatus> steps = new ArrayList<>();
    for (PlannedStep p : planned) {
      StepStatus st = new StepStatus();
      st.name = p.name;
      st.kind = p.kind;
      st.state = PENDING;
      st.wavesAppliedAt = new ArrayList<>();
      steps.add(st);
    }
    return steps;
  }

  /**
   * A person's request as acted on at {@code now}: stamped no later than that. The CLI stamps it by the
   * clock the controller publishes, extrapolated, which can run ahead of the controller's own (at --speed
   * 60 a second of wall time is a simulated minute): a report once showed the abort after the end it caused.
   */
  static FailoverRunStatus.UserRequest actedOn(FailoverRunStatus.UserRequest r, Instant now) {
    try {
      if (r != null && r.at != null && Instant.parse(r.at).isAfter(now)) {
        r.at = time(now);
      }
    } catch (java.time.format.DateTimeParseException e) {
      r.at = time(now); // a stamp nobody can read is stamped when acted on
    }
    return r;
  }

  public static void setPhase(FailoverRunStatus s, RunPhase phase, String reason, String message) {
    s.phase = phase.displayName();
    s.reason = reason;
    s.message = message;
  }

  /**
   * What one wave of a shift or a failback does, as the run's message, the demo's feed and the report
   * say it: "wave 2 of 2: 7,200 devices to B, 9,000 there in all" for a shift, "wave 1 of 1: 9,000
   * devices back to A, 0 left at B" for a failback, so that a failback never reads as a failover.
   */
  public static String wave(PlannedStep p, int wave, String source, String target) {
    var w = p.waves.get(wave);
    String which = "wave " + (wave + 1) + " of " + p.waves.size() + ": ";
    long moving = w.devices == null ? 0 : w.devices;
    long atTarget = w.devicesAtTarget == null ? 0 : w.devicesAtTarget;
    return "Failback".equals(p.kind)
        ? which + io.failwise.model.Format.plural(moving, "device") + " back to " + source + ", "
            + io.failwise.model.Format.count(atTarget) + " left at " + target
        : which + io.failwise.model.Format.plural(moving, "device") + " to " + target + ", "
            + io.failwise.model.Format.count(atTarget) + " there in all";
  }

  /** What a shift or failback step did once its waves are applied, for the step's message. */
  public static String wavesDone(PlannedStep p, int applied, long atTarget, String source, String target) {
    String waves = io.failwise.model.Format.plural(applied, "wave") + " applied; ";
    if ("Failback".equals(p.kind)) {
      long back = p.waves.stream().limit(applied).mapToLong(w -> w.devices == null ? 0 : w.devices).sum();
      return waves + io.failwise.model.Format.plural(back, "device") + " back to " + source + ", "
          + io.failwise.model.Format.count(atTarget) + " left at " + target + ".";
    }
    return waves + io.failwise.model.Format.plural(atTarget, "device") + " at " + target + ".";
  }

  /** Whether the run's plan keeps that step as it left it (the playbook's rollback.keep): no rollback or set-back undoes it. */
  static boolean keeps(FailoverRunStatus s, String step) {
    return s.plan != null && s.plan.keep != null && s.plan.keep.contains(step);
  }

  /** Devices at the target now, from the waves applied so far. */
  public static long devicesAtTarget(FailoverRunStatus s) {
    long at = 0;
    for (int i = 0; i < s.steps.size(); i++) {
      StepStatus st = s.steps.get(i);
      PlannedStep p = s.plan.steps.get(i);
      int applied = st.wavesAppliedAt == null ? 0 : st.wavesAppliedAt.size();
      if (applied > 0 && p.waves != null && (p.kind.equals("Shift") || p.kind.equals("Failback"))) {
        at = p.waves.get(applied - 1).devicesAtTarget;
      }
    }
    return at;
  }

  /** Whether any shift wave was applied: from then on stop conditions are watched. */
  public static boolean devicesMoved(FailoverRunStatus s) {
    for (int i = 0; i < s.steps.size(); i++) {
      StepStatus st = s.steps.get(i);
      if ("Shift".equals(st.kind) && !RunStatuses.PENDING.equals(st.state)) {
        return true;
      }
    }
    return false;
  }

  /** How many waves the run has applied, over all its steps. */
  public static int wavesApplied(FailoverRunStatus s) {
    return s.steps == null ? 0 : s.steps.stream().mapToInt(st -> st.wavesAppliedAt == null ? 0 : st.wavesAppliedAt.size()).sum();
  }

  /** When the last wave of any step was applied, or null. */
  public static Instant lastWaveAt(FailoverRunStatus s) {
    Instant last = null;
    for (StepStatus st : s.steps) {
      if (st.wavesAppliedAt != null && !st.wavesAppliedAt.isEmpty() && ("Shift".equals(st.kind) || "Failback".equals(st.kind))) {
        Instant t = instant(st.wavesAppliedAt.get(st.wavesAppliedAt.size() - 1));
        last = last == null || t.isAfter(last) ? t : last;
      }
    }
    return last;
  }

  /**
   * When a request written on status {@code s} was asked, given the asker's clock says {@code at}: no
   * earlier than the latest moment {@code s} records. The report's timeline must not show an abort asked
   * before the failback wave its asker saw begun (an outside pass read "Abort asked 21:49:00" above
   * "failback wave 1 applied 21:49:08" as the controller ignoring it).
   */
  static Instant askedAt(FailoverRunStatus s, Instant at) {
    Instant latest = latestRecorded(s);
    return latest != null && latest.isAfter(at) ? latest : at;
  }

  /**
   * The latest moment the run's status records (its start, each step's start, end, undo and waves), or
   * null: a person's request read after the status was written came after all of these, whatever the
   * clock of the machine that sends it says (a laptop a few seconds behind, a sped-up world's clock
   * extrapolated between its publications).
   */
  public static Instant latestRecorded(FailoverRunStatus s) {
    List<String> times = new java.util.ArrayList<>();
    times.addAll(java.util.Arrays.asList(s.startedAt, s.finishedAt));
    for (StepStatus st : s.steps == null ? List.<StepStatus>of() : s.steps) {
      times.addAll(java.util.Arrays.asList(st.startedAt, st.finishedAt, st.undoneAt));
      times.addAll(st.wavesAppliedAt == null ? List.of() : st.wavesAppliedAt);
      times.addAll(st.wavesArrivedAt == null ? List.of() : st.wavesArrivedAt);
    }
    Instant latest = null;
    for (String t : times) {
      Instant i = t == null ? null : parsed(t);
      latest = i != null && (latest == null || i.isAfter(latest)) ? i : latest;
    }
    return latest;
  }

  private static Instant parsed(String t) {
    try {
      return Instant.parse(t);
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }

  /** The most devices that were at the target at once. */
  public static long peakDevicesAtTarget(FailoverRunStatus s) {
    long peak = 0;
    for (int i = 0; i < s.steps.size(); i++) {
      StepStatus st = s.steps.get(i);
      PlannedStep p = s.plan.steps.get(i);
      int applied = st.wavesAppliedAt == null ? 0 : st.wavesAppliedAt.size();
      for (int w = 0; w < applied && p.waves != null; w++) {
        peak = Math.max(peak, p.waves.get(w).devicesAtTarget);
      }
    }
    return peak;
  }

  /** Whether two messages differ only in their numbers (counts, shares, times). */
  static boolean sameButForNumbers(String a, String b) {
    return a != null && b != null && a.replaceAll("\\d[\\d,.:TZ-]*", "#").equals(b.replaceAll("\\d[\\d,.:TZ-]*", "#"));
  }
}
