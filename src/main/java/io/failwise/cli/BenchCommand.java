package io.failwise.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code failwise bench ...}: measurements behind the figures in the README. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Measure what the README claims: each subcommand runs a benchmark and prints its figures.",
    subcommands = {BenchFailoverCommand.class, BenchSimCommand.class, DetectionBenchCommand.class, BenchDecisionsCommand.class, BenchScaleCommand.class})
public class BenchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "name a benchmark: " + String.join(", ", spec.subcommands().keySet()));
  }
}
