package io.failwise.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CEL rules of the CRDs within what a real API server's cost estimate admits. kube-apiserver refuses
 * a CRD ("estimated rule cost exceeds budget") when one rule's estimated cost passes 10^7
 * (StaticEstimatedCostLimit) or the rules' sum passes 10^8 (StaticEstimatedCRDCostLimit); a list
 * without maxItems, or a string without maxLength, it estimates by the largest request it takes (3 MiB),
 * so a rule that compares every pair of an unbounded list is refused, and the controller's informers then
 * find no such resource. An audit found two such rules (unique targets of a Cluster, unique step names of
 * a playbook); the embedded API server estimates no cost, so no other test would have shown it.
 *
 * <p>The estimate here is an upper bound of the API server's, simplified: each macro over a list (all,
 * exists, exists_one, map, filter) multiplies by that list's maxItems, nested or not; a string
 * comparison inside costs a tenth of the shorter side's maxLength; a rule on a node inside lists runs
 * once per item of each. Only rules with a macro are weighed: the others cost a few steps each.
 */
class CrdRuleCostTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final long RULE_LIMIT = 10_000_000L;
  private static final long CRD_LIMIT = 100_000_000L;
  /** kube-apiserver types metadata.name as a string of at most 253 bytes for the rules at a CRD's root. */
  private static final long NAME_LENGTH = 253;
  private static final Pattern MACRO = Pattern.compile("([A-Za-z_]\\w*(?:\\.\\w+)*)\\.(all|exists|exists_one|map|filter)\\(\\s*(\\w+)\\s*,");
  private static final Pattern COMPARE = Pattern.compile("([A-Za-z_]\\w*(?:\\.\\w+)+)\\s*(?:==|!=)\\s*([A-Za-z_]\\w*(?:\\.\\w+)+)");

  static Stream<Path> crds() throws Exception {
    return Files.list(Path.of("manifests/crds")).filter(p -> p.toString().endsWith(".yml")).sorted();
  }

  @ParameterizedTest
  @MethodSource("crds")
  void everyRuleOfTheCrdIsWithinTheApiServersCostLimits(Path file) throws Exception {
    for (JsonNode version : YAML.readTree(file.toFile()).path("spec").path("versions")) {
      Estimate e = new Estimate();
      e.walk(version.path("schema").path("openAPIV3Schema"), "", 1);
      assertEquals(List.of(), e.problems, file + " " + version.path("name").asText());
      assertTrue(e.total <= CRD_LIMIT, file + ": the rules together are estimated at " + e.total);
    }
  }

  /** The estimate is not vacuous: the rule the audit found, over a list without bounds, is refused; bounded, it passes. */
  @Test
  void aPairwiseRuleOverAnUnboundedListIsRefusedAndPassesOnceBounded() throws Exception {
    String rule = "!has(self.targets) || self.targets.all(t, self.targets.exists_one(u, u.cluster == t.cluster))";
    String unbounded = "{type: object, x-kubernetes-validations: [{rule: '" + rule + "'}], properties: {targets: {type: array,"
        + " items: {type: object, properties: {cluster: {type: string}}}}}}";
    Estimate e = new Estimate();
    e.walk(YAML.readTree(unbounded), "spec.failover", 1);
    assertEquals(List.of("spec.failover: rule iterates self.targets, a list without maxItems"), e.problems);

    String noLength = unbounded.replace("type: array,", "type: array, maxItems: 20,");
    e = new Estimate();
    e.walk(YAML.readTree(noLength), "spec.failover", 1);
    assertEquals(List.of("spec.failover: rule compares u.cluster and t.cluster, strings without maxLength"), e.problems);

    e = new Estimate();
    e.walk(YAML.readTree(noLength.replace("cluster: {type: string}", "cluster: {type: string, maxLength: 253}")), "spec.failover", 1);
    assertEquals(List.of(), e.problems);
    assertEquals(20 * 20 * (1 + 26), e.total, "20 x 20 pairs, each a comparison of up to 253 bytes");

    // The same rule on a node inside a list of 10 runs ten times; inside a list without maxItems, without bound.
    e = new Estimate();
    String bounded = noLength.replace("cluster: {type: string}", "cluster: {type: string, maxLength: 253}");
    e.walk(YAML.readTree("{type: array, items: " + bounded + "}"), "spec.list", 1);
    assertEquals(List.of("spec.list[]: rule with a macro inside a list without maxItems"), e.problems);
  }

  /** What the estimate found: the rules' total cost, and what a real API server would refuse. */
  private static final class Estimate {
    final List<String> problems = new ArrayList<>();
    long total;

    /** {@code times}: how often a rule on this node runs (the product of the enclosing lists' maxItems), -1 without bound. */
    void walk(JsonNode node, String path, long times) {
      for (JsonNode v : node.path("x-kubernetes-validations")) {
        String rule = v.path("rule").asText();
        if (!MACRO.matcher(rule).find()) {
          continue;
        }
        long cost = cost(rule, node, path);
        if (times < 0) {
          problems.add(where(path) + ": rule with a macro inside a list without maxItems");
        } else if (cost > RULE_LIMIT) {
          problems.add(where(path) + ": rule estimated at " + cost + ", over " + RULE_LIMIT + ": " + rule);
        } else {
          total += cost * times;
        }
      }
      node.path("properties").fields().forEachRemaining(f -> walk(f.getValue(), path.isEmpty() ? f.getKey() : path + "." + f.getKey(), times));
      if (node.has("items")) {
        long max = node.path("maxItems").asLong(-1);
        walk(node.path("items"), path + "[]", times < 0 || max < 0 ? -1 : times * max);
      }
    }

    /** The rule's cost: the product of the lists its macros iterate, times its comparisons; 0 where a problem is recorded. */
    private long cost(String rule, JsonNode self, String at) {
      String path = where(at);
      Map<String, JsonNode> vars = new HashMap<>(Map.of("self", self));
      long iterations = 1;
      Matcher m = MACRO.matcher(rule);
      while (m.find()) {
        JsonNode list = resolve(m.group(1), vars);
        if (list == null || !"array".equals(list.path("type").asText())) {
          problems.add(path + ": rule iterates " + m.group(1) + ", which the schema does not name as a list");
          return 0;
        }
        if (!list.has("maxItems")) {
          problems.add(path + ": rule iterates " + m.group(1) + ", a list without maxItems");
          return 0;
        }
        iterations *= list.path("maxItems").asLong();
        vars.put(m.group(3), list.path("items"));
      }
      long comparisons = 1;
      Matcher c = COMPARE.matcher(rule);
      while (c.find()) {
        long left = length(c.group(1), vars);
        long right = length(c.group(2), vars);
        long shorter = left < 0 ? right : right < 0 ? left : Math.min(left, right);
        if (shorter < 0) {
          problems.add(path + ": rule compares " + c.group(1) + " and " + c.group(2) + ", strings without maxLength");
          return 0;
        }
        comparisons += (long) Math.ceil(shorter * 0.1);
      }
      return iterations * comparisons;
    }

    /** A schema path for a person: the CRD's root has none of its own. */
    private static String where(String path) {
      return path.isEmpty() ? "(root)" : path;
    }

    /** A string's maxLength; -1 when it has none, or is not a string (a number compares in one step). */
    private static long length(String expression, Map<String, JsonNode> vars) {
      if (expression.endsWith("self.metadata.name")) {
        return NAME_LENGTH;
      }
      JsonNode node = resolve(expression, vars);
      if (node == null || !"string".equals(node.path("type").asText())) {
        return node == null ? -1 : 0;
      }
      return node.path("maxLength").asLong(-1);
    }

    /** "self.targets", "t.cluster": the schema node it names, from a variable's; null when the schema has none. */
    private static JsonNode resolve(String expression, Map<String, JsonNode> vars) {
      String[] parts = expression.split("\\.");
      JsonNode node = vars.get(parts[0]);
      for (int i = 1; node != null && i < parts.length; i++) {
        node = node.path("properties").has(parts[i]) ? node.path("properties").path(parts[i]) : null;
      }
      return node;
    }
  }
}
