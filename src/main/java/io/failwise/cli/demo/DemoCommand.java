package io.failwise.cli.demo;

import io.failwise.cli.EmbeddedMode;
import io.failwise.cli.UserInputException;
import io.failwise.sim.Scenario;
import io.failwise.sim.ScenarioFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code failwise demo}: the 12 March 2026 incident replayed on the embedded API server, with the real
 * controller detecting it and a Shadow policy deciding, in simulated time.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Replay the 12 March 2026 incident against the real controller on a simulated fleet.",
      "Another scenario can be chosen; the embedded API server holds the resources.",
      "Shows the detection, the policy's decision and why, the recovery, then a drill."
    })
public class DemoCommand implements Callable<Integer> {

  @Option(names = "--speed", defaultValue = "150", description = "Simulated seconds per wall-clock second (default: ${DEFAULT-VALUE}).")
  double speed;

  @Option(
      names = "--scenario",
      defaultValue = ScenarioFile.MARCH_12,
      description = "A built-in night (2026-03-12, hard-outage, capacity-reduction, from playbooks/nights) or a night file (default: ${DEFAULT-VALUE}).")
  String scenario;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the simulated fleet (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--no-drill", description = "Stop after the incident, without the drill.")
  boolean noDrill;

  @Option(names = "--api-port", defaultValue = "0", description = "Port of the embedded API server (0: a free one).")
  int apiPort;

  @Spec CommandSpec spec;

  private final Demo demo;

  public DemoCommand(Demo demo) {
    this.demo = demo;
  }

  @Override
  public Integer call() throws Exception {
    if (!(speed > 0 && speed <= 10_000)) {
      throw new UserInputException("--speed must be a number above 0 and at most 10000, got " + speed);
    }
    if (EmbeddedMode.server() == null) {
      // Never against a real cluster: the demo creates and drives resources of its own.
      throw new UserInputException("demo needs the embedded API server, which starts before the controller; run `failwise demo`");
    }
    Demo.Result result = demo.run(load(scenario), seed, speed, !noDrill, spec.commandLine().getOut());
    return result.drillCompleted() || noDrill ? 0 : 1;
  }

  static Scenario load(String nameOrFile) {
    try {
      if (ScenarioFile.builtInNames().contains(nameOrFile)) {
        return ScenarioFile.builtIn(nameOrFile);
      }
      Path file = Path.of(nameOrFile);
      if (!Files.exists(file)) {
        throw new UserInputException(
            "--scenario: '" + nameOrFile + "' is neither a built-in scenario (" + String.join(", ", ScenarioFile.builtInNames())
                + ") nor a file");
      }
      return ScenarioFile.read(file);
    } catch (ScenarioFile.InvalidScenarioException e) {
      throw new UserInputException(e.getMessage());
    }
  }
}
