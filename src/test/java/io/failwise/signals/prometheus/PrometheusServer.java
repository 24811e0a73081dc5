package io.failwise.signals.prometheus;

import io.failwise.signals.replay.FleetSeries;
import io.failwise.signals.replay.OpenMetricsWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Prometheus server for integration tests: generated series backfilled with promtool (once a
 * build per series, see {@link #BACKFILLED}) and copied into its own temporary data folder; it listens
 * on 127.0.0.1 on a free port, and is stopped (and its folder deleted) by {@link #close()}. Needs
 * Debian's prometheus package (/usr/bin/prometheus, promtool).
 */
public final class PrometheusServer implements AutoCloseable {
  private static final String INSTALL_HINT =
      "run .ci/run, or install Debian's prometheus package:"
          + " apt-get update && apt-get install -y --no-install-recommends prometheus";

  private final Path home;
  private final Path data;
  private int port;
  private Process process;

  private PrometheusServer(Path home) {
    this.home = home;
    this.data = home.resolve("data");
  }

  /**
   * Where the TSDB blocks promtool made of each fleet are kept, by a digest of its OpenMetrics text:
   * the detection ITs replay the same fleet, and backfilling it is most of a server's start (15 to
   * 20 s). On disk, not in a static field: each Quarkus boot loads this class again. Each server gets a
   * copy, as Prometheus compacts and deletes blocks of its own data folder.
   */
  private static final Path BACKFILLED = Path.of("target", "prometheus-backfill");

  /** Backfills {@code fleet} (data in the past, so before the server starts) and starts the server. */
  public static PrometheusServer startWith(List<FleetSeries> fleet) {
    String prometheus = binary("prometheus");
    try {
      PrometheusServer server = new PrometheusServer(Files.createTempDirectory("failwise-prometheus-"));
      copy(backfilled(fleet), server.data);
      Files.writeString(server.home.resolve("prometheus.yml"), "global:\n  scrape_interval: 15s\nscrape_configs: []\n");
      server.start(prometheus);
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static synchronized Path backfilled(List<FleetSeries> fleet) throws IOException {
    StringWriter text = new StringWriter();
    OpenMetricsWriter.write(fleet, text);
    Path blocks = BACKFILLED.resolve(digest(text.toString())).toAbsolutePath();
    if (Files.isDirectory(blocks)) {
      return blocks;
    }
    Files.createDirectories(BACKFILLED);
    Path home = Files.createTempDirectory(BACKFILLED, "making-");
    try {
      Path file = home.resolve("fleet.om");
      Files.writeString(file, text.toString());
      Path data = Files.createDirectories(home.resolve("data"));
      run(List.of(binary("promtool"), "tsdb", "create-blocks-from", "openmetrics", file.toString(), data.toString()), Duration.ofMinutes(5), home);
      try {
        Files.move(data, blocks, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      } catch (java.nio.file.FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
        // Another JVM made the same blocks meanwhile: theirs are as good.
      }
    } finally {
      delete(home);
    }
    return blocks;
  }

  private static String digest(String text) {
    try {
      return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A leftover temp folder is not worth failing a test for.
    }
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Stops the server, keeping its data, as when Prometheus goes down. */
  public void stop() {
    if (process != null) {
      process.destroy();
      try {
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process = null;
    }
  }

  /** Starts it again on the same port and data, as when Prometheus comes back. */
  public void restart() {
    stop();
    start(binary("prometheus"));
  }

  @Override
  public void close() {
    stop();
    delete(home);
  }

  private void start(String prometheus) {
    if (port == 0) {
      port = freePort();
    }
    ProcessBuilder pb =
        new ProcessBuilder(
                prometheus,
                "--config.file=" + home.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + data,
                // The backfilled data is from March 2026: keep it whatever today's date is.
                "--storage.tsdb.retention.time=10y",
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("prometheus.log").toFile()));
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + prometheus + ": " + e.getMessage() + "; " + INSTALL_HINT, e);
    }
    awaitReady(Duration.ofSeconds(60));
  }

  private void awaitReady(Duration wait) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    Instant deadline = Instant.now().plus(wait);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("prometheus exited at start-up: " + log());
      }
      try {
        HttpResponse<String> r =
            client.send(HttpRequest.newBuilder(URI.create(url() + "/-/ready")).timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep(200);
    }
    throw new IllegalStateException("prometheus not ready within " + wait.toSeconds() + " s: " + log());
  }

  private static void run(List<String> command, Duration limit, Path home) throws IOException {
    Path out = home.resolve(command.get(1) + ".log");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    try {
      if (!p.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not finish within " + limit.toSeconds() + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + Files.readString(out));
    }
  }

  private String log() {
    try {
      return Files.readString(home.resolve("prometheus.log"));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private static String binary(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    throw new IllegalStateException(
        "'" + name + "' is not installed, and the *IT tests run a real Prometheus: " + INSTALL_HINT);
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
