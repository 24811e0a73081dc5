package io.failwise.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Before a command that talks to the API server sends its first request: whether any API server is
 * configured at all. With no kubeconfig and outside a cluster the Kubernetes client falls back to
 * {@code https://kubernetes.default.svc} and retries its name lookup for about 20 s before it fails;
 * a person at the console at 21:40 should hear at once what is missing.
 */
public final class ApiServerCheck {
  private static final String IN_CLUSTER_HOST = "kubernetes.default.svc";

  private ApiServerCheck() {}

  /**
   * @throws UserInputException when no API server is configured (see {@link #problem}): exit 2
   * @throws ApiServerUnreachable when the one configured refuses connections (see {@link #refused}): exit 1
   */
  public static void require(KubernetesClient client) {
    problem(client.getConfiguration(), System.getenv()).ifPresent(p -> {
      throw new UserInputException(p);
    });
    refused(client.getConfiguration(), CONNECT_TIMEOUT).ifPresent(p -> {
      throw new ApiServerUnreachable(p);
    });
  }

  /** How long the probe of {@link #refused} waits for a connection before leaving the answer to the client. */
  private static final java.time.Duration CONNECT_TIMEOUT = java.time.Duration.ofSeconds(2);

  /**
   * Why the configured API server cannot be reached, when its port refuses connections: the client would
   * retry with backoff for some 20 s before printing a stack trace (an embedded world stopped, a
   * port-forward ended). Only a refusal is an answer: through a proxy, or when the probe times out or
   * the name does not resolve here, the client goes ahead and says what it finds.
   */
  static Optional<String> refused(Config config, java.time.Duration timeout) {
    String master = config.getMasterUrl();
    if (master == null || present(config.getHttpsProxy()) || present(config.getHttpProxy())) {
      return Optional.empty();
    }
    URI uri = URI.create(master);
    if (uri.getHost() == null) {
      return Optional.empty();
    }
    int port = uri.getPort() >= 0 ? uri.getPort() : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
    try (java.net.Socket socket = new java.net.Socket()) {
      socket.connect(new java.net.InetSocketAddress(uri.getHost(), port), (int) timeout.toMillis());
      return Optional.empty();
    } catch (java.net.ConnectException e) {
      return Optional.of("the Kubernetes API server at " + master + " refuses connections (" + e.getMessage() + "). Is it running? An embedded"
          + " world writes a new kubeconfig each time `./failwise run --embedded` starts: start it again and use the one it writes"
          + " (target/failwise-embedded.kubeconfig, or the file --kubeconfig-out names)");
    } catch (java.io.IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static boolean present(String s) {
    return s != null && !s.isBlank();
  }

  /**
   * Why no API server can be reached, or empty: the client's master URL is the in-cluster fallback
   * while the process is not in a cluster (no {@code KUBERNETES_SERVICE_HOST}), so no kubeconfig was
   * found; the message says where kubeconfig was looked for.
   */
  static Optional<String> problem(Config config, Map<String, String> env) {
    String master = config.getMasterUrl();
    String host = master == null ? null : URI.create(master).getHost();
    if (!IN_CLUSTER_HOST.equals(host) || env.get("KUBERNETES_SERVICE_HOST") != null) {
      return Optional.empty();
    }
    String kubeconfig = env.get("KUBECONFIG");
    String where =
        kubeconfig == null || kubeconfig.isBlank()
            ? "KUBECONFIG is not set and " + Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".kube", "config") + " does not exist"
            : "KUBECONFIG names " + kubeconfig + (Files.exists(Path.of(kubeconfig.split(java.io.File.pathSeparator)[0])) ? ", which names no cluster" : ", which does not exist");
    return Optional.of(
        "no Kubernetes API server to talk to: " + where + ", and this is not a pod in a cluster. Set KUBECONFIG, or start"
            + " `./failwise run --embedded` and use the kubeconfig it writes (target/failwise-embedded.kubeconfig)");
  }
}
