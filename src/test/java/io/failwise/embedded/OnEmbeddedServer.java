package io.failwise.embedded;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** An embedded API server with Failwise's CRDs for the tests of one class, and a client of it. */
abstract class OnEmbeddedServer {
  static final String NS = "default";
  static EmbeddedApiServer server;
  static KubernetesClient client;

  @BeforeAll
  static void startServer() {
    server = EmbeddedApiServer.start(0);
    server.installCrds();
    client = server.client();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }
}
