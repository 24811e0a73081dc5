package io.failwise.embedded;

import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.jboss.logging.Logger;

/**
 * Serves through another dispatcher and answers every request: an exception thrown while serving one
 * left the client waiting for a response that never came (the HTTP server only logged it), so it
 * becomes a 500 Status. (It also drained fabric8's record of served requests, which grew without bound:
 * 22,527 requests held 475 MB; {@link EmbeddedHttpServer} now keeps no such record.)
 */
final class AnsweringDispatcher extends Dispatcher {
  private static final Logger LOG = Logger.getLogger(AnsweringDispatcher.class);

  private final Dispatcher served;

  AnsweringDispatcher(Dispatcher served) {
    this.served = served;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
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
}
