package io.failwise.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A test that needs a tool falls back or skips without it, except where the run requires the tool (CI). */
class ToolsTest {
  private static final String MISSING = "failwise-no-such-tool";

  @Test
  void aMissingToolIsMissingUnlessTheRunRequiresIt() {
    assertFalse(Tools.has(MISSING, null));
    assertFalse(Tools.has(MISSING, "kubectl,promtool"));
    AssertionError e = assertThrows(AssertionError.class, () -> Tools.has(MISSING, "kubectl, " + MISSING));
    assertTrue(e.getMessage().contains(MISSING + " is not installed, and FAILWISE_TESTS_REQUIRE requires it"), e.getMessage());
  }

  @Test
  void anInstalledToolIsFoundWhetherRequiredOrNot() {
    assertTrue(Tools.has("sh", null));
    assertTrue(Tools.has("sh", "sh"));
  }

  @Test
  void theListIsCommaSeparated() {
    assertEquals(List.of("kubectl", "promtool"), Tools.required(" kubectl,,promtool "));
    assertEquals(List.of(), Tools.required(null));
  }
}
