package io.failwise.model.detect;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * An Outage that detection saw begin and end, kept so that one which began and ended between two
 * reconciles (the controller restarted, Prometheus could not be read for a while) is not lost: the
 * observers catch up on every sample of the gap, and the status records what they saw end.
 *
 * @param onset the estimated onset
 * @param back when its devices came back (the first sample of the recovery hold that ended it)
 * @param endedAt the sample that confirmed the end (back plus the recovery hold)
 */
public record EndedOutage(Instant onset, Instant back, Instant endedAt) {
  public EndedOutage {
    Objects.requireNonNull(onset, "onset");
    Objects.requireNonNull(back, "back");
    Objects.requireNonNull(endedAt, "endedAt");
  }

  /**
   * The outages as a quorum saw them: the spans in which at least {@code quorum} observers were in one,
   * from each observer's ended outages and, for an observer whose outage goes on, its onset
   * ({@code goingOn}, null when it has none). A span is kept only when it has ended; it begins at the
   * earliest onset among the outages it joins (as a live verdict's onset is the earliest of the agreeing
   * observers'), and ends when fewer than {@code quorum} were left, confirmed when that observer's end was.
   */
  public static List<EndedOutage> byQuorum(List<List<EndedOutage>> ended, List<Instant> goingOn, int quorum) {
    if (quorum < 1) {
      throw new IllegalArgumentException("quorum must be 1 or more, got " + quorum);
    }
    record Edge(Instant at, int delta, EndedOutage outage) {}
    List<Edge> edges = new ArrayList<>();
    for (List<EndedOutage> one : ended) {
      for (EndedOutage o : one) {
        if (o.back().isAfter(o.onset())) {
          edges.add(new Edge(o.onset(), +1, o));
          edges.add(new Edge(o.back(), -1, o));
        }
      }
    }
    for (Instant onset : goingOn) {
      if (onset != null) {
        edges.add(new Edge(onset, +1, null));
      }
    }
    // At the same instant an end comes before a start: an outage that ends as another begins leaves no overlap.
    edges.sort(Comparator.comparing(Edge::at).thenComparingInt(Edge::delta));
    List<EndedOutage> spans = new ArrayList<>();
    int open = 0;
    Instant earliest = null;
    for (Edge e : edges) {
      if (e.delta() > 0) {
        open++;
        Instant onset = e.at();
        earliest = earliest == null || onset.isBefore(earliest) ? onset : earliest;
        continue;
      }
      if (open == quorum) {
        spans.add(new EndedOutage(earliest, e.at(), e.outage().endedAt()));
      }
      open--;
      if (open == 0) {
        earliest = null;
      }
    }
    return List.copyOf(spans);
  }
}
