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
 * {@code failwise_policy_outage_to_decision_seconds}: how fast an outage gets a decision on record;
 * {@code failwise_policy_estimate_seconds}: what each decision's estimate (and where it turns) cost the
 * controller, which in a regional outage of many clusters it pays once per cluster and re-decision.
 */
@ApplicationScoped
public class PolicyMetrics {
  private final MeterRegistry registry;

  public PolicyMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** The time one decision's estimate and its turns took, in nanoseconds of the machine's own clock. */
  void estimated(long nanos) {
    Timer.builder("failwise_policy_estimate_seconds")
        .description("Time spent estimating one decision: the estimate and where its answer turns")
        .register(registry)
        .record(Duration.ofNanos(nanos));
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
