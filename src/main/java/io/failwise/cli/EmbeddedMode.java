package io.failwise.cli;

import io.failwise.embedded.EmbeddedApiServer;
import java.util.List;

/**
 * Starts the embedded API server before Quarkus boots, so that the operator's Kubernetes client is
 * configured for it like for any other cluster.
 */
public final class EmbeddedMode {
  public static final String NAMESPACE = "failwise";
  /** What the samples' playbooks may change on the embedded server (failwise.allow.objects). */
  public static final String SAMPLE_OBJECTS = "ConfigMap failwise/device-routing,Deployment.apps failwise/*-gateway";
  /** Where the samples' webhooks may call (failwise.allow.webhooks). */
  public static final String SAMPLE_WEBHOOKS = "https://device-provisioning.failwise.svc/v1/";
  private static final java.util.Map<String, String> CLIENT_PROPERTIES = java.util.Map.of(
      "kubernetes.master", "{url}",
      "kubernetes.namespace", NAMESPACE,
      "kubernetes.auth.token", "embedded",
      "kubernetes.auth.tryKubeConfig", "false",
      "kubernetes.auth.tryServiceAccount", "false");
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
    start(port);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "embedded-api-server-stop"));
  }

  /**
   * Starts the embedded API server with the CRDs on {@code port} (0: a free one) and points fabric8's
   * auto-configuration at it; {@code run --embedded} does this before Quarkus boots, and so do the
   * tests that run the command in-process.
   */
  public static EmbeddedApiServer start(int port) {
    server = EmbeddedApiServer.start(port);
    server.installCrds();
    // fabric8's own system properties: Quarkus fixes its kubernetes-client settings at build time,
    // while the client it builds still starts from fabric8's auto-configuration.
    CLIENT_PROPERTIES.forEach((key, value) -> System.setProperty(key, value.replace("{url}", server.url())));
    return server;
  }

  /** Stops the server {@link #start} started and forgets the client settings it made. */
  public static void stop() {
    if (server != null) {
      server.close();
      server = null;
    }
    CLIENT_PROPERTIES.keySet().forEach(System::clearProperty);
  }

  /** The server started for this process, or null outside the embedded mode. */
  public static EmbeddedApiServer server() {
    return server;
  }
}
