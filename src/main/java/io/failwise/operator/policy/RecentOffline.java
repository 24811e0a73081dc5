package io.failwise.operator.policy;

import io.failwise.model.estimate.OfflineSample;
import io.failwise.model.estimate.Trend;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The offline counts a policy has seen for each cluster in the last {@link Trend#WINDOW}, oldest first:
 * the trend the estimator projects. Kept in memory: after a restart the trend is rebuilt within minutes,
 * and until then the count is taken as steady.
 */
final class RecentOffline {
  /** Readings closer together than this add nothing to a line fitted over 15 minutes. */
  private static final long MIN_GAP_SECONDS = 10;

  private final Map<String, Deque<OfflineSample>> byCluster = new ConcurrentHashMap<>();

  /** Records a reading; a cluster that is not in an outage forgets its readings. */
  void observed(String cluster, boolean outage, long offline, Instant at) {
    if (!outage) {
      byCluster.remove(cluster);
      return;
    }
    Deque<OfflineSample> q = byCluster.computeIfAbsent(cluster, c -> new ArrayDeque<>());
    synchronized (q) {
      OfflineSample last = q.peekLast();
      if (last != null && !at.isAfter(last.at().plusSeconds(MIN_GAP_SECONDS))) {
        return;
      }
      q.addLast(new OfflineSample(at, offline));
      Instant from = at.minus(Trend.WINDOW);
      while (!q.isEmpty() && q.peekFirst().at().isBefore(from)) {
        q.removeFirst();
      }
    }
  }

  /** The readings strictly before {@code at}, oldest first. */
  List<OfflineSample> before(String cluster, Instant at) {
    Deque<OfflineSample> q = byCluster.get(cluster);
    if (q == null) {
      return List.of();
    }
    synchronized (q) {
      return q.stream().filter(s -> s.at().isBefore(at)).toList();
    }
  }
}
