package io.failwise.cli.estimate;

import io.failwise.model.estimate.Estimate;
import io.failwise.model.estimate.FailoverEstimator;
import io.failwise.model.estimate.Sensitivity;
import io.failwise.model.run.DailyBudget;
import io.failwise.operator.FailwiseConfig;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code failwise estimate}: hold or fail over, for a scenario in files, offline. */
@Command(
    name = "estimate",
    mixinStandardHelpOptions = true,
    description = {
      "Weigh holding against failing over for an outage described in files: Regions and Clusters as they"
          + " would be applied (status.devices where observed numbers are known) and one Scenario document.",
      "Prints the recommendation, each option's devices disrupted and device-minutes lost, the break-even"
          + " and when to re-evaluate. Needs no cluster. Exit code 0 whatever the recommendation; 2 for bad input."
    })
public class EstimateCommand implements Callable<Integer> {
  @Option(
      names = {"-f", "--filename"},
      required = true,
      paramLabel = "FILE",
      description = "A multi-document YAML file or a folder of them; repeat for several.")
  List<Path> files;

  @Option(names = {"-o", "--output"}, defaultValue = "text", description = "text, json or yaml (default: ${DEFAULT-VALUE}).")
  Format output;

  /** How estimate prints: the words its help names, and no other (get's "table" is not one). */
  enum Format {
    text,
    json,
    yaml
  }

  @Option(
      names = "--chart",
      paramLabel = "FILE.svg",
      description = "Also write the decision chart (device-minutes of each option against the remaining outage) as SVG.")
  Path chart;

  @Spec CommandSpec spec;

  private final FailoverEstimator estimator;
  private final DailyBudget budget;

  /** With the documented default assumptions and daily budget. */
  public EstimateCommand() {
    this(FailoverEstimator.withDefaults(), DailyBudget.AZURE_IOT_HUB);
  }

  public EstimateCommand(FailoverEstimator estimator, DailyBudget budget) {
    this.estimator = estimator;
    this.budget = budget;
  }

  /**
   * With the assumptions configured under failwise.estimator.* and the controller's daily budget
   * (failwise.runs.budget.*): the Quarkus application.
   */
  @Inject
  public EstimateCommand(FailoverEstimator estimator, FailwiseConfig config) {
    this(estimator, io.failwise.operator.SettingsRefusal.budget(config));
  }

  @Override
  public Integer call() {
    if (chart != null) {
      // Before anything runs: a chart written over an input or over a file that is not a chart loses it,
      // and a chart that cannot be written must fail the command before it prints an estimate.
      DecisionChartFile.check(chart, files);
    }
    LoadedScenario scenario = ScenarioLoader.load(files);
    Estimate estimate = estimator.estimate(scenario.input(), scenario.limits(budget));
    Sensitivity turns = Sensitivity.of(estimator, scenario.input(), scenario.limits(budget), estimate);
    EstimateReport report = new EstimateReport(scenario, estimate, turns, estimator.config().maxTargetUtilization());
    if (!scenario.warnings().isEmpty()) {
      // On stderr: a pipeline reading -o json gets the document alone; the explanation says it too.
      PrintWriter err = spec.commandLine().getErr();
      scenario.warnings().forEach(w -> err.println("failwise estimate: warning: " + w));
      err.flush();
    }
    if (chart != null) {
      // Written first: should it still fail (the disk full), the command fails without having printed an answer.
      DecisionChartFile.write(chart, scenario.input().source().name(), estimate);
      // On stderr, as the warnings: a pipeline reading -o json gets the document alone.
      spec.commandLine().getErr().println("failwise estimate: wrote the decision chart to " + chart);
      spec.commandLine().getErr().flush();
    }
    PrintWriter out = spec.commandLine().getOut();
    switch (output) {
      case json -> report.printJson(out);
      case yaml -> report.printYaml(out);
      default -> report.printText(out);
    }
    out.flush();
    return 0;
  }
}
