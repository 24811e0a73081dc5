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
@io.quarkus.runtime.Startup
public class PolicyMetrics {
  private final MeterRegistry registry;

  /**
   * Every (recommendation, action) series exists at 0 from the start: a counter first registered by its
   * first decision appears at 1, and {@code increase()} (the FailwiseDecisionRecorded alert) sees no
   * increase in a series that starts at its first point, so the first Executed failover after a restart
   * raised no alert. Created at startup, not at the first decision, for the same reason.
   */
  public PolicyMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (io.failwise.model.estimate.Recommendation r : io.failwise.model.estimate.Recommendation.values()) {
      for (io.failwise.model.policy.PolicyAction a : io.failwise.model.policy.PolicyAction.values()) {
        decisions(r.name(), a.displayName());
      }
    }
  }

  private Counter decisions(String recommendation, String action) {
    return Counter.builder("failwise_policy_decisions_total")
        .description("Decisions recorded by failover policies")
        .tag("recommendation", recommendation)
        .tag("action", action)
        .register(registry);
  }

  /** The time one decision's estimate and its turns took, in nanoseconds of the machine's own clock. */
  void estimated(long nanos) {
    Timer.builder("failwise_policy_estimate_seconds")
        .description("Time spent estimating one decision: the estimate and where its answer turns")
        .register(registry)
        .record(Duration.ofNanos(nanos));
  }

  void decided(Decision d, ClusterSituation situation, Instant now, boolean firstForOutage) {
    decisions(d.recommendation == null ? "NONE" : d.recommendation, d.action).increment();
    if (firstForOutage && situation != null && situation.outageSince() != null) {
      Timer.builder("failwise_policy_outage_to_decision_seconds")
          .description("From the estimated outage onset to the policy's first decision on it")
          .register(registry)
          .record(Duration.between(situation.outageSince(), now));
    }
  }
}
