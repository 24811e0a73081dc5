package io.failwise.operator;

import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.failwise.monitoring.LeaderMetric;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.quarkiverse.operatorsdk.runtime.api.ConfigurationServiceCustomizer;
import jakarta.inject.Singleton;
import java.time.Duration;
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
    checkTimings(le.leaseDuration(), le.renewDeadline(), le.retryPeriod());
    String identity = identity(System.getenv("HOSTNAME"), ProcessHandle.current().pid());
    return o ->
        o.withLeaderElectionConfiguration(
            LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(le.leaseName())
                .withLeaseNamespace(le.leaseNamespace().orElse(null))
                .withIdentity(identity)
                .withLeaseDuration(le.leaseDuration())
                .withRenewDeadline(le.renewDeadline())
                .withRetryPeriod(le.retryPeriod())
                .withLeaderCallbacks(callbacks)
                .build());
  }

  /**
   * The pod name (HOSTNAME) and the process id: two controllers on one host (a workstation, a test)
   * share HOSTNAME, and with the same identity each would take the other's Lease as its own.
   */
  static String identity(String hostname, long pid) {
    String host = hostname == null || hostname.isBlank() ? "failwise" : hostname.trim();
    return host + "-" + pid;
  }

  /** The Lease protocol needs retry < renew deadline < lease duration; anything else never settles on one leader. */
  static void checkTimings(Duration lease, Duration renew, Duration retry) {
    if (retry.isNegative() || retry.isZero() || !(retry.compareTo(renew) < 0) || !(renew.compareTo(lease) < 0)) {
      throw new IllegalArgumentException(
          "failwise.leader-election: retry-period (" + retry + ") must be above 0 and below renew-deadline (" + renew
              + "), which must be below lease-duration (" + lease + ")");
    }
  }
}
