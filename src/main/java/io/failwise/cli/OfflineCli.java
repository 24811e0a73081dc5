package io.failwise.cli;

import java.lang.reflect.Constructor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import picocli.CommandLine;

/**
 * Answers the commands that need no controller ({@code estimate}, {@code plan}, {@code validate},
 * {@code --help}, {@code --version}) with picocli alone, before Quarkus starts: a check in a
 * pipeline or a pre-commit hook then answers in a fraction of a second instead of three. They run
 * the same command classes as under Quarkus, with their collaborators built by plain construction
 * (the estimator with its documented defaults). When configuration could change the answer (a
 * {@code failwise.*} system property, a {@code FAILWISE_*} variable, a Quarkus config file in the
 * working directory), the command goes through Quarkus as before.
 */
public final class OfflineCli {
  /** Commands whose answer depends only on their arguments and files. */
  static final Set<String> OFFLINE = Set.of("estimate", "plan", "validate");

  private static final Set<String> HELP_OR_VERSION = Set.of("-h", "--help", "-V", "--version");

  private OfflineCli() {}

  /** Whether {@code args} can be answered here, without the Quarkus runtime. */
  static boolean handles(List<String> args, Map<String, String> env, Properties system, Path workingDir) {
    String command = args.stream().filter(a -> !a.startsWith("-")).findFirst().orElse("");
    boolean offline = OFFLINE.contains(command) || (command.isEmpty() && args.stream().anyMatch(HELP_OR_VERSION::contains));
    return offline && !configured(env, system, workingDir);
  }

  private static boolean configured(Map<String, String> env, Properties system, Path workingDir) {
    boolean properties = system.stringPropertyNames().stream().anyMatch(k -> k.startsWith("failwise.") || k.startsWith("quarkus."));
    boolean variables = env.keySet().stream().anyMatch(k -> k.startsWith("FAILWISE_") || k.startsWith("QUARKUS_"));
    boolean files = Files.exists(workingDir.resolve("config/application.properties")) || Files.exists(workingDir.resolve(".env"));
    return properties || variables || files;
  }

  /** Runs the command and returns its exit code. */
  static int run(String... args) {
    CommandLine cmd = CommandLineSetup.withErrorHandling(new CommandLine(FailwiseCommand.class, OfflineCli::create));
    return cmd.execute(args);
  }

  /**
   * Offline commands have a no-argument constructor with their defaults. The others are built only
   * so that {@code --help} can list them; their injected collaborators stay null, as they are never
   * executed here.
   */
  @SuppressWarnings("unchecked")
  private static <K> K create(Class<K> type) throws Exception {
    try {
      return CommandLine.defaultFactory().create(type);
    } catch (Exception noDefaultConstructor) {
      Constructor<?> c =
          Arrays.stream(type.getConstructors()).filter(k -> k.getParameterCount() > 0).findFirst().orElseThrow(() -> noDefaultConstructor);
      return (K) c.newInstance(new Object[c.getParameterCount()]);
    }
  }
}
