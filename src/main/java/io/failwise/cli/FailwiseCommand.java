package io.failwise.cli;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

/** The {@code failwise} command: run the controller, or inspect and plan failovers. */
@TopCommand
@Command(
    name = "failwise",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Regional failover controller: weighs a failover against the outage in progress, then stages or runs it.",
    subcommands = {
      RunCommand.class,
      GetCommand.class,
      BenchCommand.class,
      io.failwise.cli.estimate.EstimateCommand.class,
      io.failwise.cli.runs.PlanCommand.class,
      io.failwise.cli.runs.ValidateCommand.class,
      io.failwise.cli.runs.RunsCommand.class,
      io.failwise.cli.runs.ApproveCommand.class,
      io.failwise.cli.runs.AbortCommand.class,
      io.failwise.cli.runs.ResolveCommand.class,
      io.failwise.cli.runs.PromoteCommand.class,
      io.failwise.cli.runs.HaltCommand.class,
      io.failwise.cli.runs.ResumeCommand.class,
      io.failwise.cli.runs.ReportCommand.class,
      DecisionsCommand.class,
      SilenceCommand.class,
      io.failwise.cli.demo.DemoCommand.class,
      io.failwise.cli.world.SimCommand.class
    })
public class FailwiseCommand {}
