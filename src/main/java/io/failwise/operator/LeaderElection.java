package io.failwise.operator;

import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.failwise.monitoring.LeaderMetric;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;

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
    checkTimings(le.leaseDuration(), le.renewDeadline(), le.retryPeriod());
    String identity = identity(System.getenv("HOSTNAME"), ProcessHandle.current().pid());
    return configuration(le.leaseName(), le.leaseNamespace().orElse(null), identity, le.leaseDuration(), le.renewDeadline(), le.retryPeriod(),
        callbacks);
  }

  /**
   * The Lease to hold, and the process exits when it stops leading. JOSDK's builder leaves a replica that
   * lost its Lease (a renewal refused, the API server out of reach past the renew deadline) running its
   * reconcilers: with another replica leading meanwhile, two run engines would act on one run. Exiting is
   * what client-go's controllers do: the pod restarts and stands by.
   */
  static LeaderElectionConfiguration configuration(
      String leaseName, String leaseNamespace, String identity, Duration lease, Duration renew, Duration retry, LeaderCallbacks callbacks) {
    return new LeaderElectionConfiguration(leaseName, leaseNamespace, lease, renew, retry, identity, callbacks, true);
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
