package io.failwise.operator.run;

import io.failwise.api.Cluster;
import io.failwise.api.FailoverPlaybook;
import io.failwise.api.FailoverRun;
import io.failwise.api.RunEstimate;
import io.failwise.execution.ObjectRef;
import io.failwise.model.run.FreezeWindow;
import io.failwise.signals.SignalReading;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** What the run engine observes of the world: time, the halt, clusters and their signals, workloads. */
public interface RunWorld {
  Instant now();

  /** The zone of the times a run's messages say (failwise.time-zone), as its policies' decisions say theirs. */
  default java.time.ZoneId zone() {
    return java.time.ZoneOffset.UTC;
  }

  /** Longest the engine sleeps before it looks again. */
  Duration tick();

  /** How long to sleep until {@code deadline} (none: a tick), never longer than a tick nor less than nothing. */
  default Duration sleepUntil(Instant now, Instant deadline) {
    if (deadline == null) {
      return tick();
    }
    Duration left = Duration.between(now, deadline);
    return left.compareTo(tick()) < 0 ? (left.isNegative() ? Duration.ZERO : left) : tick();
  }

  /**
   * How long a device lost at a cluster takes to be counted offline there (failwise.runs.settle): a
   * Failover's first and last failback waves are watched at least that long. Zero where losses show at once.
   */
  default Duration lossShowsWithin() {
    return Duration.ZERO;
  }

  /** Level thresholds that say whether a cluster is healthy. */
  io.failwise.model.HealthThresholds thresholds();

  /** Share of admission rates a run may use. */
  double admissionShare();

  /** The global halt, when set. */
  Optional<Halt> halt();

  /** The open freeze window that blocks runs of {@code mode} now. */
  Optional<FreezeWindow> freeze(String mode);


  /** Playbooks of a namespace by name. */
  Map<String, FailoverPlaybook> playbooks(String namespace);

  /** Clusters of a namespace by name. */
  Map<String, Cluster> clusters(String namespace);

  /**
   * Why the stored {@code kind} ("Cluster" or "FailoverPlaybook") of that name cannot be read (a field of
   * the wrong type), when it is stored but unreadable: {@link #clusters} and {@link #playbooks} leave it out,
   * and a run that names it says so rather than that it does not exist.
   */
  default Optional<String> unreadable(String namespace, String kind, String name) {
    return Optional.empty();
  }

  /** One cluster: a running run reads its two on every tick, which must not cost a copy of the fleet. */
  default Optional<Cluster> cluster(String namespace, String name) {
    return Optional.ofNullable(clusters(namespace).get(name));
  }

  SignalReading read(Cluster cluster);

  /**
   * Marks the clusters the run {@code run} holds, each in its role, so that they cannot be deleted while it
   * holds them ({@link ClusterProtection}); a cluster that is gone is left alone. Nothing in a world
   * without an API server.
   */
  default void protect(String namespace, String run, java.util.Map<String, SourceLedger.Role> clusters) {}

  /** Takes the marks of run {@code run} off these clusters: it has freed them. */
  default void unprotect(String namespace, String run, java.util.Collection<String> clusters) {}

  /**
   * The FailoverApproval objects of a namespace that name run {@code run}: the only source of
   * approvals (an approval written into a run's status by a client does not count).
   */
  java.util.List<io.failwise.api.FailoverApproval> approvals(String namespace, String run);

  /** Whether the workload has at least {@code replicas} ready; empty if it does not exist. */
  Optional<Boolean> workloadReady(ObjectRef ref, int replicas);

  /** Why the source's daily budget does not allow this run's failover (and failback), if it does not. */
  Optional<String> budgetRefusal(FailoverRun run, boolean failback);

  /**
   * The estimate to record when a run starts, for a source with {@code offlineDevices} offline now, with
   * room under {@code maxTargetUtilization} (the playbook precheck's cap: the plan's and the estimate's agree),
   * costing {@code runTarget} alone when the run names its target; with the run's {@code plan}, whose move it costs
   * when the source is in no outage.
   */
  RunEstimate estimate(
      Cluster source, long offlineDevices, Map<String, Cluster> clusters, double maxTargetUtilization, Optional<String> runTarget,
      io.failwise.api.FailoverRunStatus.Plan plan, io.failwise.model.estimate.DurationPrior prior);

  /**
   * The duration prior the run's estimate starts from: that of the FailoverPolicy that created the run
   * (its spec.requestedBy names it) or whose staged plan it was promoted from (its failwise.io/policy
   * label), else the default. The default by default.
   */
  default io.failwise.model.estimate.DurationPrior prior(FailoverRun run) {
    return io.failwise.model.estimate.DurationPrior.DEFAULT;
  }

  /** The estimator's utilisation cap: room for a playbook whose steps set none (no precheck step). */
  double maxTargetUtilization();

  /** Who set the global halt, when and why. */
  record Halt(String by, String at, String reason) {
    /**
     * "by alice since 21:40:00 +01:00 (database migration)": who, when and why, for a sentence; the time in
     * {@code zone} (failwise.time-zone), with its date when not on the day of {@code now}, as the decisions
     * and the runs say times.
     */
    public String described(Instant now, java.time.ZoneId zone) {
      return "by " + by + " since " + RunStatuses.said(at, now, zone) + (reason == null ? "" : " (" + reason + ")");
    }
  }
}
