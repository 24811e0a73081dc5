package io.failwise.cli.runs;

import io.failwise.api.FailoverRunStatus;
import io.failwise.api.FailoverRunStatus.PlannedStep;
import io.failwise.api.FailoverRunStatus.PlannedWave;
import io.failwise.api.RunEstimate;
import io.failwise.model.Format;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code failwise plan -o markdown}: the plan as a pull-request comment (GitHub or GitLab flavoured
 * markdown): the summary and the steps in view, each step's waves folded, the prechecks, the stop
 * conditions and the estimate with its explanation. The same facts as {@link PlanText}.
 */
final class PlanMarkdown {
  private PlanMarkdown() {}

  static void print(PrintWriter out, FailoverRunStatus.Plan plan, List<FailoverRunStatus.Check> prechecks, RunEstimate estimate, String allowLists) {
    out.printf("### Failwise plan: %s of `%s` to `%s` (playbook `%s`)%n%n", plan.mode.toLowerCase(Locale.ROOT), plan.source, plan.target, plan.playbook);
    out.printf("%s. Waves to %s are paced at %s, waves back to %s at %s. The steps take about %s%s.%n%n",
        PlanText.moving(plan), plan.target, Format.rate(plan.targetDevicesPerSecond), plan.source, Format.rate(plan.sourceDevicesPerSecond),
        Format.duration(Duration.ofSeconds(plan.estimatedSeconds)), PlanText.notCounting(plan));
    if (plan.targetChoice != null) {
      out.printf("Target: %s%n%n", plan.targetChoice);
    }
    out.println("| # | Step | Kind | Takes | What |");
    out.println("|---:|---|---|---:|---|");
    for (int i = 0; i < plan.steps.size(); i++) {
      PlannedStep p = plan.steps.get(i);
      out.printf("| %d | %s | %s | %s | %s |%n", i + 1, cell(p.name), p.kind,
          p.estimatedSeconds == null || p.estimatedSeconds == 0 ? "" : Format.duration(Duration.ofSeconds(p.estimatedSeconds)), cell(p.summary));
    }
    for (PlannedStep p : plan.steps) {
      if (p.waves == null) {
        continue;
      }
      boolean failback = "Failback".equals(p.kind);
      out.printf("%n<details><summary>Waves of %s (to %s): %d</summary>%n%n", cell(p.name), failback ? plan.source : plan.target,
          p.waves.size());
      // Where the devices are after each wave, by cluster, as in the text.
      if (failback) {
        out.printf("| Wave | Percent | Devices | Back at `%s` | Left at `%s` | Paced | Lasts |%n", cell(plan.source), cell(plan.target));
        out.println("|---:|---:|---:|---:|---:|---:|---:|");
      } else {
        out.printf("| Wave | Percent | Devices | At `%s` | Paced | Lasts |%n", cell(plan.target));
        out.println("|---:|---:|---:|---:|---:|---:|");
      }
      long back = 0;
      for (int w = 0; w < p.waves.size(); w++) {
        PlannedWave wave = p.waves.get(w);
        back += wave.devices;
        out.printf("| %d | %d%% | %s | %s%s (%d%%) | %s | %s |%n", w + 1, wave.percent, Format.count(wave.devices),
            failback ? Format.count(back) + " | " : "", Format.count(wave.devicesAtTarget), wave.targetPercent, PlanText.seconds(wave.pacedSeconds),
            PlanText.seconds(wave.durationSeconds));
      }
      out.printf("%n</details>%n");
    }
    out.printf("%n**Prechecks**, as the files say now (the controller also checks the daily budget, freeze windows and the halt):%n%n");
    for (FailoverRunStatus.Check c : prechecks) {
      out.printf("- %s %s: %s%n", c.passed ? "ok" : "**FAIL**", c.name, cell(c.message));
    }
    if (!plan.stopConditions.isEmpty()) {
      out.printf("%n**Stop conditions**, watched once devices move:%n%n");
      plan.stopConditions.forEach(c -> out.printf("- %s: %s%n", cell(c.name), PlanText.describe(c)));
    }
    if (allowLists != null) {
      out.printf("%n**Allow-lists** (%s): every object and webhook of the plan is allowed.%n", cell(allowLists));
    }
    out.println();
    if (estimate.recommendation == null) {
      out.printf("**Estimate:** %s%n", cell(estimate.explanation));
    } else {
      out.printf("**Estimate: %s**%s%n%n> %s%n", estimate.recommendation, estimate.target == null ? "" : " to `" + estimate.target + "`",
          cell(estimate.explanation));
      if (estimate.turnsWith != null) {
        out.printf("%n**Turns with:** %s%n", cell(estimate.turnsWith));
      }
    }
    PlanText.otherMove(plan, estimate).ifPresent(note -> out.printf("%n%s%n", cell(note)));
    out.flush();
  }

  /** A refused plan, for the same comment: the problems, each a bullet. */
  static void refused(PrintWriter out, List<String> problems) {
    out.printf("### Failwise plan: refused%n%n");
    problems.forEach(p -> out.printf("- %s%n", cell(p)));
    out.flush();
  }

  /** Text inside a table cell or a line: pipes escaped, one line, no HTML. */
  static String cell(String s) {
    if (s == null) {
      return "";
    }
    return s.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;").replace("\r", " ").replace("\n", " ");
  }
}
