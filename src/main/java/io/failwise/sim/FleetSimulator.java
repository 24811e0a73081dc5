package io.failwise.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A fleet of simulated devices spread over clusters, driven by simulated time in ticks of 100 ms and
 * deterministic for a given seed. Devices hold a connection or retry on their backoff; clusters admit
 * at most their admission rate and hold at most their capacity; faults drop devices; shifts re-home
 * them. Devices are arrays, not objects, and offline devices wait in a timing wheel, so a million of
 * them run at hundreds of simulated minutes per wall second.
 *
 * <p>Thread-safe: one thread advances time (the demo's loop) while the controller's threads read
 * counts and call {@link FleetActions}; each call takes the simulator's lock briefly, so advance
 * time in steps of seconds, not hours, when others need to get a word in.
 */
public final class FleetSimulator implements FleetActions {
  /** Simulated time moves in steps of this length. */
  public static final Duration TICK = Duration.ofMillis(100);

  static final int TICKS_PER_SECOND = 10;
  private static final long TICK_MILLIS = 100;
  /** Mean connected spell of a device in an intermittent outage, unless the fault says otherwise. */
  public static final Duration DEFAULT_INTERMITTENT_SESSION = Duration.ofMinutes(15);

  private final Instant start;
  private final SimulatedClock clock;
  private final DeviceBehaviour behaviour;
  private final ClusterState[] clusters;
  private final Map<String, ClusterState> byName = new LinkedHashMap<>();

  private final Devices fleet;
  private long requestedMillis;
  private long scheduledSeq;
  private final PriorityQueue<Scheduled> scheduled = new PriorityQueue<>();
  private final Map<Long, Wave> waves = new LinkedHashMap<>();
  private final List<Wave> activeWaves = new ArrayList<>();
  private long nextWaveId = 1;

  private FleetSimulator(Builder b) {
    this.start = b.start;
    this.clock = new SimulatedClock(b.start);
    this.behaviour = b.behaviour;
    int ringSize = Devices.noticeRingSize(behaviour);
    this.clusters = new ClusterState[b.clusters.size()];
    for (int i = 0; i < clusters.length; i++) {
      ClusterSetup s = b.clusters.get(i);
      clusters[i] = new ClusterState(i, s.name(), s.capacityDevices(), s.admissionDevicesPerSecond(), ringSize);
      byName.put(s.name(), clusters[i]);
    }
    this.fleet = new Devices(clusters, b.clusters, behaviour, new SplittableRandom(b.seed));
  }

  /** Starts a fleet at {@code start}; add clusters, then {@link Builder#build()}. */
  public static Builder builder(Instant start) {
    return new Builder(start);
  }

  /** Builds a {@link FleetSimulator}. */
  public static final class Builder {
    private final Instant start;
    private final List<ClusterSetup> clusters = new ArrayList<>();
    private long seed = 1;
    private DeviceBehaviour behaviour = DeviceBehaviour.defaults();

    private Builder(Instant start) {
      this.start = start;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder behaviour(DeviceBehaviour behaviour) {
      this.behaviour = behaviour;
      return this;
    }

    /** A cluster whose {@code devices} devices start connected (less normal churn). */
    public Builder cluster(String name, long devices, long capacityDevices, double admissionDevicesPerSecond) {
      return cluster(new ClusterSetup(name, devices, capacityDevices, admissionDevicesPerSecond));
    }

    public Builder cluster(ClusterSetup setup) {
      if (clusters.stream().anyMatch(c -> c.name().equals(setup.name()))) {
        throw new IllegalArgumentException("cluster " + setup.name() + " is listed twice");
      }
      if (clusters.size() == Short.MAX_VALUE) {
        throw new IllegalArgumentException("at most " + Short.MAX_VALUE + " clusters can be simulated");
      }
      clusters.add(setup);
      return this;
    }

    public FleetSimulator build() {
      return new FleetSimulator(this);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Time

  public SimulatedClock clock() {
    return clock;
  }

  public Instant start() {
    return start;
  }

  public Instant now() {
    return clock.instant();
  }

  public DeviceBehaviour behaviour() {
    return behaviour;
  }

  /**
   * Runs the fleet for {@code d} more of simulated time. Time moves in whole ticks; a remainder is
   * kept for the next call, so many small steps (a demo following the wall clock) add up.
   */
  public synchronized void advance(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("simulated time cannot go back (" + d + ")");
    }
    advanceTo(start.plusMillis(requestedMillis).plus(d));
  }

  /** Runs the fleet until simulated time reaches {@code t}; nothing happens if {@code t} is past. */
  public synchronized void advanceTo(Instant t) {
    requestedMillis = Math.max(requestedMillis, Duration.between(start, t).toMillis());
    long target = requestedMillis / TICK_MILLIS;
    if (target > Integer.MAX_VALUE - 1) {
      throw new IllegalArgumentException("cannot simulate beyond " + start.plusMillis((Integer.MAX_VALUE - 1L) * TICK_MILLIS));
    }
    while (fleet.tick < target) {
      step();
    }
  }

  /** Runs {@code action} (with the lock held) when simulated time reaches {@code when}. */
  public synchronized void at(Instant when, Consumer<FleetSimulator> action) {
    long t = Math.max(fleet.tick, (Duration.between(start, when).toMillis() + TICK_MILLIS - 1) / TICK_MILLIS);
    scheduled.add(new Scheduled(t, scheduledSeq++, action));
  }

  private record Scheduled(long tick, long seq, Consumer<FleetSimulator> action) implements Comparable<Scheduled> {
    @Override
    public int compareTo(Scheduled o) {
      return tick != o.tick ? Long.compare(tick, o.tick) : Long.compare(seq, o.seq);
    }
  }

  private void step() {
    while (!scheduled.isEmpty() && scheduled.peek().tick() <= fleet.tick) {
      scheduled.poll().action().accept(this);
    }
    fleet.faultsAndChurn();
    if (!activeWaves.isEmpty()) {
      moveWaves();
    }
    fleet.attempts();
    fleet.endTick();
    clock.advanceTo(start.plusMillis(fleet.tick * TICK_MILLIS));
  }

  // ---------------------------------------------------------------------------------------------
  // Faults

  /** The cluster stops answering: every device drops (silently) and retries until recovery. */
  public synchronized void hardOutage(String cluster) {
    ClusterState c = cluster(cluster);
    c.down = true;
    c.refreshLimit();
    fleet.enforceLimit(c);
  }

  /** Keeps about {@code offlineFraction} of the cluster's devices offline, different ones over time. */
  public synchronized void intermittentOutage(String cluster, double offlineFraction) {
    intermittentOutage(cluster, offlineFraction, DEFAULT_INTERMITTENT_SESSION);
  }

  /**
   * Keeps about {@code offlineFraction} of the cluster's devices offline: the cluster holds no more
   * than the rest, and connected devices drop at random after {@code meanSession} on average, so
   * that waiting devices get their turn. A fraction of 0 ends the fault.
   */
  public synchronized void intermittentOutage(String cluster, double offlineFraction, Duration meanSession) {
    if (!(offlineFraction >= 0 && offlineFraction <= 1)) {
      throw new IllegalArgumentException("offlineFraction must be between 0 and 1, got " + offlineFraction);
    }
    if (meanSession.isNegative() || meanSession.isZero()) {
      throw new IllegalArgumentException("meanSession must be positive, got " + meanSession);
    }
    ClusterState c = cluster(cluster);
    c.intermittentOfflineFraction = offlineFraction;
    c.flapsPerConnectedDevicePerTick = offlineFraction > 0 ? (double) TICK_MILLIS / meanSession.toMillis() : 0;
    c.refreshLimit();
  }

  /** The cluster holds at most {@code devices}; the excess is disconnected (the cluster closes them). */
  public synchronized void reduceCapacity(String cluster, long devices) {
    if (devices < 0) {
      throw new IllegalArgumentException("devices cannot be negative, got " + devices);
    }
    ClusterState c = cluster(cluster);
    c.reducedCapacityDevices = devices;
    c.refreshLimit();
    fleet.enforceLimit(c);
  }

  /** Whether a fault (hard, intermittent or reduced capacity) is in force on the cluster. */
  public synchronized boolean faulted(String cluster) {
    ClusterState c = cluster(cluster);
    return c.down || c.intermittentOfflineFraction > 0 || c.reducedCapacityDevices >= 0;
  }

  /** Ends every fault of the cluster; waiting devices come back on their own backoff. */
  public synchronized void recover(String cluster) {
    ClusterState c = cluster(cluster);
    c.down = false;
    c.intermittentOfflineFraction = 0;
    c.flapsPerConnectedDevicePerTick = 0;
    c.reducedCapacityDevices = -1;
    c.refreshLimit();
  }

  // ---------------------------------------------------------------------------------------------
  // Failover actions

  @Override
  public synchronized WaveStatus shift(String source, String target, long devices, double devicesPerSecond) {
    ClusterState from = cluster(source);
    ClusterState to = cluster(target);
    requireWave(from, to, devices, devicesPerSecond);
    // The source's own devices: guests another run moved here stay, as a routing entry per source
    // cluster would leave them (two runs into and out of one cluster must not take each other's).
    int[] chosen = fleet.select(from, from.index, devices);
    return startWave(from, to, devices, chosen, devicesPerSecond);
  }

  @Override
  public synchronized WaveStatus failback(String source, String target, long devices, double devicesPerSecond) {
    ClusterState home = cluster(source);
    ClusterState away = cluster(target);
    requireWave(home, away, devices, devicesPerSecond);
    // A shift of these devices still under way stops where it is: the routing that sends them back
    // stops sending the rest, so only those already moved come home and none is moved after.
    for (int i = activeWaves.size() - 1; i >= 0; i--) {
      Wave w = activeWaves.get(i);
      if (w.from == home.index && w.to == away.index) {
        w.stop();
        activeWaves.remove(i);
      }
    }
    int[] chosen = fleet.select(away, home.index, devices);
    return startWave(away, home, devices, chosen, devicesPerSecond);
  }

  @Override
  public synchronized WaveStatus shiftAll(String source, String target) {
    ClusterState from = cluster(source);
    ClusterState to = cluster(target);
    if (from == to) {
      throw new IllegalArgumentException("source and target are the same cluster: " + source);
    }
    int[] chosen = fleet.select(from, -1, Long.MAX_VALUE);
    Wave w = new Wave(nextWaveId++, from.index, to.index, chosen.length, chosen, Double.POSITIVE_INFINITY, fleet.tick);
    for (int d : chosen) {
      fleet.rehome(d, to, false);
    }
    w.moved = chosen.length;
    from.refreshLimit();
    to.refreshLimit();
    waves.put(w.id, w);
    return status(w);
  }

  @Override
  public synchronized Optional<WaveStatus> wave(long waveId) {
    return Optional.ofNullable(waves.get(waveId)).map(this::status);
  }

  private void requireWave(ClusterState from, ClusterState to, long devices, double devicesPerSecond) {
    if (from == to) {
      throw new IllegalArgumentException("source and target are the same cluster: " + from.name);
    }
    if (devices <= 0) {
      throw new IllegalArgumentException("devices must be at least 1, got " + devices);
    }
    if (!(devicesPerSecond > 0) || Double.isInfinite(devicesPerSecond)) {
      throw new IllegalArgumentException("devicesPerSecond must be a positive number, got " + devicesPerSecond);
    }
  }

  private WaveStatus startWave(ClusterState from, ClusterState to, long requested, int[] chosen, double devicesPerSecond) {
    Wave w = new Wave(nextWaveId++, from.index, to.index, requested, chosen, devicesPerSecond, fleet.tick);
    waves.put(w.id, w);
    activeWaves.add(w);
    return status(w);
  }

  private void moveWaves() {
    for (int i = activeWaves.size() - 1; i >= 0; i--) {
      Wave w = activeWaves.get(i);
      ClusterState from = clusters[w.from];
      ClusterState to = clusters[w.to];
      int due = w.dueBy(fleet.tick);
      while (w.moved < due) {
        int d = w.devices[w.moved++];
        if (fleet.isHomedOn(d, w.from)) {
          fleet.rehome(d, to, true);
        }
      }
      from.refreshLimit();
      to.refreshLimit();
      if (w.allMoved()) {
        activeWaves.remove(i);
      }
    }
  }

  private WaveStatus status(Wave w) {
    long connected = 0;
    for (int i = 0; i < w.moved; i++) {
      int d = w.devices[i];
      if (fleet.isHomedOn(d, w.to) && fleet.isConnected(d)) {
        connected++;
      }
    }
    Instant startedAt = start.plusMillis(w.startTick * TICK_MILLIS);
    return new WaveStatus(
        w.id,
        clusters[w.from].name,
        clusters[w.to].name,
        w.requested,
        w.devices.length,
        w.moved,
        connected,
        w.devicesPerSecond,
        startedAt,
        start.plusMillis(w.lastTick() * TICK_MILLIS));
  }

  // ---------------------------------------------------------------------------------------------
  // Reading

  public List<String> clusterNames() {
    return List.copyOf(byName.keySet());
  }

  public boolean knows(String cluster) {
    return byName.containsKey(cluster);
  }

  @Override
  public synchronized Optional<ClusterCounts> counts(String cluster) {
    ClusterState c = byName.get(cluster);
    return c == null ? Optional.empty() : Optional.of(countsOf(c));
  }

  /** Every cluster's counts, in the order the clusters were added. */
  public synchronized List<ClusterCounts> allCounts() {
    List<ClusterCounts> all = new ArrayList<>(clusters.length);
    for (ClusterState c : clusters) {
      all.add(countsOf(c));
    }
    return Collections.unmodifiableList(all);
  }

  /** Devices in the fleet, whatever their state. */
  public int devices() {
    return fleet.count();
  }

  private ClusterCounts countsOf(ClusterState c) {
    return new ClusterCounts(
        c.name,
        now(),
        c.expected,
        c.connectedCount,
        c.connectedCount + c.unnoticed,
        c.capacityDevices,
        c.limit(),
        c.admissionDevicesPerSecond,
        c.describeFault(),
        c.attempts,
        c.admitted,
        c.rejected,
        c.peakAttemptsPerSecond,
        c.peakAdmittedPerSecond,
        c.offlineDeviceTicks * (double) TICK_MILLIS / 60_000);
  }

  private ClusterState cluster(String name) {
    ClusterState c = byName.get(name);
    if (c == null) {
      throw new IllegalArgumentException("no simulated cluster named '" + name + "' (known: " + String.join(", ", byName.keySet()) + ")");
    }
    return c;
  }
}
