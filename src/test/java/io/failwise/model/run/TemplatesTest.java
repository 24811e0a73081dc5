package io.failwise.model.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplatesTest {
  @Test
  void rendersEachVariableWithItsValueAndLeavesTheRestAlone() {
    assertEquals("go-eu-west-1.percent=10 ($1 \\ literal)",
        Templates.render("{{source}}.percent={{ targetPercent }} ($1 \\ literal)", Map.of("source", "go-eu-west-1", "targetPercent", "10")));
    assertEquals("a value with $1 and \\", Templates.render("{{target}}", Map.of("target", "a value with $1 and \\")));
    assertEquals("no templates", Templates.render("no templates", Map.of()));
    assertNull(Templates.render(null, Map.of()));
  }

  @Test
  void aVariableWithoutAValueIsAnErrorNamingIt() {
    var e = assertThrows(IllegalArgumentException.class, () -> Templates.render("{{source}}/{{wave}}", Map.of("source", "a")));
    assertEquals("template variable {{wave}} has no value here", e.getMessage());
  }

  @Test
  void unknownVariablesAreListedOnceInOrderAndKnownOnesNever() {
    assertEquals(List.of("sorce", "tagret"), Templates.unknownVariables("{{sorce}} {{target}} {{tagret}} {{sorce}} {{ idempotencyKey }}"));
    assertEquals(List.of(), Templates.unknownVariables(String.join(" ", Templates.VARIABLES.stream().map(v -> "{{" + v + "}}").toList())));
    assertEquals(List.of(), Templates.unknownVariables(null));
    assertEquals(List.of(), Templates.unknownVariables("{{ not a variable }} {{9lives}}"));
  }
}
