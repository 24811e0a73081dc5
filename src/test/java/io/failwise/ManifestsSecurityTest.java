package io.failwise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.Pluralize;
import io.failwise.execution.WebhookAllowList;
import io.failwise.model.security.ObjectAllowList;
import io.failwise.model.security.ObjectRule;
import io.failwise.model.security.SecretAllowList;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The whole install, offline: `kubectl kustomize manifests/` builds (or, where kubectl is missing, the
 * kustomization is read in Java), every namespaced object's namespace is created, nothing cluster-wide
 * writes ConfigMaps, Deployments or StatefulSets, and the namespaced Roles grant exactly what the
 * allow-list in manifests/settings names.
 */
class ManifestsSecurityTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Path MANIFESTS = Path.of("manifests");
  private static final String CONTROLLER_NAMESPACE = "failwise-system";
  private static final String SERVICE_ACCOUNT = "failwise-controller";
  private static final Set<String> WRITES = Set.of("create", "update", "patch", "delete", "deletecollection", "*");
  private static final Set<String> GUARDED = Set.of("configmaps", "deployments", "statefulsets", "*");
  private static final Set<String> CLUSTER_SCOPED =
      Set.of("Namespace", "CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding", "ValidatingAdmissionPolicy",
          "ValidatingAdmissionPolicyBinding");

  private static List<JsonNode> installed;

  /** The documents the install applies (built once: kubectl takes seconds on a busy machine). */
  static synchronized List<JsonNode> install() throws Exception {
    if (installed == null) {
      installed = kubectl() ? kustomize() : readInJava();
    }
    return installed;
  }

  private static List<JsonNode> kustomize() throws Exception {
    {
      Process p = new ProcessBuilder("kubectl", "kustomize", MANIFESTS.toString()).redirectErrorStream(false).start();
      byte[] out = p.getInputStream().readAllBytes();
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "kubectl kustomize did not finish");
      assertEquals(0, p.exitValue(), "kubectl kustomize manifests/ fails: " + err);
      return documents(new String(out, StandardCharsets.UTF_8));
    }
  }

  /** No kubectl (Debian has none recent): the same resources, read as kustomize would list them. */
  static List<JsonNode> readInJava() throws Exception {
    JsonNode k = YAML.readTree(MANIFESTS.resolve("kustomization.yaml").toFile());
    List<JsonNode> docs = new ArrayList<>();
    for (JsonNode r : k.path("resources")) {
      docs.addAll(documents(Files.readString(MANIFESTS.resolve(r.asText()))));
    }
    for (JsonNode g : k.path("configMapGenerator")) {
      ObjectNode cm = YAML.createObjectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
      cm.putObject("metadata").put("name", g.path("name").asText()).put("namespace", g.path("namespace").asText());
      for (JsonNode f : g.path("files")) {
        cm.with("data").put(Path.of(f.asText()).getFileName().toString(), Files.readString(MANIFESTS.resolve(f.asText())));
      }
      docs.add(cm);
    }
    return docs;
  }

  private static boolean kubectl() {
    return io.failwise.testing.Tools.has("kubectl");
  }

  private static List<JsonNode> documents(String yaml) throws IOException {
    List<JsonNode> docs = new ArrayList<>();
    try (var parser = new YAMLMapper().createParser(yaml)) {
      for (var it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
        JsonNode d = it.next();
        if (d != null && !d.isNull() && d.has("kind")) {
          docs.add(d);
        }
      }
    }
    return docs;
  }

  /** The allow-list the install configures: the same file `failwise plan --settings` reads. */
  static ObjectAllowList allowList() throws IOException {
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(MANIFESTS.resolve("settings/application.properties"))) {
      p.load(in);
    }
    return ObjectAllowList.parse(List.of(p.getProperty("failwise.allow.objects", "").split(",")));
  }

  /** The Secrets the install lets webhooks take credentials from. */
  static SecretAllowList secretAllowList() throws IOException {
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(MANIFESTS.resolve("settings/application.properties"))) {
      p.load(in);
    }
    return SecretAllowList.parse(List.of(p.getProperty(SecretAllowList.SETTING, "").split(",")));
  }

  /**
   * Where the controller's rights on Secrets and failwise.allow.secrets disagree, both ways: no
   * ClusterRole names secrets at all; a Role bound to the controller may only get them, by
   * resourceNames, each listed; and each listed Secret has such a Role in its namespace.
   */
  static List<String> secretsAgainstAllowList(List<JsonNode> docs, SecretAllowList allow) {
    List<String> problems = new ArrayList<>();
    Set<String> bound = boundToController(docs);
    Set<String> granted = new HashSet<>();
    for (JsonNode d : docs) {
      String kind = d.path("kind").asText();
      if (!kind.equals("ClusterRole") && !kind.equals("Role")) {
        continue;
      }
      String ns = d.path("metadata").path("namespace").asText();
      String name = kind + " " + (kind.equals("Role") ? ns + "/" : "") + d.path("metadata").path("name").asText();
      for (JsonNode g : d.path("rules")) {
        if (!contains(g.path("apiGroups"), "") && !contains(g.path("apiGroups"), "*")
            || !contains(g.path("resources"), "secrets") && !contains(g.path("resources"), "*")) {
          continue;
        }
        if (kind.equals("ClusterRole")) {
          problems.add(name + " grants " + g.path("verbs") + " on secrets cluster-wide");
          continue;
        }
        List<String> verbs = iterable(g.path("verbs")).stream().map(JsonNode::asText).toList();
        List<String> names = iterable(g.path("resourceNames")).stream().map(JsonNode::asText).toList();
        if (!verbs.equals(List.of("get"))) {
          problems.add(name + " grants " + verbs + " on secrets; the controller needs get only");
        }
        if (names.isEmpty()) {
          problems.add(name + " grants secrets without resourceNames: every Secret of namespace " + ns);
        }
        for (String n : names) {
          if (allow.refusal(ns, n).isPresent()) {
            problems.add(name + " grants Secret " + ns + "/" + n + ", which " + SecretAllowList.SETTING + " does not list");
          } else if (bound.contains(ns + "/" + d.path("metadata").path("name").asText())) {
            granted.add(ns + "/" + n);
          }
        }
      }
    }
    for (SecretAllowList.SecretRef ref : allow.secrets()) {
      if (!granted.contains(ref.toString())) {
        problems.add(SecretAllowList.SETTING + " lists Secret " + ref + " but no Role bound to the controller grants get on it by name");
      }
    }
    return problems;
  }

  /** NAMESPACE/ROLE of every RoleBinding that binds the controller's ServiceAccount. */
  private static Set<String> boundToController(List<JsonNode> docs) {
    Set<String> bound = new HashSet<>();
    for (JsonNode d : docs) {
      if (d.path("kind").asText().equals("RoleBinding")) {
        for (JsonNode s : d.path("subjects")) {
          if (s.path("name").asText().equals(SERVICE_ACCOUNT) && s.path("namespace").asText().equals(CONTROLLER_NAMESPACE)) {
            bound.add(d.path("metadata").path("namespace").asText() + "/" + d.path("roleRef").path("name").asText());
          }
        }
      }
    }
    return bound;
  }

  /** Namespaced objects whose namespace the install does not create. */
  static List<String> namespacesMissing(List<JsonNode> docs) {
    Set<String> created = new HashSet<>();
    docs.stream().filter(d -> d.path("kind").asText().equals("Namespace")).forEach(d -> created.add(d.path("metadata").path("name").asText()));
    List<String> problems = new ArrayList<>();
    for (JsonNode d : docs) {
      String kind = d.path("kind").asText();
      String ns = d.path("metadata").path("namespace").asText("");
      if (!CLUSTER_SCOPED.contains(kind) && !created.contains(ns)) {
        problems.add(kind + " " + d.path("metadata").path("name").asText() + " is in namespace '" + ns + "', which the install does not create");
      }
    }
    return problems;
  }

  /** Cluster-wide rules that write what a playbook could name. */
  static List<String> clusterWideWrites(List<JsonNode> docs) {
    List<String> problems = new ArrayList<>();
    for (JsonNode d : docs) {
      if (!d.path("kind").asText().equals("ClusterRole")) {
        continue;
      }
      for (JsonNode rule : d.path("rules")) {
        for (JsonNode resource : rule.path("resources")) {
          for (JsonNode verb : rule.path("verbs")) {
            if (GUARDED.contains(resource.asText()) && WRITES.contains(verb.asText())) {
              problems.add("ClusterRole " + d.path("metadata").path("name").asText() + " grants " + verb.asText() + " on " + resource.asText() + " cluster-wide");
            }
          }
        }
      }
    }
    return problems;
  }

  /** Where the controller's namespaced write rights and the allow-list disagree, both ways. */
  static List<String> rolesAgainstAllowList(List<JsonNode> docs, ObjectAllowList allow) {
    List<String> problems = new ArrayList<>();
    Set<String> bound = boundToController(docs);
    List<JsonNode> roles = docs.stream().filter(d -> d.path("kind").asText().equals("Role"))
        .filter(d -> bound.contains(d.path("metadata").path("namespace").asText() + "/" + d.path("metadata").path("name").asText())).toList();
    for (ObjectRule rule : allow.rules()) {
      String plural = Pluralize.toPlural(rule.kind().toLowerCase(Locale.ROOT));
      boolean granted = roles.stream().filter(r -> r.path("metadata").path("namespace").asText().equals(rule.namespace()))
          .flatMap(r -> iterable(r.path("rules")).stream())
          .anyMatch(g -> contains(g.path("apiGroups"), rule.group()) && contains(g.path("resources"), plural) && contains(g.path("verbs"), "get")
              && contains(g.path("verbs"), "update")
              && (g.path("resourceNames").isEmpty() ? true : !rule.name().contains("*") && contains(g.path("resourceNames"), rule.name())));
      if (!granted) {
        problems.add("rule '" + rule.text() + "' has no Role in namespace " + rule.namespace() + " granting get and update on " + plural
            + (rule.name().contains("*") ? "" : " named " + rule.name()));
      }
    }
    for (JsonNode role : roles) {
      String ns = role.path("metadata").path("namespace").asText();
      if (ns.equals(CONTROLLER_NAMESPACE)) {
        continue; // the halt and the ledgers
      }
      for (JsonNode g : role.path("rules")) {
        for (JsonNode group : g.path("apiGroups")) {
          for (JsonNode resource : g.path("resources")) {
            boolean writes = iterable(g.path("verbs")).stream().anyMatch(v -> WRITES.contains(v.asText()));
            List<String> names = iterable(g.path("resourceNames")).stream().map(JsonNode::asText).toList();
            boolean allowed = allow.rules().stream().anyMatch(r -> r.namespace().equals(ns) && r.group().equals(group.asText())
                && Pluralize.toPlural(r.kind().toLowerCase(Locale.ROOT)).equals(resource.asText())
                && (names.isEmpty() ? r.name().contains("*") : names.stream().allMatch(n -> r.covers(new io.failwise.model.security.ObjectTarget(r.kind(), r.group(), ns, n)))));
            if (writes && !allowed) {
              problems.add("Role " + ns + "/" + role.path("metadata").path("name").asText() + " grants writes on " + resource.asText()
                  + (names.isEmpty() ? "" : " " + names) + " that no rule of failwise.allow.objects names");
            }
          }
        }
      }
    }
    return problems;
  }

  private static Set<String> names(List<JsonNode> docs) {
    Set<String> names = new HashSet<>();
    docs.forEach(d -> names.add(d.path("kind").asText() + " " + d.path("metadata").path("namespace").asText() + "/"
        + d.path("metadata").path("name").asText().replaceAll("-[a-z0-9]{10}$", "")));
    return names;
  }

  private static List<JsonNode> iterable(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    array.forEach(out::add);
    return out;
  }

  private static boolean contains(JsonNode array, String value) {
    return iterable(array).stream().anyMatch(v -> v.asText().equals(value));
  }

  @Test
  void theInstallBuildsCreatesEveryNamespaceItUsesAndWritesNothingCriticalClusterWide() throws Exception {
    List<JsonNode> docs = install();
    if (kubectl()) {
      assertEquals(names(docs), names(readInJava()), "the fallback without kubectl reads the same objects");
    }
    assertTrue(docs.size() > 10, "the install has its CRDs, RBAC and Deployment");
    assertEquals(List.of(), namespacesMissing(docs));
    assertEquals(List.of(), clusterWideWrites(docs));
  }

  @Test
  void theNamespacedRolesGrantExactlyWhatTheAllowListNames() throws Exception {
    ObjectAllowList allow = allowList();
    assertTrue(allow.rules().size() >= 2, "the install allows the samples' routing ConfigMap and gateways");
    assertEquals(List.of(), rolesAgainstAllowList(install(), allow));
  }

  @Test
  void theControllerReadsOnlyTheSecretsTheAllowListNamesByName() throws Exception {
    assertEquals(List.of(), secretsAgainstAllowList(install(), secretAllowList()));
  }

  @Test
  void theSecretCheckCatchesAClusterWideGrantAnUnnamedGrantAnUnlistedSecretAndAMissingRole() throws Exception {
    List<JsonNode> docs = new ArrayList<>(install());
    docs.replaceAll(JsonNode::deepCopy);
    docs.add(YAML.readTree("{kind: ClusterRole, metadata: {name: reads-all}, rules: [{apiGroups: [''], resources: [secrets], verbs: [get, list]}]}"));
    docs.add(YAML.readTree("{kind: Role, metadata: {name: wide, namespace: failwise}, rules: [{apiGroups: [''], resources: [secrets], verbs: [get]}]}"));
    docs.add(YAML.readTree("{kind: Role, metadata: {name: named, namespace: failwise}, rules: [{apiGroups: [''], resources: [secrets],"
        + " resourceNames: [provisioning-token, db-password], verbs: [get, watch]}]}"));
    docs.add(YAML.readTree("{kind: RoleBinding, metadata: {name: named, namespace: failwise}, roleRef: {kind: Role, name: named},"
        + " subjects: [{kind: ServiceAccount, name: failwise-controller, namespace: failwise-system}]}"));
    SecretAllowList allow = SecretAllowList.parse(List.of("failwise/provisioning-token", "fleet-edge/edge-token"));
    assertEquals(List.of(
            "ClusterRole reads-all grants [\"get\",\"list\"] on secrets cluster-wide",
            "Role failwise/wide grants secrets without resourceNames: every Secret of namespace failwise",
            "Role failwise/named grants [get, watch] on secrets; the controller needs get only",
            "Role failwise/named grants Secret failwise/db-password, which failwise.allow.secrets does not list",
            "failwise.allow.secrets lists Secret fleet-edge/edge-token but no Role bound to the controller grants get on it by name"),
        secretsAgainstAllowList(docs, allow));
  }

  @Test
  void theDeploymentReadsTheSettingsAndKeepsTheHaltInItsOwnNamespace() throws Exception {
    JsonNode deployment = install().stream().filter(d -> d.path("kind").asText().equals("Deployment")).findFirst().orElseThrow();
    JsonNode pod = deployment.path("spec").path("template").path("spec");
    assertTrue(pod.path("volumes").get(0).path("configMap").path("name").asText().startsWith("failwise-settings"));
    assertEquals("/deployments/config", pod.path("containers").get(0).path("volumeMounts").get(0).path("mountPath").asText());
    assertTrue(pod.path("containers").get(0).path("env").toString().contains("FAILWISE_RUNS_CONTROL_NAMESPACE"));
    Properties p = new Properties();
    p.load(new StringReader(Files.readString(MANIFESTS.resolve("settings/application.properties"))));
    WebhookAllowList webhooks = WebhookAllowList.parse(List.of(p.getProperty("failwise.allow.webhooks").split(",")), Set.of(), h -> {
      throw new java.net.UnknownHostException(h);
    });
    assertTrue(webhooks.prefixes().stream().allMatch(x -> x.scheme().equals("https")), "the shipped webhooks use HTTPS");
  }

  @Test
  void theChecksCatchAClusterWideWriteAMissingRoleAndAnExtraGrant() throws Exception {
    List<JsonNode> docs = new ArrayList<>(install());
    docs.replaceAll(JsonNode::deepCopy);
    docs.add(YAML.readTree("{kind: ClusterRole, metadata: {name: too-much}, rules: [{apiGroups: [''], resources: [configmaps], verbs: [get, update]}]}"));
    docs.add(YAML.readTree("{kind: Role, metadata: {name: stray, namespace: nowhere}, rules: []}"));
    assertEquals(List.of("ClusterRole too-much grants update on configmaps cluster-wide"), clusterWideWrites(docs));
    assertEquals(List.of("Role stray is in namespace 'nowhere', which the install does not create"), namespacesMissing(docs));
    ObjectAllowList more = ObjectAllowList.parse(List.of("ConfigMap failwise/device-routing", "Deployment.apps failwise/*-gateway", "ConfigMap fleet-routing/device-routing"));
    assertEquals(List.of("rule 'ConfigMap fleet-routing/device-routing' has no Role in namespace fleet-routing granting get and update on configmaps named device-routing"),
        rolesAgainstAllowList(install(), more));
    ObjectAllowList less = ObjectAllowList.parse(List.of("ConfigMap failwise/device-routing"));
    assertEquals(List.of("Role failwise/failwise-actions grants writes on deployments that no rule of failwise.allow.objects names"),
        rolesAgainstAllowList(install(), less));
  }

  @Test
  void theImageRunsTheControllerAsANumericUserWhereTheSettingsAreMounted() throws Exception {
    String dockerfile = Files.readString(Path.of("src/main/docker/Dockerfile.jvm"));
    assertTrue(dockerfile.contains("WORKDIR /deployments"), "Quarkus reads config/ under the working directory the Deployment mounts");
    assertTrue(dockerfile.contains("COPY --chown=185:0 target/quarkus-app/lib/ /deployments/lib/"));
    assertTrue(dockerfile.contains("/deployments/quarkus-run.jar"));
    assertTrue(dockerfile.lines().anyMatch(l -> l.matches("USER [0-9]+")), "runAsNonRoot needs a numeric user");
    assertTrue(dockerfile.contains("CMD [\"run\"]"));
  }
}
