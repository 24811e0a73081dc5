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

  @Test
  void describeShowsTheEventsOfThatObjectOnlyAndGetEventsHasKubectlsColumns() throws Exception {
    var events = server.client().v1().events().inNamespace("failwise");
    events.resource(event("west-1-outage", "Cluster", "go-eu-west-1", "Warning", "Outage", "go-eu-west-1 lost 40% of its devices.")).create();
    events.resource(event("west-2-healthy", "Cluster", "go-eu-west-2", "Normal", "Healthy", "go-eu-west-2 is healthy.")).create();

    String described = kubectl("describe", "fwcluster", "go-eu-west-1", "-n", "failwise");
    assertTrue(described.contains("go-eu-west-1 lost 40% of its devices."), described);
    assertTrue(!described.contains("go-eu-west-2 is healthy."), "only the described object's events:\n" + described);

    String table = kubectl("get", "events", "-n", "failwise");
    assertTrue(table.lines().findFirst().orElse("").matches("LAST SEEN\\s+TYPE\\s+REASON\\s+OBJECT\\s+MESSAGE"), table);
    assertTrue(table.contains("cluster/go-eu-west-1") && table.contains("Warning"), table);

    String selected = kubectl("get", "ev", "-n", "failwise", "--field-selector", "involvedObject.name=go-eu-west-2");
    assertTrue(selected.contains("go-eu-west-2 is healthy.") && !selected.contains("lost 40%"), selected);
  }

  @Test
  void builtInShortNamesWork() throws Exception {
    assertTrue(kubectl("get", "cm", "-n", "failwise").contains("device-routing"));
    assertTrue(kubectl("get", "deploy", "-n", "failwise").contains("go-eu-north-2-gateway"));
  }

  private static io.fabric8.kubernetes.api.model.Event event(String name, String kind, String object, String type, String reason, String message) {
    return new io.fabric8.kubernetes.api.model.EventBuilder()
        .withNewMetadata().withName(name).withNamespace("failwise").endMetadata()
        .withNewInvolvedObject().withApiVersion("failwise.io/v1alpha1").withKind(kind).withName(object).withNamespace("failwise")
        .withUid(server.client().resources(Cluster.class).inNamespace("failwise").withName(object).get().getMetadata().getUid())
        .endInvolvedObject()
        .withType(type).withReason(reason).withMessage(message)
        .withLastTimestamp(java.time.Instant.now().toString())
        .build();
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
