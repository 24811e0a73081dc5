package io.failwise.operator;

import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.failwise.monitoring.LeaderMetric;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Turns on leader election when configured, so that two replicas of the Deployment run one active
 * controller: a run's side effects must come from one place only.
 *
 * <p>This is a {@link LeaderElectionConfiguration} bean, not a quarkus-operator-sdk
 * ConfigurationServiceCustomizer: with a customizer, quarkus-operator-sdk 7.7 hands JOSDK a
 * configuration whose {@code getKubernetesClient()} builds a new default client on every call,
 * without the application's ObjectMapper customizers (so without the tolerant reading of malformed
 * objects, see {@code io.failwise.operator.watch}). {@code
 * quarkus.operator-sdk.activate-leader-election-for-profiles} lets every profile consult this bean.
 */
@Singleton
public class LeaderElection {
  private final FailwiseConfig config;
  private final LeaderMetric leader;

  public LeaderElection(FailwiseConfig config, LeaderMetric leader) {
    this.config = config;
    this.leader = leader;
  }

  /** The lease to hold, or null (no leader election: this process always leads). */
  @Produces
  @Dependent
  LeaderElectionConfiguration leaderElection() {
    var le = config.leaderElection();
    if (!le.enabled()) {
      leader.leading(true);
      return null;
    }
    // The callbacks only move failwise_controller_leader, for the "no leader" alert.
    LeaderCallbacks callbacks = new LeaderCallbacks(() -> leader.leading(true), () -> leader.leading(false), id -> {});
    return LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(le.leaseName())
        .withLeaseNamespace(le.leaseNamespace().orElse(null))
        .withLeaderCallbacks(callbacks)
        .build();
  }
}
