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
    // failwise_controller_leader for the "no leader" alert; and a lost Lease ends the process.
    LeaderCallbacks callbacks = callbacks(leader, () -> exitAside(() -> System.exit(1)));
    checkTimings(le.leaseDuration(), le.renewDeadline(), le.retryPeriod());
    String identity = identity(System.getenv("HOSTNAME"), ProcessHandle.current().pid());
    return configuration(le.leaseName(), le.leaseNamespace().orElse(null), identity, le.leaseDuration(), le.renewDeadline(), le.retryPeriod(),
        callbacks);
  }

  /**
   * The Lease to hold. JOSDK's own exit on a lost Lease is off: its builder leaves it off anyway (so a
   * replica that lost its Lease went on reconciling beside the new leader, two run engines on one run), and
   * turned on, JOSDK 5.3 calls System.exit from the thread that stops the operator, which on a pod's
   * SIGTERM is a shutdown hook: the JVM then hangs until it is killed (JOSDK issues 1614 and 3376). The
   * callbacks end the process instead ({@link #callbacks}).
   */
  static LeaderElectionConfiguration configuration(
      String leaseName, String leaseNamespace, String identity, Duration lease, Duration renew, Duration retry, LeaderCallbacks callbacks) {
    return new LeaderElectionConfiguration(leaseName, leaseNamespace, lease, renew, retry, identity, callbacks, false);
  }

  /**
   * The metric follows the Lease; losing it ({@code lostLease}) ends the process, as client-go's
   * controllers do: the pod restarts and stands by while the new leader acts alone. On a deliberate stop
   * the callback comes too, from the stopping thread: {@link #exitAside} keeps that from blocking it.
   */
  static LeaderCallbacks callbacks(LeaderMetric leader, Runnable lostLease) {
    return new LeaderCallbacks(() -> leader.leading(true), () -> {
      leader.leading(false);
      lostLease.run();
    }, id -> {});
  }

  /**
   * Runs {@code exit} on a thread of its own: System.exit waits for the shutdown hooks, and when the JVM is
   * already shutting down (the callback came from the hook that stops the operator) it waits for ever; on
   * its own daemon thread that wait holds nobody up, and the shutdown under way finishes.
   */
  static void exitAside(Runnable exit) {
    Thread t = new Thread(exit, "failwise-lost-lease");
    t.setDaemon(true);
    t.start();
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
