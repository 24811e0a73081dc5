package io.failwise.embedded;

import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Serves through another dispatcher and lets the server forget what it served. fabric8's
 * MockWebServer records every request in an unbounded queue for tests to {@code takeRequest()};
 * a long-running embedded server never reads it, so it grew without bound (22,527 requests held
 * 475 MB). The request is recorded just before it is dispatched, so draining here keeps the queue
 * at most as long as the number of requests in flight, through the server's public API only.
 *
 * <p>It is also where every request is answered: an exception thrown while serving one left the client
 * waiting for a response that never came (the HTTP server only logged it), so it becomes a 500 Status.
 */
final class ForgetfulDispatcher extends Dispatcher {
  private static final Logger LOG = Logger.getLogger(ForgetfulDispatcher.class);

  private final MockWebServer server;
  private final Dispatcher served;

  ForgetfulDispatcher(MockWebServer server, Dispatcher served) {
    this.server = server;
    this.served = served;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    forgetServed();
    try {
      return served.dispatch(request);
    } catch (RuntimeException | Error e) {
      LOG.errorf(e, "The embedded API server failed on %s %s", request.getMethod(), request.getPath());
      return new MockResponse()
          .setResponseCode(500)
          .setHeader("Content-Type", "application/json")
          .setBody(Serialization.asJson(RequestBodies.internalError(e)));
    }
  }

  @Override
  public void shutdown() {
    served.shutdown();
  }

  private void forgetServed() {
    try {
      while (server.takeRequest(0, TimeUnit.NANOSECONDS) != null) {
        // dropped: nobody reads the record of a served request
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
