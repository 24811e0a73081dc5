package io.failwise;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.failwise.operator.run.ClusterProtection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The admission policy of manifests/protection, evaluated with CEL as the API server evaluates it: a
 * Cluster a run holds (the controller's annotation on it) is not deleted, and the refusal names the run
 * and what to do; any other Cluster is. The embedded API server enforces it as well (HeldClusterDeleteIT).
 */
class HeldClusterPolicyTest {
  private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder().setStandardMacros(CelStandardMacro.STANDARD_MACROS)
      .addVar("object", SimpleType.DYN).addVar("oldObject", SimpleType.DYN).addVar("request", SimpleType.DYN).build();
  private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

  private static JsonNode policy() throws Exception {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    try (var parser = yaml.createParser(Files.readString(Path.of("manifests/protection/held-cluster.yaml")))) {
      for (var it = yaml.readValues(parser, JsonNode.class); it.hasNext(); ) {
        JsonNode d = it.next();
        if (d.path("kind").asText().equals("ValidatingAdmissionPolicy")) {
          return d;
        }
      }
    }
    throw new AssertionError("no ValidatingAdmissionPolicy in manifests/protection/held-cluster.yaml");
  }

  private static Object eval(String expression, Map<String, Object> cluster) throws Exception {
    return RUNTIME.createProgram(COMPILER.compile(expression).getAst())
        .eval(Map.of("object", Map.of(), "oldObject", cluster, "request", Map.of("operation", "DELETE")));
  }

  /** What the API server answers a delete of {@code cluster}: null when admitted, else the refusal. */
  private static String refusal(Map<String, Object> cluster) throws Exception {
    JsonNode v = policy().path("spec").path("validations").get(0);
    return Boolean.TRUE.equals(eval(v.path("expression").asText(), cluster)) ? null : String.valueOf(eval(v.path("messageExpression").asText(), cluster));
  }

  private static Map<String, Object> cluster(Map<String, String> annotations) {
    Map<String, Object> metadata = new java.util.HashMap<>(Map.of("name", "go-eu-west-1", "namespace", "failwise"));
    if (annotations != null) {
      metadata.put("annotations", annotations);
    }
    return Map.of("metadata", metadata);
  }

  @Test
  void aClusterARunHoldsIsNotDeletedAndTheRefusalNamesTheRun() throws Exception {
    assertEquals("Cluster go-eu-west-1 is held by FailoverRun incident as its source: delete it once that run has ended (failwise runs;"
        + " failwise abort RUN ends it sooner). An annotation a stopped controller left behind: kubectl annotate clusters.failwise.io"
        + " go-eu-west-1 failwise.io/held-by-", refusal(cluster(Map.of(ClusterProtection.ANNOTATION, "incident as its source"))));
  }

  @Test
  void anyOtherClusterIsDeleted() throws Exception {
    assertEquals(null, refusal(cluster(null)), "no annotations at all");
    assertEquals(null, refusal(cluster(Map.of("argocd.argoproj.io/tracking-id", "fleet:failwise.io/Cluster:failwise/go-eu-west-1"))));
  }

  @Test
  void itMatchesDeletesOfClustersAndTheBindingDenies() throws Exception {
    JsonNode rule = policy().path("spec").path("matchConstraints").path("resourceRules").get(0);
    assertEquals("[\"DELETE\"]", rule.path("operations").toString());
    assertEquals("[\"clusters\"]", rule.path("resources").toString());
    assertEquals("[\"failwise.io\"]", rule.path("apiGroups").toString());
    String yaml = Files.readString(Path.of("manifests/protection/held-cluster.yaml"));
    assertEquals(1, yaml.split("validationActions: \\[Deny\\]", -1).length - 1);
  }
}
