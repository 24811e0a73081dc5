package io.failwise.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.failwise.embedded.EmbeddedApiServer;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh embedded API server for each test, with Failwise's CRDs installed (objects are checked against
 * their schemas, as a cluster would) and the namespaces its objects live in, for the integration tests
 * that need an API server but no controller:
 *
 * <pre>{@code @RegisterExtension final ApiServerPerTest api = ApiServerPerTest.withNamespaces("fleet", "failwise");}</pre>
 *
 * It starts before the test class's own {@code @BeforeEach} methods (they may use {@link #client()}) and
 * is closed, with its client, after its {@code @AfterEach} ones; no test sees another's objects.
 */
public final class ApiServerPerTest implements BeforeEachCallback, AfterEachCallback {
  private final List<String> namespaces;
  private EmbeddedApiServer server;

  private ApiServerPerTest(List<String> namespaces) {
    this.namespaces = namespaces;
  }

  /** A server on a free port of 127.0.0.1 with these namespaces created. */
  public static ApiServerPerTest withNamespaces(String... namespaces) {
    return new ApiServerPerTest(List.of(namespaces));
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    server = EmbeddedApiServer.start(0);
    server.installCrds();
    ApiWorld world = ApiWorld.on(server.client());
    namespaces.forEach(world::namespace);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  /** The server's client, closed with it: a test must not close it. */
  public KubernetesClient client() {
    if (server == null) {
      throw new IllegalStateException("no API server outside a test: register ApiServerPerTest with @RegisterExtension on an instance field");
    }
    return server.client();
  }
}
