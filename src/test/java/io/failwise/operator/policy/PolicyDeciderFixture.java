package io.failwise.operator.policy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.failwise.api.Cluster;
import io.failwise.api.DeviceCounts;
import io.failwise.api.FailoverPolicy;
import io.failwise.api.FailoverPolicySpec;
import io.failwise.api.FailoverPolicyStatus;
import io.failwise.api.Fixtures;
import io.failwise.model.policy.ClusterSituation;
import io.failwise.model.policy.PolicyTrigger;
import io.failwise.operator.status.EventRecorder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The decider the policy decision tests share, with a fake run machinery and recorded events, at 21:40 on 12 March. */
abstract class PolicyDeciderFixture {
  /** 21:40 CET on 12 March 2026, 55 minutes into the incident. */
  static final Instant AT = Instant.parse("2026-03-12T20:40:00Z");
  static final Instant ONSET = Instant.parse("2026-03-12T19:45:00Z");

  final List<String> events = new ArrayList<>();
  final FakePolicyRuns runs = new FakePolicyRuns();
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final PolicyDecider decider =
      new PolicyDecider(
          io.failwise.model.estimate.FailoverEstimator.withDefaults(),
          new EventRecorder(null, Clock.systemUTC()) {
            @Override
            public void normal(HasMetadata about, String reason, String message) {
              events.add("Normal " + reason + ": " + message);
            }

            @Override
            public void warning(HasMetadata about, String reason, String message) {
              events.add("Warning " + reason + ": " + message);
            }
          },
          new PolicyMetrics(registry),
          runs,
          Clock.system(java.time.ZoneId.of("CET")));

  static Cluster withStatus(Cluster c, long expected, long connected) {
    c.setStatus(new io.failwise.api.ClusterStatus());
    c.getStatus().devices = new DeviceCounts(expected, connected, expected - connected);
    return c;
  }

  static FailoverPolicy policy(FailoverPolicySpec.Mode mode) {
    FailoverPolicy p = new FailoverPolicy();
    p.setMetadata(new ObjectMetaBuilder().withNamespace("fleet").withName("eu-west").build());
    p.setSpec(new FailoverPolicySpec());
    p.getSpec().mode = mode;
    p.getSpec().playbook = "regional-failover";
    p.getSpec().selector = new FailoverPolicySpec.Selector();
    p.getSpec().selector.clusters = List.of("go-eu-west-1");
    return p;
  }

  FailoverPolicyStatus decide(FailoverPolicy p, long expected, long connected, Instant since) {
    Cluster source = withStatus(Fixtures.cluster("fleet", "go-eu-west-1", "eu-west", expected, connected, "go-eu-north-1"), expected, connected);
    source.getSpec().failover.cutoverSeconds = 1200L;
    Cluster target = withStatus(Fixtures.cluster("fleet", "go-eu-north-1", "eu-north", 90_000, 89_700), 90_000, 89_700);
    target.getSpec().capacity.devices = 300_000L;
    var situation = new ClusterSituation("go-eu-west-1", true, since, expected - connected, true);
    return decider.decide(p, new FailoverPolicyStatus(), source, List.of(source, target), situation, PolicyTrigger.Why.FIRST_DECISION, AT);
  }


  /** The failover run this policy created for the outage, in {@code phase}: what PolicyRuns.ownRun finds. */
  static io.failwise.api.FailoverRun ownFailover(String phase) {
    var run = new io.failwise.api.FailoverRun();
    run.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withNamespace("fleet").withName("eu-west-go-eu-west-1-1773338400-failover").build());
    run.setSpec(new io.failwise.api.FailoverRunSpec());
    run.getSpec().mode = io.failwise.api.FailoverRunSpec.Mode.Failover;
    run.setStatus(new io.failwise.api.FailoverRunStatus());
    run.getStatus().phase = phase;
    return run;
  }
}
