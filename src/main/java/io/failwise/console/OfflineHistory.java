package io.failwise.console;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each cluster's device counts over the last hours, as the controller saw them, for the console's
 * offline chart. Bounded: at most one point per {@code spacing} (a newer reading replaces the last
 * point inside it) and none older than {@code window}, so memory stays flat however long it runs.
 */
public final class OfflineHistory {
  /** One reading: when, and the devices expected, connected and offline. */
  public record Point(Instant at, long expected, long connected, long offline, String health) {}

  private final Duration window;
  private final Duration spacing;
  private final Map<String, Deque<Point>> series = new ConcurrentHashMap<>();

  public OfflineHistory(Duration window, Duration spacing) {
    this.window = window;
    this.spacing = spacing;
  }

  /** The default: six hours at one point a minute (360 points a cluster at most). */
  public static OfflineHistory sixHours() {
    return new OfflineHistory(Duration.ofHours(6), Duration.ofMinutes(1));
  }

  public void record(String key, Point p) {
    Deque<Point> s = series.computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (s) {
      Point last = s.peekLast();
      if (last != null && p.at().isBefore(last.at())) {
        return; // a reading older than what we have (a relist): keep time moving forward
      }
      if (last != null && s.size() > 1) {
        // The last point is the newest reading; it becomes a kept point once it is `spacing` after the one before.
        Point kept = s.pollLast();
        if (Duration.between(s.peekLast().at(), kept.at()).compareTo(spacing) >= 0) {
          s.addLast(kept);
        }
      }
      s.addLast(p);
      Instant oldest = p.at().minus(window);
      while (!s.isEmpty() && s.peekFirst().at().isBefore(oldest)) {
        s.pollFirst();
      }
    }
  }

  /** The readings of one cluster, oldest first. */
  public List<Point> of(String key) {
    Deque<Point> s = series.get(key);
    if (s == null) {
      return List.of();
    }
    synchronized (s) {
      return new ArrayList<>(s);
    }
  }

  public void forget(String key) {
    series.remove(key);
  }
}
