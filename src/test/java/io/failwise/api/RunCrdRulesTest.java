package io.failwise.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.failwise.api.validation.PlaybookValidator;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The CEL rules of the generated CRDs, evaluated with CEL as a real API server would (the embedded
 * one enforces none), against the Java validator's verdict on the same input: both must agree.
 */
class RunCrdRulesTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();
  private final CelCompiler compiler =
      CelCompilerFactory.standardCelCompilerBuilder()
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addVar("self", MapType.create(SimpleType.STRING, SimpleType.DYN))
          .build();
  private final CelRuntime runtime = CelRuntimeFactory.standardCelRuntimeBuilder().build();

  private static JsonNode schema(String crd) throws Exception {
    return YAML.readTree(Path.of("manifests/crds", crd).toFile()).path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema");
  }

  private static String rule(JsonNode schema, String messageStart) {
    for (JsonNode v : schema.path("x-kubernetes-validations")) {
      if (v.path("message").asText().startsWith(messageStart)) {
        return v.path("rule").asText();
      }
    }
    throw new AssertionError("no rule '" + messageStart + "' in " + schema.path("x-kubernetes-validations"));
  }

  private boolean holds(String rule, String selfJson) throws Exception {
    Map<String, Object> self = JSON.readValue(selfJson.replace('\'', '"'), Map.class);
    var ast = compiler.compile(rule).getAst();
    return (Boolean) runtime.createProgram(ast).eval(Map.of("self", self));
  }

  @Test
  void aStepIsExactlyOneKindForCelAndForTheJavaValidator() throws Exception {
    JsonNode steps = schema("failoverplaybooks.failwise.io-v1.yml").path("properties").path("spec").path("properties").path("steps").path("items");
    String rule = rule(steps, "each step is exactly one of");
    for (String step : List.of("{'name': 'a', 'precheck': {}}", "{'name': 'a'}", "{'name': 'a', 'wait': {'durationSeconds': 1}, 'verify': {'durationSeconds': 1}}",
        "{'name': 'a', 'failback': {}}", "{'name': 'a', 'shift': {}, 'failback': {}, 'scale': {}}")) {
      boolean cel = holds(rule, step);
      PlaybookStep java = JSON.readValue(step.replace('\'', '"'), PlaybookStep.class);
      assertEquals(java.kindsSet().size() == 1, cel, step);
      FailoverPlaybook p = new FailoverPlaybook();
      p.setSpec(new FailoverPlaybookSpec());
      p.getSpec().steps.add(java);
      boolean javaRefuses = PlaybookValidator.validate(p).stream().anyMatch(x -> x.message().startsWith("must be exactly one of"));
      assertEquals(!cel, javaRefuses, step);
    }
  }

  @Test
  void anActionAndAStopConditionAreOneOfsToo() throws Exception {
    JsonNode spec = schema("failoverplaybooks.failwise.io-v1.yml").path("properties").path("spec");
    JsonNode action = spec.path("properties").path("steps").path("items").path("properties").path("shift").path("properties").path("action");
    String one = rule(action, "an action is exactly one of");
    assertTrue(holds(one, "{'patch': {}}"));
    assertTrue(holds(one, "{'webhook': {}}"));
    assertFalse(holds(one, "{}"));
    assertFalse(holds(one, "{'patch': {}, 'webhook': {}}"));
    String stop = rule(spec.path("properties").path("stopConditions").path("items"), "a stop condition is exactly one of");
    assertTrue(holds(stop, "{'name': 'x', 'offlineDevicesAbove': 10}"));
    assertFalse(holds(stop, "{'name': 'x'}"));
    assertFalse(holds(stop, "{'name': 'x', 'offlineDevicesAbove': 10, 'signalUnknownSeconds': 60}"));
    String unique = rule(spec, "spec.steps: step names must be unique");
    assertTrue(holds(unique, "{'steps': [{'name': 'a'}, {'name': 'b'}]}"));
    assertFalse(holds(unique, "{'steps': [{'name': 'a'}, {'name': 'a'}]}"));
  }

  @Test
  void aRunCannotTargetItsSource() throws Exception {
    JsonNode spec = schema("failoverruns.failwise.io-v1.yml").path("properties").path("spec");
    String rule = rule(spec, "spec.target: a cluster cannot fail over to itself");
    assertTrue(holds(rule, "{'source': 'a', 'target': 'b'}"));
    assertTrue(holds(rule, "{'source': 'a'}"));
    assertFalse(holds(rule, "{'source': 'a', 'target': 'a'}"));
  }

  @Test
  void drillBoundsWithModeFailoverAreRefusedByCelAndByTheJavaValidator() throws Exception {
    JsonNode spec = schema("failoverruns.failwise.io-v1.yml").path("properties").path("spec");
    String rule = rule(spec, "spec.drill: " + io.failwise.api.validation.RunValidator.DRILL_ONLY);
    for (String s : List.of("{'source': 'a', 'mode': 'Failover', 'drill': {'maxPercent': 5}}", "{'source': 'a', 'mode': 'Drill', 'drill': {'maxPercent': 5}}",
        "{'source': 'a', 'mode': 'Plan', 'drill': {}}", "{'source': 'a', 'mode': 'Failover'}", "{'source': 'a', 'drill': {}}")) {
      boolean cel = holds(rule, s);
      FailoverRun run = new FailoverRun();
      run.setSpec(JSON.readValue(s.replace('\'', '"'), FailoverRunSpec.class));
      boolean javaRefuses = io.failwise.api.validation.RunValidator.validate(run, new io.failwise.api.validation.RunValidator.References(null, null))
          .stream().anyMatch(p -> p.field().equals("spec.drill"));
      assertEquals(!cel, javaRefuses, s);
      assertEquals(s.contains("Failover") && s.contains("drill"), !cel, s);
    }
  }
}
