package io.failwise.cli;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.picocli.runtime.PicocliCommandLineFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import picocli.CommandLine;

/** Turns failures into one clear line on stderr and an exit code, never a stack trace. */
@ApplicationScoped
public class CommandLineSetup {
  /** Exit code for input a person must fix (bad file, bad field). */
  public static final int BAD_INPUT = 2;

  @Produces
  CommandLine commandLine(PicocliCommandLineFactory factory) {
    return withErrorHandling(factory.create());
  }

  /** Installs the one-line error handler; tests that run a command without Quarkus use it too. */
  public static CommandLine withErrorHandling(CommandLine commandLine) {
    return commandLine
        .setExecutionExceptionHandler(
            (e, cmd, parsed) -> {
              cmd.getErr().println(commandName(cmd) + ": " + describe(e));
              return e instanceof UserInputException ? BAD_INPUT : 1;
            });
  }

  /**
   * The command as the person typed it, "failwise bench decisions" rather than "failwise decisions"
   * (which is another command), also for a subcommand run on its own by a test.
   */
  static String commandName(CommandLine cmd) {
    String qualified = cmd.getCommandSpec().qualifiedName(" ");
    return qualified.equals("failwise") || qualified.startsWith("failwise ") ? qualified : "failwise " + qualified;
  }

  static String describe(Throwable e) {
    if (e instanceof UserInputException) {
      return e.getMessage();
    }
    if (e instanceof KubernetesClientException k) {
      Throwable root = k;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      return "the Kubernetes API server did not answer as expected: "
          + (k.getCode() > 0 ? "HTTP " + k.getCode() + ", " : "")
          + root.getClass().getSimpleName()
          + (root.getMessage() == null ? "" : ": " + root.getMessage())
          + " (check KUBECONFIG, or start `failwise run --embedded`)";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
