package io.failwise.operator;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Every setting of the Failwise controller, under the prefix {@code failwise}. */
@ConfigMapping(prefix = "failwise")
public interface FailwiseConfig {

  /** Time zone of the times in explanations and reports people read (status fields stay in UTC). */
  @WithDefault("UTC")
  java.time.ZoneId timeZone();

  /** How often each Cluster's polled signals (Prometheus observers, a simulator) are read again, off the reconcile threads. */
  @WithDefault("15s")
  Duration pollInterval();

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

    /** How long a Lease not renewed stays held: a killed leader's standby takes over within about this. */
    @WithDefault("15s")
    Duration leaseDuration();

    /** How long the leader keeps trying to renew before it gives up leading (and exits). */
    @WithDefault("10s")
    Duration renewDeadline();

    /** How often a standby tries to acquire the Lease, and the leader to renew it. */
    @WithDefault("2s")
    Duration retryPeriod();
  }

  /** Assumptions of the failover estimator that no resource states (docs/estimator.md). */
  Estimator estimator();

  /** The estimator's assumptions. */
  interface Estimator {
    /**
     * Highest share of a target's capacity it may use once devices have moved: room is capacity times this,
     * minus the target's connected and its own offline devices. A playbook's precheck maxTargetUtilization
     * overrides it for that playbook's plan.
     */
    @WithDefault("0.9")
    double maxTargetUtilization();

    /**
     * The soonest an estimate asks to be re-evaluated, unless its own flip or a rise's wait step comes
     * sooner; the soonest a policy re-decides on schedule after a decision in any case.
     */
    @WithDefault("5m")
    Duration reevaluateMin();

    /**
     * The latest an estimate asks to be re-evaluated, unless the answer would flip by itself sooner; also the
     * step of the sequential decision (holding now means deciding again at the latest this much later).
     */
    @WithDefault("15m")
    Duration reevaluateMax();

    /** How the outage-duration prior learns from the Clusters' ended outages (status.pastOutages). */
    PastOutageLearning pastOutages();
  }

  /**
   * The duration prior (a FailoverPolicy's spec.durationPrior, else median 2 h, p90 8 h) fitted to the
   * outages the Clusters of the namespace recorded as ended: published incidents are the long ones, and
   * the fleet's own detection also sees the short ones (docs/estimator.md).
   */
  interface PastOutageLearning {
    /** Whether every estimate (policy decisions, run estimates, the console's chart) uses the learned prior. */
    @WithDefault("true")
    boolean learn();

    /** The newest past outages (by their end) the prior learns from, across the namespace; 0 or more, 0 for none. */
    @WithDefault("200")
    int max();
  }

  /** Prometheus observers and the offline detector. */
  Signals signals();

  /** How observers are read and their series judged. See docs/detection.md. */
  interface Signals {
    /** Resolution of the device series: observers are read, and the detector steps, this often. */
    @WithDefault("15s")
    Duration pollInterval();

    /** Time limit of one Prometheus query, unless the observer sets timeoutSeconds. */
    @WithDefault("2s")
    Duration timeout();

    /** Tries per query (the first included) while the server is unreachable or overloaded. */
    @WithDefault("3")
    int maxAttempts();

    /** Wait before the second try; doubled before each further one. */
    @WithDefault("200ms")
    Duration retryBackoff();

    /** Failed tries in a row after which a server is left alone for circuitOpenFor. */
    @WithDefault("3")
    int circuitFailures();

    /** How long a failing server is left alone before one trial query. */
    @WithDefault("30s")
    Duration circuitOpenFor();

    /** A series whose newest point is older than this is Stale, not read as healthy. */
    @WithDefault("60s")
    Duration staleAfter();

    /**
     * History read when a detector starts (controller start, new cluster, changed query): a day and
     * a bit, so the daily profile is known at once.
     */
    @WithDefault("26h")
    Duration history();

    /** The detector's settings. */
    Detection detection();
  }

  /** Settings of the offline detector (io.failwise.model.detect.DetectorSettings). */
  interface Detection {
    /** How fast the baseline follows the daily rhythm. */
    @WithDefault("10m")
    Duration baselineHalfLife();

    /** Samples a new detector learns from before it judges. */
    @WithDefault("5m")
    Duration warmUp();

    /** CUSUM allowance k, in noise units per step. */
    @WithDefault("1.0")
    double allowanceSigmas();

    /** CUSUM decision level h, in noise units. */
    @WithDefault("8.0")
    double alarmSigmas();

    /** Most one step adds to the CUSUM, in noise units: one glitch is never enough. */
    @WithDefault("6.0")
    double maxStepSigmas();

    /** Share of the cluster offline above the baseline from which a change point is Degraded. */
    @WithDefault("0.005")
    double degradedExcessRatio();

    /** The Degraded floor in devices. */
    @WithDefault("200")
    long minimumDegradedDevices();

    /** Share of the cluster offline above the baseline from which a change point is an Outage. */
    @WithDefault("0.02")
    double outageExcessRatio();

    /** The Outage floor in devices. */
    @WithDefault("1000")
    long minimumOutageDevices();

    /** Recovered means below this fraction of the floor ... */
    @WithDefault("0.5")
    double recoveryRatio();

    /** ... for this long. */
    @WithDefault("5m")
    Duration recoveryHold();

    /** A Degraded loss that neither grows nor heals for this long becomes the new normal. */
    @WithDefault("24h")
    Duration degradedAcceptAfter();

    /** Consecutive samples an excess must hold before Degraded or Outage: a shorter glitch never counts. */
    @WithDefault("3")
    int confirmSamples();
  }

  /** Failover runs: pacing, the global halt, the daily budget and freeze windows. */
  Runs runs();

  /** Settings of FailoverRun execution. */
  interface Runs {
    /**
     * The controller's own namespace: the global halt ({@code failwise-halt}) and the source ledgers
     * live here, away from the objects playbooks change.
     */
    @WithDefault("failwise-system")
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

    /**
     * How long a device that left a cluster, or never reached it, is still counted as it was: until its
     * keep-alive expires (1.5 keep-alives, 345 s at the Azure IoT SDK's default of 230 s). A failback's first
     * and last waves are watched that long, and after a run that moved devices into or out of a cluster
     * ends, another run takes that cluster only this long after the run's last move: the next run's
     * baseline would count the departed devices.
     */
    @WithDefault("6m")
    Duration settle();

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

  /** What playbook actions may change and call: the owner's allow-lists (docs/security.md). */
  Allow allow();

  /** Allow-lists enforced before a run's first step and again at each action. */
  interface Allow {
    /**
     * Objects actions may change, each {@code KIND[.GROUP] NAMESPACE/NAME [from NAMESPACE...]}; the
     * name may use *. Nothing when empty.
     */
    Optional<List<String>> objects();

    /** URL prefixes webhooks may call (scheme, host, port, path); HTTPS unless http:// is listed. */
    Optional<List<String>> webhooks();

    /** Secrets webhooks may take credentials from, each {@code NAMESPACE/NAME}. Nothing when empty. */
    Optional<List<String>> secrets();
  }

  /** Where decisions and the run events that need a person are posted (docs/notifications.md). */
  Notifications notifications();

  /** Notifications. */
  interface Notifications {
    /**
     * Channels, each {@code FORMAT NAMESPACE/SECRET[:KEY] [EVENT...]}: slack or json, the Secret holding
     * the webhook URL (listed in failwise.allow.secrets), and decisions, approvals, stop-conditions, halts,
     * rollbacks (default all). None when empty.
     */
    Optional<List<String>> channels();

    /** Attempts per notification, the first included. */
    @WithDefault("5")
    int attempts();

    /** Wait before the first retry; it doubles at each retry. */
    @WithDefault("1s")
    Duration backoff();

    /** Longest wait to connect and for an answer, per attempt. */
    @WithDefault("10s")
    Duration timeout();

    /**
     * A policy's decision is posted when it is the first on an outage or its answer changed; an answer
     * that stands unchanged is posted again once this has passed since it was last posted. 0 posts every
     * decision.
     */
    @WithDefault("1h")
    Duration repeat();
  }
}
