package io.failwise.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code failwise bench ...}: reproducible measurements; each area adds its own subcommand. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Replay recorded or generated data and print measured figures (not timed tests).",
    subcommands = {DetectionBenchCommand.class})
public class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("failwise bench: name a benchmark, e.g. `failwise bench detection`.");
    spec.commandLine().usage(spec.commandLine().getErr());
    return CommandLineSetup.BAD_INPUT;
  }
}
