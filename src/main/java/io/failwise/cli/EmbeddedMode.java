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
    // fabric8's own system properties: Quarkus fixes its kubernetes-client settings at build time,
    // while the client it builds still starts from fabric8's auto-configuration.
    System.setProperty("kubernetes.master", server.url());
    System.setProperty("kubernetes.namespace", NAMESPACE);
    System.setProperty("kubernetes.auth.token", "embedded");
    System.setProperty("kubernetes.auth.tryKubeConfig", "false");
    System.setProperty("kubernetes.auth.tryServiceAccount", "false");
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "embedded-api-server-stop"));
  }

  /** The server started for this process, or null outside the embedded mode. */
  public static EmbeddedApiServer server() {
    return server;
  }
}
