package io.failwise.api.schema;

import io.failwise.api.schema.CelSubset.Node;
import io.failwise.api.schema.CelSubset.Outside;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses a rule written in {@link CelSubset}'s part of CEL, with CEL's grammar and precedence
 * (conditional, {@code ||}, {@code &&}, relations, addition, multiplication, unary, member access).
 * Anything outside that part, or text that is not CEL, throws {@link Outside}: the rule is then
 * compiled by {@code dev.cel}, which also says what is wrong with text that is not CEL.
 */
final class CelSubsetParser {
  private static final Set<String> RESERVED =
      Set.of("as", "break", "const", "continue", "else", "for", "function", "if", "import", "let", "loop", "package", "namespace", "return", "var", "void", "while", "in");
  private static final Set<String> MACROS = Set.of("all", "exists", "exists_one");
  private static final Set<String> STRING_TESTS = Set.of("startsWith", "endsWith", "contains");

  private final String text;
  private int at;

  CelSubsetParser(String text) {
    this.text = text;
  }

  Node parseRule() {
    Node n = expression();
    skipSpace();
    if (at != text.length()) {
      throw outside("unexpected text");
    }
    return n;
  }

  private Node expression() {
    Node condition = or();
    if (!take("?")) {
      return condition;
    }
    Node then = or();
    expect(":");
    Node otherwise = expression();
    return s -> CelSubset.conditional(condition.eval(s), then, otherwise, s);
  }

  private Node or() {
    return logical("||", this::and, CelSubset::or);
  }

  private Node and() {
    return logical("&&", this::relation, CelSubset::and);
  }

  private interface Logical {
    Object apply(Object left, Node right, CelSubset.Scope scope);
  }

  /** A left-associative chain of one logical operator; the right side is evaluated only if needed. */
  private Node logical(String op, java.util.function.Supplier<Node> operand, Logical combine) {
    Node left = operand.get();
    while (take(op)) {
      Node l = left;
      Node r = operand.get();
      left = s -> combine.apply(l.eval(s), r, s);
    }
    return left;
  }

  private Node relation() {
    Node left = addition();
    while (true) {
      String op = peekAny("<=", ">=", "==", "!=", "<", ">");
      if (op == null && peekWord("in")) {
        op = "in";
      }
      if (op == null) {
        return left;
      }
      at += op.length();
      Node l = left;
      Node r = addition();
      left = switch (op) {
        case "==" -> s -> CelSubset.equality(true, l.eval(s), r.eval(s));
        case "!=" -> s -> CelSubset.equality(false, l.eval(s), r.eval(s));
        case "in" -> s -> CelSubset.in(l.eval(s), r.eval(s));
        default -> {
          String o = op;
          yield s -> CelSubset.compare(o, l.eval(s), r.eval(s));
        }
      };
    }
  }

  private Node addition() {
    Node left = multiplication();
    while (true) {
      String op = peekAny("+", "-");
      if (op == null) {
        return left;
      }
      at++;
      left = arithmetic(op, left, multiplication());
    }
  }

  private Node multiplication() {
    Node left = unary();
    while (true) {
      String op = peekAny("*", "/", "%");
      if (op == null) {
        return left;
      }
      at++;
      left = arithmetic(op, left, unary());
    }
  }

  private static Node arithmetic(String op, Node l, Node r) {
    return s -> CelSubset.arithmetic(op, l.eval(s), r.eval(s));
  }

  /** CEL's unary: {@code !}s or {@code -}s, then a member expression; a minus before a number is the literal's sign. */
  private Node unary() {
    int nots = 0;
    while (peekAny("!=") == null && take("!")) {
      nots++;
    }
    int minuses = 0;
    if (nots == 0) {
      while (take("-")) {
        minuses++;
      }
    }
    Node operand;
    skipSpace();
    if (minuses > 0 && at < text.length() && Character.isDigit(text.charAt(at))) {
      Object literal = negativeLiteral(number());
      minuses--;
      operand = member(s -> literal);
    } else {
      operand = member(primary());
    }
    int n = nots;
    int m = minuses;
    if (n == 0 && m == 0) {
      return operand;
    }
    return s -> {
      Object v = operand.eval(s);
      for (int i = 0; i < n; i++) {
        v = CelSubset.not(v);
      }
      for (int i = 0; i < m; i++) {
        v = CelSubset.negate(v);
      }
      return v;
    };
  }

  private static Object negativeLiteral(Object n) {
    if (n instanceof Long l) {
      return -l;
    }
    return -(Double) n;
  }

  private Node member(Node target) {
    Node n = target;
    while (true) {
      if (take(".")) {
        String name = identifier();
        if (take("(")) {
          n = method(n, name);
        } else {
          Node t = n;
          n = s -> CelSubset.select(t.eval(s), name);
        }
      } else if (take("[")) {
        Node t = n;
        Node key = expression();
        expect("]");
        n = s -> CelSubset.index(t.eval(s), key.eval(s));
      } else {
        return n;
      }
    }
  }

  private Node method(Node target, String name) {
    if (MACROS.contains(name)) {
      String variable = identifier();
      expect(",");
      Node predicate = expression();
      expect(")");
      return s -> CelSubset.comprehension(name, target.eval(s), variable, predicate, s);
    }
    if (name.equals("size")) {
      expect(")");
      return s -> CelSubset.size(target.eval(s));
    }
    if (STRING_TESTS.contains(name)) {
      Node argument = expression();
      expect(")");
      return s -> CelSubset.stringTest(name, target.eval(s), argument.eval(s));
    }
    throw outside("function " + name);
  }

  private Node primary() {
    skipSpace();
    if (at >= text.length()) {
      throw outside("end of text");
    }
    char c = text.charAt(at);
    if (take("(")) {
      Node inner = expression();
      expect(")");
      return inner;
    }
    if (take("[")) {
      List<Node> items = list("]");
      return s -> {
        List<Object> values = new ArrayList<>(items.size());
        for (Node item : items) {
          Object v = item.eval(s);
          if (v instanceof CelSubset.Err) {
            return v;
          }
          values.add(v);
        }
        return values;
      };
    }
    if (take("{")) {
      return mapLiteral();
    }
    if (c == '"' || c == '\'') {
      String literal = string();
      return s -> literal;
    }
    if (Character.isDigit(c) || (c == '.' && at + 1 < text.length() && Character.isDigit(text.charAt(at + 1)))) {
      Object literal = number();
      return s -> literal;
    }
    String name = identifier();
    switch (name) {
      case "true":
        return s -> Boolean.TRUE;
      case "false":
        return s -> Boolean.FALSE;
      case "null":
        throw outside("null");
      default:
        break;
    }
    if (take("(")) {
      return call(name);
    }
    return s -> s.lookup(name);
  }

  private Node call(String name) {
    if (name.equals("has")) {
      return has();
    }
    if (name.equals("size")) {
      Node argument = expression();
      expect(")");
      return s -> CelSubset.size(argument.eval(s));
    }
    throw outside("function " + name);
  }

  /** {@code has(x.f)}: its argument is a member expression whose last step is a field selection, not evaluated. */
  private Node has() {
    Node target = primary();
    String field = null;
    while (true) {
      if (take(".")) {
        String next = identifier();
        if (peekAny("(") != null) {
          throw outside("has() of a call");
        }
        target = pendingSelection(target, field);
        field = next;
      } else if (take("[")) {
        Node t = pendingSelection(target, field);
        field = null;
        Node key = expression();
        expect("]");
        target = s -> CelSubset.index(t.eval(s), key.eval(s));
      } else {
        break;
      }
    }
    if (field == null) {
      throw outside("has() needs a field selection");
    }
    expect(")");
    Node object = target;
    String f = field;
    return s -> CelSubset.has(object.eval(s), f);
  }

  private static Node pendingSelection(Node target, String field) {
    return field == null ? target : s -> CelSubset.select(target.eval(s), field);
  }

  private Node mapLiteral() {
    List<Node> keys = new ArrayList<>();
    List<Node> values = new ArrayList<>();
    if (!take("}")) {
      do {
        if (peekAny("}") != null) {
          break;
        }
        keys.add(expression());
        expect(":");
        values.add(expression());
      } while (take(","));
      expect("}");
    }
    return s -> {
      List<Object> k = new ArrayList<>();
      List<Object> v = new ArrayList<>();
      for (int i = 0; i < keys.size(); i++) {
        k.add(keys.get(i).eval(s));
        v.add(values.get(i).eval(s));
      }
      return CelSubset.mapOf(k, v);
    };
  }

  private List<Node> list(String close) {
    List<Node> items = new ArrayList<>();
    if (take(close)) {
      return items;
    }
    do {
      if (peekAny(close) != null) {
        break;
      }
      items.add(expression());
    } while (take(","));
    expect(close);
    return items;
  }

  // ---- lexing ----

  private Object number() {
    skipSpace();
    int start = at;
    if (text.startsWith("0x", at) || text.startsWith("0X", at)) {
      throw outside("hexadecimal literal");
    }
    while (at < text.length() && Character.isDigit(text.charAt(at))) {
      at++;
    }
    boolean real = false;
    if (at + 1 < text.length() && text.charAt(at) == '.' && Character.isDigit(text.charAt(at + 1))) {
      real = true;
      at++;
      while (at < text.length() && Character.isDigit(text.charAt(at))) {
        at++;
      }
    }
    if (at < text.length() && (text.charAt(at) == 'e' || text.charAt(at) == 'E')) {
      real = true;
      at++;
      if (at < text.length() && (text.charAt(at) == '+' || text.charAt(at) == '-')) {
        at++;
      }
      int digits = at;
      while (at < text.length() && Character.isDigit(text.charAt(at))) {
        at++;
      }
      if (digits == at) {
        throw outside("exponent");
      }
    }
    if (at < text.length() && (Character.isLetter(text.charAt(at)) || text.charAt(at) == '_')) {
      throw outside("number suffix");
    }
    String literal = text.substring(start, at);
    try {
      return real ? (Object) Double.parseDouble(literal) : (Object) Long.parseLong(literal);
    } catch (NumberFormatException e) {
      throw outside("number " + literal);
    }
  }

  private String string() {
    char quote = text.charAt(at);
    if (text.startsWith(String.valueOf(quote).repeat(3), at)) {
      throw outside("triple-quoted string");
    }
    at++;
    StringBuilder b = new StringBuilder();
    while (true) {
      if (at >= text.length()) {
        throw outside("unterminated string");
      }
      char c = text.charAt(at++);
      if (c == quote) {
        return b.toString();
      }
      if (c == '\n' || c == '\r') {
        throw outside("newline in string");
      }
      if (c != '\\') {
        b.append(c);
        continue;
      }
      if (at >= text.length()) {
        throw outside("escape");
      }
      char e = text.charAt(at++);
      switch (e) {
        case '\\', '\'', '"', '`', '?' -> b.append(e);
        case 'n' -> b.append('\n');
        case 't' -> b.append('\t');
        case 'r' -> b.append('\r');
        default -> throw outside("escape \\" + e);
      }
    }
  }

  private String identifier() {
    skipSpace();
    int start = at;
    if (at < text.length() && (Character.isLetter(text.charAt(at)) || text.charAt(at) == '_') && text.charAt(at) < 128) {
      at++;
      while (at < text.length() && text.charAt(at) < 128 && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
        at++;
      }
    }
    String name = text.substring(start, at);
    if (name.isEmpty() || RESERVED.contains(name)) {
      throw outside(name.isEmpty() ? "expected an identifier" : "reserved word " + name);
    }
    skipSpace();
    if (at < text.length() && (text.charAt(at) == '"' || text.charAt(at) == '\'')) {
      throw outside("string prefix " + name);
    }
    return name;
  }

  private boolean take(String token) {
    skipSpace();
    if (text.startsWith(token, at)) {
      at += token.length();
      return true;
    }
    return false;
  }

  private void expect(String token) {
    if (!take(token)) {
      throw outside("expected " + token);
    }
  }

  private String peekAny(String... tokens) {
    skipSpace();
    for (String t : tokens) {
      if (text.startsWith(t, at)) {
        return t;
      }
    }
    return null;
  }

  private boolean peekWord(String word) {
    skipSpace();
    int end = at + word.length();
    return text.startsWith(word, at) && (end >= text.length() || !(Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_'));
  }

  private void skipSpace() {
    while (at < text.length()) {
      char c = text.charAt(at);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
        at++;
      } else if (text.startsWith("//", at)) {
        throw outside("comment");
      } else {
        return;
      }
    }
  }

  private static Outside outside(String what) {
    return new Outside(what);
  }
}
