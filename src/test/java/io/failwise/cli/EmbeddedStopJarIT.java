package io.failwise.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Ctrl-C on {@code failwise run --embedded} (SIGTERM, as a terminal's interrupt and a pod's stop both
 * end in Quarkus's shutdown): the world, the controller and the API server stop in that order, and
 * the terminal shows "stopped", nothing else. The living world went on looking through the client the
 * stopping operator had closed, and printed "The living world could not look at the API server: Client
 * is closed" five times; before that, the API server closed under the controller's requests and printed
 * stack traces.
 */
class EmbeddedStopJarIT {
  private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
  private static final Path LOG = Path.of("target/embedded-stop/run.log");

  private Process process;

  @AfterEach
  void tearDown() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      process.waitFor();
    }
  }

  @Test
  void aStoppedEmbeddedWorldSaysStoppedAndNothingElse() throws Exception {
    Files.createDirectories(LOG.getParent());
    List<String> command = List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-Dquarkus.http.port=" + freePort(),
        "-jar", JAR.toAbsolutePath().toString(),
        "run", "--embedded", "--speed", "60", "--kubeconfig-out", LOG.resolveSibling("kubeconfig").toString());
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(LOG.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("FAILWISE_") || k.startsWith("QUARKUS_") || k.equals("KUBECONFIG"));
    process = pb.start();
    String running = "The controller keeps reconciling";
    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> {
      assertTrue(process.isAlive(), () -> "failwise run --embedded exited early:\n" + output());
      return output().contains(running);
    });

    process.destroy(); // SIGTERM
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), () -> "still running a minute after SIGTERM:\n" + output());

    String all = output();
    String afterRunning = all.substring(all.indexOf(running) + running.length());
    // The feed may tell of the world meanwhile; no warning, error or stack trace may follow.
    List<String> noise = afterRunning.lines()
        .filter(l -> l.contains(" WARN ") || l.contains(" ERROR ") || l.contains("Exception") || l.startsWith("\tat "))
        .toList();
    assertEquals(List.of(), noise, () -> "after SIGTERM:\n" + afterRunning);
    assertTrue(afterRunning.contains("failwise stopped in"), () -> "Quarkus says it stopped:\n" + afterRunning);
  }

  private static String output() {
    try {
      return Files.exists(LOG) ? Files.readString(LOG, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(cannot read " + LOG + ": " + e.getMessage() + ")";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
