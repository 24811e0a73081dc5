package io.failwise.operator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.failwise.api.Cluster;
import io.failwise.api.FailoverPolicy;
import io.failwise.api.FailoverPolicySpec;
import io.failwise.api.Fixtures;
import io.failwise.model.estimate.DurationPrior;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A run made by hand is estimated with the prior of the policies that watch its source. The approver reads
 * the run's estimate beside those policies' decisions on the same outage: an outside pass saw "median 1 h
 * 56 min" in the run against the policy's "1 h 28 min" (its stated 90 minutes), with nothing saying why.
 */
class WatchersPriorTest {
  private static final Cluster SOURCE = Fixtures.cluster("failwise", "go-eu-west-1", "eu-west", 180_000, 120_000);

  private static FailoverPolicy policy(String name, List<String> clusters, Double median, Double p90) {
    FailoverPolicy p = new FailoverPolicy();
    p.setMetadata(new ObjectMetaBuilder().withNamespace("failwise").withName(name).build());
    FailoverPolicySpec spec = new FailoverPolicySpec();
    spec.selector = new FailoverPolicySpec.Selector();
    spec.selector.clusters = clusters;
    if (median != null) {
      spec.durationPrior = new FailoverPolicySpec.DurationPriorSpec();
      spec.durationPrior.medianMinutes = median;
      spec.durationPrior.p90Minutes = p90;
    }
    p.setSpec(spec);
    return p;
  }

  @Test
  void thePriorOfThePolicyWatchingTheSourceIsTheRunsToo() {
    DurationPrior p = KubernetesRunWorld.watchersPrior(SOURCE, List.of(policy("eu-shadow", List.of("go-eu-west-1"), 90.0, 360.0),
        policy("elsewhere", List.of("go-eu-north-1"), 600.0, 2000.0)));
    assertEquals(90.0, p.medianMinutes());
    assertEquals(360.0, p.p90Minutes());
  }

  @Test
  void policiesThatAgreeAreOnePriorAndPoliciesThatDisagreeOrNoneLeaveTheDefault() {
    assertEquals(90.0, KubernetesRunWorld.watchersPrior(SOURCE, List.of(policy("a", List.of("go-eu-west-1"), 90.0, 360.0),
        policy("b", List.of("go-eu-west-1"), 90.0, 360.0))).medianMinutes());
    assertEquals(DurationPrior.DEFAULT, KubernetesRunWorld.watchersPrior(SOURCE, List.of(policy("a", List.of("go-eu-west-1"), 90.0, 360.0),
        policy("b", List.of("go-eu-west-1"), 600.0, 2000.0))), "which one would the approver compare with?");
    assertEquals(DurationPrior.DEFAULT, KubernetesRunWorld.watchersPrior(SOURCE, List.of()));
    assertEquals(DurationPrior.DEFAULT, KubernetesRunWorld.watchersPrior(SOURCE, List.of(policy("quiet", List.of("go-eu-west-1"), null, null))),
        "a policy that states none decides with the default");
  }
}
