package io.failwise.api.schema;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The part of CEL that CRD validation rules are written in, evaluated directly: literals, {@code self}
 * and {@code oldSelf}, field selection and indexing, {@code has}, {@code size}, the arithmetic,
 * comparison, logical and conditional operators, {@code in}, the {@code all}, {@code exists} and
 * {@code exists_one} macros and the string tests {@code startsWith}, {@code endsWith} and
 * {@code contains}, over the values a JSON object gives (maps, lists, Long, Double, Boolean, String).
 *
 * <p>Why: building the full CEL environment ({@code dev.cel}) loads some 1,400 classes, over half a
 * second of a command that answers in well under one. A rule that uses anything else (a function,
 * a literal kind or a value outside this list, a null) is evaluated by {@code dev.cel}, the
 * reference: {@link #parse} returns null for it, and {@link Program#eval} throws {@link Outside} for a
 * value it does not model. {@code CelSubsetTest} checks this evaluator against {@code dev.cel} on
 * every rule of the packaged CRDs over generated objects and on generated expressions.
 *
 * <p>The semantics are CEL's as {@code dev.cel} runs them with a dynamic {@code self}: an error is a
 * value that {@code &&}, {@code ||}, {@code all} and {@code exists} absorb when the other side
 * decides; numbers of different kinds are equal when their values are, but are not ordered or added
 * across kinds; integer arithmetic that overflows is an error.
 */
final class CelSubset {
  private CelSubset() {}

  /** An evaluation error, carried as a value so that the logical operators can absorb it. */
  record Err(String message) {}

  /** A value or construct this evaluator does not model: the caller evaluates the rule with CEL. */
  static final class Outside extends RuntimeException {
    Outside(String what) {
      super(what, null, false, false);
    }
  }

  /** A parsed rule. */
  static final class Program {
    private final Node root;

    Program(Node root) {
      this.root = root;
    }

    /**
     * @return the rule's value (for a rule, a Boolean) or an {@link Err}
     * @throws Outside when a value met on the way is not one this evaluator models
     */
    Object eval(Map<String, Object> variables) {
      return root.eval(new Scope(variables, null, null, null));
    }
  }

  /**
   * The rule as a program, or null when it uses anything outside the subset (or does not parse: CEL
   * then reports why).
   */
  static Program parse(String expression) {
    try {
      return new Program(new CelSubsetParser(expression).parseRule());
    } catch (Outside e) {
      return null;
    }
  }

  interface Node {
    Object eval(Scope scope);
  }

  /** Variables: the rule's, and a comprehension's one variable over them. */
  record Scope(Map<String, Object> variables, String name, Object value, Scope outer) {
    Object lookup(String identifier) {
      for (Scope s = this; s != null; s = s.outer) {
        if (s.name == null) {
          if (!s.variables.containsKey(identifier)) {
            throw new Outside("undeclared reference to '" + identifier + "'");
          }
          return checked(s.variables.get(identifier));
        }
        if (s.name.equals(identifier)) {
          return s.value;
        }
      }
      throw new Outside("undeclared reference to '" + identifier + "'");
    }

    Scope with(String identifier, Object v) {
      return new Scope(variables, identifier, v, this);
    }
  }

  /** A value from the object, refused when it is not one the subset models (a null, above all). */
  static Object checked(Object v) {
    if (v instanceof Long || v instanceof Double || v instanceof Boolean || v instanceof String || v instanceof Map<?, ?> || v instanceof List<?>) {
      return v;
    }
    throw new Outside("a value of " + (v == null ? "null" : v.getClass().getSimpleName()));
  }

  static Err noOverload(String function) {
    return new Err("No matching overload for function '" + function + "'");
  }

  /** The first of two operands that is an error, or null: an operator's error is its first operand's. */
  static Err firstError(Object a, Object b) {
    return a instanceof Err e ? e : b instanceof Err e ? e : null;
  }

  private static Err notAMap(String field) {
    return new Err("Error resolving field '" + field + "'. Field selections must be performed on messages or maps.");
  }

  // ---- operators ----

  static Object and(Object left, Node right, Scope scope) {
    return logical(false, "_&&_", left, right, scope);
  }

  static Object or(Object left, Node right, Scope scope) {
    return logical(true, "_||_", left, right, scope);
  }

  /**
   * {@code &&} (decided by false) and {@code ||} (decided by true): either side's deciding value
   * decides, even against an error on the other side; a left operand that is neither a boolean nor
   * an error is an error at once.
   */
  private static Object logical(boolean deciding, String function, Object left, Node right, Scope scope) {
    if (left instanceof Boolean b && b == deciding) {
      return deciding;
    }
    if (!(left instanceof Boolean || left instanceof Err)) {
      return noOverload(function);
    }
    Object r = right.eval(scope);
    if (r instanceof Boolean b && b == deciding) {
      return deciding;
    }
    if (left instanceof Boolean && r instanceof Boolean) {
      return !deciding;
    }
    return errorOf(left, r, function);
  }

  private static Object errorOf(Object left, Object right, String function) {
    Err e = firstError(left, right);
    return e != null ? e : noOverload(function);
  }

  static Object not(Object v) {
    if (v instanceof Boolean b) {
      return !b;
    }
    return v instanceof Err ? v : noOverload("!_");
  }

  static Object negate(Object v) {
    if (v instanceof Long l) {
      return l == Long.MIN_VALUE ? new Err("long overflow") : (Object) (-l);
    }
    if (v instanceof Double d) {
      return -d;
    }
    return v instanceof Err ? v : noOverload("-_");
  }

  static Object conditional(Object condition, Node then, Node otherwise, Scope scope) {
    if (condition instanceof Boolean b) {
      return b ? then.eval(scope) : otherwise.eval(scope);
    }
    return condition instanceof Err ? condition : new Err("expected boolean value, found: " + condition);
  }

  static Object arithmetic(String op, Object a, Object b) {
    Err error = firstError(a, b);
    if (error != null) {
      return error;
    }
    try {
      if (a instanceof Long x && b instanceof Long y) {
        return switch (op) {
          case "+" -> Math.addExact(x, y);
          case "-" -> Math.subtractExact(x, y);
          case "*" -> Math.multiplyExact(x, y);
          case "/" -> y == 0 ? new Err("/ by zero") : x == Long.MIN_VALUE && y == -1 ? new Err("long overflow") : (Object) (x / y);
          default -> y == 0 ? new Err("/ by zero") : (Object) (x % y);
        };
      }
    } catch (ArithmeticException e) {
      return new Err("long overflow");
    }
    if (a instanceof Double x && b instanceof Double y && !op.equals("%")) {
      return switch (op) {
        case "+" -> x + y;
        case "-" -> x - y;
        case "*" -> x * y;
        default -> x / y;
      };
    }
    if (op.equals("+") && a instanceof String x && b instanceof String y) {
      return x + y;
    }
    if (op.equals("+") && a instanceof List<?> x && b instanceof List<?> y) {
      List<Object> joined = new java.util.ArrayList<>(x);
      joined.addAll(y);
      return joined;
    }
    return noOverload("_" + op + "_");
  }

  static Object compare(String op, Object a, Object b) {
    Err error = firstError(a, b);
    if (error != null) {
      return error;
    }
    int c;
    if (a instanceof Long x && b instanceof Long y) {
      c = Long.compare(x, y);
    } else if (a instanceof Double x && b instanceof Double y) {
      if (Double.isNaN(x) || Double.isNaN(y)) {
        return false;
      }
      c = Double.compare(x == 0.0 ? 0.0 : x, y == 0.0 ? 0.0 : y);
    } else if (a instanceof String x && b instanceof String y) {
      c = x.compareTo(y);
    } else if (a instanceof Boolean x && b instanceof Boolean y) {
      c = Boolean.compare(x, y);
    } else {
      return noOverload("_" + op + "_");
    }
    return switch (op) {
      case "<" -> c < 0;
      case "<=" -> c <= 0;
      case ">" -> c > 0;
      default -> c >= 0;
    };
  }

  static Object equality(boolean equal, Object a, Object b) {
    Err error = firstError(a, b);
    if (error != null) {
      return error;
    }
    return equals(a, b) == equal;
  }

  /** CEL's heterogeneous equality: numbers by value across kinds, lists and maps element by element, other kinds never equal. */
  static boolean equals(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      if (x instanceof Long l && y instanceof Long m) {
        return l.longValue() == m.longValue();
      }
      if (x instanceof Double d && y instanceof Double e) {
        return d.doubleValue() == e.doubleValue();
      }
      long l = x instanceof Long ? x.longValue() : y.longValue();
      double d = x instanceof Double ? x.doubleValue() : y.doubleValue();
      return d == Math.rint(d) && d >= -0x1p63 && d < 0x1p63 && (long) d == l;
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!equals(checked(x.get(i)), checked(y.get(i)))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (Map.Entry<?, ?> e : x.entrySet()) {
        Object key = keyIn(y, checked(e.getKey()));
        if (key == null || !equals(checked(e.getValue()), checked(y.get(key)))) {
          return false;
        }
      }
      return true;
    }
    return Objects.equals(a, b);
  }

  /** The key of {@code map} equal to {@code key} by CEL's equality, or null. */
  static Object keyIn(Map<?, ?> map, Object key) {
    if (map.containsKey(key)) {
      return key;
    }
    for (Object k : map.keySet()) {
      if (k instanceof Number && key instanceof Number && equals(k, key)) {
        return k;
      }
    }
    return null;
  }

  static Object in(Object element, Object container) {
    Err error = firstError(element, container);
    if (error != null) {
      return error;
    }
    if (container instanceof List<?> list) {
      for (Object item : list) {
        if (equals(element, checked(item))) {
          return true;
        }
      }
      return false;
    }
    if (container instanceof Map<?, ?> map) {
      return keyIn(map, element) != null;
    }
    return noOverload("@in");
  }

  static Object select(Object target, String field) {
    if (target instanceof Err) {
      return target;
    }
    if (target instanceof Map<?, ?> map) {
      return map.containsKey(field) ? checked(map.get(field)) : new Err("key '" + field + "' is not present in map.");
    }
    return notAMap(field);
  }

  static Object has(Object target, String field) {
    if (target instanceof Err) {
      return target;
    }
    if (target instanceof Map<?, ?> map) {
      return map.containsKey(field);
    }
    return notAMap(field);
  }

  static Object index(Object target, Object key) {
    Err error = firstError(target, key);
    if (error != null) {
      return error;
    }
    if (target instanceof List<?> list) {
      if (!(key instanceof Long i)) {
        return noOverload("_[_]");
      }
      return i < 0 || i >= list.size() ? new Err("Index out of bounds: " + i) : checked(list.get(i.intValue()));
    }
    if (target instanceof Map<?, ?> map) {
      Object k = keyIn(map, key);
      return k == null ? new Err("key '" + key + "' is not present in map.") : checked(map.get(k));
    }
    return noOverload("_[_]");
  }

  static Object size(Object v) {
    if (v instanceof String s) {
      return (long) s.codePointCount(0, s.length());
    }
    if (v instanceof List<?> l) {
      return (long) l.size();
    }
    if (v instanceof Map<?, ?> m) {
      return (long) m.size();
    }
    return v instanceof Err ? v : noOverload("size");
  }

  static Object stringTest(String function, Object target, Object argument) {
    Err error = firstError(target, argument);
    if (error != null) {
      return error;
    }
    if (target instanceof String s && argument instanceof String a) {
      return switch (function) {
        case "startsWith" -> s.startsWith(a);
        case "endsWith" -> s.endsWith(a);
        default -> s.contains(a);
      };
    }
    return noOverload(function);
  }

  /** {@code range.all(v, p)}, {@code exists} and {@code exists_one}: a list's elements or a map's keys. */
  static Object comprehension(String macro, Object range, String variable, Node predicate, Scope scope) {
    if (range instanceof Err) {
      return range;
    }
    Iterable<?> items;
    if (range instanceof List<?> l) {
      items = l;
    } else if (range instanceof Map<?, ?> m) {
      items = m.keySet();
    } else {
      return new Err("expression of type '" + typeName(range) + "' cannot be range of a comprehension (must be list, map, or dynamic)");
    }
    Object result = macro.equals("exists_one") ? (Object) 0L : (Object) macro.equals("all");
    for (Object item : items) {
      Scope inner = scope.with(variable, checked(item));
      switch (macro) {
        case "all" -> {
          if (Boolean.FALSE.equals(result)) {
            return false;
          }
          result = and(result, predicate, inner);
        }
        case "exists" -> {
          if (Boolean.TRUE.equals(result)) {
            return true;
          }
          result = or(result, predicate, inner);
        }
        default -> {
          if (result instanceof Long count) {
            Object p = predicate.eval(inner);
            result = p instanceof Boolean b ? (Object) (b ? count + 1 : count) : p instanceof Err ? p : new Err("expected boolean value, found: " + p);
          }
        }
      }
    }
    return result instanceof Long count ? (Object) (count == 1) : result;
  }

  private static String typeName(Object v) {
    return v instanceof Long ? "int" : v instanceof Double ? "double" : v instanceof Boolean ? "bool" : v instanceof String ? "string" : "dyn";
  }

  /** A fresh map for a map literal, keys checked for duplicates as CEL does. */
  static Object mapOf(List<Object> keys, List<Object> values) {
    Map<Object, Object> m = new HashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      Object k = keys.get(i);
      Object v = values.get(i);
      Err error = firstError(k, v);
      if (error != null) {
        return error;
      }
      if (!(k instanceof String || k instanceof Long || k instanceof Boolean)) {
        return new Err("Unsupported key type: " + k);
      }
      if (keyIn(m, k) != null) {
        return new Err("duplicate map key [" + k + "]");
      }
      m.put(k, v);
    }
    return m;
  }
}
