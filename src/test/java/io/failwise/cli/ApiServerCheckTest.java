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
}
