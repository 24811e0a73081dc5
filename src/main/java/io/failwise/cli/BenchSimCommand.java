package io.failwise.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.failwise.model.Format;
import io.failwise.sim.ThroughputBenchmark;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code failwise bench sim}: how fast the fleet simulator runs a large fleet. */
@Command(
    name = "sim",
    mixinStandardHelpOptions = true,
    description = {
      "Measure the fleet simulator's speed in simulated minutes per wall-clock second.",
      "Simulates a night of a large fleet (churn, an intermittent outage, a hard outage and its reconnect storm)",
      "several times and reports the median."
    })
public class BenchSimCommand implements Callable<Integer> {
  /** The goal on a 2-core machine. */
  static final double GOAL_SIMULATED_MINUTES_PER_SECOND = 10;

  @Option(names = "--devices", defaultValue = "1000000", description = "Devices in the fleet (default: ${DEFAULT-VALUE}).")
  int devices;

  @Option(names = "--clusters", defaultValue = "20", description = "Clusters they are spread over (default: ${DEFAULT-VALUE}).")
  int clusters;

  @Option(names = "--simulated", defaultValue = "2h", description = "Simulated time per run, e.g. 30m, 2h (default: ${DEFAULT-VALUE}).")
  String simulated;

  @Option(names = "--runs", defaultValue = "5", description = "Runs; the median is reported (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the simulation (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = {"-o", "--output"}, defaultValue = "text", description = "text or json, as every bench command (default: ${DEFAULT-VALUE}).")
  OutputFormat.TextJson output;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws JsonProcessingException {
    Duration length = Durations.parse("--simulated", simulated);
    ThroughputBenchmark.Config config;
    try {
      config = new ThroughputBenchmark.Config(devices, clusters, length, runs, seed);
    } catch (IllegalArgumentException e) {
      throw new UserInputException(e.getMessage());
    }
    ThroughputBenchmark.Result result = ThroughputBenchmark.run(config, System::nanoTime);
    PrintWriter out = spec.commandLine().getOut();
    out.print(output == OutputFormat.TextJson.json ? json(result) : table(result, Runtime.getRuntime().availableProcessors()));
    out.flush();
    return 0;
  }

  static String json(ThroughputBenchmark.Result r) throws JsonProcessingException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("devices", r.config().devices());
    m.put("clusters", r.config().clusters());
    m.put("simulatedMinutes", r.config().simulated().toMinutes());
    m.put("processors", Runtime.getRuntime().availableProcessors());
    m.put("medianSimulatedMinutesPerWallSecond", Math.round(r.medianSimulatedMinutesPerWallSecond() * 10) / 10.0);
    List<Map<String, Object>> runs =
        r.runs().stream()
            .map(
                run -> {
                  Map<String, Object> x = new LinkedHashMap<>();
                  x.put("buildSeconds", Math.round(run.buildSeconds() * 1000) / 1000.0);
                  x.put("runSeconds", Math.round(run.runSeconds() * 1000) / 1000.0);
                  x.put("simulatedMinutesPerWallSecond", Math.round(run.simulatedMinutesPerWallSecond() * 10) / 10.0);
                  x.put("connectionAttempts", run.connectionAttempts());
                  return x;
                })
            .toList();
    m.put("runs", runs);
    return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m) + System.lineSeparator();
  }

  static String table(ThroughputBenchmark.Result r, int processors) {
    java.io.StringWriter text = new java.io.StringWriter();
    PrintWriter out = new PrintWriter(text);
    ThroughputBenchmark.Config c = r.config();
    out.printf(
        "%s devices across %d clusters, %s simulated per run, %d runs on %d processors.%n%n",
        Format.count(c.devices()), c.clusters(), Format.duration(c.simulated()), c.runs(), processors);
    Table t = new Table("RUN", "BUILD S", "RUN S", "SIMULATED MIN PER WALL S", "CONNECTION ATTEMPTS");
    for (int i = 0; i < r.runs().size(); i++) {
      ThroughputBenchmark.Run run = r.runs().get(i);
      t.row(
          i + 1,
          String.format(Locale.ROOT, "%.2f", run.buildSeconds()),
          String.format(Locale.ROOT, "%.2f", run.runSeconds()),
          String.format(Locale.ROOT, "%.1f", run.simulatedMinutesPerWallSecond()),
          Format.count(run.connectionAttempts()));
    }
    t.print(out);
    double median = r.medianSimulatedMinutesPerWallSecond();
    out.printf(
        Locale.ROOT,
        "%nMedian: %.1f simulated minutes per wall second (goal: %.0f): %s.%n",
        median,
        GOAL_SIMULATED_MINUTES_PER_SECOND,
        median >= GOAL_SIMULATED_MINUTES_PER_SECOND ? "met" : "MISSED");
    out.flush();
    return text.toString();
  }
}
