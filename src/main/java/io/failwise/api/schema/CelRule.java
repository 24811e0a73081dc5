package io.failwise.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.HashMap;
import java.util.Map;

/**
 * One {@code x-kubernetes-validations} rule. {@code self} is the value at the rule's place; a rule
 * that names {@code oldSelf} is a transition rule, checked only on an update that has an old value
 * there, as kube-apiserver does.
 *
 * <p>A rule written in {@link CelSubset}'s part of CEL (every rule of the packaged CRDs) is evaluated
 * by that evaluator; any other rule, or a value it does not model, by {@code dev.cel}. Building the
 * CEL environment loads some 1,400 classes, over half a second of an offline command: such a command
 * never builds it for the packaged CRDs. {@link #compile()} compiles the rule with {@code dev.cel} up
 * front all the same where a CRD is installed (the embedded API server refuses a CRD whose rule does
 * not compile, as kube-apiserver does).
 */
final class CelRule {
  /** What a rule evaluated to: passed, failed, or could not be evaluated (and why). */
  record Outcome(boolean passed, String error) {}

  private final String expression;
  private final String message;
  private final String fieldPath;
  private final FieldError.Type type;
  private final boolean transition;
  private final String where;
  private final CelSubset.Program subset;
  private volatile CelRuntime.Program program;

  private CelRule(JsonNode v, String where) {
    this.expression = v.path("rule").asText("");
    String m = v.path("message").asText("");
    this.message = m.isEmpty() ? "failed rule: " + expression : m;
    this.fieldPath = v.path("fieldPath").asText("");
    this.type = FieldError.Type.ofReason(v.path("reason").asText(""));
    this.transition = expression.contains("oldSelf");
    this.where = where;
    this.subset = CelSubset.parse(expression);
  }

  /** The rule as the CRD states it at {@code where}, not compiled yet. */
  static CelRule of(JsonNode v, String where) {
    return new CelRule(v, where);
  }

  String expression() {
    return expression;
  }

  String message() {
    return message;
  }

  String fieldPath() {
    return fieldPath;
  }

  FieldError.Type type() {
    return type;
  }

  boolean transition() {
    return transition;
  }

  /** Whether {@link CelSubset} evaluates this rule (for values it models), so that CEL is never built for it. */
  boolean inSubset() {
    return subset != null;
  }

  /** Makes the rule ready to evaluate: a rule outside the subset is compiled with CEL now. */
  void prepare() {
    if (subset == null) {
      compile();
    }
  }

  /**
   * Compiles the rule now, if it is not yet.
   *
   * @throws IllegalArgumentException naming the schema path when the rule does not compile
   */
  CelRuntime.Program compile() {
    CelRuntime.Program p = program;
    return p != null ? p : compileOnce();
  }

  /** One thread compiles; another that needs the rule meanwhile waits for it rather than compiling it again. */
  private synchronized CelRuntime.Program compileOnce() {
    CelRuntime.Program p = program;
    if (p == null) {
      try {
        CelAbstractSyntaxTree ast = Environment.COMPILER.compile(expression).getAst();
        p = Environment.RUNTIME.createProgram(ast);
      } catch (CelValidationException e) {
        throw new IllegalArgumentException(where + ": x-kubernetes-validations rule '" + expression + "' does not compile: " + e.getMessage());
      } catch (CelEvaluationException e) {
        throw new IllegalArgumentException(where + ": x-kubernetes-validations rule '" + expression + "' cannot run: " + e.getMessage());
      }
      program = p;
    }
    return p;
  }

  Outcome evaluate(Object self, Object oldSelf) {
    Map<String, Object> vars = new HashMap<>();
    vars.put("self", self);
    if (transition) {
      vars.put("oldSelf", oldSelf);
    }
    if (subset != null) {
      try {
        Object result = subset.eval(vars);
        return result instanceof CelSubset.Err e ? failed("evaluation error: " + e.message()) : new Outcome(Boolean.TRUE.equals(result), null);
      } catch (CelSubset.Outside e) {
        // a value the subset does not model (a null): CEL decides
      } catch (RuntimeException e) {
        // a fault in the subset: CEL decides, so the answer stays right, and the fault is said once per rule
        reportFault(e);
      }
    }
    try {
      Object result = compile().eval(vars);
      return new Outcome(Boolean.TRUE.equals(result), null);
    } catch (CelEvaluationException | RuntimeException e) {
      return failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replaceAll("\\s+", " "));
    }
  }

  private volatile boolean faultReported;

  private void reportFault(RuntimeException e) {
    if (!faultReported) {
      faultReported = true;
      System.getLogger(CelRule.class.getName())
          .log(
              System.Logger.Level.WARNING,
              where + ": the CEL subset evaluator failed on rule '" + expression + "' (" + e
                  + "); dev.cel evaluates it instead. Please report this: CelSubsetTest should have caught it.");
    }
  }

  private Outcome failed(String why) {
    return new Outcome(false, why + " evaluating rule: " + expression);
  }

  /** The CEL environment every rule compiles in, built on first use (holder idiom); both parts are thread-safe. */
  private static final class Environment {
    static final CelCompiler COMPILER =
        CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("self", SimpleType.DYN)
            .addVar("oldSelf", SimpleType.DYN)
            .build();
    static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();
  }
}
