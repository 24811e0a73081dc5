package io.failwise.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Aggregation takes the worse of two healths; the order is Healthy < Unknown < Degraded < Outage. */
class HealthTest {
  @Test
  void theWorseOfTwoIsTheLaterInTheOrderWhicheverAsks() {
    Health[] order = {Health.HEALTHY, Health.UNKNOWN, Health.DEGRADED, Health.OUTAGE};
    for (int i = 0; i < order.length; i++) {
      for (int j = 0; j < order.length; j++) {
        Health expected = order[Math.max(i, j)];
        assertEquals(expected, order[i].worst(order[j]), order[i] + " worst " + order[j]);
      }
    }
  }

  @Test
  void statusNamesAreCamelCase() {
    assertEquals("Healthy", Health.HEALTHY.displayName());
    assertEquals("Unknown", Health.UNKNOWN.displayName());
    assertEquals("Degraded", Health.DEGRADED.displayName());
    assertEquals("Outage", Health.OUTAGE.displayName());
  }
}
