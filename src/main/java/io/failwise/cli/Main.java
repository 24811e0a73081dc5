package io.failwise.cli;

import io.quarkus.picocli.runtime.PicocliRunner;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Entry point of the {@code failwise} command. Some choices must be made before Quarkus reads its
 * configuration: whether to open the HTTP port (only the long-running commands do) and, for the
 * embedded mode, which API server the Kubernetes client talks to.
 */
@QuarkusMain
public final class Main {
  /** Commands that run the controller and so serve /q/health and /q/metrics. */
  private static final Set<String> SERVING = Set.of("run", "demo");

  private Main() {}

  public static void main(String... args) {
    if (OfflineCli.handles(List.of(args), System.getenv(), System.getProperties(), java.nio.file.Path.of(""))) {
      int code = OfflineCli.run(args);
      System.out.flush();
      System.exit(code);
    }
    List<String> argList = List.of(args);
    // Help and the version are answers, not runs: `failwise run --help` binds no port and starts no API
    // server, so it answers beside a controller that is running.
    boolean answerOnly = argList.contains("--help") || argList.contains("-h") || argList.contains("--version") || argList.contains("-V");
    String command = answerOnly ? "" : Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst().orElse("");
    if (!SERVING.contains(command)) {
      setIfAbsent("quarkus.http.host-enabled", "false");
      setIfAbsent("quarkus.log.level", "WARN");
    }
    if (!(command.equals("run") && !argList.contains("--embedded"))) {
      // Events are also log lines (EventRecorder) for a controller's log; the demo and the embedded world
      // print them in their own feed, and the other commands record none worth a log line.
      setIfAbsent("quarkus.log.category.\"" + io.failwise.operator.status.EventRecorder.LOG_CATEGORY + "\".level", "OFF");
    }
    if (command.equals("demo")) {
      // The demo's night runs ~150x faster than real time: reconcile every 100 ms of wall time, which
      // is one 15 s step of the simulated series; its lines are the story, so logs stay quiet.
      setIfAbsent("failwise.poll-interval", "100ms");
      setIfAbsent("failwise.runs.tick-interval", "100ms");
      setIfAbsent("quarkus.log.level", "WARN");
      setIfAbsent("quarkus.http.port", "0");
    }
    boolean scaleBench = command.equals("bench") && argList.contains("scale") && !argList.contains("--help") && !argList.contains("-h");
    if (scaleBench) {
      // The bench measures the controller at fleet size, not its logs.
      setIfAbsent("quarkus.log.level", "WARN");
    }
    if (command.equals("run") && argList.contains("--embedded")) {
      io.failwise.cli.world.WorldSettings.beforeQuarkus(argList).forEach(Main::setIfAbsent);
    }
    if (command.equals("demo") || (command.equals("run") && argList.contains("--embedded")) || scaleBench) {
      // The samples' playbooks patch these; a real install lists its own (manifests/settings).
      setIfAbsent("failwise.allow.objects", EmbeddedMode.SAMPLE_OBJECTS);
      setIfAbsent("failwise.allow.webhooks", EmbeddedMode.SAMPLE_WEBHOOKS);
      EmbeddedMode.startBeforeQuarkus(argList);
    }
    // A setting the controller cannot use is input to fix, as bad files are. Quarkus prints the refusal alone
    // and then calls the default handler; a handler given to Quarkus.run would silence that message.
    var exit = io.quarkus.runtime.ApplicationLifecycleManager.getDefaultExitCodeHandler();
    io.quarkus.runtime.ApplicationLifecycleManager.setDefaultExitCodeHandler(
        (code, failure) -> exit.accept(failure != null && badSetting(failure) ? CommandLineSetup.BAD_INPUT : code, failure));
    Quarkus.run(PicocliRunner.class, args);
  }

  /** Whether a configuration refusal is anywhere in the failure's chain of causes. */
  private static boolean badSetting(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof io.quarkus.runtime.configuration.ConfigurationException || t instanceof io.smallrye.config.ConfigValidationException) {
        return true;
      }
    }
    return false;
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
