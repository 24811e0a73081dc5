package io.failwise.operator;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

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

  /** Failover runs: pacing, the global halt, the daily budget and freeze windows. */
  Runs runs();

  /** Settings of FailoverRun execution. */
  interface Runs {
    /** Namespace of the global halt switch, the ConfigMap {@code failwise-halt}. */
    @WithDefault("failwise")
    String controlNamespace();

    /**
     * Longest a running run waits before it looks again at its clock, signals, halt and stop
     * conditions; approvals and aborts wake it at once.
     */
    @WithDefault("5s")
    Duration tickInterval();

    /**
     * Share of a cluster's admission rate a run may use for the devices it moves: the cluster's own
     * devices keep reconnecting meanwhile.
     */
    @WithDefault("0.8")
    double admissionShare();

    /** Attempts at undoing one step before the run is Failed and needs a person. */
    @WithDefault("5")
    int undoAttempts();

    /** First wait between webhook attempts; it doubles each attempt, with 20% jitter. */
    @WithDefault("1s")
    Duration webhookBackoff();

    /** Failovers and failbacks per source cluster in any 24 hours. */
    Budget budget();

    /** Times when runs that move devices do not start. */
    Freeze freeze();

    /** Azure IoT Hub allows 2 failovers and 2 failbacks a day per hub (docs/runs.md cites the source). */
    interface Budget {
      @WithDefault("2")
      int failoversPerDay();

      @WithDefault("2")
      int failbacksPerDay();
    }

    /** Freeze windows: RFC 3339 START/END or weekly UTC like FRI 16:00/MON 08:00, optionally NAME=... */
    interface Freeze {
      Optional<List<String>> windows();

      /** Modes a freeze window blocks: Drill, Failover. */
      @WithDefault("Drill,Failover")
      List<String> modes();
    }
  }
}
