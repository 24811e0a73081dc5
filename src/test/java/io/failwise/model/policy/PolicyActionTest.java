package io.failwise.model.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.failwise.model.policy.PolicyAction.Mode;
import java.util.Optional;
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
  })
  void actsOnlyAsFarAsTheModeAndTheGuardsAllow(Mode mode, boolean failover, Guard guard, PolicyAction action, Guard blockedBy) {
    var choice = PolicyAction.choose(mode, failover, Optional.ofNullable(guard));
    assertEquals(action, choice.action());
    assertEquals(Optional.ofNullable(blockedBy), choice.blockedBy());
  }
}
