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
    EmbeddedApiServer started = server;
    closedWithQuarkus = started;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> closeAtExit(started), "embedded-api-server-stop"));
  }

  /** The server {@link #startBeforeQuarkus} started, which Quarkus's shutdown closes; null otherwise (tests close their own). */
  private static volatile EmbeddedApiServer closedWithQuarkus;

  /** Counted down once Quarkus's shutdown has stopped the controller and closed the server. */
  private static final java.util.concurrent.CountDownLatch CLOSED_AFTER_THE_CONTROLLER = new java.util.concurrent.CountDownLatch(1);

  /**
   * At exit the controller stops before its API server, as a cluster outlives its controllers: closing the
   * server in a JVM shutdown hook of its own, beside Quarkus's, cut the controller's requests mid-flight
   * (Ctrl-C printed "Connection was closed" and a failed status patch with their stack traces). Quarkus's
   * shutdown closes it once the controller has stopped ({@link #closeAfterTheController}); this hook waits
   * for that, and closes it itself when Quarkus is not running (a failed start).
   */
  private static void closeAtExit(EmbeddedApiServer started) {
    if (CLOSED_AFTER_THE_CONTROLLER.getCount() == 0) {
      return; // Quarkus's shutdown closed it already (a command that ended on its own, as bench scale does)
    }
    try {
      // Whether Quarkus started, not whether it is started now: on SIGTERM its shutdown hook runs beside
      // this one and is already stopping (isStarted() false), and closing at once cut a run's requests
      // mid-flight ("Run ... could not advance: Connection was closed" with its stack trace).
      if (quarkusStarted && CLOSED_AFTER_THE_CONTROLLER.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    started.close();
  }

  private static volatile boolean quarkusStarted;

  /** Quarkus has started: its shutdown will close the server ({@link #closeAfterTheController}). */
  static void quarkusStarted() {
    quarkusStarted = true;
  }

  /** Closes the server {@link #startBeforeQuarkus} started, once the controller has stopped (a late ShutdownEvent observer). */
  static void closeAfterTheController() {
    EmbeddedApiServer started = closedWithQuarkus;
    if (started != null) {
      started.close();
      CLOSED_AFTER_THE_CONTROLLER.countDown();
    }
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
