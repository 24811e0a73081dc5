package io.failwise.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.failwise.cli.CommandLineSetup;
import io.failwise.cli.FailwiseCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Constructor;
import picocli.CommandLine;

/**
 * Runs {@code failwise ...} through the real top-level command and error handler, without booting
 * Quarkus: commands whose constructors take injected services get nulls, which the offline commands
 * (estimate, plan, validate) never use.
 */
public final class Cli {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a person would see: the exit code and both streams. */
  public record Result(int exitCode, String out, String err) {
    public JsonNode json() {
      try {
        return JSON.readTree(out);
      } catch (Exception e) {
        throw new AssertionError("not JSON: " + out + err, e);
      }
    }
  }

  private Cli() {}

  public static Result run(String... args) {
    return execute(CommandLineSetup.withErrorHandling(new CommandLine(FailwiseCommand.class, Cli::create)), args);
  }

  /** One command object, wired by the test (its client, its stores), run as the CLI runs it: with its error handling. */
  public static Result runCommand(Object command, String... args) {
    return execute(CommandLineSetup.withErrorHandling(new CommandLine(command)), args);
  }

  private static Result execute(CommandLine cmd, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    int code = cmd.execute(args);
    cmd.getOut().flush();
    cmd.getErr().flush();
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
