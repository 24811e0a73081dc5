package io.failwise.operator;

import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
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

  public LeaderElection(FailwiseConfig config) {
    this.config = config;
  }

  @Override
  public Consumer<ConfigurationServiceOverrider> overrider() {
    var le = config.leaderElection();
    if (!le.enabled()) {
      return o -> {};
    }
    return o ->
        o.withLeaderElectionConfiguration(
            new LeaderElectionConfiguration(le.leaseName(), le.leaseNamespace().orElse(null)));
  }
}
