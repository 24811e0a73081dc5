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

  /**
   * With a read-only root filesystem the controller needs a writable java.io.tmpdir: Quarkus (Vert.x)
   * creates its cache there at start and exits when it cannot ("Unable to create folder at path
   * .../vertx-cache"), so the pods would crash-loop before their first API call. No embedded world runs
   * the Deployment: only this says it.
   */
  @Test
  void aReadOnlyRootFilesystemLeavesTheControllerAWritableTmp() throws Exception {
    JsonNode pod = YAML.readTree(MANIFESTS.resolve("operator/deployment.yaml").toFile()).path("spec").path("template").path("spec");
    JsonNode c = pod.path("containers").get(0);
    if (!c.path("securityContext").path("readOnlyRootFilesystem").asBoolean(false)) {
      return;
    }
    String tmpVolume = null;
    for (JsonNode m : c.path("volumeMounts")) {
      if ("/tmp".equals(m.path("mountPath").asText()) && !m.path("readOnly").asBoolean(false)) {
        tmpVolume = m.path("name").asText();
      }
    }
    assertTrue(tmpVolume != null, "no writable volume at /tmp: " + c.path("volumeMounts"));
    for (JsonNode v : pod.path("volumes")) {
      if (tmpVolume.equals(v.path("name").asText())) {
        assertTrue(v.has("emptyDir"), "/tmp is an emptyDir: " + v);
        return;
      }
    }
    throw new AssertionError("volume " + tmpVolume + " is mounted at /tmp but not declared: " + pod.path("volumes"));
  }

  /**
   * The Lease: fabric8's leader election creates it, reads it, and renews and takes it over with a JSON
   * merge patch (ResourceLock.update); JOSDK's start-up check asks for update. Without patch the first
   * leader stops leading at its renew deadline and no replica can take the Lease again.
   */
  @Test
  void theLeaderElectionRoleGrantsWhatTheLeaseProtocolUses() throws Exception {
    JsonNode role = YAML.readTree(MANIFESTS.resolve("rbac/leader-election-role.yaml").toFile());
    java.util.Set<String> verbs = new java.util.TreeSet<>();
    role.path("rules").forEach(r -> {
      if (r.path("resources").toString().contains("\"leases\"")) {
        r.path("verbs").forEach(v -> verbs.add(v.asText()));
      }
    });
    assertEquals(new java.util.TreeSet<>(List.of("create", "get", "patch", "update")), verbs);
  }
}
