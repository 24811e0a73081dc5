package io.failwise.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.failwise.model.Format;
import io.failwise.sim.decisions.DecisionBenchmark;
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
      "Replays simulated incident nights through the estimator the policy runs, re-deciding on its schedule,",
      "against the usual runbook rules and the best action in hindsight (the oracle). Deterministic with the seed."
    })
public class BenchDecisionsCommand implements Callable<Integer> {
  @Option(names = "--nights", defaultValue = "1000", description = "Nights to simulate (default: ${DEFAULT-VALUE}).")
  int nights;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the nights (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = {"-o", "--output"}, defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
  String output;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws JsonProcessingException {
    if (nights < 1 || nights > 1_000_000) {
      throw new UserInputException("--nights must be from 1 to 1,000,000 (got " + nights + ")");
    }
    if (!output.equals("text") && !output.equals("json")) {
      throw new UserInputException("--output must be text or json (got '" + output + "')");
    }
    List<DecisionBenchmark.Row> rows = new DecisionBenchmark().run(nights, seed);
    PrintWriter out = spec.commandLine().getOut();
    if (output.equals("json")) {
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
      out.println(nights + " nights, seed " + seed + " (docs/estimator.md: the mix of shapes, durations and targets)");
      table.print(out);
    }
    out.flush();
    return 0;
  }
}
