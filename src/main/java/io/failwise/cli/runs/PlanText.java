package io.failwise.cli.runs;

import io.failwise.api.FailoverRunStatus;
import io.failwise.api.FailoverRunStatus.PlannedStep;
import io.failwise.api.FailoverRunStatus.PlannedWave;
import io.failwise.api.RunEstimate;
import io.failwise.api.StopConditionSpec;
import io.failwise.cli.Table;
import io.failwise.model.Format;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The text of {@code failwise plan}: steps, waves, prechecks and the estimate, for a person. */
final class PlanText {
  private PlanText() {}

  /** "180,000 devices move", "1 device moves". */
  static String moving(FailoverRunStatus.Plan plan) {
    return Format.plural(plan.devicesToMove, "device") + (plan.devicesToMove == 1 ? " moves" : " move");
  }

  /**
   * ", not counting waiting for approval or for go-eu-west-1 to recover before the failback": the waits
   * the plan's time leaves out, those this plan has (an approval step; a Failover's wait for its source).
   */
  static String notCounting(FailoverRunStatus.Plan plan) {
    List<String> waits = new java.util.ArrayList<>();
    if (plan.steps.stream().anyMatch(p -> "Approval".equals(p.kind))) {
      waits.add("for approval");
    }
    if ("Failover".equals(plan.mode) && plan.steps.stream().anyMatch(p -> "Failback".equals(p.kind))) {
      waits.add("for " + plan.source + " to recover before the failback");
    }
    return waits.isEmpty() ? "" : ", not counting waiting " + String.join(" or ", waits);
  }

  static void print(PrintWriter out, FailoverRunStatus.Plan plan, List<FailoverRunStatus.Check> prechecks, RunEstimate estimate) {
    out.printf("Plan: %s of %s to %s with playbook %s: %s.%n", plan.mode.toLowerCase(Locale.ROOT), plan.source, plan.target,
        plan.playbook, moving(plan));
    if (plan.targetChoice != null) {
      out.println("Target: " + plan.targetChoice);
    }
    out.printf("Waves to %s are paced at %s; waves back to %s at %s.%n", plan.target,
        Format.rate(plan.targetDevicesPerSecond), plan.source, Format.rate(plan.sourceDevicesPerSecond));
    out.printf("The steps take about %s%s.%n", Format.duration(Duration.ofSeconds(plan.estimatedSeconds)), notCounting(plan));
    out.println();
    Table steps = new Table("#", "STEP", "KIND", "TAKES", "WHAT");
    for (int i = 0; i < plan.steps.size(); i++) {
      PlannedStep p = plan.steps.get(i);
      steps.row(i + 1, p.name, p.kind, p.estimatedSeconds == null || p.estimatedSeconds == 0 ? "" : Format.duration(Duration.ofSeconds(p.estimatedSeconds)), p.summary);
    }
    steps.print(out);
    for (PlannedStep p : plan.steps) {
      if (p.waves == null) {
        continue;
      }
      out.println();
      boolean failback = "Failback".equals(p.kind);
      out.printf("Waves of %s (to %s):%n", p.name, failback ? plan.source : plan.target);
      // Where the devices are after each wave, by cluster: a failback's waves fill the source and empty the target.
      Table waves = failback
          ? new Table("WAVE", "PERCENT", "DEVICES", "BACK AT " + plan.source, "LEFT AT " + plan.target, "PACED", "LASTS")
          : new Table("WAVE", "PERCENT", "DEVICES", "AT " + plan.target, "PACED", "LASTS");
      long back = 0;
      for (int w = 0; w < p.waves.size(); w++) {
        PlannedWave wave = p.waves.get(w);
        back += wave.devices;
        String atTarget = Format.count(wave.devicesAtTarget) + " (" + wave.targetPercent + "%)";
        if (failback) {
          waves.row(w + 1, wave.percent + "%", Format.count(wave.devices), Format.count(back), atTarget, seconds(wave.pacedSeconds),
              seconds(wave.durationSeconds));
        } else {
          waves.row(w + 1, wave.percent + "%", Format.count(wave.devices), atTarget, seconds(wave.pacedSeconds), seconds(wave.durationSeconds));
        }
      }
      waves.print(out);
    }
    out.println();
    out.println("Prechecks, as the files say now (the controller also checks the daily budget, freeze windows and the halt):");
    int nameWidth = prechecks.stream().mapToInt(c -> c.name.length()).max().orElse(1);
    for (FailoverRunStatus.Check c : prechecks) {
      out.printf("  %-4s  %-" + nameWidth + "s  %s%n", c.passed ? "ok" : "FAIL", c.name, c.message);
    }
    if (!plan.stopConditions.isEmpty()) {
      out.println();
      out.println("Stop conditions, watched once devices move:");
      plan.stopConditions.forEach(c -> out.println("  " + c.name + ": " + describe(c)));
    }
    out.println();
    if (estimate.recommendation == null) {
      out.println("Estimate: " + estimate.explanation);
    } else {
      out.println("Estimate: " + estimate.recommendation + (estimate.target == null ? "" : " to " + estimate.target));
      out.println(estimate.explanation);
      if (estimate.turnsWith != null) {
        out.println("Turns with: " + estimate.turnsWith);
      }
    }
    otherMove(plan, estimate).ifPresent(out::println);
    if ("Drill".equals(plan.mode)) {
      // The Target line above costs the drill's move; this one weighs another move: say which.
      out.printf("(The estimate weighs failing %s over now, every device; this drill moves %s and brings them back.)%n", plan.source,
          Format.plural(plan.devicesToMove, "device"));
    }
    out.flush();
  }

  /**
   * When the estimate recommends a move this playbook's shift does not make: it recommended moving only the
   * affected devices beside a plan that moves every device, with nothing to say the two differ.
   */
  static java.util.Optional<String> otherMove(FailoverRunStatus.Plan plan, RunEstimate estimate) {
    if (estimate.recommendation == null || "Drill".equals(plan.mode) || plan.steps == null) {
      return java.util.Optional.empty();
    }
    var scope = plan.steps.stream().filter(p -> p.spec != null && p.spec.shift != null).map(p -> p.spec.shift.scope).findFirst();
    if (scope.isEmpty()) {
      return java.util.Optional.empty();
    }
    boolean affectedOnly = scope.get() == io.failwise.api.PlaybookStep.Scope.Affected;
    if ("FAILOVER_AFFECTED".equals(estimate.recommendation) && !affectedOnly) {
      return java.util.Optional.of("(The estimate recommends moving only the affected devices; playbook " + plan.playbook + " moves all "
          + Format.plural(plan.devicesToMove, "device") + " of " + plan.source + ": a playbook whose shift has scope Affected makes that move.)");
    }
    if ("FAILOVER".equals(estimate.recommendation) && affectedOnly) {
      return java.util.Optional.of("(The estimate recommends failing every device of " + plan.source + " over; playbook " + plan.playbook
          + " moves only the affected devices.)");
    }
    return java.util.Optional.empty();
  }

  /** "3 s", "1 min 34 s", "12 min": pacing is about seconds, so they are not rounded away. */
  static String seconds(long s) {
    if (s < 60) {
      return s + " s";
    }
    if (s < 600 && s % 60 != 0) {
      return s / 60 + " min " + s % 60 + " s";
    }
    return Format.duration(Duration.ofSeconds(s));
  }

  static String describe(StopConditionSpec c) {
    String where = "Source".equals(c.cluster) ? "the source" : "the target";
    if (c.offlineDevicesAbove != null) {
      return "more than " + Format.plural(c.offlineDevicesAbove, "device") + " offline at " + where;
    }
    if (c.offlineRatioAbove != null) {
      return "more than " + Format.percent(c.offlineRatioAbove) + " of the devices expected at " + where + " offline";
    }
    if (c.offlineRatioRiseAbove != null) {
      return "the share of the devices expected at " + where + " offline up more than " + Format.percent(c.offlineRatioRiseAbove)
          + " on before the first wave, " + Format.duration(Duration.ofSeconds(c.graceSeconds)) + " after a wave";
    }
    if (c.reconnectedRatioBelow != null) {
      return "fewer than " + Format.percent(c.reconnectedRatioBelow) + " of the moved devices connected at the target "
          + Format.duration(Duration.ofSeconds(c.graceSeconds)) + " after a wave";
    }
    return "the device counts of " + where + " unknown for " + Format.duration(Duration.ofSeconds(c.signalUnknownSeconds));
  }
}
