package io.failwise.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.failwise.embedded.EmbeddedApiServer;
import io.failwise.operator.OperatorShutdown;
import io.javaoperatorsdk.operator.Operator;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code failwise bench scale}: the controller and the embedded API server in one process, at fleet size. */
@Command(
    name = "scale",
    mixinStandardHelpOptions = true,
    description = {
      "Measure the embedded API server and the controller at fleet size.",
      "Runs both in this process, as `run --embedded` does, with N Clusters in N/100 Regions (static signals) "
      + "and M runs (half Plan, half Drill) on the repository's playbooks.",
      "Measures the time until every object has status and every run has ended or waits for a person, then "
      + "a 60 s steady state (heap after GC, CPU, status writes), "
      + "then moves 50 random clusters into an Outage one at a time and measures the lag until status shows it."
    })
public class BenchScaleCommand implements Callable<Integer> {
  @Option(names = "--clusters", defaultValue = "1000", description = "Clusters (default: ${DEFAULT-VALUE}).")
  int clusters;

  @Option(names = "--runs", defaultValue = "100", description = "FailoverRuns, half Plan and half Drill (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--steady-seconds", defaultValue = "60", description = "Length of the steady state (default: ${DEFAULT-VALUE}).")
  int steadySeconds;

  @Option(names = "--outages", defaultValue = "50", description = "Clusters moved into an Outage one at a time (default: ${DEFAULT-VALUE}).")
  int outages;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the random choice of clusters (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = {"-o", "--output"}, defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
  OutputFormat.TextJson output;

  @Option(names = "--playbooks", defaultValue = "playbooks", description = "Folder of the playbooks (default: ${DEFAULT-VALUE}).")
  Path playbooks;

  @Spec CommandSpec spec;

  @Inject Operator operator;
  @Inject KubernetesClient client;

  @Override
  public Integer call() throws Exception {
    if (clusters < 2 || runs < 0 || runs > clusters || outages < 1 || outages > clusters || steadySeconds < 1) {
      throw new UserInputException(
          "--clusters must be 2 or more, --runs between 0 and --clusters, --outages between 1 and --clusters, --steady-seconds 1 or more");
    }
    for (String file : ScaleBench.PLAYBOOKS) {
      if (!Files.isRegularFile(playbooks.resolve(file))) {
        throw new UserInputException("--playbooks " + playbooks + ": " + file + " is missing (run from the repository root)");
      }
    }
    EmbeddedApiServer server = EmbeddedMode.server();
    if (server == null || operator == null) {
      throw new UserInputException("bench scale must be started as `failwise bench scale` (it starts the embedded API server before start-up)");
    }
    PrintWriter err = spec.commandLine().getErr();
    ScaleBench.Result r =
        new ScaleBench(server, client, operator, playbooks, seed, line -> { err.println(line); err.flush(); })
            .run(clusters, runs, steadySeconds, outages);
    PrintWriter out = spec.commandLine().getOut();
    if (output == OutputFormat.TextJson.json) {
      out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(r.json()));
    } else {
      out.println(text(r));
    }
    out.flush();
    OperatorShutdown.stopNow(operator);
    return r.errors().isEmpty() ? 0 : 1;
  }

  static String text(ScaleBench.Result r) {
    return String.format(
        Locale.ROOT,
        """
        Clusters %,d in %,d regions, runs %,d
        Seconds until every object had status   %.1f
        Seconds until every run ended or waits  %.1f
        Heap after GC (whole process)           %d MiB
        Idle CPU (whole process)                %.1f%% of a core
        Status writes a minute, idle            %d (clusters and regions; runs %d)
        Status lag to Outage (%d clusters)      p50 %d ms, p95 %d ms, p99 %d ms
        Errors                                  %d%s
        Bench wall %.0f s, CPU %.0f s""",
        r.clusters(), r.regions(), r.runs(), r.secondsToAllStatus(), r.secondsToRunsSettled(), r.heapAfterGcMiB(), r.idleCpuPercent(),
        r.statusWritesPerMinuteIdle(), r.runWritesPerMinuteIdle(), r.lagsMs().size(), r.percentile(50), r.percentile(95),
        r.percentile(99), r.errors().size(), r.errors().isEmpty() ? "" : ": " + String.join("; ", r.errors().subList(0, Math.min(5, r.errors().size()))),
        r.wallSeconds(), r.cpuSeconds());
  }
}
