package io.failwise.execution;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/**
 * A provider API on 127.0.0.1 for tests: logs every request and, like a real API that honours
 * Idempotency-Key, acts once per key. Answers are scripted per request.
 */
public final class WebhookServer implements AutoCloseable {
  /** One request as received. */
  public record Request(String method, String path, String idempotencyKey, String run, String body, String authorization) {}

  private final HttpServer server;
  private final ConcurrentLinkedQueue<Request> log = new ConcurrentLinkedQueue<>();
  private final Map<String, Request> effects = new LinkedHashMap<>();
  private volatile Function<Request, Integer> status = r -> 200;
  private volatile String redirect;

  public WebhookServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Answers every request with a redirect to {@code location}. */
  public void redirectTo(String location) {
    this.redirect = location;
  }

  /** What to answer: an HTTP status per request (the request is logged either way). */
  public void answer(Function<Request, Integer> status) {
    this.status = status;
  }

  /** Every request received, retries included. */
  public List<Request> requests() {
    return new ArrayList<>(log);
  }

  /** The side effects done: one per idempotency key that got a 2xx, in order. */
  public synchronized List<Request> effects() {
    return new ArrayList<>(effects.values());
  }

  public synchronized void clear() {
    log.clear();
    effects.clear();
  }

  private void handle(HttpExchange ex) throws IOException {
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Request r =
        new Request(
            ex.getRequestMethod(),
            ex.getRequestURI().getPath(),
            ex.getRequestHeaders().getFirst(WebhookAction.IDEMPOTENCY_KEY),
            ex.getRequestHeaders().getFirst(WebhookAction.RUN_HEADER),
            body,
            ex.getRequestHeaders().getFirst("Authorization"));
    log.add(r);
    int code = status.apply(r);
    if (code >= 200 && code < 300) {
      synchronized (this) {
        effects.putIfAbsent(r.idempotencyKey() == null ? "no-key-" + log.size() : r.idempotencyKey(), r);
      }
    }
    if (redirect != null) {
      ex.getResponseHeaders().add("Location", redirect);
      ex.sendResponseHeaders(302, -1);
      ex.close();
      return;
    }
    byte[] answer = (code >= 300 ? "{\"error\":\"scripted " + code + "\"}" : "{}").getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(code, answer.length);
    ex.getResponseBody().write(answer);
    ex.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
