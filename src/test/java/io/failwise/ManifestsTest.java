package io.failwise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.failwise.embedded.EmbeddedApiServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What `kubectl apply -k manifests/` installs: every CRD, least-privilege RBAC, a probed Deployment. */
class ManifestsTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Path MANIFESTS = Path.of("manifests");

  private static List<String> crdFiles() throws Exception {
    try (Stream<Path> files = Files.list(MANIFESTS.resolve("crds"))) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void kustomizationInstallsEveryGeneratedCrdAndOnlyExistingFiles() throws Exception {
    JsonNode k = YAML.readTree(MANIFESTS.resolve("kustomization.yaml").toFile());
    List<String> resources = new ArrayList<>();
    k.path("resources").forEach(r -> resources.add(r.asText()));
    for (String crd : crdFiles()) {
      assertTrue(resources.contains("crds/" + crd), "kustomization.yaml lacks crds/" + crd);
    }
    for (String r : resources) {
      assertTrue(Files.exists(MANIFESTS.resolve(r)), "kustomization.yaml names a missing file: " + r);
      assertFalse(r.startsWith("samples"), "the samples are not installed by default");
    }
  }

  @Test
  void theEmbeddedServerInstallsEveryGeneratedCrd() throws Exception {
    assertEquals(crdFiles(), EmbeddedApiServer.CRD_FILES.stream().sorted().toList());
  }

  @Test
  void rbacNamesEveryVerbAndResourceWithoutWildcards() throws Exception {
    try (Stream<Path> files = Files.list(MANIFESTS.resolve("rbac"))) {
      for (Path f : files.toList()) {
        for (String line : Files.readAllLines(f)) {
          if (!line.trim().startsWith("#")) {
            assertFalse(line.contains("*"), f + " has a wildcard: " + line);
          }
        }
      }
    }
  }

  @Test
  void theDeploymentRunsTwoReplicasWithProbesAndLeaderElection() throws Exception {
    JsonNode d = YAML.readTree(MANIFESTS.resolve("operator/deployment.yaml").toFile());
    assertEquals(2, d.path("spec").path("replicas").asInt());
    JsonNode c = d.path("spec").path("template").path("spec").path("containers").get(0);
    assertEquals("/q/health/live", c.path("livenessProbe").path("httpGet").path("path").asText());
    assertEquals("/q/health/ready", c.path("readinessProbe").path("httpGet").path("path").asText());
    assertTrue(c.path("env").toString().contains("FAILWISE_LEADER_ELECTION_ENABLED"));
  }
}
