package io.failwise.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.testing.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * kubectl pointed at one embedded API server, as a newcomer types it (kubectl's default validation, a
 * cache folder of the test's): the tests are skipped where kubectl is not installed, and fail under .ci/run.
 */
final class KubectlOnServer {
  record Outcome(int exitCode, String output) {}

  private final EmbeddedApiServer server;
  private final Path dir;

  KubectlOnServer(EmbeddedApiServer server, Path dir) {
    this.server = server;
    this.dir = dir;
  }

  /** kubectl apply -f of {@code yaml}, whatever its exit code. */
  Outcome apply(String yaml) throws Exception {
    Path file = Files.writeString(dir.resolve("bad-" + System.nanoTime() + ".yaml"), yaml);
    // kubectl's default validation, as a newcomer types it: the server's OpenAPI v3 says it checks fields itself.
    return outcome("apply", "-f", file.toString());
  }

  /** kubectl with {@code args}, which must succeed; its output. */
  String run(String... args) throws Exception {
    Outcome out = outcome(args);
    assertEquals(0, out.exitCode(), out.output());
    return out.output();
  }

  /** kubectl with {@code args}, whatever its exit code. */
  Outcome outcome(String... args) throws Exception {
    Process p = start(args);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    return new Outcome(p.exitValue(), out);
  }

  /** kubectl with {@code args}, started: its output (and errors) line by line as it prints them, then "EXIT n". */
  java.util.concurrent.BlockingQueue<String> watch(List<Process> started, String... args) throws Exception {
    Process p = start(args);
    started.add(p);
    return io.failwise.testing.LineQueue.of(p.getInputStream(), "kubectl-output", () -> "EXIT " + p.waitFor());
  }

  private Process start(String... args) throws Exception {
    Tools.assume("kubectl");
    Path kubeconfig = server.writeKubeconfig(dir.resolve("kubeconfig"), "failwise");
    List<String> command =
        new java.util.ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString(), "--cache-dir", dir.resolve("kube-cache").toString()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }
}
