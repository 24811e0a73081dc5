package io.failwise.cli;

import io.failwise.embedded.EmbeddedApiServer;
import java.util.List;

/**
 * Starts the embedded API server before Quarkus boots, so that the operator's Kubernetes client is
 * configured for it like for any other cluster.
 */
public final class EmbeddedMode {
  public static final String NAMESPACE = "failwise";
  private static volatile EmbeddedApiServer server;

  private EmbeddedMode() {}

  static void startBeforeQuarkus(List<String> args) {
    int port = 0;
    int i = args.indexOf("--api-port");
    if (i >= 0 && i + 1 < args.size()) {
      try {
        port = Integer.parseInt(args.get(i + 1));
      } catch (NumberFormatException e) {
        System.err.println("failwise: --api-port takes a port number (0 to 65535), got '" + args.get(i + 1) + "'");
        System.exit(2);
      }
    }
    server = EmbeddedApiServer.start(port);
    server.installCrds();
    System.setProperty("quarkus.kubernetes-client.api-server-url", server.url());
    System.setProperty("quarkus.kubernetes-client.namespace", NAMESPACE);
    System.setProperty("quarkus.kubernetes-client.trust-certs", "true");
    System.setProperty("quarkus.kubernetes-client.token", "embedded");
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "embedded-api-server-stop"));
  }

  /** The server started for this process, or null outside the embedded mode. */
  public static EmbeddedApiServer server() {
    return server;
  }
}
