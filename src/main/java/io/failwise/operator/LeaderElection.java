package io.failwise.operator;

import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.failwise.monitoring.LeaderMetric;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.quarkiverse.operatorsdk.runtime.api.ConfigurationServiceCustomizer;
import jakarta.inject.Singleton;
import java.util.function.Consumer;

/**
 * Turns on leader election when configured, so that two replicas of the Deployment run one active
 * controller: a run's side effects must come from one place only.
 */
@Singleton
public class LeaderElection implements ConfigurationServiceCustomizer {
  private final FailwiseConfig config;
  private final LeaderMetric leader;

  public LeaderElection(FailwiseConfig config, LeaderMetric leader) {
    this.config = config;
    this.leader = leader;
  }

  @Override
  public Consumer<ConfigurationServiceOverrider> overrider() {
    var le = config.leaderElection();
    if (!le.enabled()) {
      leader.leading(true);
      return o -> {};
    }
    // The callbacks only move failwise_controller_leader, for the "no leader" alert.
    LeaderCallbacks callbacks = new LeaderCallbacks(() -> leader.leading(true), () -> leader.leading(false), id -> {});
    return o ->
        o.withLeaderElectionConfiguration(
            LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(le.leaseName())
                .withLeaseNamespace(le.leaseNamespace().orElse(null))
                .withLeaderCallbacks(callbacks)
                .build());
  }
}
