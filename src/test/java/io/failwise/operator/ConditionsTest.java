package io.failwise.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Condition;
import io.failwise.operator.status.Conditions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionsTest {
  private static final Instant T0 = Instant.parse("2026-03-12T19:45:00Z");
  private static final Instant T1 = Instant.parse("2026-03-12T19:46:00Z");

  @Test
  void lastTransitionTimeMovesOnlyWhenTheStatusChanges() {
    List<Condition> c = Conditions.set(List.of(), "Outage", "False", "DevicesConnected", "All connected.", 1L, T0);
    c = Conditions.set(c, "Outage", "False", "DevicesConnected", "179,000 connected.", 1L, T1);
    assertEquals("2026-03-12T19:45:00Z", c.get(0).getLastTransitionTime(), "a new message is not a transition");
    assertEquals("179,000 connected.", c.get(0).getMessage());

    c = Conditions.set(c, "Outage", "True", "DevicesOffline", "50,000 offline.", 1L, T1);
    assertEquals("2026-03-12T19:46:00Z", c.get(0).getLastTransitionTime());
    assertEquals("DevicesOffline", c.get(0).getReason());
  }

  @Test
  void keepsOtherConditionsSortedByTypeAndStampsTheGeneration() {
    List<Condition> c = Conditions.set(List.of(), "Ready", "True", "SignalRead", "ok", 3L, T0);
    c = Conditions.set(c, "Outage", "False", "DevicesConnected", "ok", 3L, T0);
    c = Conditions.set(c, "Degraded", "False", "DevicesConnected", "ok", 4L, T0);
    assertEquals(List.of("Degraded", "Outage", "Ready"), c.stream().map(Condition::getType).toList());
    assertEquals(4L, c.get(0).getObservedGeneration());
    assertTrue(Conditions.isTrue(c, "Ready"));
  }
}
