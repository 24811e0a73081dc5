package io.failwise.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The schema of one served version of a CustomResourceDefinition, checking objects the way
 * kube-apiserver does on create, update and patch: unknown fields pruned (reported, so a strict
 * caller can refuse them) unless {@code x-kubernetes-preserve-unknown-fields}; null dropped where
 * not {@code nullable}; the schema's defaults set where a field of an object that is there is missing
 * (a default never creates the object around it unless that object has a default too); then the
 * OpenAPI checks and the CEL rules, which see the defaults. On an update, a part of the object
 * that did not change is not checked again (validation ratcheting, on by default since Kubernetes
 * 1.30), so an object stored under an older schema can still get its status written.
 */
public final class CrdSchema {
  /** kube-apiserver's note that the CEL rules were left unchecked because of an earlier error: a cause, not a problem of its own. */
  public static final String RULES_NOT_CHECKED = "some validation rules were not checked because the object was invalid";

  private final String group;
  private final String version;
  private final String kind;
  private final String plural;
  private final boolean namespaced;
  private final SchemaNode root;

  /** What checking one object found: the object as it would be stored (pruned and defaulted), the errors, the unknown fields. */
  public record Result(JsonNode object, List<FieldError> errors, List<String> unknownFields) {
    public boolean valid() {
      return errors.isEmpty();
    }
  }

  CrdSchema(String group, String version, String kind, String plural, boolean namespaced, JsonNode openApiV3Schema, boolean compileRules) {
    this.group = group;
    this.version = version;
    this.kind = kind;
    this.plural = plural;
    this.namespaced = namespaced;
    this.root = new SchemaNode(openApiV3Schema, kind, compileRules);
  }

  /** The schema's root node (for tests that walk every rule). */
  SchemaNode root() {
    return root;
  }

  /** Makes the schema's CEL rules ready to evaluate now rather than at their first use. */
  void prepareRules() {
    root.prepareRules();
  }

  public String group() {
    return group;
  }

  public String version() {
    return version;
  }

  public String apiVersion() {
    return group + "/" + version;
  }

  public String kind() {
    return kind;
  }

  public String plural() {
    return plural;
  }

  public boolean namespaced() {
    return namespaced;
  }

  /** How kube-apiserver names the resource in an error: {@code Cluster.failwise.io}. */
  public String qualifiedKind() {
    return kind + "." + group;
  }

  /**
   * The schema's bounds of the number at {@code pointer} in an object of this kind (/spec/steps/2/scale/replicas):
   * [minimum, maximum], each null when the schema sets none or has no such field. Exclusive bounds are given as
   * they are written.
   */
  public java.math.BigDecimal[] bounds(com.fasterxml.jackson.core.JsonPointer pointer) {
    SchemaNode node = nodeAt(pointer);
    return new java.math.BigDecimal[] {
      node == null || node.minimum == null ? null : node.minimum.decimalValue(),
      node == null || node.maximum == null ? null : node.maximum.decimalValue()
    };
  }

  /**
   * The fields the schema names for the object at {@code pointer} (/spec/steps/2), in the schema's order:
   * what is valid beside an unknown field there. Empty when there is no such object or it names none.
   */
  public List<String> fields(com.fasterxml.jackson.core.JsonPointer pointer) {
    SchemaNode node = nodeAt(pointer);
    return node == null ? List.of() : List.copyOf(node.properties.keySet());
  }

  private SchemaNode nodeAt(com.fasterxml.jackson.core.JsonPointer pointer) {
    SchemaNode node = root;
    for (com.fasterxml.jackson.core.JsonPointer p = pointer; node != null && !p.matches(); p = p.tail()) {
      String step = p.getMatchingProperty();
      SchemaNode next = node.properties.get(step);
      if (next == null) {
        next = node.items != null && p.getMatchingIndex() >= 0 ? node.items : node.additionalProperties;
      }
      node = next;
    }
    return node;
  }

  /**
   * Checks {@code object} (a whole resource) as a create ({@code old} null) or an update of {@code
   * old}. The argument is not modified.
   */
  public Result validate(JsonNode object, JsonNode old) {
    if (object == null || !object.isObject()) {
      return new Result(object, List.of(new FieldError("", FieldError.Type.INVALID, FieldError.render(object), "must be an object")), List.of());
    }
    ObjectNode copy = object.deepCopy();
    Walk walk = new Walk();
    ObjectMetaRules.name(copy, walk.errors);
    walk.object(copy, old != null && old.isObject() ? old : null, root, "", true);
    // As kube-apiserver: with a wrong type, a missing required field, a value not among the enum's, or a list
    // or string too long, the CEL rules are not checked (they would judge a value that is not there, and say
    // things that are not so: a string where a list of targets belongs "lists a target twice"); one cause says so.
    List<FieldError> errors = new ArrayList<>(walk.errors);
    if (errors.stream().anyMatch(e -> !walk.fromRules.contains(e) && blocking(e))) {
      errors.removeIf(walk.fromRules::contains);
      if (walk.rulesMet) {
        errors.add(new FieldError("", FieldError.Type.INVALID, "null",
            RULES_NOT_CHECKED + "; correct the existing errors to complete validation"));
      }
    }
    return new Result(copy, List.copyOf(errors), List.copyOf(walk.unknown));
  }

  /** The errors after which kube-apiserver checks no CEL rule (its hasBlockingErr). */
  private static boolean blocking(FieldError e) {
    return switch (e.type()) {
      case REQUIRED, UNSUPPORTED, TOO_MANY, TOO_LONG -> true;
      case INVALID -> e.detail() != null && e.detail().contains(" must be of type ");
      default -> false;
    };
  }

  /** One pass over an object and its schema; prunes in place and collects what it finds. */
  private static final class Walk {
    final List<FieldError> errors = new ArrayList<>();
    final List<String> unknown = new ArrayList<>();
    /** The errors a CEL rule gave (by identity): left out when the object has a blocking error. */
    final java.util.Set<FieldError> fromRules = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    /** Whether the object met any CEL rule: the note that rules went unchecked is added only then. */
    boolean rulesMet;

    /**
     * @param old the value at the same place in the stored object, or null (a create, or not correlatable)
     * @return the value handed to CEL rules above (maps, lists, Long, Double, Boolean, String)
     */
    Object value(JsonNode v, JsonNode old, SchemaNode s, String path) {
      // Ratcheting: a part that did not change is not refused again (it is still pruned).
      boolean unchanged = old != null && old.equals(v);
      int before = errors.size();
      Object cel = check(v, old, s, path);
      if (unchanged) {
        errors.subList(before, errors.size()).clear();
      }
      return cel;
    }

    private Object check(JsonNode v, JsonNode old, SchemaNode s, String path) {
      if (!typeMatches(v, s)) {
        String actual = typeOf(v);
        errors.add(new FieldError(path, FieldError.Type.INVALID, FieldError.quote(actual),
            (path.isEmpty() ? "body" : path + " in body") + " must be of type " + (s.intOrString ? "integer or string" : s.type) + ": " + FieldError.quote(actual)));
        return null;
      }
      Object cel;
      if (v.isObject()) {
        cel = object((ObjectNode) v, old != null && old.isObject() ? old : null, s, path, false);
      } else if (v.isArray()) {
        cel = array((ArrayNode) v, s, path);
      } else {
        scalar(v, s, path);
        // A field of type number is a double in CEL, as on kube-apiserver, even when written as 90.
        cel = "number".equals(s.type) && v.isNumber() ? (Object) v.doubleValue() : scalarForCel(v);
      }
      if (!s.enumValues.isEmpty() && s.enumValues.stream().noneMatch(e -> same(e, v))) {
        errors.add(new FieldError(path, FieldError.Type.UNSUPPORTED, FieldError.render(v),
            "supported values: " + String.join(", ", s.enumValues.stream().map(FieldError::render).toList())));
      }
      rules(v, old, s, path, cel);
      return cel;
    }

    Map<String, Object> object(ObjectNode v, JsonNode old, SchemaNode s, String path, boolean atRoot) {
      // Defaulting, as kube-apiserver does after pruning: a missing field, or a null one that may not be
      // null, takes the schema's default, which is then checked (and defaulted inside) like a value sent.
      for (Map.Entry<String, SchemaNode> p : s.properties.entrySet()) {
        SchemaNode property = p.getValue();
        JsonNode present = v.get(p.getKey());
        if (property.defaultValue != null && (present == null || (present.isNull() && !property.nullable))) {
          v.set(p.getKey(), property.defaultValue.deepCopy());
        }
      }
      Map<String, Object> cel = new LinkedHashMap<>();
      for (String key : new ArrayList<>(iterable(v))) {
        JsonNode child = v.get(key);
        String childPath = path.isEmpty() ? key : path + (s.additionalProperties != null && !s.properties.containsKey(key) ? "[" + key + "]" : "." + key);
        if (atRoot && (key.equals("apiVersion") || key.equals("kind") || key.equals("metadata"))) {
          cel.put(key, key.equals("metadata") ? rootMetadata(child) : child.asText());
          continue;
        }
        SchemaNode childSchema = s.properties.get(key);
        if (childSchema == null) {
          childSchema = s.additionalProperties;
        }
        if (childSchema == null) {
          if (s.preserveUnknownFields || s.embeddedResource) {
            cel.put(key, any(child));
          } else {
            unknown.add(childPath);
            v.remove(key);
          }
          continue;
        }
        if (child.isNull() && !childSchema.nullable) {
          v.remove(key);
          continue;
        }
        cel.put(key, value(child, old == null ? null : old.get(key), childSchema, childPath));
      }
      for (String r : s.required) {
        if (!v.has(r)) {
          errors.add(new FieldError(path.isEmpty() ? r : path + "." + r, FieldError.Type.REQUIRED, null, ""));
        }
      }
      if (s.minProperties != null && v.size() < s.minProperties) {
        errors.add(new FieldError(path, FieldError.Type.INVALID, String.valueOf(v.size()), where(path) + " should have at least " + s.minProperties + " properties"));
      }
      if (s.maxProperties != null && v.size() > s.maxProperties) {
        errors.add(new FieldError(path, FieldError.Type.TOO_MANY, String.valueOf(v.size()), "must have at most " + s.maxProperties + " items"));
      }
      if (atRoot) {
        rules(v, old, s, path, cel);
      }
      return cel;
    }

    private List<Object> array(ArrayNode v, SchemaNode s, String path) {
      List<Object> cel = new ArrayList<>();
      for (int i = 0; i < v.size(); i++) {
        JsonNode item = v.get(i);
        if (s.items == null) {
          cel.add(any(item));
        } else if (item.isNull() && !s.items.nullable) {
          errors.add(new FieldError(path + "[" + i + "]", FieldError.Type.INVALID, "null", where(path + "[" + i + "]") + " must be of type " + s.items.type + ": \"null\""));
        } else {
          // List items are not correlated with the old list (atomic lists): a changed list is checked whole.
          cel.add(value(item, null, s.items, path + "[" + i + "]"));
        }
      }
      if (s.minItems != null && v.size() < s.minItems) {
        errors.add(new FieldError(path, FieldError.Type.INVALID, String.valueOf(v.size()), where(path) + " should have at least " + s.minItems + " items"));
      }
      if (s.maxItems != null && v.size() > s.maxItems) {
        errors.add(new FieldError(path, FieldError.Type.TOO_MANY, String.valueOf(v.size()), "must have at most " + s.maxItems + " items"));
      }
      return cel;
    }

    private void scalar(JsonNode v, SchemaNode s, String path) {
      if (v.isNumber()) {
        BigDecimal n = v.decimalValue();
        if (s.minimum != null) {
          BigDecimal min = s.minimum.decimalValue();
          int c = n.compareTo(min);
          if (c < 0 || (c == 0 && s.exclusiveMinimum)) {
            errors.add(new FieldError(path, FieldError.Type.INVALID, v.asText(),
                where(path) + " should be greater than " + (s.exclusiveMinimum ? "" : "or equal to ") + plain(min)));
          }
        }
        if (s.maximum != null) {
          BigDecimal max = s.maximum.decimalValue();
          int c = n.compareTo(max);
          if (c > 0 || (c == 0 && s.exclusiveMaximum)) {
            errors.add(new FieldError(path, FieldError.Type.INVALID, v.asText(),
                where(path) + " should be less than " + (s.exclusiveMaximum ? "" : "or equal to ") + plain(max)));
          }
        }
        if ("int32".equals(s.format) && (n.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) < 0 || n.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0)) {
          errors.add(new FieldError(path, FieldError.Type.INVALID, v.asText(), where(path) + " must be of type int32: " + FieldError.quote(v.asText())));
        }
      }
      if (v.isTextual()) {
        String text = v.asText();
        int length = text.codePointCount(0, text.length());
        if (s.minLength != null && length < s.minLength) {
          errors.add(new FieldError(path, FieldError.Type.INVALID, FieldError.quote(text), where(path) + " should be at least " + s.minLength + " chars long"));
        }
        if (s.maxLength != null && length > s.maxLength) {
          errors.add(new FieldError(path, FieldError.Type.TOO_LONG, null, "may not be more than " + s.maxLength + " bytes"));
        }
        if (s.pattern != null && !s.pattern.matcher(text).find()) {
          errors.add(new FieldError(path, FieldError.Type.INVALID, FieldError.quote(text), where(path) + " should match '" + s.patternText + "'"));
        }
        if (s.format != null && !Formats.matches(s.format, text)) {
          errors.add(new FieldError(path, FieldError.Type.INVALID, FieldError.quote(text), where(path) + " must be of type " + s.format + ": " + FieldError.quote(text)));
        }
      }
    }

    private void rules(JsonNode v, JsonNode old, SchemaNode s, String path, Object self) {
      if (s.rules.isEmpty()) {
        return;
      }
      rulesMet = true;
      Object oldSelf = null;
      if (old != null) {
        // The old value as CEL sees it, from a throwaway walk: its own errors are not this request's.
        Walk scratch = new Walk();
        JsonNode oldCopy = old.deepCopy();
        oldSelf = oldCopy.isObject() && path.isEmpty() ? scratch.object((ObjectNode) oldCopy, null, s, path, true) : scratch.check(oldCopy, null, s, path);
      }
      for (CelRule rule : s.rules) {
        if (rule.transition() && old == null) {
          continue;
        }
        CelRule.Outcome outcome = rule.evaluate(self, oldSelf);
        if (outcome.passed()) {
          continue;
        }
        String field = rule.fieldPath().isEmpty() ? path : path + (rule.fieldPath().startsWith(".") ? "" : ".") + rule.fieldPath();
        if (field.startsWith(".")) {
          field = field.substring(1);
        }
        String value = v.isObject() ? FieldError.quote("object") : v.isArray() ? FieldError.quote("array") : FieldError.render(v);
        FieldError error = new FieldError(field, rule.type(), rule.type() == FieldError.Type.REQUIRED || rule.type() == FieldError.Type.FORBIDDEN ? null : value,
            outcome.error() != null ? outcome.error() : rule.message());
        errors.add(error);
        fromRules.add(error);
      }
    }
  }

  private static Map<String, Object> rootMetadata(JsonNode meta) {
    // CEL sees only the name and generateName of metadata, as on kube-apiserver.
    Map<String, Object> m = new LinkedHashMap<>();
    if (meta.has("name")) {
      m.put("name", meta.get("name").asText());
    }
    if (meta.has("generateName")) {
      m.put("generateName", meta.get("generateName").asText());
    }
    return m;
  }

  private static boolean typeMatches(JsonNode v, SchemaNode s) {
    if (s.intOrString) {
      return v.isTextual() || isInteger(v);
    }
    return switch (s.type) {
      case "object" -> v.isObject();
      case "array" -> v.isArray();
      case "string" -> v.isTextual();
      case "boolean" -> v.isBoolean();
      case "integer" -> isInteger(v);
      case "number" -> v.isNumber();
      default -> true;
    };
  }

  /** An integer, or a number with no fraction (2.0), as the API server's JSON decoder accepts. */
  private static boolean isInteger(JsonNode v) {
    if (v.isIntegralNumber()) {
      return true;
    }
    if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
      return false;
    }
    BigDecimal d = v.decimalValue();
    return d.signum() == 0 || d.scale() <= 0 || d.stripTrailingZeros().scale() <= 0;
  }

  private static String typeOf(JsonNode v) {
    if (v.isObject()) {
      return "object";
    }
    if (v.isArray()) {
      return "array";
    }
    if (v.isTextual()) {
      return "string";
    }
    if (v.isBoolean()) {
      return "boolean";
    }
    if (v.isNull()) {
      return "null";
    }
    return isInteger(v) ? "integer" : "number";
  }

  private static boolean same(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    return a.equals(b);
  }

  private static String where(String path) {
    return path.isEmpty() ? "body" : path + " in body";
  }

  private static String plain(BigDecimal d) {
    return d.stripTrailingZeros().toPlainString();
  }

  private static List<String> iterable(JsonNode v) {
    List<String> keys = new ArrayList<>();
    v.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  private static Object scalarForCel(JsonNode v) {
    if (v.isIntegralNumber()) {
      return v.asLong();
    }
    if (v.isNumber()) {
      return isInteger(v) ? (Object) v.longValue() : (Object) v.doubleValue();
    }
    if (v.isBoolean()) {
      return v.asBoolean();
    }
    return v.isNull() ? null : v.asText();
  }

  /** A value with no schema (preserved unknown fields) as CEL sees it. */
  private static Object any(JsonNode v) {
    if (v.isObject()) {
      Map<String, Object> m = new LinkedHashMap<>();
      v.fields().forEachRemaining(e -> {
        if (!e.getValue().isNull()) {
          m.put(e.getKey(), any(e.getValue()));
        }
      });
      return m;
    }
    if (v.isArray()) {
      List<Object> l = new ArrayList<>();
      v.forEach(x -> l.add(any(x)));
      return l;
    }
    return scalarForCel(v);
  }
}
