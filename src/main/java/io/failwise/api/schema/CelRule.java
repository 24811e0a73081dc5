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
 * One {@code x-kubernetes-validations} rule, compiled once. {@code self} is the value at the rule's
 * place; a rule that names {@code oldSelf} is a transition rule, checked only on an update that has an
 * old value there, as kube-apiserver does.
 */
record CelRule(String expression, String message, String fieldPath, FieldError.Type type, boolean transition, CelRuntime.Program program) {

  /** What a rule evaluated to: passed, failed, or could not be evaluated (and why). */
  record Outcome(boolean passed, String error) {}

  Outcome evaluate(Object self, Object oldSelf) {
    Map<String, Object> vars = new HashMap<>();
    vars.put("self", self);
    if (transition) {
      vars.put("oldSelf", oldSelf);
    }
    try {
      Object result = program.eval(vars);
      return new Outcome(Boolean.TRUE.equals(result), null);
    } catch (CelEvaluationException | RuntimeException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replaceAll("\\s+", " ");
      return new Outcome(false, why + " evaluating rule: " + expression);
    }
  }

  /** Compiles the rules of one CRD; the CEL environment is shared. */
  static final class Compiler {
    private final CelCompiler compiler =
        CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("self", SimpleType.DYN)
            .addVar("oldSelf", SimpleType.DYN)
            .build();
    private final CelRuntime runtime = CelRuntimeFactory.standardCelRuntimeBuilder().build();

    CelRule compile(JsonNode v, String where) {
      String expression = v.path("rule").asText("");
      try {
        CelAbstractSyntaxTree ast = compiler.compile(expression).getAst();
        String message = v.path("message").asText("");
        return new CelRule(
            expression,
            message.isEmpty() ? "failed rule: " + expression : message,
            v.path("fieldPath").asText(""),
            FieldError.Type.ofReason(v.path("reason").asText("")),
            expression.contains("oldSelf"),
            runtime.createProgram(ast));
      } catch (CelValidationException e) {
        throw new IllegalArgumentException(where + ": x-kubernetes-validations rule '" + expression + "' does not compile: " + e.getMessage());
      } catch (CelEvaluationException e) {
        throw new IllegalArgumentException(where + ": x-kubernetes-validations rule '" + expression + "' cannot run: " + e.getMessage());
      }
    }
  }
}
