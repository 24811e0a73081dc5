package io.failwise.embedded;

import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A watch streamed over plain HTTP, as kube-apiserver serves it to kubectl ({@code kubectl get -w}, the
 * wait of {@code kubectl delete}) and to client-go: a 200 with a chunked body of one watch event per
 * line, open until the client goes or {@code timeoutSeconds} passes. fabric8's CRUD dispatcher serves
 * watches to a WebSocket; this is the socket it writes to, over the HTTP response instead.
 *
 * <p>Which events a watch from a resource version sends is decided before, for both ways of serving it
 * ({@link WatchFromVersion}).
 */
final class StreamedWatch implements WebSocket {
  private final RecordedRequest request;
  private final HttpServerResponse response;
  private final UnaryOperator<String> shown;

  private StreamedWatch(RecordedRequest request, HttpServerResponse response, UnaryOperator<String> shown) {
    this.request = request;
    this.response = response;
    this.shown = shown;
  }

  /** Whether {@code request} asks for a watch streamed over HTTP (a GET with {@code watch=true}, no WebSocket upgrade). */
  static boolean asked(HttpServerRequest request) {
    String watch = request.getParam("watch");
    String upgrade = request.getHeader("Upgrade");
    return request.method() == io.vertx.core.http.HttpMethod.GET
        && ("true".equalsIgnoreCase(watch) || "1".equals(watch))
        && (upgrade == null || !upgrade.toLowerCase(Locale.ROOT).contains("websocket"));
  }

  /**
   * Serves the streamed watch {@code request} through {@code dispatcher}: what it answers without a
   * watch (a 404, a 403, a 400) is sent as it is; a watch is streamed until the client closes it or
   * its {@code timeoutSeconds} passes, each event written as {@code shown} makes it (kubectl asks for
   * Tables of printer columns).
   */
  static void serve(Vertx vertx, HttpServerRequest request, Dispatcher dispatcher, Function<RecordedRequest, UnaryOperator<String>> shown) {
    RecordedRequest recorded = new RecordedRequest(request.version().alpnName().toUpperCase(Locale.ROOT),
        HttpMethod.fromVertx(request.method()), request.uri(), Headers.builder().addAll(request.headers()).build(), new Buffer());
    MockResponse answer = dispatcher.dispatch(recorded);
    WebSocketListener listener = answer.getWebSocketListener();
    HttpServerResponse response = request.response();
    if (listener == null) {
      response.setStatusCode(answer.code());
      answer.getHeaders().toMultimap().forEach(response::putHeader);
      response.end(io.vertx.core.buffer.Buffer.buffer(answer.getBody() == null ? new byte[0] : answer.getBody().getBytes()));
      return;
    }
    StreamedWatch socket = new StreamedWatch(recorded, response, shown.apply(recorded));
    response.setStatusCode(200).setChunked(true).putHeader("Content-Type", "application/json");
    response.writeHead();
    response.closeHandler(gone -> listener.onClosed(socket, 1000, "the client closed the watch"));
    OptionalLong timeout = positive(request.getParam("timeoutSeconds"));
    if (timeout.isPresent()) {
      vertx.setTimer(timeout.getAsLong() * 1000, fired -> {
        socket.close(1000, "timeoutSeconds passed");
        listener.onClosed(socket, 1000, "timeoutSeconds passed");
      });
    }
    listener.onOpen(socket, answer);
  }

  @Override
  public RecordedRequest request() {
    return request;
  }

  @Override
  public synchronized boolean send(String event) {
    if (response.ended() || response.closed()) {
      return false;
    }
    response.write(shown.apply(event) + "\n");
    return true;
  }

  @Override
  public boolean send(byte[] event) {
    return send(new String(event, StandardCharsets.UTF_8));
  }

  @Override
  public synchronized boolean close(int code, String reason) {
    if (response.ended() || response.closed()) {
      return false;
    }
    response.end();
    return true;
  }

  /** A whole number above 0, or empty: a timeout of 0 is none. */
  private static OptionalLong positive(String value) {
    if (value == null || value.isBlank()) {
      return OptionalLong.empty();
    }
    try {
      long parsed = Long.parseLong(value.trim());
      return parsed > 0 ? OptionalLong.of(parsed) : OptionalLong.empty();
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}
