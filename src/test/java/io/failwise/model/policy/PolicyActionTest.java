package io.failwise.model.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.model.policy.PolicyAction.Mode;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyActionTest {
  @ParameterizedTest(name = "{0}, failover recommended={1}, guard={2} -> {3}")
  @CsvSource({
    "SHADOW, true,  ,            RECORDED,",
    "SHADOW, true,  HALT,        RECORDED,",
    "STAGE,  false, ,            RECORDED,",
    "STAGE,  true,  ,            STAGED,",
    "STAGE,  true,  HALT,        BLOCKED, HALT",
    "AUTO,   false, ,            RECORDED,",
    "AUTO,   false, BUDGET,      RECORDED,",
    "AUTO,   true,  ,            EXECUTED,",
    "AUTO,   true,  BUDGET,      BLOCKED, BUDGET",
    "AUTO,   true,  COOLDOWN,    BLOCKED, COOLDOWN",
    "AUTO,   true,  FREEZE_WINDOW, BLOCKED, FREEZE_WINDOW",
    "STAGE,  true,  RUN_IN_PROGRESS, BLOCKED, RUN_IN_PROGRESS",
  })
  void actsOnlyAsFarAsTheModeAndTheGuardsAllow(Mode mode, boolean failover, Guard guard, PolicyAction action, Guard blockedBy) {
    var choice = PolicyAction.choose(mode, failover, Optional.ofNullable(guard));
    assertEquals(action, choice.action());
    assertEquals(Optional.ofNullable(blockedBy), choice.blockedBy());
  }

  @Test
  void actionsAndGuardsReadAsCamelCaseReasonsAndPlainClauses() {
    assertEquals("Recorded Staged Executed Blocked Silenced SignalLost Recovered", names(PolicyAction.values()));
    StringBuilder reasons = new StringBuilder();
    for (Guard g : Guard.values()) {
      reasons.append(g.reason()).append(' ');
      assertTrue(g.sentence().matches("[a-z][A-Za-z ()]+"), g + ": " + g.sentence());
    }
    assertEquals("InvalidPolicy Halt FreezeWindow Budget Cooldown RunInProgress RunAwaitsResolve RunEnded", reasons.toString().trim());
    assertEquals("the global halt is set", Guard.HALT.sentence());
    assertEquals("another run on this cluster is in progress", Guard.RUN_IN_PROGRESS.sentence());
  }

  private static String names(PolicyAction[] actions) {
    StringBuilder s = new StringBuilder();
    for (PolicyAction a : actions) {
      s.append(a.displayName()).append(' ');
    }
    return s.toString().trim();
  }
}
