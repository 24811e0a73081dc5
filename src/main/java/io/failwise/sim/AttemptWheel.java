package io.failwise.sim;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * The next connection attempt of every offline device, in a timing wheel of one bucket per tick:
 * scheduling and cancelling are O(1) and a tick costs only the devices due in it, which is what lets
 * a million devices run far faster than real time. Cancelling is lazy: a bucket entry counts only if
 * it still matches the device's due tick. Delays longer than the wheel go round again.
 */
final class AttemptWheel {
  static final int NONE = Integer.MIN_VALUE;

  private final int mask;
  private final int[][] buckets;
  private final int[] sizes;
  private final int[] due;
  private int[] spare = new int[16];

  AttemptWheel(int devices, int sizePowerOfTwo) {
    this.mask = sizePowerOfTwo - 1;
    this.buckets = new int[sizePowerOfTwo][];
    this.sizes = new int[sizePowerOfTwo];
    for (int i = 0; i < sizePowerOfTwo; i++) {
      buckets[i] = new int[8];
    }
    this.due = new int[devices];
    Arrays.fill(due, NONE);
  }

  void schedule(int device, int tick) {
    due[device] = tick;
    append(tick & mask, device);
  }

  void cancel(int device) {
    due[device] = NONE;
  }

  boolean isScheduled(int device) {
    return due[device] != NONE;
  }

  /** Hands every device due at {@code tick} to the action, which may schedule devices again. */
  void drain(int tick, IntConsumer action) {
    int b = tick & mask;
    int[] list = buckets[b];
    int n = sizes[b];
    buckets[b] = spare;
    sizes[b] = 0;
    for (int i = 0; i < n; i++) {
      int d = list[i];
      int t = due[d];
      if (t == tick) {
        due[d] = NONE;
        action.accept(d);
      } else if (t != NONE && t > tick && ((t - tick) & mask) == 0) {
        append(b, d);
      }
    }
    spare = list;
  }

  private void append(int b, int device) {
    int[] list = buckets[b];
    if (sizes[b] == list.length) {
      list = Arrays.copyOf(list, list.length * 2);
      buckets[b] = list;
    }
    list[sizes[b]++] = device;
  }
}
