package io.failwise.operator.estimate;

import io.failwise.api.Cluster;
import io.failwise.api.PastOutage;
import io.failwise.model.estimate.DurationPrior;
import io.failwise.model.estimate.Outage;
import io.failwise.operator.FailwiseConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The duration prior the controller estimates with: the stated one (the FailoverPolicy's
 * spec.durationPrior, else {@link DurationPrior#DEFAULT}) fitted to the outages the namespace's Clusters
 * have recorded as ended ({@code status.pastOutages}), the newest {@link Learning#max()} of them, an
 * incident shared by several Clusters of one region counted once.
 * Published incidents are the long ones; a fleet's own detection also sees the blips, and a prior that
 * knows them holds less often on a short outage.
 *
 * <p>Pure in effect: a policy decision or console chart reads every Cluster of the namespace (20,000
 * entries at 1,000 Clusters), so each Cluster's parsed entries are kept while its status.pastOutages
 * is unchanged, and the last fit is kept while its inputs are; neither ever changes an answer.
 */
public final class PastOutages {
  /** Clusters whose parsed entries are kept; past it, the memo starts again (Clusters deleted meanwhile). */
  static final int MEMO_CLUSTERS = 50_000;

  private static final Map<String, Parsed> PARSED = new ConcurrentHashMap<>();
  private static final AtomicReference<Fitted> LAST_FIT = new AtomicReference<>();

  /** One Cluster's entries as written (start, end, start, end, ...) and the outages they parse to. */
  private record Parsed(List<String> written, List<Ended> ended) {}

  /** A fit and what it was fitted from. */
  private record Fitted(DurationPrior stated, List<Double> minutes, DurationPrior prior) {}

  private PastOutages() {}

  /**
   * Whether and from how many past outages the prior learns ({@code failwise.estimator.past-outages.*}).
   *
   * @param max the newest past outages learned from, by their end; 0 learns from none
   */
  public record Learning(boolean learn, int max) {
    /** The configuration's defaults: learn, from the newest 200. */
    public static final Learning DEFAULT = new Learning(true, 200);
    /** The stated prior as it is. */
    public static final Learning OFF = new Learning(false, 0);

    public Learning {
      if (max < 0) {
        throw new IllegalArgumentException("failwise.estimator.past-outages.max must be 0 or more, got " + max);
      }
    }

    public static Learning of(FailwiseConfig.Estimator estimator) {
      FailwiseConfig.PastOutageLearning p = estimator.pastOutages();
      return new Learning(p.learn(), p.max());
    }
  }

  /**
   * {@code stated} fitted to the past outages of {@code clusters}, or {@code stated} when learning is off
   * or there are none. An entry that does not parse as RFC 3339, does not end after it starts or lasts
   * more than 30 days (a status written by hand) is skipped, never an error.
   */
  public static DurationPrior prior(DurationPrior stated, Collection<Cluster> clusters, Learning learning) {
    return prior(stated, clusters, learning, Instant.MAX);
  }

  /**
   * As {@link #prior(DurationPrior, Collection, Learning)}, from the outages that had ended by {@code endedBy}:
   * a decision drawn again later (the console's chart) is fitted as the policy fitted it then, not to the
   * outage it was about, recorded since.
   */
  public static DurationPrior prior(DurationPrior stated, Collection<Cluster> clusters, Learning learning, Instant endedBy) {
    if (!learning.learn() || learning.max() == 0) {
      return stated;
    }
    List<Double> minutes = minutes(clusters, learning.max(), endedBy);
    Fitted last = LAST_FIT.get();
    if (last != null && last.stated().equals(stated) && last.minutes().equals(minutes)) {
      return last.prior();
    }
    DurationPrior prior = stated.fittedTo(minutes);
    LAST_FIT.set(new Fitted(stated, minutes, prior));
    return prior;
  }

  /**
   * The durations in minutes of the newest {@code max} past outages, by end, of all of {@code clusters}.
   * One incident that took several Clusters of a region down is one outage, not one per Cluster: entries
   * of one region that overlap in time merge into one, from the first start to the last end. Counted
   * per Cluster, a regional incident would weigh in the prior as many times as the region has Clusters.
   * A Cluster without a region is a region of its own.
   */
  static List<Double> minutes(Collection<Cluster> clusters, int max) {
    return minutes(clusters, max, Instant.MAX);
  }

  static List<Double> minutes(Collection<Cluster> clusters, int max, Instant endedBy) {
    Map<String, List<Ended>> byRegion = new HashMap<>();
    for (Cluster c : clusters) {
      if (c == null || c.getStatus() == null || c.getStatus().pastOutages == null) {
        continue;
      }
      String region = c.getSpec() != null && c.getSpec().region != null && !c.getSpec().region.isBlank()
          ? "region " + c.getSpec().region
          : "cluster " + c.getMetadata().getNamespace() + "/" + c.getMetadata().getName();
      List<Ended> ended = parsed(c).stream().filter(e -> !e.end().isAfter(endedBy)).toList();
      if (!ended.isEmpty()) {
        byRegion.computeIfAbsent(region, r -> new ArrayList<>()).addAll(ended);
      }
    }
    // The newest max by end: a heap of the max newest seen so far, its oldest on top.
    Comparator<Ended> byEnd = Comparator.comparing(Ended::end);
    PriorityQueue<Ended> newest = new PriorityQueue<>(Math.max(1, max), byEnd);
    for (List<Ended> region : byRegion.values()) {
      for (Ended e : merged(region)) {
        if (newest.size() < max) {
          newest.add(e);
        } else if (max > 0 && byEnd.compare(e, newest.peek()) > 0) {
          newest.poll();
          newest.add(e);
        }
      }
    }
    List<Ended> kept = new ArrayList<>(newest);
    kept.sort(byEnd.reversed());
    return kept.stream().map(e -> Duration.between(e.start(), e.end()).toMillis() / 60_000.0).toList();
  }

  /** The outages of one region with those that overlap in time merged, each from its first start to its last end. */
  private static List<Ended> merged(List<Ended> outages) {
    // The region's list is built afresh by each call: sorted in place.
    List<Ended> byStart = outages;
    byStart.sort(Comparator.comparing(Ended::start));
    List<Ended> merged = new ArrayList<>();
    Ended current = null;
    for (Ended e : byStart) {
      if (current != null && e.start().isBefore(current.end())) {
        current = new Ended(current.start(), e.end().isAfter(current.end()) ? e.end() : current.end());
      } else {
        if (current != null) {
          merged.add(current);
        }
        current = e;
      }
    }
    if (current != null) {
      merged.add(current);
    }
    return merged;
  }

  private record Ended(Instant start, Instant end) {}

  /** The Cluster's entries that parse, from the memo while they are as they were written. */
  private static List<Ended> parsed(Cluster c) {
    List<PastOutage> past = c.getStatus().pastOutages;
    List<String> written = new ArrayList<>(2 * past.size());
    for (PastOutage p : past) {
      written.add(p == null ? null : p.start);
      written.add(p == null ? null : p.end + (p.endHidden() ? " hidden" : ""));
    }
    String key = c.getMetadata() == null ? null
        : c.getMetadata().getUid() != null ? c.getMetadata().getUid() : c.getMetadata().getNamespace() + "/" + c.getMetadata().getName();
    Parsed memo = key == null ? null : PARSED.get(key);
    if (memo != null && memo.written().equals(written)) {
      return memo.ended();
    }
    List<Ended> ended = new ArrayList<>();
    for (PastOutage p : past) {
      Ended e = parse(p);
      if (e != null) {
        ended.add(e);
      }
    }
    if (key != null) {
      if (PARSED.size() >= MEMO_CLUSTERS) {
        PARSED.clear();
      }
      PARSED.put(key, new Parsed(written, List.copyOf(ended)));
    }
    return ended;
  }

  private static Ended parse(PastOutage p) {
    // An end a run hid (its devices away as the outage ended) is later than the outage's own: not learned from.
    if (p == null || p.start == null || p.end == null || p.endHidden()) {
      return null;
    }
    try {
      Instant start = Instant.parse(p.start);
      Instant end = Instant.parse(p.end);
      // A span past Outage.LONGEST is a hand-written mistake that would stretch the prior's tail for every estimate.
      return end.isAfter(start) && Duration.between(start, end).compareTo(Outage.LONGEST) <= 0 ? new Ended(start, end) : null;
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
