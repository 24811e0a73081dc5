package io.failwise.api.validation;

/**
 * Java types in the words of the YAML a person wrote: what `failwise validate` and the controller's
 * Unreadable reports say a field must be, instead of Jackson's "Cannot deserialize value of type
 * `java.lang.Long`".
 */
public final class YamlShapes {
  private YamlShapes() {}

  /**
   * What a value of {@code type} is written as in YAML, for a person ("a whole number", "a list (one
   * '- item' per line, or [a, b])", "one of Plan, Drill, Failover"); null when it is none of these shapes.
   */
  public static String of(Class<?> type) {
    if (type == null) {
      return null;
    }
    if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a list (one '- item' per line, or [a, b])";
    }
    if (type == String.class) {
      return "a text";
    }
    if (type == Long.class || type == long.class || type == Integer.class || type == int.class || type == Short.class
        || type == short.class || type == java.math.BigInteger.class) {
      return "a whole number";
    }
    if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type.isEnum()) {
      return "one of " + String.join(", ", java.util.Arrays.stream(type.getEnumConstants()).map(Object::toString).toList());
    }
    if (type.isPrimitive()) {
      return null;
    }
    return "a map of fields (name: value)";
  }
}
