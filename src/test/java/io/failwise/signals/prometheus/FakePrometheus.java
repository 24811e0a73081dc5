package io.failwise.signals.prometheus;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * A tiny HTTP server on 127.0.0.1 that misbehaves on request like a broken Prometheus would:
 * garbage, slowness, an overloaded 503; or passes queries through to a real one.
 */
public final class FakePrometheus implements AutoCloseable {
  /** What the next answers look like. */
  public enum Mode {
    GARBAGE,
    SLOW,
    OVERLOADED,
    PASS_THROUGH
  }

  private final HttpServer server;
  private volatile Mode mode = Mode.GARBAGE;
  private volatile String upstream;
  private volatile long slowMillis = 5_000;

  public FakePrometheus() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::answer);
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public FakePrometheus mode(Mode mode) {
    this.mode = mode;
    return this;
  }

  public FakePrometheus upstream(String url) {
    this.upstream = url;
    return this;
  }

  private void answer(HttpExchange ex) throws IOException {
    try (ex) {
      switch (mode) {
        case GARBAGE -> send(ex, 200, "<html>502 Bad Gateway from the corporate proxy</html>");
        case OVERLOADED -> send(ex, 503, "{\"status\":\"error\",\"errorType\":\"unavailable\",\"error\":\"too many queries\"}");
        case SLOW -> {
          sleep(slowMillis);
          send(ex, 200, "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}");
        }
        case PASS_THROUGH -> {
          URI target = URI.create(upstream + ex.getRequestURI());
          try (InputStream in = target.toURL().openStream()) {
            send(ex, 200, new String(in.readAllBytes(), StandardCharsets.UTF_8));
          }
        }
      }
    }
  }

  private static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
