package io.failwise.embedded;

import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.HttpUrl;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.vertx.HttpServerRequestHandler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The embedded API server's HTTP side: fabric8's MockWebServer, which serves watches over WebSocket only
 * (a streamed watch, kubectl's {@code get -w} and the wait of {@code kubectl delete}, was answered 400),
 * with the streamed watch served as kube-apiserver serves it ({@link StreamedWatch}). Every other request
 * goes to fabric8's own handler, unchanged. It records no request: MockWebServer queued every one for
 * tests to {@code takeRequest()}, and a long-running server never reads them.
 *
 * <p>MockWebServer fixes its request handler inside {@code start}, so this class starts the HTTP server
 * itself (plain HTTP, as the embedded server is), on MockWebServer's Vert.x, and answers for the host
 * and port.
 */
final class EmbeddedHttpServer extends MockWebServer {
  private static final long START_SECONDS = 30;

  /** MockWebServer's own Vert.x, made in its constructor: one event loop, closed with the server. */
  private final Vertx vertx = fabricVertx(this);
  private final Function<RecordedRequest, UnaryOperator<String>> watchEvents;
  private volatile Dispatcher dispatcher;
  private HttpServer server;
  private String hostName;
  private int port;

  /** {@code watchEvents}: how each event of a streamed watch is written, for the request that asked for it. */
  EmbeddedHttpServer(Function<RecordedRequest, UnaryOperator<String>> watchEvents) {
    this.watchEvents = watchEvents;
  }

  @Override
  public void setDispatcher(Dispatcher dispatcher) {
    super.setDispatcher(dispatcher);
    this.dispatcher = dispatcher;
  }

  @Override
  public synchronized void start(InetAddress address, int port) {
    if (server != null) {
      throw new IllegalStateException("The embedded API server is started already, on port " + this.port);
    }
    HttpServerRequestHandler served = new HttpServerRequestHandler(vertx) {
      @Override
      protected MockResponse onHttpRequest(RecordedRequest request) {
        return dispatcher.dispatch(request);
      }
    };
    HttpServer created = vertx.createHttpServer(new HttpServerOptions()
        .setHost(address.getHostAddress())
        .setPort(port)
        // As fabric8's: the subprotocols of exec and attach, and no 100 Continue left to the client.
        .setWebSocketSubProtocols(List.of("v1.channel.k8s.io", "v2.channel.k8s.io", "v3.channel.k8s.io", "v4.channel.k8s.io"))
        .setHandle100ContinueAutomatically(true));
    created.requestHandler((HttpServerRequest request) -> {
      if (StreamedWatch.asked(request)) {
        StreamedWatch.serve(vertx, request, dispatcher, watchEvents);
      } else {
        served.handle(request);
      }
    });
    this.server = await(created.listen(), "start");
    this.hostName = address.getHostName();
    this.port = server.actualPort();
  }

  @Override
  public synchronized void shutdown() {
    if (server == null) {
      throw new IllegalStateException("shutdown() before start()");
    }
    dispatcher.shutdown();
    await(server.close(), "stop");
    await(vertx.close(), "stop the event loop of");
  }

  @Override
  public int getPort() {
    started();
    return port;
  }

  @Override
  public String getHostName() {
    started();
    return hostName;
  }

  @Override
  public HttpUrl url(String path) {
    return HttpUrl.parse("http://" + getHostName() + ":" + getPort() + (path.startsWith("/") ? path : "/" + path));
  }

  private synchronized void started() {
    if (server == null) {
      throw new IllegalStateException("The embedded API server is not started");
    }
  }

  private static Vertx fabricVertx(MockWebServer server) {
    try {
      java.lang.reflect.Field field = MockWebServer.class.getDeclaredField("vertx");
      field.setAccessible(true);
      return (Vertx) field.get(server);
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new IllegalStateException("fabric8's MockWebServer no longer keeps its Vert.x in a field named vertx: " + e, e);
    }
  }

  private static <T> T await(Future<T> future, String what) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(START_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting to " + what + " the embedded API server", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Unable to " + what + " the embedded API server: " + e.getMessage(), e);
    }
  }
}
