package io.failwise.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The schemas of a set of CustomResourceDefinitions, by apiVersion and kind, and by group, version
 * and plural: the one source of the bounds a Failwise object must keep, used by the embedded API
 * server on every write and by the offline commands ({@code validate}, {@code plan}, {@code estimate}).
 */
public final class CrdSchemas {
  /** Where the build packages the generated CRDs (copied from manifests/crds). */
  public static final String PACKAGED_DIR = "failwise/crds/";

  /** The generated CRD files, in the order the embedded mode installs them. */
  public static final List<String> PACKAGED_FILES =
      List.of(
          "regions.failwise.io-v1.yml",
          "clusters.failwise.io-v1.yml",
          "failoverpolicies.failwise.io-v1.yml",
          "failoverplaybooks.failwise.io-v1.yml",
          "failoverruns.failwise.io-v1.yml");

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static volatile CrdSchemas packaged;

  private final Map<String, CrdSchema> byKind = new LinkedHashMap<>();
  private final Map<String, CrdSchema> byPlural = new LinkedHashMap<>();
  private final Map<String, List<CrdSchema>> byCrdName = new LinkedHashMap<>();

  private CrdSchemas() {}

  /** The Failwise CRDs packaged in the jar, read once. */
  public static CrdSchemas packaged() {
    CrdSchemas p = packaged;
    if (p == null) {
      synchronized (CrdSchemas.class) {
        if (packaged == null) {
          CrdSchemas s = new CrdSchemas();
          for (String file : PACKAGED_FILES) {
            try (InputStream in = resource(PACKAGED_DIR + file)) {
              s.put(YAML.readTree(in), false);
            } catch (IOException e) {
              throw new UncheckedIOException("cannot read the packaged CRD " + file + ": " + e.getMessage(), e);
            }
          }
          packaged = s;
        }
        p = packaged;
      }
    }
    return p;
  }

  /**
   * Makes every schema's CEL rules ready to evaluate now rather than at their first use: a rule
   * outside {@link CelSubset} is compiled with CEL (none of the packaged CRDs' rules is).
   */
  public void prepareRules() {
    all().forEach(CrdSchema::prepareRules);
  }

  /** An empty set, filled as CRDs are installed (the embedded API server). */
  public static CrdSchemas empty() {
    return new CrdSchemas();
  }

  /**
   * Adds or replaces the schemas of one CRD (every served version that has a schema).
   *
   * @throws IllegalArgumentException when the CRD's schema has a pattern or a rule that does not compile
   */
  public void put(JsonNode crd) {
    put(crd, true);
  }

  /**
   * @param compileRules compile the CEL rules with CEL now (a CRD someone installs); the packaged
   *     CRDs' rules, compiled by the build's tests, are evaluated by {@link CelSubset}, so an offline
   *     command does not build CEL at all
   */
  private synchronized void put(JsonNode crd, boolean compileRules) {
    JsonNode spec = crd.path("spec");
    String group = spec.path("group").asText();
    JsonNode names = spec.path("names");
    boolean namespaced = "Namespaced".equals(spec.path("scope").asText());
    List<CrdSchema> schemas = new ArrayList<>();
    for (JsonNode v : spec.path("versions")) {
      JsonNode schema = v.path("schema").path("openAPIV3Schema");
      if (!v.path("served").asBoolean(true) || !schema.isObject()) {
        continue;
      }
      schemas.add(new CrdSchema(group, v.path("name").asText(), names.path("kind").asText(), names.path("plural").asText(), namespaced, schema, compileRules));
    }
    remove(crd.path("metadata").path("name").asText());
    for (CrdSchema s : schemas) {
      byKind.put(s.apiVersion() + "/" + s.kind(), s);
      byPlural.put(s.apiVersion() + "/" + s.plural(), s);
    }
    byCrdName.put(crd.path("metadata").path("name").asText(), schemas);
  }

  /** Forgets the schemas of a deleted CRD. */
  public synchronized void remove(String crdName) {
    List<CrdSchema> gone = byCrdName.remove(crdName);
    if (gone != null) {
      for (CrdSchema s : gone) {
        byKind.remove(s.apiVersion() + "/" + s.kind());
        byPlural.remove(s.apiVersion() + "/" + s.plural());
      }
    }
  }

  /** The schema for an object's {@code apiVersion} and {@code kind}. */
  public synchronized Optional<CrdSchema> forKind(String apiVersion, String kind) {
    return Optional.ofNullable(byKind.get(apiVersion + "/" + kind));
  }

  /** The schema served at {@code /apis/GROUP/VERSION/.../PLURAL}. */
  public synchronized Optional<CrdSchema> forResource(String group, String version, String plural) {
    return Optional.ofNullable(byPlural.get(group + "/" + version + "/" + plural));
  }

  /** Every schema, in the order the CRDs were added. */
  public synchronized Collection<CrdSchema> all() {
    return List.copyOf(byKind.values());
  }

  private static InputStream resource(String name) {
    InputStream in = Thread.currentThread().getContextClassLoader() == null ? null : Thread.currentThread().getContextClassLoader().getResourceAsStream(name);
    if (in == null) {
      in = CrdSchemas.class.getClassLoader().getResourceAsStream(name);
    }
    if (in == null) {
      throw new IllegalStateException("The jar lacks " + name + ": rebuild with mvn package");
    }
    return in;
  }
}
