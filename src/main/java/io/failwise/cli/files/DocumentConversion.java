package io.failwise.cli.files;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.failwise.cli.UserInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a document that {@link ResourceFiles} read into a typed resource, and words what the conversion
 * refuses for a person: the field's path, what shape or range is valid and what was written instead.
 * Callers go through {@link ResourceFiles#convert}.
 */
final class DocumentConversion {
  private DocumentConversion() {}

  /** Converts a document to {@code type}; a wrong type or an unknown field names the field's path. */
  static <T> T convert(SourcedDocument doc, Class<T> type) {
    try {
      return ResourceFiles.YAML.treeToValue(wholeNumbersAsIntegers(doc.node()), type);
    } catch (UnrecognizedPropertyException e) {
      String field = path(e);
      List<String> known =
          e.getKnownPropertyIds() == null ? List.of()
              : e.getKnownPropertyIds().stream().map(Object::toString).filter(k -> !retired(e.getReferringClass(), k)).sorted().toList();
      throw new UserInputException(
          doc.where() + ": unknown field " + field + (known.isEmpty() ? "" : " (valid here: " + String.join(", ", known) + ")"));
    } catch (InvalidFormatException e) {
      if ("a whole number".equals(io.failwise.api.validation.YamlShapes.of(e.getTargetType()))) {
        throw new UserInputException(doc.where() + ": " + path(e) + ": must be a whole number, got " + shapeOf(doc.node().at(pointer(e))));
      }
      throw new UserInputException(
          doc.where() + ": " + path(e) + ": '" + e.getValue() + "' is not a valid " + simpleType(e.getTargetType()));
    } catch (MismatchedInputException e) {
      // A list where a map is expected, a map where a list or a text is: say what is valid, not Jackson's words.
      String shape = io.failwise.api.validation.YamlShapes.of(e.getTargetType());
      if (shape == null) {
        throw new UserInputException(doc.where() + ": " + path(e) + ": " + e.getOriginalMessage());
      }
      throw new UserInputException(
          doc.where() + ": " + path(e) + ": must be " + shape + ", got " + shapeOf(doc.node().at(pointer(e))));
    } catch (JsonMappingException e) {
      String range = outOfRange(e, doc);
      throw new UserInputException(doc.where() + ": " + path(e) + ": " + (range != null ? range : e.getOriginalMessage()));
    } catch (JsonProcessingException e) {
      throw new UserInputException(doc.where() + ": " + e.getOriginalMessage());
    }
  }

  /** Whether {@code name} is a {@link Retired} field of {@code type}: read only to be refused, so never a hint. */
  static boolean retired(Class<?> type, String name) {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      try {
        return c.getDeclaredField(name).isAnnotationPresent(Retired.class);
      } catch (NoSuchFieldException e) {
        // declared higher up, or a property without a field of its name
      }
    }
    return false;
  }

  /**
   * A whole number too large (or too small) for its field, as a person reads it: "must be a whole number from
   * -2,147,483,648 to 2,147,483,647, got 99999999999" rather than Jackson's "Numeric value (...) out of range
   * of int". Null when the error is another one. Commands that know a field's own bounds check them before
   * converting (a Scenario's budget counts, ScenarioLoader).
   */
  private static String outOfRange(JsonMappingException e, SourcedDocument doc) {
    Throwable t = e;
    while (t != null && !(t instanceof com.fasterxml.jackson.core.exc.InputCoercionException)) {
      t = t.getCause();
    }
    if (!(t instanceof com.fasterxml.jackson.core.exc.InputCoercionException c)) {
      return null;
    }
    Class<?> type = c.getTargetType();
    long min;
    long max;
    if (type == Integer.class || type == int.class) {
      min = Integer.MIN_VALUE;
      max = Integer.MAX_VALUE;
    } else if (type == Short.class || type == short.class) {
      min = Short.MIN_VALUE;
      max = Short.MAX_VALUE;
    } else if (type == Long.class || type == long.class) {
      min = Long.MIN_VALUE;
      max = Long.MAX_VALUE;
    } else {
      return null;
    }
    // The field's own bounds where its CRD schema sets them (replicas: from 0), within the type's.
    var schema = io.failwise.api.schema.CrdSchemas.packaged().forKind(doc.node().path("apiVersion").asText(""), doc.kind());
    if (schema.isPresent()) {
      java.math.BigDecimal[] bounds = schema.get().bounds(pointer(e));
      if (bounds[0] != null && bounds[0].compareTo(java.math.BigDecimal.valueOf(min)) > 0) {
        min = bounds[0].setScale(0, java.math.RoundingMode.CEILING).longValueExact();
      }
      if (bounds[1] != null && bounds[1].compareTo(java.math.BigDecimal.valueOf(max)) < 0) {
        max = bounds[1].setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
      }
    }
    JsonNode value = doc.node().at(pointer(e));
    return "must be a whole number from " + io.failwise.model.Format.count(min) + " to " + io.failwise.model.Format.count(max) + ", got "
        + (value == null || value.isMissingNode() ? "a number out of that range" : value.asText());
  }

  /**
   * The document with every number that has no fraction (25000.0) written as an integer, as the API
   * server's JSON decoder takes it; a count with a fraction (0.9) is then refused, never truncated.
   */
  static JsonNode wholeNumbersAsIntegers(JsonNode node) {
    if (node.isFloatingPointNumber()) {
      double v = node.doubleValue();
      return v == Math.rint(v) && Math.abs(v) < 0x1p53 ? com.fasterxml.jackson.databind.node.LongNode.valueOf((long) v) : node;
    }
    if (node.isObject()) {
      com.fasterxml.jackson.databind.node.ObjectNode copy = null;
      for (var it = node.fields(); it.hasNext(); ) {
        var e = it.next();
        JsonNode v = wholeNumbersAsIntegers(e.getValue());
        if (v != e.getValue()) {
          copy = copy == null ? ((com.fasterxml.jackson.databind.node.ObjectNode) node).deepCopy() : copy;
          copy.set(e.getKey(), v);
        }
      }
      return copy == null ? node : copy;
    }
    if (node.isArray()) {
      com.fasterxml.jackson.databind.node.ArrayNode copy = null;
      for (int i = 0; i < node.size(); i++) {
        JsonNode v = wholeNumbersAsIntegers(node.get(i));
        if (v != node.get(i)) {
          copy = copy == null ? ((com.fasterxml.jackson.databind.node.ArrayNode) node).deepCopy() : copy;
          copy.set(i, v);
        }
      }
      return copy == null ? node : copy;
    }
    return node;
  }

  private static String shapeOf(com.fasterxml.jackson.databind.JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "something else";
    }
    if (node.isObject()) {
      return "a map";
    }
    if (node.isArray()) {
      return "a list";
    }
    if (node.isNull()) {
      return "null";
    }
    return node.isTextual() ? "the text '" + node.asText() + "'" : "'" + node.asText() + "'";
  }

  /** The JSON pointer of a mapping error's path, to find the value that was refused. */
  private static com.fasterxml.jackson.core.JsonPointer pointer(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        sb.append('/').append(ref.getFieldName().replace("~", "~0").replace("/", "~1"));
      } else if (ref.getIndex() >= 0) {
        sb.append('/').append(ref.getIndex());
      }
    }
    return com.fasterxml.jackson.core.JsonPointer.compile(sb.toString());
  }

  /** The JSON path of a mapping error, like spec.failover.targets[0].priority. */
  static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (!sb.isEmpty()) {
          sb.append('.');
        }
        sb.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.isEmpty() ? "(document)" : sb.toString();
  }

  private static String simpleType(Class<?> type) {
    if (type == null) {
      return "value";
    }
    if (type.isEnum()) {
      Object[] values = type.getEnumConstants();
      List<String> names = new ArrayList<>();
      for (Object v : values) {
        names.add(v.toString());
      }
      return "value; valid: " + String.join(", ", names);
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
      return "number";
    }
    if (type == Boolean.class) {
      return "boolean (true or false)";
    }
    return type.getSimpleName();
  }
}
