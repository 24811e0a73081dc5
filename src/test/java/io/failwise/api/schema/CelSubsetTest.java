package io.failwise.api.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link CelSubset} gives what CEL ({@code dev.cel}, the reference) gives: on every rule of the
 * packaged CRDs over generated objects, on hand-written expressions at CEL's edges, and on generated
 * expressions. An outcome is a value, or "error" (the messages are not compared).
 */
class CelSubsetTest {
  private static final CelCompiler CEL =
      CelCompilerFactory.standardCelCompilerBuilder()
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addVar("self", SimpleType.DYN)
          .addVar("oldSelf", SimpleType.DYN)
          .build();
  private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();
  private static final String ERROR = "<error>";

  /** What CEL makes of {@code expression}, or null when CEL refuses to compile it. */
  private static Object cel(String expression, Map<String, Object> vars) {
    CelRuntime.Program program;
    try {
      program = RUNTIME.createProgram(CEL.compile(expression).getAst());
    } catch (CelValidationException | CelEvaluationException e) {
      return null;
    }
    try {
      return program.eval(vars);
    } catch (CelEvaluationException e) {
      return ERROR;
    }
  }

  private static Object subset(CelSubset.Program program, Map<String, Object> vars) {
    Object v = program.eval(vars);
    return v instanceof CelSubset.Err ? ERROR : v;
  }

  private static Map<String, Object> fixture() {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("x", 2L);
    o.put("ls", List.of("a", "b"));
    Map<String, Object> self = new LinkedHashMap<>();
    self.put("i", 3L);
    self.put("j", -7L);
    self.put("big", Long.MAX_VALUE);
    self.put("d", 1.5);
    self.put("z", 2.0);
    self.put("s", "héllo");
    self.put("t", "a");
    self.put("b", true);
    self.put("l", List.of(1L, 2L, 2L));
    self.put("ls", List.of("a", "b", "a"));
    self.put("e", List.of());
    self.put("m", new LinkedHashMap<>(Map.of("k", 1L)));
    self.put("o", o);
    return self;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "self.i == 3", "self.i == 3.0", "self.z == 2", "self.i < 3.5", "self.d > 1", "self.i + self.d", "self.x", "has(self.x)",
        "self.s == 1", "self.i == 'a'", "self.x == 1 || true", "true || self.x == 1", "self.x == 1 && false", "false && self.x",
        "self.x || false", "self.x && true", "self.i && false", "self.i || true", "size(self.s)", "self.s.size()", "size(self.l)",
        "size(self.m)", "size(self.i)", "self.l.all(x, x > 1)", "self.l.all(x, x > 0)", "self.l.exists_one(x, x == 2)",
        "self.l.exists_one(x, x == 1)", "self.l.exists(x, x == 2)", "self.m.all(k, k == 'k')", "self.big + 1", "self.i / 0",
        "self.i % 0", "-self.big - 2", "7 / 2", "-7 / 2", "-7 % 2", "self.j / 2", "self.j % 2", "7.0 / 2.0", "1.0 / 0.0",
        "self.d % self.z", "false && self.i", "self.b && self.i", "self.x && self.i", "self.i && self.x", "self.x || self.i", "true || self.i", "!self.b || self.i", "self.i || self.x", "self.x && self.x", "2 in self.l", "'k' in self.m", "1 in self.m", "2.0 in self.l", "self.l[0]", "self.l[5]", "self.l[-1]",
        "self.m['k']", "self.m.k", "self.m['q']", "self.l == [1, 2, 2]", "self.l == [1, 2]", "self.m == {'k': 1}",
        "self.m == {'k': 1.0}", "self.m == {'q': 1}", "self.i ? 1 : 2", "self.b ? 1 : 2", "!self.i", "!self.b", "!!self.b",
        "self.s.startsWith('hé')", "self.s.endsWith('lo')", "self.s.contains('ll')", "self.s.contains(self.i)", "self.i.startsWith('a')",
        "self.s + 1", "self.s + self.t", "self.l + self.e", "self.b == true", "self.i != 3", "[1, 'a'] == [1, 'a']",
        "self.l.exists_one(x, self.x == 1)", "self.l.all(x, self.x == 1)", "self.e.all(x, self.x == 1)",
        "self.l.exists(x, x == 1 || self.x)", "self.l.all(x, x)", "self.l.exists(x, x)", "self.l.exists_one(x, x)",
        "self.i.all(x, true)", "has(self.m.k)", "has(self.i.k)", "has(self.l.k)", "has(self.o.x)", "has(self.o.ls)",
        "has(self.x.y)", "self.i.k", "self.d == self.d", "0.0 == -0.0", "'a' < 'b'", "self.s > self.t", "self.i < 'b'",
        "true < false", "self.b >= false", "self.m.exists_one(k, k == 'k')", "self.i - -1", "!!true", "--self.i",
        "1 + 2 * 3 - 4 / 2 % 3", "(self.i + 1) * 2", "self.l.all(x, x > 1) || true", "{'a': 1}.a", "{'a': 1, 'a': 2}",
        "self.m[1]", "self.l['a']", "self.l[1.0]", "1 == 1 == true", "self.o.ls.exists_one(v, v == 'a')",
        "self.ls.all(v, self.ls.exists_one(w, w == v))", "self.o.ls.all(v, self.o.ls.exists_one(w, w == v))",
        "(has(self.x) ? 1 : 0) + (has(self.i) ? 1 : 0) + (has(self.d) ? 1 : 0) == 2", "self.big * 2", "-self.big - 1",
        "self.i * -1", "self == self", "self.l != self.ls", "size(self.o) == 2 && self.o.x <= self.i", "[] == []", "{} == {}",
        "-9223372036854775807 - 1", "(-9223372036854775807 - 1) / -1", "(-9223372036854775807 - 1) % -1", "self.d * 2.0 == 3.0", "self.z / 0.0 > 1.0"
      })
  void agreesWithCelOnHandWrittenExpressions(String expression) {
    CelSubset.Program program = CelSubset.parse(expression);
    assertNotNull(program, expression + " is in the subset");
    Object expected = cel(expression, Map.of("self", fixture(), "oldSelf", fixture()));
    assertNotNull(expected, expression + " compiles in CEL");
    assertEquals(expected, subset(program, Map.of("self", fixture(), "oldSelf", fixture())), expression);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1u", "b'a'", "r'a'", "'''a'''", "0x10", "self.s.matches('h.*')", "self.l.map(x, x)", "self.l.filter(x, x > 1)", "int(1.5)",
        "dyn(1)", "self.n == null", "duration('1s')", "self.s.size() == 1 // comment", "'\\x41'", "self.l.exists(x.y, true)", ".self",
        "self.l[0", "self +", "has(self)", "has(self.l[0])", "self.l.size(1)", "size()", "type(self)", "self.l.all(x, x) ? 1"
      })
  void leavesToCelWhatItDoesNotModel(String expression) {
    assertNull(CelSubset.parse(expression), expression);
  }

  @Test
  void aNullMetOnTheWayIsLeftToCel() {
    Map<String, Object> self = new HashMap<>(fixture());
    self.put("n", null);
    CelSubset.Program program = CelSubset.parse("self.n == 1");
    assertThrows(CelSubset.Outside.class, () -> program.eval(Map.of("self", self)));
    Map<String, Object> vars = new HashMap<>();
    vars.put("self", null);
    assertThrows(CelSubset.Outside.class, () -> CelSubset.parse("self == 1").eval(vars));
  }

  /** Every rule of the packaged CRDs, and what CrdSchema walks to it. */
  private record Placed(CelRule rule, SchemaNode node) {}

  private static List<Placed> packagedRules() {
    List<Placed> rules = new ArrayList<>();
    for (CrdSchema schema : CrdSchemas.packaged().all()) {
      collect(schema.root(), rules);
    }
    return rules;
  }

  private static void collect(SchemaNode node, List<Placed> into) {
    node.rules.forEach(r -> into.add(new Placed(r, node)));
    node.properties.values().forEach(c -> collect(c, into));
    if (node.items != null) {
      collect(node.items, into);
    }
    if (node.additionalProperties != null) {
      collect(node.additionalProperties, into);
    }
  }

  @Test
  void everyRuleOfThePackagedCrdsIsInTheSubset() {
    List<Placed> rules = packagedRules();
    assertTrue(rules.size() >= 15, "the packaged CRDs have their rules: " + rules.size());
    for (Placed p : rules) {
      assertTrue(p.rule().inSubset(), p.rule().expression());
    }
  }

  /**
   * Each packaged rule over 400 objects generated from the schema at its place (fields present or not,
   * small alphabets so that names repeat, now and then a value of the wrong type): the same outcome as
   * CEL's, and both a pass and a failure among them, so that the comparison sees each rule decide.
   */
  @Test
  void agreesWithCelOnEveryPackagedRuleOverGeneratedObjects() throws Exception {
    Random random = new Random(7);
    for (Placed p : packagedRules()) {
      CelRuntime.Program reference = p.rule().compile();
      CelSubset.Program program = CelSubset.parse(p.rule().expression());
      int passed = 0;
      int failed = 0;
      for (int i = 0; i < 400; i++) {
        Object self = generate(p.node(), random, 0);
        Object old = random.nextBoolean() ? self : generate(p.node(), random, 0);
        Map<String, Object> vars = Map.of("self", self, "oldSelf", old);
        Object expected;
        try {
          expected = reference.eval(vars);
        } catch (CelEvaluationException e) {
          expected = ERROR;
        }
        Object actual = subset(program, vars);
        assertEquals(expected, actual, p.rule().expression() + " on self=" + self + " oldSelf=" + old);
        if (Boolean.TRUE.equals(expected)) {
          passed++;
        } else {
          failed++;
        }
      }
      assertTrue(passed > 0 && failed > 0, p.rule().expression() + ": passed " + passed + ", failed " + failed);
    }
  }

  private static Object generate(SchemaNode s, Random r, int depth) {
    if (r.nextInt(40) == 0) {
      return List.<Supplier<Object>>of(() -> "x", () -> 7L, () -> 0.5, () -> true, ArrayList::new, LinkedHashMap::new).get(r.nextInt(6)).get();
    }
    if (!s.enumValues.isEmpty()) {
      var v = s.enumValues.get(r.nextInt(s.enumValues.size()));
      return v.isTextual() ? v.asText() : v.isIntegralNumber() ? (Object) v.asLong() : v.asText();
    }
    switch (s.type) {
      case "object" -> {
        Map<String, Object> m = new LinkedHashMap<>();
        if (depth > 6) {
          return m;
        }
        s.properties.forEach((k, child) -> {
          if (r.nextInt(10) < (s.required.contains(k) ? 9 : 6)) {
            m.put(k, generate(child, r, depth + 1));
          }
        });
        if (s.additionalProperties != null) {
          for (int i = r.nextInt(3); i > 0; i--) {
            m.put(List.of("a", "b", "c").get(r.nextInt(3)), generate(s.additionalProperties, r, depth + 1));
          }
        }
        return m;
      }
      case "array" -> {
        List<Object> l = new ArrayList<>();
        for (int i = r.nextInt(4); i > 0 && s.items != null; i--) {
          l.add(generate(s.items, r, depth + 1));
        }
        return l;
      }
      case "integer" -> {
        return new long[] {0, 1, 2, 3, -1, 5, 100, Long.MAX_VALUE}[r.nextInt(8)];
      }
      case "number" -> {
        return r.nextBoolean() ? (Object) (long) r.nextInt(4) : (Object) (r.nextInt(8) / 2.0);
      }
      case "boolean" -> {
        return r.nextBoolean();
      }
      case "string" -> {
        return List.of("a", "b", "c", "").get(r.nextInt(4));
      }
      default -> {
        return r.nextBoolean() ? (Object) (long) r.nextInt(3) : "a";
      }
    }
  }

  /**
   * 3,000 expressions generated from the subset's grammar over the fixture, well typed or not: where
   * CEL compiles one, both give the same value or both an error.
   */
  @Test
  void agreesWithCelOnGeneratedExpressions() {
    Random random = new Random(11);
    Map<String, Object> vars = Map.of("self", fixture(), "oldSelf", fixture());
    int compared = 0;
    int errors = 0;
    for (int i = 0; i < 3000; i++) {
      String expression = expression(random, 0, false);
      Object expected = cel(expression, vars);
      if (expected == null) {
        continue;
      }
      CelSubset.Program program = CelSubset.parse(expression);
      assertNotNull(program, expression + " is in the subset");
      assertEquals(expected, subset(program, vars), expression);
      compared++;
      if (expected == ERROR) {
        errors++;
      }
    }
    assertTrue(compared > 1000, "CEL compiled " + compared + " of 3000");
    assertTrue(errors > 100 && errors < compared - 300, "errors " + errors + " of " + compared);
  }

  private static final String[] FIELDS = {"i", "j", "big", "d", "z", "s", "t", "b", "l", "ls", "e", "m", "o", "x", "o.x", "o.ls", "m.k", "o.q"};
  private static final String[] LITERALS = {"0", "1", "2", "-3", "9223372036854775807", "0.5", "2.0", "-1.0", "'a'", "''", "'hé'", "true", "false", "[]", "[1, 2]", "['a']", "{'k': 1}", "{}"};
  private static final String[] BINARY = {"+", "-", "*", "/", "%", "<", "<=", ">", ">=", "==", "!=", "&&", "||", "in"};

  private static String expression(Random r, int depth, boolean inComprehension) {
    int choice = depth >= 3 ? r.nextInt(3) : r.nextInt(12);
    return switch (choice) {
      case 0 -> inComprehension && r.nextBoolean() ? "v" : "self." + FIELDS[r.nextInt(FIELDS.length)];
      case 1 -> LITERALS[r.nextInt(LITERALS.length)];
      case 2 -> r.nextBoolean() ? "has(self." + FIELDS[r.nextInt(FIELDS.length)] + ")" : "size(self." + FIELDS[r.nextInt(FIELDS.length)] + ")";
      case 3, 4, 5 -> "(" + expression(r, depth + 1, inComprehension) + " " + BINARY[r.nextInt(BINARY.length)] + " " + expression(r, depth + 1, inComprehension) + ")";
      case 6 -> (r.nextBoolean() ? "!" : "-") + "(" + expression(r, depth + 1, inComprehension) + ")";
      case 7 -> "(" + expression(r, depth + 1, inComprehension) + " ? " + expression(r, depth + 1, inComprehension) + " : " + expression(r, depth + 1, inComprehension) + ")";
      case 8 -> "self." + new String[] {"l", "ls", "e", "m", "o", "o.ls", "i"}[r.nextInt(7)] + "." + new String[] {"all", "exists", "exists_one"}[r.nextInt(3)]
          + "(v, " + expression(r, depth + 1, true) + ")";
      case 9 -> "self." + new String[] {"l", "ls", "m", "o", "s"}[r.nextInt(5)] + "[" + expression(r, depth + 1, inComprehension) + "]";
      case 10 -> "self." + new String[] {"s", "t", "i"}[r.nextInt(3)] + "." + new String[] {"startsWith", "endsWith", "contains"}[r.nextInt(3)] + "(" + expression(r, depth + 1, inComprehension) + ")";
      default -> "[" + expression(r, depth + 1, inComprehension) + ", " + expression(r, depth + 1, inComprehension) + "]";
    };
  }
}
