package io.failwise.sim;

import java.util.Arrays;

/**
 * One simulated cluster: which devices hold a connection, its admission tokens, its faults, the
 * drops its heartbeat monitor has not noticed yet, and its counters. Mutated only by
 * {@link FleetSimulator} under its lock.
 */
final class ClusterState {
  final int index;
  final String name;
  final long capacityDevices;
  final double admissionDevicesPerSecond;
  private final double tokensPerTick;

  // Faults.
  boolean down;
  double intermittentOfflineFraction;
  double flapsPerConnectedDevicePerTick;
  long reducedCapacityDevices = -1;
  private long limit;

  // Connected devices as a dense set: O(1) add, remove and pick-at-random, no object per device.
  private int[] connected = new int[1024];
  int connectedCount;
  long expected;
  private double tokens;

  // Drops the heartbeat monitor has not noticed yet, bucketed by the tick it will notice them.
  private final int[] noticeRing;
  private final int noticeMask;
  long unnoticed;

  // Counters, and a sliding one-second window for the peaks.
  long attempts;
  long admitted;
  long rejected;
  long offlineDeviceTicks;
  int tickAttempts;
  int tickAdmitted;
  private final int[] attemptsWindow = new int[FleetSimulator.TICKS_PER_SECOND];
  private final int[] admittedWindow = new int[FleetSimulator.TICKS_PER_SECOND];
  private long windowAttempts;
  private long windowAdmitted;
  long peakAttemptsPerSecond;
  long peakAdmittedPerSecond;

  ClusterState(int index, String name, long capacityDevices, double admissionDevicesPerSecond, int noticeRingSize) {
    this.index = index;
    this.name = name;
    this.capacityDevices = capacityDevices;
    this.admissionDevicesPerSecond = admissionDevicesPerSecond;
    this.tokensPerTick = admissionDevicesPerSecond / FleetSimulator.TICKS_PER_SECOND;
    this.noticeRing = new int[noticeRingSize];
    this.noticeMask = noticeRingSize - 1;
    refreshLimit();
  }

  /**
   * New tick: a fresh share of admissions. Unused whole tokens are lost (no bursts above the rate);
   * the fraction carries over so that rates below one device per tick still average out.
   */
  void refill() {
    tokens = (tokens - Math.floor(tokens)) + tokensPerTick;
  }

  boolean takeToken() {
    if (tokens < 1) {
      return false;
    }
    tokens -= 1;
    return true;
  }

  /** Most devices the cluster holds now: capacity, lowered by faults. */
  long limit() {
    return limit;
  }

  void refreshLimit() {
    long l = capacityDevices;
    if (reducedCapacityDevices >= 0) {
      l = Math.min(l, reducedCapacityDevices);
    }
    if (intermittentOfflineFraction > 0) {
      l = Math.min(l, (long) Math.floor((1 - intermittentOfflineFraction) * expected));
    }
    limit = down ? 0 : l;
  }

  boolean hasFault() {
    return down || intermittentOfflineFraction > 0 || reducedCapacityDevices >= 0;
  }

  String describeFault() {
    if (down) {
      return "HardOutage";
    }
    if (intermittentOfflineFraction > 0) {
      return "Intermittent";
    }
    return reducedCapacityDevices >= 0 ? "CapacityReduced" : "None";
  }

  void add(int device, int[] slot) {
    if (connectedCount == connected.length) {
      connected = Arrays.copyOf(connected, connected.length * 2);
    }
    connected[connectedCount] = device;
    slot[device] = connectedCount++;
  }

  void remove(int device, int[] slot) {
    int i = slot[device];
    int last = connected[--connectedCount];
    connected[i] = last;
    slot[last] = i;
    slot[device] = -1;
  }

  int connectedAt(int i) {
    return connected[i];
  }

  void expectNotice(int tick) {
    noticeRing[tick & noticeMask]++;
    unnoticed++;
  }

  void cancelNotice(int tick) {
    noticeRing[tick & noticeMask]--;
    unnoticed--;
  }

  /** End of a tick: drops due now are noticed; counters and peak windows move on. */
  void endTick(int tick) {
    int n = tick & noticeMask;
    unnoticed -= noticeRing[n];
    noticeRing[n] = 0;

    int w = tick % FleetSimulator.TICKS_PER_SECOND;
    windowAttempts += tickAttempts - attemptsWindow[w];
    windowAdmitted += tickAdmitted - admittedWindow[w];
    attemptsWindow[w] = tickAttempts;
    admittedWindow[w] = tickAdmitted;
    peakAttemptsPerSecond = Math.max(peakAttemptsPerSecond, windowAttempts);
    peakAdmittedPerSecond = Math.max(peakAdmittedPerSecond, windowAdmitted);
    tickAttempts = 0;
    tickAdmitted = 0;
    offlineDeviceTicks += expected - connectedCount;
  }
}
