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

  /**
   * The exit code of {@link #main} when the arguments need the Quarkus runtime: the {@code failwise}
   * script then runs the command through {@code quarkus-run.jar}. No command exits with it.
   */
  static final int NEEDS_RUNTIME = 3;

  private OfflineCli() {}

  /**
   * The {@code failwise} script's fast path: the offline commands on a plain class path, where the
   * JVM's class-data archive covers every class they load (Quarkus's own class loader defeats it).
   */
  public static void main(String... args) {
    if (!handles(List.of(args), System.getenv(), System.getProperties(), Path.of(""))) {
      System.exit(NEEDS_RUNTIME);
    }
    if (args.length > 0 && OFFLINE.contains(args[0])) {
      warmUpSchemas();
    }
    int code = run(args);
    System.out.flush();
    System.exit(code);
  }

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

  /**
   * Reads the packaged CRDs and readies their CEL rules on a second thread, so that the command's
   * first validation does not wait for them: on two cores that work overlaps with parsing the
   * arguments and reading the files. The thread, not this one, initialises CrdSchemas (its YAML
   * reader included).
   */
  private static void warmUpSchemas() {
    Thread t = new Thread(() -> io.failwise.api.schema.CrdSchemas.packaged().prepareRules(), "crd-schemas-warm-up");
    t.setDaemon(true);
    t.start();
  }

  /** Runs the command and returns its exit code. */
  static int run(String... args) {
    return CommandLineSetup.withErrorHandling(commandLine(args)).execute(args);
  }

  /**
   * The command tree {@code args} need. Building every subcommand's model costs about a quarter of a
   * second of reflection; {@code estimate}, {@code plan} and {@code validate} get the top command with
   * only their own subcommand under it, so usage and errors read the same ("failwise estimate ...").
   * Anything else, {@code --help} included, gets the whole tree.
   */
  static CommandLine commandLine(String... args) {
    if (args.length > 0 && OFFLINE.contains(args[0])) {
      for (Class<?> sub : FailwiseCommand.class.getAnnotation(CommandLine.Command.class).subcommands()) {
        CommandLine.Command c = sub.getAnnotation(CommandLine.Command.class);
        if (c != null && c.name().equals(args[0])) {
          CommandLine.Model.CommandSpec top =
              CommandLine.Model.CommandSpec.create().name("failwise").mixinStandardHelpOptions(true).versionProvider(new VersionProvider());
          return new CommandLine(top, OfflineCli::create).addSubcommand(new CommandLine(sub, OfflineCli::create));
        }
      }
    }
    return new CommandLine(FailwiseCommand.class, OfflineCli::create);
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
