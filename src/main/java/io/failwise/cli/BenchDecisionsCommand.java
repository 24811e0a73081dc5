package io.failwise.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.failwise.model.Format;
import io.failwise.sim.decisions.DecisionBenchmark;
import io.failwise.sim.decisions.RatioInterval;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code failwise bench decisions}: the decision rule's regret over simulated incident nights. */
@Command(
    name = "decisions",
    mixinStandardHelpOptions = true,
    description = {
      "Measure the decision rule's regret against runbook rules and the oracle.",
      "Replays simulated incident nights through the estimator the policy runs, re-deciding on its schedule, "
      + "against the usual runbook rules and the best action in hindsight (the oracle). failwise learns its duration prior "
      + "from the nights before (its fleet's past outages); failwise-stated-prior shows the rule without that record.",
      "Deterministic with the seed."
    })
public class BenchDecisionsCommand implements Callable<Integer> {
  @Option(names = "--nights", defaultValue = "1000", description = "Nights to simulate (default: ${DEFAULT-VALUE}).")
  int nights;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the nights (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = {"-o", "--output"}, defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
  OutputFormat.TextJson output;

  @Option(
      names = "--by-shape",
      description = "Also break each strategy's regret down by outage shape, target condition and duration prior (JSON always has it).")
  boolean byShape;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws JsonProcessingException {
    if (nights < 1 || nights > 1_000_000) {
      throw new UserInputException("--nights must be from 1 to 1,000,000 (got " + nights + ")");
    }
    DecisionBenchmark.Report report = new DecisionBenchmark().report(nights, seed);
    List<DecisionBenchmark.Row> rows = report.rows();
    PrintWriter out = spec.commandLine().getOut();
    if (output == OutputFormat.TextJson.json) {
      Map<String, Object> root = new LinkedHashMap<>();
      root.put("nights", nights);
      root.put("seed", seed);
      List<Map<String, Object>> list = new ArrayList<>();
      for (DecisionBenchmark.Row r : rows) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", r.name());
        m.put("meanDeviceMinutes", Math.round(r.meanDeviceMinutes()));
        m.put("p90DeviceMinutes", Math.round(r.p90DeviceMinutes()));
        m.put("failovers", r.failovers());
        m.put("regretVsOracle", Math.round(r.regretVsOracle()));
        list.add(m);
      }
      root.put("strategies", list);
      List<Map<String, Object>> groups = new ArrayList<>();
      for (var g : report.breakdown()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("by", g.by());
        m.put("group", g.value());
        m.put("nights", g.nights());
        Map<String, Object> regret = new LinkedHashMap<>();
        Map<String, Object> failovers = new LinkedHashMap<>();
        for (int s = 0; s < rows.size(); s++) {
          regret.put(rows.get(s).name(), Math.round(g.regretVsOracle().get(s)));
          failovers.put(rows.get(s).name(), g.failovers().get(s));
        }
        m.put("regretVsOracle", regret);
        m.put("failovers", failovers);
        m.put("regretKnowingTheMix", Math.round(g.regretKnowingTheMix()));
        groups.add(m);
      }
      root.put("breakdown", groups);
      Map<String, Object> floors = new LinkedHashMap<>();
      floors.put("thresholdInHindsight", Math.round(report.floorRegret()));
      floors.put("thresholdInHindsightKnowingShape", Math.round(report.floorRegretKnowingShape()));
      floors.put("thresholdInHindsightObservable", Math.round(report.floorRegretObservable()));
      floors.put("knowingTheMix", Math.round(report.regretKnowingTheMix()));
      root.put("regretFloors", floors);
      DecisionBenchmark.Row best = bestFixedRule(rows);
      Map<String, Object> ratio = new LinkedHashMap<>();
      ratio.put("bestFixedRule", best.name());
      for (DecisionBenchmark.Row r : rows) {
        if (r.name().startsWith("failwise")) {
          ratio.put(r.name(), ratio(r, best));
        }
      }
      ratio.put("knowingTheMix", ratio(report.regretKnowingTheMix(), best));
      root.put("regretRatioToBestFixedRule", ratio);
      Map<String, Object> intervals = new LinkedHashMap<>();
      intervals.put("confidence", RatioInterval.CONFIDENCE);
      intervals.put("resamples", RatioInterval.RESAMPLES);
      report.ratioIntervals().forEach((name, i) -> intervals.put(name, best.regretVsOracle() <= 0 ? null : List.of(twoPlaces(i.low()), twoPlaces(i.high()))));
      root.put("regretRatioIntervals", intervals);
      out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root));
    } else {
      Table table = new Table("STRATEGY", "MEAN DEVICE-MIN", "P90 DEVICE-MIN", "FAILOVERS", "REGRET VS ORACLE");
      for (DecisionBenchmark.Row r : rows) {
        table.row(
            r.name(),
            Format.count(Math.round(r.meanDeviceMinutes())),
            Format.count(Math.round(r.p90DeviceMinutes())),
            Format.count(r.failovers()),
            Format.count(Math.round(r.regretVsOracle())));
      }
      out.println(Format.plural(nights, "night") + ", seed " + seed + " (docs/estimator.md: the mix of shapes, durations and targets)");
      table.print(out);
      if (byShape) {
        printBreakdown(out, report);
      }
      printRatio(out, report);
      printKnowingTheMix(out, report);
      printFloors(out, report);
    }
    out.flush();
    return 0;
  }

  /** Mean regret per night within each group; the share of the whole is regret x nights / all nights. */
  private void printBreakdown(PrintWriter out, DecisionBenchmark.Report report) {
    List<String> header = new ArrayList<>(List.of("GROUP", "NIGHTS"));
    for (DecisionBenchmark.Row r : report.rows()) {
      if (!r.name().equals("oracle")) {
        header.add(r.name().toUpperCase(java.util.Locale.ROOT));
      }
    }
    header.add("KNOWING THE MIX");
    out.println();
    out.println("Regret vs oracle by group (mean device-minutes over the group's nights; failovers in brackets; knowing the mix: the"
        + " reference below, recovering nights credited at the oracle's cost):");
    Table table = new Table(header.toArray(String[]::new));
    for (var g : report.breakdown()) {
      List<String> cells = new ArrayList<>(List.of(g.by() + " " + g.value().toLowerCase(java.util.Locale.ROOT), Format.count(g.nights())));
      for (int s = 0; s < report.rows().size(); s++) {
        if (!report.rows().get(s).name().equals("oracle")) {
          cells.add(Format.count(Math.round(g.regretVsOracle().get(s))) + " (" + g.failovers().get(s) + ")");
        }
      }
      cells.add(Format.count(Math.round(g.regretKnowingTheMix())));
      table.row(cells.toArray(String[]::new));
    }
    table.print(out);
  }

  /** The fixed rule (always hold, or fail over at a fixed time) with the least regret. */
  private static DecisionBenchmark.Row bestFixedRule(List<DecisionBenchmark.Row> rows) {
    return rows.stream()
        .filter(r -> DecisionBenchmark.fixedRule(r.name()))
        .min(java.util.Comparator.comparingDouble(DecisionBenchmark.Row::regretVsOracle))
        .orElseThrow();
  }

  /**
   * A strategy's regret over the best fixed rule's, to two places; null when even that rule has none
   * (a few nights on which it did as well as the oracle): no ratio, rather than a 0 that reads as perfect.
   */
  private static Double ratio(DecisionBenchmark.Row r, DecisionBenchmark.Row best) {
    return ratio(r.regretVsOracle(), best);
  }

  private static Double ratio(double regret, DecisionBenchmark.Row best) {
    return best.regretVsOracle() <= 0 ? null : Math.round(100 * regret / best.regretVsOracle()) / 100.0;
  }

  /** "0.57", or what stands for a ratio there is none of. */
  private static String ratioText(Double ratio) {
    return ratio == null ? "undefined" : places(ratio);
  }

  private static DecisionBenchmark.Row row(List<DecisionBenchmark.Row> rows, String name) {
    return rows.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
  }

  private static void printRatio(PrintWriter out, DecisionBenchmark.Report report) {
    List<DecisionBenchmark.Row> rows = report.rows();
    DecisionBenchmark.Row best = bestFixedRule(rows);
    DecisionBenchmark.Row failwise = row(rows, "failwise");
    DecisionBenchmark.Row stated = row(rows, "failwise-stated-prior");
    out.println();
    if (best.regretVsOracle() <= 0) {
      out.println(
          "No regret ratio: the best fixed rule (" + best.name() + ") did as well as the oracle on these nights; run more nights.");
      return;
    }
    out.println(
        "failwise's regret is " + ratioText(ratio(failwise, best)) + " of the best fixed rule's (" + best.name() + "; "
            + interval(report, "failwise") + "); with the stated prior alone, as on a fleet with no past outages yet, "
            + ratioText(ratio(stated, best)) + " (" + interval(report, "failwise-stated-prior") + ").");
  }

  /** "95% interval 0.51-0.63 over resampled nights": how far the ratio could move on other nights. */
  private static String interval(DecisionBenchmark.Report report, String name) {
    RatioInterval i = report.ratioIntervals().get(name);
    return Math.round(RatioInterval.CONFIDENCE * 100) + "% interval " + places(twoPlaces(i.low())) + "-" + places(twoPlaces(i.high()))
        + " over resampled nights";
  }

  private static double twoPlaces(double x) {
    return Math.round(100 * x) / 100.0;
  }

  private static String places(double x) {
    return String.format(java.util.Locale.ROOT, "%.2f", x);
  }

  /** The regret of the rule told the nights' mix (MixAwareRule), in one sentence. */
  private static void printKnowingTheMix(PrintWriter out, DecisionBenchmark.Report report) {
    DecisionBenchmark.Row best = bestFixedRule(report.rows());
    out.println();
    out.println(
        "Knowing the mix (docs/estimator.md; a reference, no strategy): the rule told exactly how these nights are drawn, failing over"
            + " at the time of least expected loss (the best a rule that cannot see the future can expect; recovering nights credited at"
            + " the oracle's cost), has a regret of " + Format.count(Math.round(report.regretKnowingTheMix()))
            + (best.regretVsOracle() <= 0 ? "."
                : ", " + ratioText(ratio(report.regretKnowingTheMix(), best)) + " of the best fixed rule's (" + interval(report, "knowingTheMix") + ")."));
  }

  /** The floors under any rule's regret (ThresholdBound), in one sentence. */
  private static void printFloors(PrintWriter out, DecisionBenchmark.Report report) {
    out.println();
    out.println(
        "Threshold bounds (docs/estimator.md; no strategy: fitted to these very nights, and a rule that follows the trend can go"
            + " below them on growing and recovering nights): the best failover time per class of nights, chosen in hindsight, has a regret of "
            + Format.count(Math.round(report.floorRegret())) + " with the classes keyed on the true cutover; knowing each night's shape too, "
            + Format.count(Math.round(report.floorRegretKnowingShape())) + "; keyed only on what the policy sees at its first decision"
            + " (stated cutover, counts, target rates), " + Format.count(Math.round(report.floorRegretObservable())) + ".");
  }
}
