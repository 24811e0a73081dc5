package io.failwise.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One node of a CRD's structural OpenAPI v3 schema, read once: the checks kube-apiserver makes on a
 * value at this place (type, enum, bounds, pattern, format, sizes, required properties) and the CEL
 * rules attached here. Unknown keywords are ignored, as the API server's validator ignores them.
 */
final class SchemaNode {
  final String type;
  final boolean nullable;
  final boolean preserveUnknownFields;
  final boolean intOrString;
  final boolean embeddedResource;
  final Map<String, SchemaNode> properties = new LinkedHashMap<>();
  final SchemaNode items;
  final SchemaNode additionalProperties;
  final Set<String> required = new LinkedHashSet<>();
  final List<JsonNode> enumValues = new ArrayList<>();
  final JsonNode minimum;
  final JsonNode maximum;
  final boolean exclusiveMinimum;
  final boolean exclusiveMaximum;
  final Long minItems;
  final Long maxItems;
  final Long minLength;
  final Long maxLength;
  final Long minProperties;
  final Long maxProperties;
  final Pattern pattern;
  final String patternText;
  final String format;
  /** The value kube-apiserver sets where this field is missing (or null and not nullable); null when none. */
  final JsonNode defaultValue;
  final List<CelRule> rules = new ArrayList<>();

  /**
   * @param where the schema path, for an error in the CRD itself (a pattern or a rule that does not compile)
   * @param compileRules compile the CEL rules now, refusing the CRD if one does not compile; otherwise
   *     each compiles when first evaluated
   */
  SchemaNode(JsonNode s, String where, boolean compileRules) {
    type = s.path("type").asText("");
    nullable = s.path("nullable").asBoolean(false);
    preserveUnknownFields = s.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
    intOrString = s.path("x-kubernetes-int-or-string").asBoolean(false);
    embeddedResource = s.path("x-kubernetes-embedded-resource").asBoolean(false);
    s.path("properties").fields().forEachRemaining(e -> properties.put(e.getKey(), new SchemaNode(e.getValue(), where + "." + e.getKey(), compileRules)));
    items = s.has("items") ? new SchemaNode(s.get("items"), where + "[]", compileRules) : null;
    JsonNode ap = s.get("additionalProperties");
    additionalProperties = ap != null && ap.isObject() ? new SchemaNode(ap, where + "[*]", compileRules) : null;
    s.path("required").forEach(r -> required.add(r.asText()));
    s.path("enum").forEach(enumValues::add);
    minimum = s.get("minimum");
    maximum = s.get("maximum");
    exclusiveMinimum = s.path("exclusiveMinimum").asBoolean(false);
    exclusiveMaximum = s.path("exclusiveMaximum").asBoolean(false);
    minItems = longOrNull(s, "minItems");
    maxItems = longOrNull(s, "maxItems");
    minLength = longOrNull(s, "minLength");
    maxLength = longOrNull(s, "maxLength");
    minProperties = longOrNull(s, "minProperties");
    maxProperties = longOrNull(s, "maxProperties");
    patternText = s.has("pattern") ? s.get("pattern").asText() : null;
    try {
      pattern = patternText == null ? null : Pattern.compile(patternText);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(where + ": pattern " + patternText + " does not compile: " + e.getDescription());
    }
    format = s.has("format") ? s.get("format").asText() : null;
    defaultValue = s.has("default") ? s.get("default").deepCopy() : null;
    for (JsonNode v : s.path("x-kubernetes-validations")) {
      CelRule rule = CelRule.of(v, where);
      if (compileRules) {
        rule.compile();
      }
      rules.add(rule);
    }
  }

  /** Makes every rule at and under this node ready to evaluate (see {@link CelRule#prepare()}). */
  void prepareRules() {
    rules.forEach(CelRule::prepare);
    properties.values().forEach(SchemaNode::prepareRules);
    if (items != null) {
      items.prepareRules();
    }
    if (additionalProperties != null) {
      additionalProperties.prepareRules();
    }
  }

  private static Long longOrNull(JsonNode s, String key) {
    return s.has(key) ? s.get(key).asLong() : null;
  }
}
