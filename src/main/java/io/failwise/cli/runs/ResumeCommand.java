package io.failwise.cli.runs;

import io.failwise.operator.run.HaltSwitch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code failwise resume}: lifts the global halt; halted runs go on from where they paused. */
@Command(name = "resume", mixinStandardHelpOptions = true, description = "Lift the global halt: halted runs continue, waiting runs may start.")
public class ResumeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  private final HaltSwitch halt;

  public ResumeCommand(HaltSwitch halt) {
    this.halt = halt;
  }

  @Override
  public Integer call() {
    var lifted = halt.resume();
    spec.commandLine().getOut().println(
        lifted.map(h -> "Resumed: the halt set by " + h.by() + " at " + h.at() + " is lifted.").orElse("The halt was not set; nothing to resume."));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
