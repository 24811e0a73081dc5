package io.failwise.operator;

import io.failwise.api.Cluster;
import io.failwise.api.ClusterStatus;
import io.failwise.api.PastOutage;
import io.failwise.api.validation.Problem;
import io.failwise.model.HealthAssessment;
import io.failwise.model.Health;
import io.failwise.model.HealthThresholds;
import io.failwise.model.detect.EndedOutage;
import io.failwise.operator.observe.Observation;
import io.failwise.operator.status.Conditions;
import io.failwise.operator.status.Heartbeats;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The status a Cluster should show, from its spec problems or its latest observation. Pure, and the
 * one place both the reconciler (to write) and the signal poller (to decide whether a reconcile is
 * worth asking for) compute it, so they cannot disagree.
 */
public final class NextClusterStatus {
  /** The reason of the Warning Event recorded when a maintenance window is ignored. */
  public static final String MAINTENANCE_WINDOW_IGNORED = "MaintenanceWindowIgnored";

  /** The reason of the Warning Event recorded when a listed failover target cannot be used. */
  public static final String FAILOVER_TARGET_REFUSED = "FailoverTargetRefused";

  /** The reason of the Warning Event recorded when more devices are connected than the spec's capacity. */
  public static final String CAPACITY_BELOW_CONNECTED = "CapacityBelowConnected";

  private NextClusterStatus() {}

  /**
   * The sentence Ready and the Event use when more devices are connected than {@code spec.capacity.devices}
   * says the cluster holds, or empty. A capacity typed with zeros dropped was taken in silence: the
   * cluster only stopped being a failover target, said deep in a policy's decision ("room for 0").
   * Without the counts, which move at every read: said once, as long as it lasts.
   */
  public static Optional<String> capacityBelowConnected(Cluster cluster, ClusterStatus next) {
    Long capacity = cluster.getSpec() == null || cluster.getSpec().capacity == null ? null : cluster.getSpec().capacity.devices;
    // Counts read now: an Unknown status keeps the last ones, and says why it cannot read them instead.
    Long connected = next.devices == null || !Conditions.isTrue(next.conditions, ClusterStatusFactory.READY) ? null : next.devices.connected;
    if (capacity == null || connected == null || connected <= capacity) {
      return Optional.empty();
    }
    return Optional.of("More devices are connected than spec.capacity.devices (" + io.failwise.model.Format.count(capacity)
        + ") says the cluster holds: as a failover target it has no room. Correct spec.capacity.devices if it is wrong.");
  }

  /** The sentence the Ready condition and the Event use for failover targets that cannot be used. */
  public static String refusedTargets(List<Problem> refused) {
    return "Failover to " + (refused.size() == 1 ? "a listed target is" : refused.size() + " listed targets are")
        + " refused until the spec is fixed (detection goes on, and the other targets can be used): "
        + io.failwise.api.validation.ClusterValidator.summary(refused);
  }

  /**
   * {@code next} with the failover targets the controller cannot use said in its Ready condition: the
   * cluster is observed and judged as usual; only failing over to those targets is refused (the estimate
   * and the runs pass them over with the same reason).
   */
  static ClusterStatus withRefusedTargets(ClusterStatus next, Cluster cluster, List<Problem> refused, Instant now) {
    if (refused.isEmpty()) {
      return next;
    }
    var ready = Conditions.find(next.conditions, ClusterStatusFactory.READY);
    if (ready.isEmpty()) {
      return next;
    }
    next.conditions =
        Conditions.set(
            next.conditions, ClusterStatusFactory.READY, ready.get().getStatus(), ready.get().getReason(),
            ready.get().getMessage() + " " + refusedTargets(refused), cluster.getMetadata().getGeneration(), now);
    return next;
  }

  /** The sentence the Ready condition and the Event use for windows that cannot be read. */
  public static String ignoredWindows(List<Problem> ignored) {
    // A window may have several problems, each naming its field under spec.maintenance[i].
    long windows = ignored.stream().map(p -> p.field().replaceFirst("^(spec\\.maintenance\\[\\d+]).*", "$1")).distinct().count();
    return (windows == 1 ? "A maintenance window is ignored" : windows + " maintenance windows are ignored")
        + " (the other windows apply): " + io.failwise.api.validation.ClusterValidator.summary(ignored);
  }

  public static ClusterStatus of(
      Cluster cluster, List<Problem> problems, Observation observation, HealthThresholds thresholds, Instant now) {
    return of(cluster, problems, observation, thresholds, now, Optional.empty());
  }

  /** With {@code away}: a run has moved the cluster's devices out, and an outage in progress goes on ({@link DevicesAway}). */
  public static ClusterStatus of(
      Cluster cluster, List<Problem> problems, Observation observation, HealthThresholds thresholds, Instant now, Optional<DevicesAway> away) {
    return of(cluster, problems, List.of(), observation, thresholds, now, away);
  }

  /** With {@code refused}: listed failover targets the controller cannot use, said in Ready ({@link #withRefusedTargets}). */
  public static ClusterStatus of(
      Cluster cluster, List<Problem> problems, List<Problem> refused, Observation observation, HealthThresholds thresholds, Instant now,
      Optional<DevicesAway> away) {
    ClusterStatus next;
    if (!problems.isEmpty()) {
      next = ClusterStatusFactory.invalid(cluster, problems, now);
    } else if (observation instanceof Observation.Quorum q) {
      next = ClusterStatusFactory.detected(cluster, q.verdict(), now);
    } else {
      var reading = ((Observation.Reading) observation).reading();
      next =
          reading
              .observation()
              .map(obs -> ClusterStatusFactory.observed(cluster, obs, HealthAssessment.of(obs, thresholds), now))
              .orElseGet(() -> ClusterStatusFactory.unknownSignal(cluster, reading, now));
    }
    // A window the controller cannot read is left out of the schedule and said in Ready; detection goes on.
    List<Problem> ignored = io.failwise.api.validation.ClusterValidator.ignoredWindows(cluster.getSpec());
    if (!ignored.isEmpty()) {
      var ready = Conditions.find(next.conditions, ClusterStatusFactory.READY).orElseThrow();
      next.conditions =
          Conditions.set(
              next.conditions, ClusterStatusFactory.READY, ready.getStatus(), ready.getReason(),
              ready.getMessage() + " " + ignoredWindows(ignored), cluster.getMetadata().getGeneration(), now);
    }
    if (problems.isEmpty()) {
      next = withRefusedTargets(next, cluster, refused, now);
      Optional<String> over = capacityBelowConnected(cluster, next);
      var ready = Conditions.find(next.conditions, ClusterStatusFactory.READY);
      if (over.isPresent() && ready.isPresent()) {
        next.conditions = Conditions.set(next.conditions, ClusterStatusFactory.READY, ready.get().getStatus(), ready.get().getReason(),
            ready.get().getMessage() + " " + over.get(), cluster.getMetadata().getGeneration(), now);
      }
    }
    if (problems.isEmpty() && away.isPresent()) {
      next = away.get().hold(cluster.getStatus(), next, cluster.getMetadata().getName(), cluster.getMetadata().getGeneration(), now);
    }
    List<EndedOutage> ended = problems.isEmpty() ? endedSince(cluster.getStatus(), observation, away) : List.of();
    next.onsetTime = firstOnset(cluster.getStatus(), next, !ended.isEmpty());
    // The runs' calibration is written by the run side (RunCalibration); the cluster's own status keeps it.
    next.calibration = cluster.getStatus() == null ? null : cluster.getStatus().calibration;
    Optional<Instant> back =
        observation instanceof Observation.Quorum q ? Optional.ofNullable(q.verdict().outageBackAt()) : Optional.empty();
    next.pastOutages = pastOutages(cluster.getStatus(), next, back, now, ended);
    return Heartbeats.withoutHeartbeat(cluster.getStatus(), next);
  }

  /**
   * The previous status's ended outages, oldest first, with the one that ends now added when the
   * previous status showed an outage (health Outage, or an outage silenced by a maintenance window) and
   * the next is Healthy or Degraded without one; the newest {@link ClusterStatus#MAX_PAST_OUTAGES} kept.
   * A silence does not end an outage: an Outage that a window silences is not recorded then, but when it
   * ends (inside the window, when the devices come back) or turns out not to have. An Outage that turns
   * Unknown (the signal lost, the spec made invalid) is not recorded: when it ended is not known, and a
   * guess would teach the prior a wrong duration (until observers that read the gap saw it end: see the
   * overload with {@code ended}). Nor is one whose start is not known or not before now.
   * It ends when its devices came back ({@code back}, detection's start of the recovery hold that ended
   * it) when known, else now; an outage a run held ({@link DevicesAway}) ends now, when its devices are
   * home and counted, since detection saw them leave, not come back.
   */
  static List<PastOutage> pastOutages(ClusterStatus previous, ClusterStatus next, Optional<Instant> back, Instant now) {
    return pastOutages(previous, next, back, now, List.of());
  }

  /**
   * With {@code ended}: the Outages detection saw end since the previous status's reading
   * ({@link #endedSince}), when it read several samples at once. The first is the outage the previous
   * status showed, if it showed one (it ends when its devices came back, not when it is read); the others
   * began and ended between two readings. Each is recorded; without them, such an outage was in no
   * status, no record and no Event, and the prior never learned it.
   */
  static List<PastOutage> pastOutages(ClusterStatus previous, ClusterStatus next, Optional<Instant> back, Instant now, List<EndedOutage> ended) {
    if (previous == null) {
      return null;
    }
    List<PastOutage> out = previous.pastOutages == null ? new ArrayList<>() : new ArrayList<>(previous.pastOutages);
    if (!ended.isEmpty()) {
      int unseenFrom = 0;
      if (showedOutage(previous)) {
        Instant end = ended.get(0).back().truncatedTo(ChronoUnit.SECONDS);
        outageStart(previous).filter(s -> s.isBefore(end)).ifPresent(s -> record(out, s, end, false));
        unseenFrom = 1;
      }
      for (EndedOutage o : ended.subList(unseenFrom, ended.size())) {
        Instant start = o.onset().truncatedTo(ChronoUnit.SECONDS);
        Instant end = o.back().truncatedTo(ChronoUnit.SECONDS);
        if (start.isBefore(end)) {
          record(out, start, end, false);
        }
      }
      return out.isEmpty() ? null : latest(out);
    }
    boolean cleared =
        inOutage(previous)
            && !inOutage(next)
            && (Health.HEALTHY.displayName().equals(next.health) || Health.DEGRADED.displayName().equals(next.health));
    if (cleared) {
      Instant clearedAt = now.truncatedTo(ChronoUnit.SECONDS);
      Optional<Instant> start = outageStart(previous);
      Optional<Instant> devicesBack =
          back.map(b -> b.truncatedTo(ChronoUnit.SECONDS))
              .filter(b -> !b.isAfter(clearedAt) && start.isPresent() && b.isAfter(start.get()) && !heldByRun(previous));
      Instant end = devicesBack.orElse(clearedAt);
      // Held by a run as it cleared: the devices were away, and its end is when they were back (a failback's
      // pace, a canary's wait later than the outage's own end). Learned from, every failover would lengthen
      // the prior and make the next failover look better: the record says so, and the prior leaves it out.
      boolean hidden = heldByRun(previous);
      start.filter(s -> s.isBefore(end)).ifPresent(s -> record(out, s, end, hidden));
    }
    if (out.isEmpty()) {
      return previous.pastOutages == null ? null : out;
    }
    return latest(out);
  }

  private static List<PastOutage> latest(List<PastOutage> out) {
    return new ArrayList<>(out.subList(Math.max(0, out.size() - ClusterStatus.MAX_PAST_OUTAGES), out.size()));
  }

  /**
   * The Outages the observers saw end after the previous status's reading ({@code lastSignalTime}),
   * oldest first: several samples read at once (a restart, a gap in the reads) can hold an outage's whole
   * span. Empty for a cluster not read by Prometheus observers, one never read before, and while a run
   * holds its devices (detection sees devices a run moves as lost: {@link DevicesAway}).
   * <p>A detector made again (the controller restarted) dates outages from its own history: it can see one
   * end later than the detector it replaced did, after the status already recorded it. An outage that
   * overlaps one of {@code status.pastOutages} is that record, and is left out: recorded twice it would
   * stretch the record and tell a person of an outage "between two readings" that every reading showed.
   * The outage the previous status showed going on is kept whatever it overlaps (it is not recorded yet).
   */
  static List<EndedOutage> endedSince(ClusterStatus previous, Observation observation, Optional<DevicesAway> away) {
    if (previous == null || away.isPresent() || heldByRun(previous) || !(observation instanceof Observation.Quorum q)) {
      return List.of();
    }
    Optional<Instant> read = instant(previous.lastSignalTime);
    if (read.isEmpty()) {
      return List.of();
    }
    List<EndedOutage> after = q.verdict().ended().stream().filter(o -> o.endedAt().isAfter(read.get())).toList();
    List<EndedOutage> out = new ArrayList<>();
    for (int i = 0; i < after.size(); i++) {
      EndedOutage o = after.get(i);
      if ((i == 0 && showedOutage(previous)) || !recorded(previous, o)) {
        out.add(o);
      }
    }
    return out;
  }

  /** Whether {@code o} overlaps an outage {@code status.pastOutages} holds already. */
  private static boolean recorded(ClusterStatus previous, EndedOutage o) {
    if (previous.pastOutages == null) {
      return false;
    }
    Instant onset = o.onset().truncatedTo(ChronoUnit.SECONDS);
    Instant back = o.back().truncatedTo(ChronoUnit.SECONDS);
    for (PastOutage p : previous.pastOutages) {
      Optional<Instant> start = instant(p.start);
      Optional<Instant> end = instant(p.end);
      if (start.isPresent() && end.isPresent() && onset.isBefore(end.get()) && start.get().isBefore(back)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The outages of {@code ended} that no status showed: all of them, but the first when the previous
   * status showed an outage (that one ends with it). For the Event that says one was missed.
   */
  public static List<EndedOutage> unseen(ClusterStatus previous, List<EndedOutage> ended) {
    return !ended.isEmpty() && showedOutage(previous) ? ended.subList(1, ended.size()) : ended;
  }

  /** An outage in progress shown, silenced, or whose signal was lost during it: its end is not yet recorded. */
  private static boolean showedOutage(ClusterStatus s) {
    return s != null && (inOutage(s) || ClusterStatusFactory.outageNotOver(s));
  }

  /**
   * One outage, one onset: while an outage goes on (the previous status showed it not over, and the next
   * shows it still), its onset never moves later. Detection can date it anew: an observer that saw a
   * run move the devices out and back takes the offline devices on their return for a change of its own,
   * and one started again has only its own history. The earlier onset is kept, else the outage would
   * be recorded in {@code status.pastOutages} (and learned by the duration prior) as beginning then.
   */
  static String firstOnset(ClusterStatus previous, ClusterStatus next) {
    return firstOnset(previous, next, false);
  }

  /** With {@code endedBetween}: detection saw the previous outage end since, so one shown now is another. */
  static String firstOnset(ClusterStatus previous, ClusterStatus next, boolean endedBetween) {
    boolean goesOn = !endedBetween
        && previous != null
        && (ClusterStatusFactory.outageNotOver(previous) || ClusterStatusFactory.outageSilenced(previous))
        && inOutage(next);
    Optional<Instant> before = goesOn ? instant(previous.onsetTime) : Optional.empty();
    Optional<Instant> shown = instant(next.onsetTime);
    return before.isPresent() && (shown.isEmpty() || before.get().isBefore(shown.get())) ? previous.onsetTime : next.onsetTime;
  }

  private static boolean heldByRun(ClusterStatus s) {
    return Conditions.find(s.conditions, ClusterStatusFactory.OUTAGE).map(c -> DevicesAway.REASON.equals(c.getReason())).orElse(false);
  }

  /** An outage in progress: shown as one, or silenced by a maintenance window (which does not end it). */
  private static boolean inOutage(ClusterStatus s) {
    return Health.OUTAGE.displayName().equals(s.health) || ClusterStatusFactory.outageSilenced(s);
  }

  /**
   * Adds the outage from {@code start} to {@code end}, or extends the newest entry when this outage began
   * before that one ended: an outage that eased to Degraded and came back keeps its onset, and two
   * overlapping entries would teach the prior the same minutes twice and one long outage as two shorter.
   * {@code hidden}: the end is when a run brought the devices back ({@link PastOutage#endHiddenByRun}); an
   * entry extended to a new end takes that end's.
   */
  private static void record(List<PastOutage> out, Instant start, Instant end, boolean hidden) {
    if (!out.isEmpty()) {
      PastOutage last = out.get(out.size() - 1);
      Optional<Instant> lastStart = instant(last.start);
      Optional<Instant> lastEnd = instant(last.end);
      if (lastStart.isPresent() && lastEnd.isPresent() && start.isBefore(lastEnd.get())) {
        Instant from = start.isBefore(lastStart.get()) ? start : lastStart.get();
        out.set(out.size() - 1, new PastOutage(from.toString(), end.toString(), hidden));
        return;
      }
    }
    out.add(new PastOutage(start.toString(), end.toString(), hidden));
  }

  /** The estimated onset, else when the Outage condition turned True; empty when neither is known. */
  private static Optional<Instant> outageStart(ClusterStatus previous) {
    Optional<Instant> onset = instant(previous.onsetTime);
    if (onset.isPresent()) {
      return onset;
    }
    return Conditions.find(previous.conditions, ClusterStatusFactory.OUTAGE)
        .filter(c -> Conditions.TRUE.equals(c.getStatus()))
        .flatMap(c -> instant(c.getLastTransitionTime()));
  }

  /** A status time; empty when absent or not RFC 3339 (a status written by hand). */
  static Optional<Instant> instant(String time) {
    if (time == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(time).truncatedTo(ChronoUnit.SECONDS));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
