package io.failwise.testing;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.failwise.api.FailoverRun;
import io.failwise.cli.CommandLineSetup;
import io.failwise.cli.EmbeddedMode;
import io.quarkus.picocli.runtime.PicocliCommandLineFactory;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * {@code failwise run --embedded --speed N}, run in-process the way a user runs it (the real command
 * on a thread of its own, its terminal captured), and the other terminal: {@code failwise} commands
 * through the same picocli tree and services, and {@code kubectl} with the kubeconfig it wrote (the
 * Kubernetes client where kubectl is not installed).
 */
public final class LivingWorld implements AutoCloseable {
  /** What a command printed and how it exited. */
  public record Result(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n" + out + err;
    }
  }

  private final PicocliCommandLineFactory commands;
  private final KubernetesClient client;
  private final Path kubeconfig;
  private final StringWriter terminal = new StringWriter();
  private final Thread thread;
  private volatile Result ended;

  private LivingWorld(PicocliCommandLineFactory commands, KubernetesClient client, Path kubeconfig, Thread thread) {
    this.commands = commands;
    this.client = client;
    this.kubeconfig = kubeconfig;
    this.thread = thread;
  }

  /**
   * Runs {@code failwise run --embedded --speed SPEED} until {@link #close}, and returns once it has
   * printed its start-up summary (the regions and clusters the controller has summed).
   */
  public static LivingWorld start(PicocliCommandLineFactory commands, KubernetesClient client, double speed, Path dir) {
    Path kubeconfig = dir.resolve("failwise-embedded.kubeconfig");
    LivingWorld[] world = new LivingWorld[1];
    Thread thread = new Thread(() -> world[0].ended = world[0].execute(world[0].terminal,
        "run", "--embedded", "--speed", String.valueOf(speed), "--kubeconfig-out", kubeconfig.toString(), "--exit-after", "2h"),
        "failwise-run-embedded");
    world[0] = new LivingWorld(commands, client, kubeconfig, thread);
    thread.setDaemon(true);
    thread.start();
    await("the start-up summary of run --embedded").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
        .until(() -> {
          if (world[0].ended != null) {
            throw new AssertionError("run --embedded ended early: " + world[0].ended + world[0].terminal());
          }
          return world[0].terminal().contains("The controller keeps reconciling");
        });
    return world[0];
  }

  /** What terminal 1 shows so far. */
  public String terminal() {
    return terminal.toString();
  }

  /** Terminal 1 with the feed's wrapped lines joined again, one event a line, to search in. */
  public String feed() {
    return terminal.toString().replaceAll("\n {2,}", " ");
  }

  /** {@code failwise ARGS...} in terminal 2: the same command tree, services and error handling. */
  public Result failwise(String... args) {
    StringWriter out = new StringWriter();
    Result r = execute(out, args);
    return new Result(r.exitCode(), out.toString(), r.err());
  }

  /**
   * Approves, with {@code failwise approve}, every run that waits for an approval and whose waiting
   * terminal 1 has shown, as a person who reads it would; returns their names. Approving a run before
   * terminal 1's next look would leave the feed without the line that tells a person what to type.
   */
  public List<String> approveWaitingRuns() {
    List<String> approved = new ArrayList<>();
    String shown = feed();
    for (FailoverRun run : client.resources(FailoverRun.class).inNamespace(EmbeddedMode.NAMESPACE).list().getItems()) {
      if (run.getStatus() != null && "AwaitingApproval".equals(run.getStatus().phase)
          && shown.contains("Waiting for approval of step " + run.getStatus().currentStep + ": failwise approve " + run.getMetadata().getName() + " ")) {
        Result r = failwise("approve", run.getMetadata().getName());
        if (r.exitCode() != 0) {
          throw new AssertionError("failwise approve " + run.getMetadata().getName() + ": " + r);
        }
        approved.add(run.getMetadata().getName());
      }
    }
    return approved;
  }

  /** Whether kubectl is installed (Tools: CI fails without it rather than fall back). */
  public static boolean hasKubectl() {
    return Tools.has("kubectl");
  }

  /** {@code kubectl apply -f PATH} (a file or a folder), or the client's create when kubectl is absent. */
  public Result apply(Path path) throws Exception {
    if (hasKubectl()) {
      return kubectl("apply", "-f", path.toString());
    }
    StringBuilder out = new StringBuilder();
    List<Path> files;
    try (Stream<Path> s = Files.isDirectory(path) ? Files.list(path) : Stream.of(path)) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    for (Path file : files) {
      try (InputStream in = Files.newInputStream(file)) {
        for (HasMetadata item : client.load(in).items()) {
          client.resource(item).createOr(existing -> existing.update());
          out.append(item.getKind().toLowerCase()).append('/').append(item.getMetadata().getName()).append(" created\n");
        }
      }
    }
    return new Result(0, out.toString(), "");
  }

  /** {@code kubectl ARGS...} against the world, with the kubeconfig {@code run --embedded} wrote. */
  public Result kubectl(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).start();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("kubectl " + String.join(" ", args) + " did not end within 60 s");
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
  }

  private Result execute(StringWriter out, String... args) {
    StringWriter err = new StringWriter();
    CommandLine cli = CommandLineSetup.withErrorHandling(commands.create());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    cli.getOut().flush();
    cli.getErr().flush();
    return new Result(code, "", err.toString());
  }

  /** Ends {@code run --embedded} as --exit-after would: the world stops and the controller with it. */
  @Override
  public void close() throws InterruptedException {
    thread.interrupt();
    thread.join(Duration.ofMinutes(1).toMillis());
  }
}
