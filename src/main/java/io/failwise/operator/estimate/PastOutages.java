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

/**
 * The duration prior the controller estimates with: the stated one (the FailoverPolicy's
 * spec.durationPrior, else {@link DurationPrior#DEFAULT}) fitted to the outages the namespace's Clusters
 * have recorded as ended ({@code status.pastOutages}), the newest {@link Learning#max()} of them, an
 * incident shared by several Clusters of one region counted once.
 * Published incidents are the long ones; a fleet's own detection also sees the blips, and a prior that
 * knows them holds less often on a short outage. Pure.
 */
public final class PastOutages {
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
    if (!learning.learn() || learning.max() == 0) {
      return stated;
    }
    return stated.fittedTo(minutes(clusters, learning.max()));
  }

  /**
   * The durations in minutes of the newest {@code max} past outages, by end, of all of {@code clusters}.
   * One incident that took several Clusters of a region down is one outage, not one per Cluster: entries
   * of one region that overlap in time merge into one, from the first start to the last end. Counted
   * per Cluster, a regional incident would weigh in the prior as many times as the region has Clusters.
   * A Cluster without a region is a region of its own.
   */
  static List<Double> minutes(Collection<Cluster> clusters, int max) {
    Map<String, List<Ended>> byRegion = new HashMap<>();
    for (Cluster c : clusters) {
      if (c == null || c.getStatus() == null || c.getStatus().pastOutages == null) {
        continue;
      }
      String region = c.getSpec() != null && c.getSpec().region != null && !c.getSpec().region.isBlank()
          ? "region " + c.getSpec().region
          : "cluster " + c.getMetadata().getNamespace() + "/" + c.getMetadata().getName();
      for (PastOutage p : c.getStatus().pastOutages) {
        Ended e = parse(p);
        if (e != null) {
          byRegion.computeIfAbsent(region, r -> new ArrayList<>()).add(e);
        }
      }
    }
    List<Ended> incidents = new ArrayList<>();
    for (List<Ended> region : byRegion.values()) {
      incidents.addAll(merged(region));
    }
    return incidents.stream()
        .sorted(Comparator.comparing(Ended::end).reversed())
        .limit(max)
        .map(e -> Duration.between(e.start(), e.end()).toMillis() / 60_000.0)
        .toList();
  }

  /** The outages of one region with those that overlap in time merged, each from its first start to its last end. */
  private static List<Ended> merged(List<Ended> outages) {
    List<Ended> byStart = new ArrayList<>(outages);
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

  private static Ended parse(PastOutage p) {
    if (p == null || p.start == null || p.end == null) {
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
