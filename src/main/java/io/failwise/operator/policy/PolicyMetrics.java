package io.failwise.operator.policy;

import io.failwise.api.FailoverPolicyStatus.Decision;
import io.failwise.model.policy.ClusterSituation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code failwise_policy_decisions_total{recommendation,action}} and
 * {@code failwise_policy_outage_to_decision_seconds}: how fast an outage gets a decision on record.
 */
@ApplicationScoped
public class PolicyMetrics {
  private final MeterRegistry registry;

  public PolicyMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void decided(Decision d, ClusterSituation situation, Instant now, boolean firstForOutage) {
    Counter.builder("failwise_policy_decisions_total")
        .description("Decisions recorded by failover policies")
        .tag("recommendation", d.recommendation == null ? "NONE" : d.recommendation)
        .tag("action", d.action)
        .register(registry)
        .increment();
    if (firstForOutage && situation != null && situation.outageSince() != null) {
      Timer.builder("failwise_policy_outage_to_decision_seconds")
          .description("From the estimated outage onset to the policy's first decision on it")
          .register(registry)
          .record(Duration.between(situation.outageSince(), now));
    }
  }
}
