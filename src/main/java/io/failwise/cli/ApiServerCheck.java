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

  /** @throws UserInputException when no API server is configured (see {@link #problem}) */
  public static void require(KubernetesClient client) {
    problem(client.getConfiguration(), System.getenv()).ifPresent(p -> {
      throw new UserInputException(p);
    });
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
