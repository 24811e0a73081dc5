package io.failwise.sim;

/** One shift or failback: its devices in the order they move, and its pace. */
final class Wave {
  final long id;
  final int from;
  final int to;
  final long requested;
  final int[] devices;
  final double devicesPerSecond;
  final int startTick;
  int moved;
  /** How many of {@link #devices} this wave moves: all, unless it was stopped ({@link #stop}). */
  private int end;

  Wave(long id, int from, int to, long requested, int[] devices, double devicesPerSecond, int startTick) {
    this.id = id;
    this.from = from;
    this.to = to;
    this.requested = requested;
    this.devices = devices;
    this.devicesPerSecond = devicesPerSecond;
    this.startTick = startTick;
    this.end = devices.length;
  }

  /**
   * Moves no device more: the devices sent back are those already moved, and the rest stay where they
   * are. A shift still under way when its routing was put back went on moving the rest to the target
   * after the failback had taken the moved ones home, and left them there for good.
   */
  void stop() {
    end = moved;
  }

  /** Devices moved by the end of {@code tick}: the pace, counted from the wave's first tick. */
  int dueBy(int tick) {
    double n = (tick - startTick + 1) * devicesPerSecond / FleetSimulator.TICKS_PER_SECOND + 1e-9;
    return (int) Math.min(end, Math.floor(n));
  }

  /** The tick in which the last device moves. */
  int lastTick() {
    if (Double.isInfinite(devicesPerSecond)) {
      return startTick;
    }
    return startTick + (int) Math.max(0, Math.ceil(end * FleetSimulator.TICKS_PER_SECOND / devicesPerSecond - 1e-9) - 1);
  }

  boolean allMoved() {
    return moved >= end;
  }
}
