package io.failwise.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates the CEL rules ({@code x-kubernetes-validations}) of a generated CRD against an object, the
 * way the API server would. The embedded API server does not enforce them, so tests do.
 */
public final class CrdCelRules {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final CelCompiler COMPILER =
      CelCompilerFactory.standardCelCompilerBuilder()
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addVar("self", SimpleType.DYN)
          .build();
  private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

  /** A rule found in the schema: the path of the object it applies to (e.g. spec.failover). */
  public record Rule(List<String> path, String expression, String message, CelRuntime.Program program) {}

  private final List<Rule> rules = new ArrayList<>();

  public static CrdCelRules load(Path crdFile) throws Exception {
    JsonNode crd = YAML.readTree(crdFile.toFile());
    CrdCelRules r = new CrdCelRules();
    JsonNode schema = crd.path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema");
    r.collect(schema, new ArrayList<>());
    return r;
  }

  public List<Rule> rules() {
    return rules;
  }

  private void collect(JsonNode schema, List<String> path) throws Exception {
    for (JsonNode v : schema.path("x-kubernetes-validations")) {
      String expr = v.path("rule").asText();
      CelAbstractSyntaxTree ast = COMPILER.compile(expr).getAst();
      rules.add(new Rule(List.copyOf(path), expr, v.path("message").asText(), RUNTIME.createProgram(ast)));
    }
    Iterator<Map.Entry<String, JsonNode>> props = schema.path("properties").fields();
    while (props.hasNext()) {
      var e = props.next();
      List<String> p = new ArrayList<>(path);
      p.add(e.getKey());
      collect(e.getValue(), p);
    }
    if (schema.has("items")) {
      List<String> p = new ArrayList<>(path);
      p.add("[]");
      collect(schema.get("items"), p);
    }
  }

  /** Messages of every rule the object (YAML text of one resource) violates; empty when it passes. */
  public List<String> violations(String yaml) throws IOException {
    Object root = toCel(YAML.readTree(yaml));
    List<String> failed = new ArrayList<>();
    for (Rule rule : rules) {
      for (Object self : select(root, rule.path(), 0)) {
        try {
          if (!Boolean.TRUE.equals(rule.program().eval(Map.of("self", self)))) {
            failed.add(rule.message());
          }
        } catch (Exception e) {
          failed.add(rule.message() + " (evaluation error: " + e.getMessage() + ")");
        }
      }
    }
    return failed;
  }

  private static List<Object> select(Object node, List<String> path, int i) {
    if (node == null) {
      return List.of();
    }
    if (i == path.size()) {
      return List.of(node);
    }
    String step = path.get(i);
    List<Object> out = new ArrayList<>();
    if (step.equals("[]") && node instanceof List<?> list) {
      for (Object item : list) {
        out.addAll(select(item, path, i + 1));
      }
    } else if (node instanceof Map<?, ?> map) {
      out.addAll(select(map.get(step), path, i + 1));
    }
    return out;
  }

  /** YAML to the values CEL expects: int64 for integers, double for numbers, maps and lists. */
  private static Object toCel(JsonNode n) {
    if (n.isObject()) {
      Map<String, Object> m = new LinkedHashMap<>();
      n.fields().forEachRemaining(e -> m.put(e.getKey(), toCel(e.getValue())));
      return m;
    }
    if (n.isArray()) {
      List<Object> l = new ArrayList<>();
      n.forEach(x -> l.add(toCel(x)));
      return l;
    }
    if (n.isIntegralNumber()) {
      return n.asLong();
    }
    if (n.isNumber()) {
      return n.asDouble();
    }
    if (n.isBoolean()) {
      return n.asBoolean();
    }
    return n.isNull() ? null : n.asText();
  }
}
