package io.failwise.console;

import io.failwise.api.FailoverRun;
import io.failwise.api.FailoverRunStatus;
import io.failwise.api.FailoverRunStatus.PlannedStep;
import io.failwise.api.FailoverRunStatus.PlannedWave;
import io.failwise.api.FailoverRunStatus.StepStatus;
import io.failwise.cli.runs.RunReport;
import io.failwise.cli.runs.StopConditionStates;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run for the console: its steps and waves as planned (offsets from the start, from the plan's
 * estimates) against what happened (from the step records), its stop conditions, approvals, the
 * commands a person would copy and the report.
 */
final class RunView {
  private RunView() {}

  static List<Map<String, Object>> list(List<FailoverRun> runs) {
    List<FailoverRun> sorted = new ArrayList<>(runs);
    sorted.sort(Comparator.comparing((FailoverRun r) -> created(r)).reversed());
    return sorted.stream().map(RunView::summary).toList();
  }

  static Map<String, Object> summary(FailoverRun r) {
    FailoverRunStatus s = r.getStatus();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("namespace", r.getMetadata().getNamespace());
    m.put("name", r.getMetadata().getName());
    m.put("createdAt", r.getMetadata().getCreationTimestamp());
    m.put("mode", r.getSpec() == null ? null : String.valueOf(r.getSpec().mode));
    m.put("playbook", r.getSpec() == null ? null : r.getSpec().playbook);
    m.put("source", r.getSpec() == null ? null : r.getSpec().source);
    m.put("target", s == null ? null : s.target);
    m.put("phase", s == null || s.phase == null ? "Pending" : s.phase);
    m.put("reason", s == null ? null : s.reason);
    m.put("message", s == null ? null : s.message);
    m.put("currentStep", s == null ? null : s.currentStep);
    m.put("currentWave", s == null ? null : s.currentWave);
    m.put("startedAt", s == null ? null : s.startedAt);
    m.put("finishedAt", s == null ? null : s.finishedAt);
    return m;
  }

  static Map<String, Object> detail(FailoverRun r) {
    return detail(r, false, null, java.time.Instant.now(), java.time.ZoneOffset.UTC);
  }

  /**
   * The run's page; {@code simulated} when the controller runs on a simulated clock (the report then names the
   * wall-clock creation apart); {@code now} and {@code zone} the console's clock, for the times its warnings say.
   */
  static Map<String, Object> detail(FailoverRun r, boolean simulated, io.failwise.api.Cluster source, java.time.Instant now, java.time.ZoneId zone) {
    Map<String, Object> m = summary(r);
    FailoverRunStatus s = r.getStatus() == null ? new FailoverRunStatus() : r.getStatus();
    m.put("timeline", timeline(s));
    // Each condition's state as the status records it: fired, not fired or not evaluated, with its reading.
    List<Map<String, Object>> stops = new ArrayList<>();
    for (StopConditionStates.Row row : StopConditionStates.of(s)) {
      Map<String, Object> sm = new LinkedHashMap<>();
      sm.put("condition", row.condition());
      sm.put("fired", row.fired());
      sm.put("state", row.state());
      sm.put("reading", row.reading());
      stops.add(sm);
    }
    m.put("stopConditions", stops);
    m.put("stopConditionFired", s.report == null ? null : s.report.stopCondition);
    m.put("stopConditionsFired", StopConditionStates.fired(s));
    List<Map<String, Object>> approvals = new ArrayList<>();
    if (s.approvals != null) {
      for (FailoverRunStatus.Approval a : s.approvals) {
        approvals.add(ordered("step", a.step, "by", a.by, "at", a.at, "approval", a.approval));
      }
    }
    m.put("approvals", approvals);
    m.put("abort", s.abort);
    m.put("estimate", s.estimate);
    // An abort now would send the devices it moved back into the source's outage: failwise abort refuses it
    // without --anyway, so the page says so and offers what the CLI would take (halt, or the abort with --anyway).
    java.util.Optional<String> intoOutage = io.failwise.operator.run.AbortCheck.intoOutage(r, source, now, zone);
    m.put("abortWarning", intoOutage.map(h -> "An abort now: " + h + ". failwise abort refuses it without --anyway; failwise halt pauses every"
        + " run before its next move instead, until failwise resume.").orElse(null));
    m.put("commands", commands(r, s, intoOutage.isPresent()));
    m.put("report", report(r, simulated));
    return m;
  }

  private static String report(FailoverRun r, boolean simulated) {
    try {
      return RunReport.markdown(r, simulated); // as failwise report prints it
    } catch (RuntimeException e) { // one odd status must not take the page down
      return "No report for this run: its status lacks what the report reads (" + e + ").";
    }
  }

  /** What a person may do next, to copy: the console itself changes nothing. */
  static List<String> commands(FailoverRun r, FailoverRunStatus s) {
    return commands(r, s, false);
  }

  /** As above; {@code intoOutage}: an abort would roll the moved devices back into the source's outage. */
  static List<String> commands(FailoverRun r, FailoverRunStatus s, boolean intoOutage) {
    String ref = r.getMetadata().getName() + " -n " + r.getMetadata().getNamespace();
    List<String> out = new ArrayList<>();
    String phase = s.phase == null ? "Pending" : s.phase;
    if ("AwaitingApproval".equals(phase)) {
      out.add("failwise approve " + ref);
    }
    if ("Halted".equals(phase)) {
      out.add("failwise resume");
    }
    // The phases that accept an abort (RunPhase's table): a Planned, Refused or ended run does not.
    if (io.failwise.model.run.RunPhase.parse(phase).map(p -> p.accepts(io.failwise.model.run.UserAction.ABORT)).orElse(false)) {
      if (intoOutage) {
        out.add("failwise halt --reason \"...\"");
      }
      out.add("failwise abort " + ref + (intoOutage ? " --anyway" : "") + " --reason \"...\"");
    }
    // A Failed run holds its clusters until a person has finished by hand and says so.
    if ("Failed".equals(phase) && s.resolved == null) {
      out.add("failwise resolve " + ref + " --reason \"...\"");
    }
    out.add("failwise report " + ref);
    out.add("kubectl get failoverruns.failwise.io " + ref + " -o yaml");
    return out;
  }

  /** Steps and waves: planned offsets from the start against actual ones, in seconds. */
  static Map<String, Object> timeline(FailoverRunStatus s) {
    Map<String, Object> t = new LinkedHashMap<>();
    Instant start = parse(s.startedAt);
    t.put("startedAt", s.startedAt);
    // When the run ended, from its start: a step it left unfinished is drawn up to there, not to the chart's end.
    t.put("finishedSeconds", offset(start, s.finishedAt));
    List<Map<String, Object>> steps = new ArrayList<>();
    long planned = 0;
    List<PlannedStep> plan = s.plan == null || s.plan.steps == null ? List.of() : s.plan.steps;
    for (int i = 0; i < plan.size(); i++) {
      PlannedStep p = plan.get(i);
      StepStatus actual = s.steps == null ? null : s.steps.stream().filter(x -> p.name != null && p.name.equals(x.name)).findFirst().orElse(null);
      long duration = p.estimatedSeconds == null ? 0 : p.estimatedSeconds;
      Map<String, Object> sm = new LinkedHashMap<>();
      sm.put("name", p.name);
      sm.put("kind", p.kind);
      sm.put("summary", p.summary);
      sm.put("state", actual == null || actual.state == null ? "Pending" : actual.state);
      sm.put("plannedStartSeconds", planned);
      sm.put("plannedSeconds", duration);
      sm.put("actualStartSeconds", actual == null ? null : offset(start, actual.startedAt));
      sm.put("actualEndSeconds", actual == null ? null : offset(start, actual.finishedAt));
      sm.put("undoneAtSeconds", actual == null ? null : offset(start, actual.undoneAt));
      sm.put("message", actual == null ? null : actual.message);
      List<Map<String, Object>> waves = new ArrayList<>();
      if (p.waves != null) {
        long waveAt = planned;
        for (int w = 0; w < p.waves.size(); w++) {
          PlannedWave pw = p.waves.get(w);
          Map<String, Object> wm = new LinkedHashMap<>();
          wm.put("wave", w + 1);
          wm.put("percent", pw.percent);
          wm.put("devices", pw.devices);
          wm.put("plannedAtSeconds", waveAt);
          String applied = actual == null || actual.wavesAppliedAt == null || w >= actual.wavesAppliedAt.size() ? null : actual.wavesAppliedAt.get(w);
          wm.put("appliedAt", applied);
          wm.put("actualAtSeconds", offset(start, applied));
          waves.add(wm);
          waveAt += pw.durationSeconds == null ? 0 : pw.durationSeconds;
        }
      }
      sm.put("waves", waves);
      steps.add(sm);
      planned += duration;
    }
    t.put("plannedSeconds", planned);
    t.put("steps", steps);
    return t;
  }

  private static Long offset(Instant start, String at) {
    Instant i = parse(at);
    return start == null || i == null ? null : Duration.between(start, i).toSeconds();
  }

  private static Instant parse(String at) {
    if (at == null) {
      return null;
    }
    try {
      return Instant.parse(at);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String created(FailoverRun r) {
    String c = r.getMetadata().getCreationTimestamp();
    return c == null ? "" : c;
  }

  private static Map<String, Object> ordered(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }
}
