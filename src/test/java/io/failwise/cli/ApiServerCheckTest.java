package io.failwise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An online command with no API server configured says so at once, instead of retrying a name lookup for 20 s. */
class ApiServerCheckTest {
  private static Config master(String url) {
    return new ConfigBuilder(Config.empty()).withMasterUrl(url).build();
  }

  @Test
  void theInClusterFallbackOutsideAClusterNamesWhereKubeconfigWasLookedFor() {
    Config fallback = master("https://kubernetes.default.svc/");
    String unset = ApiServerCheck.problem(fallback, Map.of("HOME", "/home/sre")).orElseThrow();
    assertTrue(unset.startsWith("no Kubernetes API server to talk to: KUBECONFIG is not set and /home/sre/.kube/config does not exist"), unset);
    assertTrue(unset.contains("./failwise run --embedded"), unset);
    String missing = ApiServerCheck.problem(fallback, Map.of("KUBECONFIG", "/nonexistent/kubeconfig")).orElseThrow();
    assertTrue(missing.contains("KUBECONFIG names /nonexistent/kubeconfig, which does not exist"), missing);
  }

  @Test
  void inAPodOrWithAnyOtherServerTheCommandGoesAhead() {
    assertEquals(Optional.empty(), ApiServerCheck.problem(master("https://kubernetes.default.svc/"), Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1")));
    assertEquals(Optional.empty(), ApiServerCheck.problem(master("http://127.0.0.1:37761/"), Map.of()));
  }

  /** A stopped embedded world (or an ended port-forward): said at once, not after 20 s of retries and a stack trace. */
  @Test
  void aServerThatRefusesConnectionsIsNamedAtOnce() throws Exception {
    int port;
    try (java.net.ServerSocket listening = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = listening.getLocalPort();
      assertEquals(Optional.empty(), ApiServerCheck.refused(master("https://127.0.0.1:" + port + "/"), java.time.Duration.ofSeconds(5)),
          "a server that answers: the command goes ahead");
    }
    String refused = ApiServerCheck.refused(master("https://127.0.0.1:" + port + "/"), java.time.Duration.ofSeconds(5)).orElseThrow();
    assertTrue(refused.startsWith("the Kubernetes API server at https://127.0.0.1:" + port + "/ refuses connections"), refused);
    assertTrue(refused.contains("./failwise run --embedded"), refused);
    assertTrue(refused.contains("or the file --kubeconfig-out names"), refused);
    // Through a proxy the refusal would be the proxy's business: the client goes ahead.
    Config proxied = new ConfigBuilder(master("https://127.0.0.1:" + port + "/")).withHttpsProxy("http://proxy.example:3128").build();
    assertEquals(Optional.empty(), ApiServerCheck.refused(proxied, java.time.Duration.ofSeconds(5)));
  }

  /**
   * A server that refuses connections is a failure (exit 1, as the README's exit codes say), not input to
   * fix (exit 2): the kubeconfig may be right and the world stopped. An outside pass saw 2.
   */
  @Test
  void aRefusedServerExitsOneAndNoServerConfiguredExitsTwo() throws Exception {
    int port;
    try (java.net.ServerSocket listening = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = listening.getLocalPort();
    }
    var client = new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(master("https://127.0.0.1:" + port + "/")).build();
    try (client) {
      assertEquals(1, exitOf(() -> ApiServerCheck.require(client)));
    }
    assertEquals(2, exitOf(() -> {
      throw new UserInputException(ApiServerCheck.problem(master("https://kubernetes.default.svc/"), Map.of("HOME", "/home/sre")).orElseThrow());
    }));
  }

  /** The exit code the command line's error handler gives what {@code body} throws. */
  private static int exitOf(Runnable body) {
    @picocli.CommandLine.Command(name = "probe")
    class Probe implements java.util.concurrent.Callable<Integer> {
      @Override
      public Integer call() {
        body.run();
        return 0;
      }
    }
    var cmd = CommandLineSetup.withErrorHandling(new picocli.CommandLine(new Probe()));
    cmd.setErr(new java.io.PrintWriter(new java.io.StringWriter()));
    return cmd.execute();
  }
}
