package io.failwise.operator;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Every setting of the Failwise controller, under the prefix {@code failwise}. */
@ConfigMapping(prefix = "failwise")
public interface FailwiseConfig {

  /** How often each Cluster's signals are read again, even when nothing changed in the API server. */
  @WithDefault("15s")
  Duration pollInterval();

  /**
   * While nothing else changes, status.lastSignalTime is rewritten at most this often, so a steady
   * cluster does not cost an API write every poll.
   */
  @WithDefault("60s")
  Duration statusRefreshInterval();

  /** Leader election among replicas (on in the Deployment, off for a single local process). */
  LeaderElectionSettings leaderElection();

  /** Level thresholds for single readings (static signals). */
  Health health();

  /** Level thresholds on the share of expected devices offline. */
  interface Health {
    /** Share offline from which a cluster is Degraded. */
    @WithDefault("0.02")
    double degradedOfflineRatio();

    /** Share offline from which a cluster is in an Outage. */
    @WithDefault("0.10")
    double outageOfflineRatio();

    /** Fewer offline devices than this is normal churn, whatever the share. */
    @WithDefault("100")
    long minimumOfflineDevices();
  }

  /** One active controller among replicas, chosen through a coordination.k8s.io Lease. */
  interface LeaderElectionSettings {
    @WithDefault("false")
    boolean enabled();

    @WithDefault("failwise-controller")
    String leaseName();

    /** Namespace of the Lease; the client's namespace when absent. */
    java.util.Optional<String> leaseNamespace();
  }

  /** Assumptions of the failover estimator that no resource states (docs/estimator.md). */
  Estimator estimator();

  /** The estimator's assumptions. */
  interface Estimator {
    /** Share of the time a device in an intermittent outage is offline (no public figure: one half). */
    @WithDefault("0.5")
    double intermittentOfflineShare();

    /** The soonest an estimate asks to be re-evaluated. */
    @WithDefault("5m")
    Duration reevaluateMin();

    /** The latest an estimate asks to be re-evaluated, unless the answer would flip by itself sooner. */
    @WithDefault("15m")
    Duration reevaluateMax();
  }
}
