package io.failwise.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.failwise.api.Cluster;
import io.failwise.api.Region;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded API server as a newcomer meets it: the CRDs, the samples, and kubectl pointed at it. */
class EmbeddedApiServerIT {
  private static EmbeddedApiServer server;
  @TempDir static Path dir;

  @BeforeAll
  static void start() {
    server = EmbeddedApiServer.start(0);
    server.installCrds();
    server.applyDirectory(Path.of("manifests/samples"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void holdsTheSamples() {
    assertEquals(2, server.client().resources(Region.class).list().getItems().size());
    assertEquals(4, server.client().resources(Cluster.class).inNamespace("failwise").list().getItems().size());
  }

  @Test
  void kubectlListsClustersWithTheirPrinterColumns() throws Exception {
    String out = kubectl("get", "clusters.failwise.io", "-A");
    List<String> lines = out.lines().toList();
    assertTrue(lines.get(0).matches("NAMESPACE\\s+NAME\\s+REGION\\s+.*AGE"), out);
    assertEquals(5, lines.size(), out);
    assertTrue(out.contains("go-eu-west-1") && out.contains("eu-north"), out);
    assertTrue(kubectl("get", "fwregion").contains("PROVIDER"), "short names and columns for regions");
    assertEquals("Cluster", kubectl("get", "fwcluster", "-n", "failwise", "go-eu-west-2", "-o", "jsonpath={.kind}"));
  }

  private static String kubectl(String... args) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/kubectl")) || onPath("kubectl"), "kubectl is not installed");
    Path kubeconfig = server.writeKubeconfig(dir.resolve("kubeconfig"), "failwise");
    List<String> command = new java.util.ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    return out;
  }

  private static boolean onPath(String exe) {
    String path = System.getenv("PATH");
    return path != null
        && java.util.Arrays.stream(path.split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, exe)));
  }
}
