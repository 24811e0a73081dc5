package io.failwise.cli.runs;

import io.failwise.cli.CommandLineSetup;
import io.failwise.cli.FailwiseCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Constructor;
import picocli.CommandLine;

/**
 * Runs {@code failwise ...} through the real top-level command and error handler without booting
 * Quarkus; the offline commands (plan, validate) need no injected service.
 */
final class RunsCli {
  record Result(int exitCode, String out, String err) {}

  private RunsCli() {}

  static Result run(String... args) {
    CommandLine cmd = CommandLineSetup.withErrorHandling(new CommandLine(FailwiseCommand.class, RunsCli::create));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    int code = cmd.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  @SuppressWarnings("unchecked")
  private static <K> K create(Class<K> type) throws Exception {
    try {
      return CommandLine.defaultFactory().create(type);
    } catch (Exception noDefaultConstructor) {
      Constructor<?> c = type.getConstructors()[0];
      return (K) c.newInstance(new Object[c.getParameterCount()]);
    }
  }
}
