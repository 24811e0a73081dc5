package io.failwise.operator.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/**
 * The FailwiseDecisionRecorded alert is an increase() of failwise_policy_decisions_total: a series that
 * first appears at 1 shows no increase, so the first Executed failover after a restart raised no alert.
 * Every (recommendation, action) series exists at 0 before any decision.
 */
class PolicyMetricsTest {
  @Test
  void everyDecisionSeriesStartsAtZero() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new PolicyMetrics(registry);
    for (String[] series : new String[][] {{"FAILOVER", "Executed"}, {"FAILOVER_AFFECTED", "Staged"}, {"HOLD", "SignalLost"}, {"FAILOVER", "Blocked"}}) {
      var counter = registry.find("failwise_policy_decisions_total").tags("recommendation", series[0], "action", series[1]).counter();
      assertNotNull(counter, String.join("/", series));
      assertEquals(0.0, counter.count());
    }
  }
}
