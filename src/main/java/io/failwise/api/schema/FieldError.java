package io.failwise.api.schema;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One field a CRD schema refuses, worded the way kube-apiserver words it, e.g. {@code
 * spec.capacity.devices: Invalid value: "string": spec.capacity.devices in body must be of type
 * integer: "string"}.
 *
 * @param field the JSON path of the field, like {@code spec.failover.targets[0].cluster}; empty for the object itself
 * @param type what kind of refusal, which sets the wording and the Status cause's reason
 * @param value the refused value as kube-apiserver prints it (a quoted string, a number, a type name), or null
 * @param detail what is wrong and what would be valid; may be empty
 */
public record FieldError(String field, Type type, String value, String detail) {
  /** The refusals kube-apiserver uses for custom resources, with the Status cause reason of each. */
  public enum Type {
    INVALID("Invalid value", "FieldValueInvalid"),
    REQUIRED("Required value", "FieldValueRequired"),
    UNSUPPORTED("Unsupported value", "FieldValueNotSupported"),
    TOO_MANY("Too many", "FieldValueTooMany"),
    TOO_LONG("Too long", "FieldValueTooLong"),
    FORBIDDEN("Forbidden", "FieldValueForbidden"),
    DUPLICATE("Duplicate value", "FieldValueDuplicate");

    private final String words;
    private final String reason;

    Type(String words, String reason) {
      this.words = words;
      this.reason = reason;
    }

    public String words() {
      return words;
    }

    /** The Status cause reason, e.g. FieldValueInvalid. */
    public String reason() {
      return reason;
    }

    /** The type a CEL rule's {@code reason} names; FieldValueInvalid when it names none. */
    static Type ofReason(String reason) {
      for (Type t : values()) {
        if (t.reason.equals(reason)) {
          return t;
        }
      }
      return INVALID;
    }
  }

  /** What follows the field in the message: {@code Invalid value: "x": detail}. */
  public String description() {
    StringBuilder sb = new StringBuilder(type.words());
    if (value != null) {
      sb.append(": ").append(value);
    }
    if (detail != null && !detail.isEmpty()) {
      sb.append(": ").append(detail);
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return (field.isEmpty() ? "<nil>" : field) + ": " + description();
  }

  /** A value as kube-apiserver prints it in an error: strings quoted, numbers and booleans bare. */
  static String render(JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return "null";
    }
    if (v.isTextual()) {
      return quote(v.asText());
    }
    if (v.isObject()) {
      return quote("object");
    }
    if (v.isArray()) {
      return quote("array");
    }
    return v.asText();
  }

  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\x%02x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
