package io.failwise.api;

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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The CEL rules on spec.signals in the committed CRD, evaluated as a real API server would (the
 * embedded one does not enforce them): a rule that does not compile or rejects valid input would
 * only show on a real cluster.
 */
class SignalsCelRulesTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final CelCompiler COMPILER =
      CelCompilerFactory.standardCelCompilerBuilder()
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addVar("self", SimpleType.DYN)
          .build();
  private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{static: {expected: 10, connected: 9}}|",
        "{prometheus: [{name: a, url: 'http://a', connectedQuery: q}], quorum: 1}|",
        "{prometheus: [{name: a, url: 'http://a', connectedQuery: q}, {name: b, url: 'http://b', connectedQuery: q}], quorum: 2}|",
        "{quorum: 1}|spec.signals: name exactly one source of device counts: static or prometheus",
        "{static: {expected: 1, connected: 1}, prometheus: [{name: a, url: 'http://a', connectedQuery: q}]}"
            + "|spec.signals: name exactly one source of device counts: static or prometheus",
        "{prometheus: [{name: a, url: 'http://a', connectedQuery: q}], quorum: 2}|spec.signals.quorum: cannot exceed the number of observers",
        "{static: {expected: 1, connected: 1}, quorum: 2}|spec.signals.quorum: cannot exceed the number of observers",
        "{prometheus: [{name: a, url: 'http://a', connectedQuery: q}, {name: a, url: 'http://b', connectedQuery: q}]}"
            + "|spec.signals.prometheus: observer names must be unique",
      })
  void signalsRules(String signalsYaml, String expectedViolation) throws Exception {
    Object self = YAML.convertValue(YAML.readTree(signalsYaml), Object.class);
    List<String> violations = new ArrayList<>();
    for (JsonNode rule : signalsSchema().path("x-kubernetes-validations")) {
      var program = RUNTIME.createProgram(COMPILER.compile(rule.path("rule").asText()).getAst());
      if (!Boolean.TRUE.equals(program.eval(Map.of("self", toCel(self))))) {
        violations.add(rule.path("message").asText());
      }
    }
    assertEquals(expectedViolation == null ? List.of() : List.of(expectedViolation), violations);
  }

  private static JsonNode signalsSchema() throws Exception {
    JsonNode crd = YAML.readTree(Path.of("manifests/crds/clusters.failwise.io-v1.yml").toFile());
    return crd.path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema")
        .path("properties").path("spec").path("properties").path("signals");
  }

  /** CEL wants int64 for integers. */
  private static Object toCel(Object v) {
    if (v instanceof Integer i) {
      return i.longValue();
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new java.util.LinkedHashMap<>();
      m.forEach((k, x) -> out.put((String) k, toCel(x)));
      return out;
    }
    if (v instanceof List<?> l) {
      return l.stream().map(SignalsCelRulesTest::toCel).toList();
    }
    return v;
  }
}
