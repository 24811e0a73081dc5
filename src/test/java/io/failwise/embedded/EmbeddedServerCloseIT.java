package io.failwise.embedded;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import org.junit.jupiter.api.Test;

/**
 * A server closed twice (Quarkus's shutdown, then the JVM's hook, when a command such as
 * {@code bench scale} ends on its own) is closed once: the second close printed a
 * RejectedExecutionException from the stopped event loop at the end of the bench's output.
 */
class EmbeddedServerCloseIT {
  @Test
  void closingTwiceClosesOnce() {
    EmbeddedApiServer server = EmbeddedApiServer.start(0);
    server.close();
    assertDoesNotThrow(server::close);
  }
}
