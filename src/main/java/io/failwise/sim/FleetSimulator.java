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
  private static final int WHEEL_SIZE = 8192;
  private static final int MAX_FAILURES = 100;
  /** Mean connected spell of a device in an intermittent outage, unless the fault says otherwise. */
  public static final Duration DEFAULT_INTERMITTENT_SESSION = Duration.ofMinutes(15);

  private final Instant start;
  private final SimulatedClock clock;
  private final DeviceBehaviour behaviour;
  private final SplittableRandom random;
  private final ClusterState[] clusters;
  private final Map<String, ClusterState> byName = new LinkedHashMap<>();

  // Devices, one slot per device in each array.
  private final short[] home;
  private final short[] origin;
  private final byte[] failures;
  private final int[] slot;
  private final int[] noticeAt;
  private final AttemptWheel wheel;

  private int tick;
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
    this.random = new SplittableRandom(b.seed);
    long keepAliveTicks = behaviour.keepAlive().toMillis() / TICK_MILLIS;
    int ringSize = Integer.highestOneBit((int) Math.min(1 << 29, keepAliveTicks * 3 / 2 + 4)) << 1;
    this.clusters = new ClusterState[b.clusters.size()];
    long total = 0;
    for (int i = 0; i < clusters.length; i++) {
      ClusterSetup s = b.clusters.get(i);
      clusters[i] = new ClusterState(i, s.name(), s.capacityDevices(), s.admissionDevicesPerSecond(), ringSize);
      byName.put(s.name(), clusters[i]);
      total += s.devices();
    }
    if (total > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("at most " + (Integer.MAX_VALUE - 8) + " devices can be simulated, got " + total);
    }
    int n = (int) total;
    this.home = new short[n];
    this.origin = new short[n];
    this.failures = new byte[n];
    this.slot = new int[n];
    this.noticeAt = new int[n];
    java.util.Arrays.fill(noticeAt, AttemptWheel.NONE);
    this.wheel = new AttemptWheel(n, WHEEL_SIZE);
    populate(b.clusters);
  }

  /** Starts a fleet at {@code start}; add clusters, then {@link Builder#build()}. */
  public static Builder builder(Instant start) {
    return new Builder(start);
  }

  /** A cluster of the simulated fleet: its devices and what its front door can take. */
  public record ClusterSetup(String name, long devices, long capacityDevices, double admissionDevicesPerSecond) {
    public ClusterSetup {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("a simulated cluster needs a name");
      }
      if (devices < 0 || capacityDevices < 0) {
        throw new IllegalArgumentException("cluster " + name + ": devices and capacityDevices cannot be negative");
      }
      if (!(admissionDevicesPerSecond > 0)) {
        throw new IllegalArgumentException("cluster " + name + ": admissionDevicesPerSecond must be above 0");
      }
    }
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

  /** Devices start connected, except the share that normal churn keeps away at any moment. */
  private void populate(List<ClusterSetup> setups) {
    double awayShare = behaviour.churnOfflineShare();
    int d = 0;
    for (int c = 0; c < setups.size(); c++) {
      ClusterState cluster = clusters[c];
      for (long i = 0; i < setups.get(c).devices(); i++, d++) {
        home[d] = (short) c;
        origin[d] = (short) c;
        slot[d] = -1;
        cluster.expected++;
        if (awayShare > 0 && random.nextDouble() < awayShare) {
          wheel.schedule(d, awayTicks());
        } else if (cluster.connectedCount < cluster.limit()) {
          cluster.add(d, slot);
        } else {
          wheel.schedule(d, 1 + random.nextInt(TICKS_PER_SECOND * 60));
        }
      }
      cluster.refreshLimit();
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
    while (tick < target) {
      step();
    }
  }

  /** Runs {@code action} (with the lock held) when simulated time reaches {@code when}. */
  public synchronized void at(Instant when, Consumer<FleetSimulator> action) {
    long t = Math.max(tick, (Duration.between(start, when).toMillis() + TICK_MILLIS - 1) / TICK_MILLIS);
    scheduled.add(new Scheduled(t, scheduledSeq++, action));
  }

  private record Scheduled(long tick, long seq, Consumer<FleetSimulator> action) implements Comparable<Scheduled> {
    @Override
    public int compareTo(Scheduled o) {
      return tick != o.tick ? Long.compare(tick, o.tick) : Long.compare(seq, o.seq);
    }
  }

  private void step() {
    while (!scheduled.isEmpty() && scheduled.peek().tick() <= tick) {
      scheduled.poll().action().accept(this);
    }
    for (ClusterState c : clusters) {
      c.refill();
      c.refreshLimit();
      enforceLimit(c);
      dropAtRandom(c, c.flapsPerConnectedDevicePerTick, true);
      if (behaviour.churns()) {
        dropAtRandom(c, (double) TICK_MILLIS / behaviour.meanTimeBetweenDrops().toMillis(), false);
      }
    }
    if (!activeWaves.isEmpty()) {
      moveWaves();
    }
    wheel.drain(tick, this::attempt);
    for (ClusterState c : clusters) {
      c.endTick(tick);
    }
    tick++;
    clock.advanceTo(start.plusMillis(tick * TICK_MILLIS));
  }

  // ---------------------------------------------------------------------------------------------
  // Devices

  private void attempt(int d) {
    ClusterState c = clusters[home[d]];
    c.attempts++;
    c.tickAttempts++;
    if (c.connectedCount >= c.limit() || !c.takeToken()) {
      c.rejected++;
      if (failures[d] < MAX_FAILURES) {
        failures[d]++;
      }
      wheel.schedule(d, tick + backoffTicks(failures[d]));
      return;
    }
    c.admitted++;
    c.tickAdmitted++;
    cancelNotice(d, c);
    c.add(d, slot);
    // Simplification: the backoff resets on connecting (AWS SDKs wait for 30 s of stable connection).
    failures[d] = 0;
  }

  private int backoffTicks(int failureCount) {
    long ms = behaviour.backoff().delayMillis(failureCount, random);
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE / 2, (ms + TICK_MILLIS - 1) / TICK_MILLIS));
  }

  private int awayTicks() {
    double mean = (double) behaviour.meanTimeAway().toMillis() / TICK_MILLIS;
    return tick + (int) Math.max(1, Math.min(Integer.MAX_VALUE / 4, -mean * Math.log(1 - random.nextDouble())));
  }

  /**
   * The cluster drops a device. A silent drop (the network or the service fails under it) is
   * noticed by the monitor only when the keep-alive expires; a closed session is noticed at once.
   */
  private void drop(int d, ClusterState c, boolean silent, int nextAttemptTick) {
    c.remove(d, slot);
    long keepAliveMs = behaviour.keepAlive().toMillis();
    if (silent && keepAliveMs > 0) {
      double delayMs = keepAliveMs * (0.5 + random.nextDouble());
      int at = tick + (int) Math.max(1, delayMs / TICK_MILLIS);
      noticeAt[d] = at;
      c.expectNotice(at);
    }
    failures[d] = 0;
    wheel.schedule(d, nextAttemptTick);
  }

  private void cancelNotice(int d, ClusterState c) {
    int at = noticeAt[d];
    if (at != AttemptWheel.NONE) {
      if (at >= tick) {
        c.cancelNotice(at);
      }
      noticeAt[d] = AttemptWheel.NONE;
    }
  }

  private void enforceLimit(ClusterState c) {
    long excess = c.connectedCount - c.limit();
    boolean silent = c.down || c.intermittentOfflineFraction > 0;
    for (long i = 0; i < excess; i++) {
      int d = c.connectedAt(random.nextInt(c.connectedCount));
      drop(d, c, silent, tick + backoffTicks(0));
    }
  }

  /** Drops connected devices at random, each with the given chance per tick (Poisson count). */
  private void dropAtRandom(ClusterState c, double chancePerTick, boolean fault) {
    if (chancePerTick <= 0 || c.connectedCount == 0) {
      return;
    }
    long n = poisson(c.connectedCount * chancePerTick);
    for (long i = 0; i < n && c.connectedCount > 0; i++) {
      int d = c.connectedAt(random.nextInt(c.connectedCount));
      drop(d, c, true, fault ? tick + backoffTicks(0) : awayTicks());
    }
  }

  private long poisson(double mean) {
    if (mean < 30) {
      double limit = Math.exp(-mean);
      double p = random.nextDouble();
      long k = 0;
      while (p > limit) {
        p *= random.nextDouble();
        k++;
      }
      return k;
    }
    double g = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * g));
  }

  /** Re-homes a device; it leaves its old cluster cleanly (noticed at once) and counts at the new one. */
  private void rehome(int d, ClusterState to, boolean attemptNow) {
    ClusterState from = clusters[home[d]];
    if (slot[d] >= 0) {
      from.remove(d, slot);
      failures[d] = 0;
      wheel.schedule(d, attemptNow ? tick : tick + backoffTicks(0));
    } else {
      cancelNotice(d, from);
      if (attemptNow) {
        failures[d] = 0;
        wheel.schedule(d, tick);
      }
    }
    from.expected--;
    to.expected++;
    home[d] = (short) to.index;
  }

  // ---------------------------------------------------------------------------------------------
  // Faults

  /** The cluster stops answering: every device drops (silently) and retries until recovery. */
  public synchronized void hardOutage(String cluster) {
    ClusterState c = cluster(cluster);
    c.down = true;
    c.refreshLimit();
    enforceLimit(c);
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
    enforceLimit(c);
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
    int[] chosen = select(from, -1, devices);
    return startWave(from, to, devices, chosen, devicesPerSecond);
  }

  @Override
  public synchronized WaveStatus failback(String source, String target, long devices, double devicesPerSecond) {
    ClusterState home = cluster(source);
    ClusterState away = cluster(target);
    requireWave(home, away, devices, devicesPerSecond);
    int[] chosen = select(away, home.index, devices);
    return startWave(away, home, devices, chosen, devicesPerSecond);
  }

  @Override
  public synchronized WaveStatus shiftAll(String source, String target) {
    ClusterState from = cluster(source);
    ClusterState to = cluster(target);
    if (from == to) {
      throw new IllegalArgumentException("source and target are the same cluster: " + source);
    }
    int[] chosen = select(from, -1, Long.MAX_VALUE);
    Wave w = new Wave(nextWaveId++, from.index, to.index, chosen.length, chosen, Double.POSITIVE_INFINITY, tick);
    for (int d : chosen) {
      rehome(d, to, false);
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

  /** Devices homed on {@code from} (and, when given, originally of {@code originIndex}); offline first. */
  private int[] select(ClusterState from, int originIndex, long devices) {
    int want = (int) Math.min(devices, from.expected);
    int[] chosen = new int[want];
    int n = 0;
    for (int pass = 0; pass < 2 && n < want; pass++) {
      boolean offlinePass = pass == 0;
      for (int d = 0; d < home.length && n < want; d++) {
        if (home[d] == from.index && (originIndex < 0 || origin[d] == originIndex) && (slot[d] < 0) == offlinePass) {
          chosen[n++] = d;
        }
      }
    }
    return n == want ? chosen : java.util.Arrays.copyOf(chosen, n);
  }

  private WaveStatus startWave(ClusterState from, ClusterState to, long requested, int[] chosen, double devicesPerSecond) {
    Wave w = new Wave(nextWaveId++, from.index, to.index, requested, chosen, devicesPerSecond, tick);
    waves.put(w.id, w);
    activeWaves.add(w);
    return status(w);
  }

  private void moveWaves() {
    for (int i = activeWaves.size() - 1; i >= 0; i--) {
      Wave w = activeWaves.get(i);
      ClusterState from = clusters[w.from];
      ClusterState to = clusters[w.to];
      int due = w.dueBy(tick);
      while (w.moved < due) {
        int d = w.devices[w.moved++];
        if (home[d] == w.from) {
          rehome(d, to, true);
        }
      }
      from.refreshLimit();
      to.refreshLimit();
      if (w.moved == w.devices.length) {
        activeWaves.remove(i);
      }
    }
  }

  private WaveStatus status(Wave w) {
    long connected = 0;
    for (int i = 0; i < w.moved; i++) {
      int d = w.devices[i];
      if (home[d] == w.to && slot[d] >= 0) {
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

  /** One shift or failback: its devices in the order they move, and its pace. */
  private static final class Wave {
    final long id;
    final int from;
    final int to;
    final long requested;
    final int[] devices;
    final double devicesPerSecond;
    final int startTick;
    int moved;

    Wave(long id, int from, int to, long requested, int[] devices, double devicesPerSecond, int startTick) {
      this.id = id;
      this.from = from;
      this.to = to;
      this.requested = requested;
      this.devices = devices;
      this.devicesPerSecond = devicesPerSecond;
      this.startTick = startTick;
    }

    /** Devices moved by the end of {@code tick}: the pace, counted from the wave's first tick. */
    int dueBy(int tick) {
      double n = (tick - startTick + 1) * devicesPerSecond / TICKS_PER_SECOND + 1e-9;
      return (int) Math.min(devices.length, Math.floor(n));
    }

    int lastTick() {
      if (Double.isInfinite(devicesPerSecond)) {
        return startTick;
      }
      return startTick + (int) Math.max(0, Math.ceil(devices.length * TICKS_PER_SECOND / devicesPerSecond - 1e-9) - 1);
    }
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
    return home.length;
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
