package io.failwise.sim;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Every device of the fleet as a slot in a few arrays, and what happens to devices in a tick:
 * attempts, drops, re-homing. Only {@link FleetSimulator} uses it, under its lock.
 */
final class Devices {
  private static final int WHEEL_SIZE = 8192;
  private static final int MAX_FAILURES = 100;
  private static final long TICK_MILLIS = FleetSimulator.TICK.toMillis();

  private final ClusterState[] clusters;
  private final DeviceBehaviour behaviour;
  private final SplittableRandom random;
  private final short[] home;
  private final short[] origin;
  private final byte[] failures;
  private final int[] slot;
  private final int[] noticeAt;
  private final AttemptWheel wheel;

  /** The tick being simulated (or, between ticks, the next one). */
  int tick;

  Devices(ClusterState[] clusters, List<ClusterSetup> setups, DeviceBehaviour behaviour, SplittableRandom random) {
    this.clusters = clusters;
    this.behaviour = behaviour;
    this.random = random;
    long total = setups.stream().mapToLong(ClusterSetup::devices).sum();
    if (total > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("at most " + (Integer.MAX_VALUE - 8) + " devices can be simulated, got " + total);
    }
    int n = (int) total;
    this.home = new short[n];
    this.origin = new short[n];
    this.failures = new byte[n];
    this.slot = new int[n];
    this.noticeAt = new int[n];
    Arrays.fill(noticeAt, AttemptWheel.NONE);
    this.wheel = new AttemptWheel(n, WHEEL_SIZE);
    populate(setups);
  }

  /** Size of the ring of pending heartbeat notices: more ticks than the longest notice delay. */
  static int noticeRingSize(DeviceBehaviour behaviour) {
    long keepAliveTicks = behaviour.keepAlive().toMillis() / TICK_MILLIS;
    return Integer.highestOneBit((int) Math.min(1 << 29, keepAliveTicks * 3 / 2 + 4)) << 1;
  }

  int count() {
    return home.length;
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
          wheel.schedule(d, 1 + random.nextInt(FleetSimulator.TICKS_PER_SECOND * 60));
        }
      }
      cluster.refreshLimit();
    }
  }

  /** Start of a tick: fresh admissions, then the drops that faults and churn cause. */
  void faultsAndChurn() {
    for (ClusterState c : clusters) {
      c.refill();
      c.refreshLimit();
      enforceLimit(c);
      dropAtRandom(c, c.flapsPerConnectedDevicePerTick, true);
      if (behaviour.churns()) {
        dropAtRandom(c, (double) TICK_MILLIS / behaviour.meanTimeBetweenDrops().toMillis(), false);
      }
    }
  }

  /** Every device due in this tick tries to connect. */
  void attempts() {
    wheel.drain(tick, this::attempt);
  }

  void endTick() {
    for (ClusterState c : clusters) {
      c.endTick(tick);
    }
    tick++;
  }

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

  /** Drops devices (at random) until the cluster holds no more than its limit. */
  void enforceLimit(ClusterState c) {
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

  /**
   * Re-homes a device; it leaves its old cluster cleanly (noticed at once) and counts at the new
   * one. With {@code attemptNow} it tries the new cluster in this tick; otherwise a connected device
   * reconnects on its backoff and an offline one keeps its timer.
   */
  void rehome(int d, ClusterState to, boolean attemptNow) {
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

  /** Devices homed on {@code from} (and, when given, originally of {@code originIndex}); offline first. */
  int[] select(ClusterState from, int originIndex, long devices) {
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
    return n == want ? chosen : Arrays.copyOf(chosen, n);
  }

  boolean isHomedOn(int d, int clusterIndex) {
    return home[d] == clusterIndex;
  }

  boolean isConnected(int d) {
    return slot[d] >= 0;
  }
}
