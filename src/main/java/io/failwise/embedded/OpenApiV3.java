package io.failwise.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.APIResource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The OpenAPI v3 documents kube-apiserver serves under {@code /openapi/v3}, as far as kubectl reads
 * them: the index of group versions, and for each one its PATCH paths (with their group-version-kind
 * and the {@code fieldValidation} query parameter) and, for the resources CRDs define, their schemas.
 *
 * <p>With them, {@code kubectl apply} sees that the server validates fields itself, sends
 * {@code fieldValidation=Strict} (which {@link SchemaAdmission} honours) instead of falling back to
 * the protobuf OpenAPI v2 document, and {@code kubectl explain} describes Failwise's resources from
 * their CRDs. Built-in kinds get paths but no schemas: kubectl's compiled-in types serve them.
 */
final class OpenApiV3 {
  static final String PREFIX = "/openapi/v3";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** One group version's document and where it is served (its hash in the URL, as kube-apiserver's). */
  record Document(String groupVersion, ObjectNode body, String url) {}

  private final Map<String, Document> byPath = new LinkedHashMap<>();

  /**
   * @param builtIn the built-in group versions and their resources ({@link BuiltInResources})
   * @param crds the CustomResourceDefinitions installed now
   */
  OpenApiV3(Map<String, List<APIResource>> builtIn, List<JsonNode> crds) {
    Map<String, ObjectNode> docs = new LinkedHashMap<>();
    builtIn.forEach((gv, resources) -> resources.forEach(r -> addPatchPath(doc(docs, gv), gv, r.getName(), r.getKind(), r.getNamespaced())));
    for (JsonNode crd : crds) {
      JsonNode spec = crd.path("spec");
      String group = spec.path("group").asText();
      JsonNode names = spec.path("names");
      boolean namespaced = "Namespaced".equals(spec.path("scope").asText());
      for (JsonNode v : spec.path("versions")) {
        if (!v.path("served").asBoolean(true)) {
          continue;
        }
        String gv = group + "/" + v.path("name").asText();
        ObjectNode doc = doc(docs, gv);
        addPatchPath(doc, gv, names.path("plural").asText(), names.path("kind").asText(), namespaced);
        JsonNode schema = v.path("schema").path("openAPIV3Schema");
        if (schema.isObject()) {
          ObjectNode described = schema.deepCopy();
          ArrayNode gvk = described.putArray("x-kubernetes-group-version-kind");
          gvk.addObject().put("group", group).put("kind", names.path("kind").asText()).put("version", v.path("name").asText());
          ((ObjectNode) doc.path("components").path("schemas")).set(schemaName(group, v.path("name").asText(), names.path("kind").asText()), described);
        }
      }
    }
    docs.forEach((gv, body) -> {
      String path = path(gv);
      byPath.put(PREFIX + "/" + path, new Document(gv, body, PREFIX + "/" + path + "?hash=" + hash(body)));
    });
  }

  /** {@code {"paths": {"apis/failwise.io/v1alpha1": {"serverRelativeURL": "/openapi/v3/apis/...?hash=..."}}}} */
  ObjectNode index() {
    ObjectNode root = NODES.objectNode();
    ObjectNode paths = root.putObject("paths");
    byPath.values().forEach(d -> paths.putObject(path(d.groupVersion())).put("serverRelativeURL", d.url()));
    return root;
  }

  /** The document served at {@code path} (without its query), if any. */
  Optional<ObjectNode> document(String path) {
    return Optional.ofNullable(byPath.get(path)).map(Document::body);
  }

  private static ObjectNode doc(Map<String, ObjectNode> docs, String gv) {
    return docs.computeIfAbsent(gv, k -> {
      ObjectNode d = NODES.objectNode();
      d.put("openapi", "3.0.0");
      d.putObject("info").put("title", "Kubernetes").put("version", "v1.33.0");
      d.putObject("paths");
      d.putObject("components").putObject("schemas");
      return d;
    });
  }

  /** The named object's path and its PATCH operation: enough for kubectl to see fieldValidation is served. */
  private static void addPatchPath(ObjectNode doc, String gv, String plural, String kind, Boolean namespaced) {
    String base = gv.contains("/") ? "/apis/" + gv : "/api/" + gv;
    String path = base + (Boolean.TRUE.equals(namespaced) ? "/namespaces/{namespace}/" : "/") + plural + "/{name}";
    ObjectNode patch = ((ObjectNode) doc.path("paths")).putObject(path).putObject("patch");
    patch.put("operationId", "patch" + kind);
    patch.put("x-kubernetes-action", "patch");
    String[] groupVersion = gv.contains("/") ? gv.split("/", 2) : new String[] {"", gv};
    patch.putObject("x-kubernetes-group-version-kind").put("group", groupVersion[0]).put("kind", kind).put("version", groupVersion[1]);
    ArrayNode parameters = patch.putArray("parameters");
    for (String query : List.of("dryRun", "fieldManager", "fieldValidation", "force")) {
      ObjectNode p = parameters.addObject();
      p.put("name", query);
      p.put("in", "query");
      p.putObject("schema").put("type", "force".equals(query) ? "boolean" : "string");
    }
  }

  /** kube-apiserver's naming of a CRD's schema: the group reversed, then version and kind. */
  private static String schemaName(String group, String version, String kind) {
    List<String> parts = new java.util.ArrayList<>(List.of(group.split("\\.")));
    java.util.Collections.reverse(parts);
    return String.join(".", parts) + "." + version + "." + kind;
  }

  private static String path(String gv) {
    return gv.contains("/") ? "apis/" + gv : "api/" + gv;
  }

  private static String hash(JsonNode body) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-512").digest(body.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 64).toUpperCase(Locale.ROOT);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
