package io.failwise.cli;

import io.failwise.model.Format;
import io.failwise.model.detect.DetectorSettings;
import io.failwise.signals.replay.DetectionBenchmark;
import io.failwise.signals.replay.FleetSeriesGenerator;
import io.failwise.signals.replay.ThresholdRule;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code failwise bench detection}: the 12 March incident and a normal week, generated from a seed,
 * replayed at 15 s through the detector and through the usual threshold alert.
 */
@Command(
    name = "detection",
    mixinStandardHelpOptions = true,
    description = {
      "Compare the detector with the usual Prometheus rule on a normal week and the 12 March 2026 incident.",
      "Replays a generated normal week (4 clusters) and the incident at 15 s resolution through both; prints "
      + "the delay from onset to the Outage condition and the false Outage conditions of each."
    })
public class DetectionBenchCommand implements Callable<Integer> {
  @Option(names = {"-o", "--output"}, defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
  OutputFormat.TextJson output;

  @Option(names = "--seed", defaultValue = "" + FleetSeriesGenerator.DEFAULT_SEED, description = "Seed of the generated series (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--seeds",
      defaultValue = "1",
      description = "Also replay this many generated weeks (seeds SEED, SEED+1, ...) and print medians (default: ${DEFAULT-VALUE}).")
  int seeds;

  @Option(
      names = "--series",
      paramLabel = "FILE.csv",
      description = {
        "Replay this series instead of the generated ones: CSV with a header ts,connected,expected (ts in Unix "
        + "seconds or RFC 3339; an empty connected is a missing sample). Prints the conditions over time."
      })
  java.nio.file.Path series;

  @Option(
      names = "--maintenance",
      paramLabel = "START/END",
      description = "With --series: a one-off maintenance window (RFC 3339), repeatable.")
  List<String> maintenance;

  @Option(
      names = "--shapes",
      description = {
        "Instead: every method on every shape of trouble (shard glitches, a maintenance wave, a vanished series, "
        + "synchronised flapping, a slow ramp, a night-trough loss, a 1 %% step, sudden losses), each put into a "
        + "generated week; with --seeds N over N weeks."
      })
  boolean shapes;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (series != null) {
      // The replay of a file reads none of the generated weeks' options: silently ignored, --shapes printed
      // the replay as if it were the shapes' table.
      for (String generated : List.of("--shapes", "--seed", "--seeds")) {
        if (spec.commandLine().getParseResult().hasMatchedOption(generated)) {
          throw new UserInputException(generated + ": for the generated weeks; --series replays its file alone. Give one or the other");
        }
      }
      PrintWriter out = spec.commandLine().getOut();
      SeriesReplayReport.run(series, maintenance, output, out);
      out.flush();
      return 0;
    }
    if (maintenance != null) {
      throw new UserInputException("--maintenance: only with --series");
    }
    if (seeds < 1 || seeds > 1000) {
      throw new UserInputException("--seeds: a number of weeks from 1 to 1000 (got " + seeds + ")");
    }
    if (shapes) {
      PrintWriter out = spec.commandLine().getOut();
      ShapeTable.print(seed, seeds, output, out);
      out.flush();
      return 0;
    }
    DetectionBenchmark.Report r = DetectionBenchmark.run(seed, DetectorSettings.defaults(), ThresholdRule.usual());
    ThresholdRule tight = new ThresholdRule(0.98, Duration.ofHours(1), Duration.ofMinutes(1));
    DetectionBenchmark.Report t = DetectionBenchmark.run(seed, DetectorSettings.defaults(), tight);
    List<Map<String, Object>> rhythms = rhythms(tight);
    PrintWriter out = spec.commandLine().getOut();
    Map<String, Object> across = seeds > 1 ? acrossSeeds(r) : null;
    if (output == OutputFormat.TextJson.json) {
      Map<String, Object> json = json(r, t, tight);
      json.put("sharperRhythms", rhythms);
      if (across != null) {
        json.put("acrossSeeds", across);
      }
      // A plain mapper: a figure that is null (never detected) must show as null, not vanish.
      out.println(new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(json));
    } else {
      text(out, r, t, tight);
      out.printf("%nSharper daily rhythms (the night %s further from midday than generated), false Outages over the week:%n", "1.5 to 3 times");
      Table table = new Table("RHYTHM", "FAILWISE", "BASELINE", "TIGHTER", "FAILWISE ONSET TO OUTAGE");
      for (Map<String, Object> x : rhythms) {
        table.row(x.get("rhythmScale") + "x", x.get("failwiseFalseAlarms"), x.get("baselineFalseAlarms"), x.get("tighterFalseAlarms"),
            delay((Long) x.get("failwiseOnsetToOutageSeconds")));
      }
      table.print(out);
      if (across != null) {
        out.printf(
            "%nOver %d generated weeks (seeds %d..%d): failwise median %s (max %s), %s false Outages in all;%n"
                + "baseline median %s (max %s), %s false Outages in all.%n",
            seeds, seed, seed + seeds - 1,
            delay((Long) across.get("failwiseMedianOnsetToOutageSeconds")), delay((Long) across.get("failwiseMaxOnsetToOutageSeconds")),
            across.get("failwiseFalseAlarms"),
            delay((Long) across.get("baselineMedianOnsetToOutageSeconds")), delay((Long) across.get("baselineMaxOnsetToOutageSeconds")),
            across.get("baselineFalseAlarms"));
      }
    }
    out.flush();
    return 0;
  }

  /** The same week with a deeper daily rhythm: where a comparison with one hour ago breaks down. */
  private List<Map<String, Object>> rhythms(ThresholdRule tight) {
    List<Map<String, Object>> out = new java.util.ArrayList<>();
    for (double scale : new double[] {1.5, 2, 3}) {
      DetectionBenchmark.Report usual = DetectionBenchmark.run(seed, DetectorSettings.defaults(), ThresholdRule.usual(), scale, false);
      DetectionBenchmark.Report tighter = DetectionBenchmark.run(seed, DetectorSettings.defaults(), tight, scale, false);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("rhythmScale", scale);
      m.put("failwiseOnsetToOutageSeconds", usual.failwise().onsetToOutageSeconds());
      m.put("failwiseFalseAlarms", usual.failwise().falseAlarms());
      m.put("baselineFalseAlarms", usual.baseline().falseAlarms());
      m.put("tighterFalseAlarms", tighter.baseline().falseAlarms());
      out.add(m);
    }
    return out;
  }

  /** The same replay over more seeds: medians and maxima of the delays, false alarms summed. */
  private Map<String, Object> acrossSeeds(DetectionBenchmark.Report first) {
    java.util.List<Long> fw = new java.util.ArrayList<>();
    java.util.List<Long> bl = new java.util.ArrayList<>();
    int fwFalse = 0;
    int blFalse = 0;
    for (int i = 0; i < seeds; i++) {
      DetectionBenchmark.Report r =
          i == 0 ? first : DetectionBenchmark.run(seed + i, DetectorSettings.defaults(), ThresholdRule.usual());
      fw.add(r.failwise().onsetToOutageSeconds() == null ? Long.MAX_VALUE : r.failwise().onsetToOutageSeconds());
      bl.add(r.baseline().onsetToOutageSeconds() == null ? Long.MAX_VALUE : r.baseline().onsetToOutageSeconds());
      fwFalse += r.failwise().falseAlarms();
      blFalse += r.baseline().falseAlarms();
    }
    java.util.Collections.sort(fw);
    java.util.Collections.sort(bl);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("weeks", seeds);
    m.put("failwiseMedianOnsetToOutageSeconds", orNull(fw.get(fw.size() / 2)));
    m.put("failwiseMaxOnsetToOutageSeconds", orNull(fw.get(fw.size() - 1)));
    m.put("failwiseFalseAlarms", fwFalse);
    m.put("baselineMedianOnsetToOutageSeconds", orNull(bl.get(bl.size() / 2)));
    m.put("baselineMaxOnsetToOutageSeconds", orNull(bl.get(bl.size() - 1)));
    m.put("baselineFalseAlarms", blFalse);
    return m;
  }

  private static Long orNull(long seconds) {
    return seconds == Long.MAX_VALUE ? null : seconds;
  }

  private static Map<String, Object> json(DetectionBenchmark.Report r, DetectionBenchmark.Report t, ThresholdRule tight) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seed", r.seed());
    m.put("resolutionSeconds", FleetSeriesGenerator.STEP.toSeconds());
    m.put("clusters", r.clusters());
    m.put("normalWeekDips", r.normalWeekDips());
    Map<String, Object> failwise = figures(r.failwise(), "CUSUM on the offline residual against a robust daily baseline");
    failwise.put("degradedEpisodes", r.degradedEpisodes());
    m.put("failwise", failwise);
    m.put("baseline", figures(r.baseline(), r.baselineRule()));
    m.put("tightThreshold", figures(t.baseline(), tight.describe()));
    m.put("slowerOnsets", r.sensitivity());
    return m;
  }

  private static Map<String, Object> figures(DetectionBenchmark.Figures f, String method) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("method", method);
    m.put("onsetToOutageSeconds", f.onsetToOutageSeconds());
    m.put("falseAlarms", f.falseAlarms());
    m.put("falseAlarmsAt", f.falseAlarmsAt());
    return m;
  }

  private static void text(PrintWriter out, DetectionBenchmark.Report r, DetectionBenchmark.Report t, ThresholdRule tight) {
    out.printf(
        "Detection benchmark (seed %d): normal week 5-11 March 2026 on %d clusters with %d small dips,%n"
            + "then the 12 March incident on go-eu-west-1 (onset 20:45 CET), replayed at 15 s.%n%n",
        r.seed(), r.clusters(), r.normalWeekDips());
    Table table = new Table("METHOD", "ONSET TO OUTAGE", "FALSE OUTAGES (NORMAL WEEK)");
    table.row("failwise (CUSUM, robust daily baseline)", delay(r.failwise().onsetToOutageSeconds()), r.failwise().falseAlarms());
    table.row("baseline: " + r.baselineRule(), delay(r.baseline().onsetToOutageSeconds()), r.baseline().falseAlarms());
    table.row("tighter:  " + tight.describe(), delay(t.baseline().onsetToOutageSeconds()), t.baseline().falseAlarms());
    table.print(out);
    out.printf("%nFailwise also raised Degraded %d times for the week's dips (0.1-1.2 %% of a cluster).%n", r.degradedEpisodes());
    out.println("Slower onsets (the incident with a gentler drop rate):");
    Table s = new Table("ONSET SPEED (OF 12 MARCH)", "OFFLINE AFTER 1 MIN", "FAILWISE", "BASELINE");
    for (DetectionBenchmark.Sensitivity x : r.sensitivity()) {
      s.row(Format.percent(x.onsetFactor()), Format.count(x.devicesOfflineAfterOneMinute()), delay(x.failwiseSeconds()), delay(x.baselineSeconds()));
    }
    s.print(out);
  }

  private static String delay(Long seconds) {
    // To the second: rounded to the minute, 90 s read "2 min" beside README's 1 min 30 s.
    return seconds == null ? "never" : Format.exactDuration(Duration.ofSeconds(seconds));
  }
}
