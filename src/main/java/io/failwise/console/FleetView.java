package io.failwise.console;

import io.fabric8.kubernetes.api.model.Condition;
import io.failwise.api.Cluster;
import io.failwise.api.ClusterStatus;
import io.failwise.api.DeviceCounts;
import io.failwise.api.ObserverStatus;
import io.failwise.api.Region;
import io.failwise.operator.ClusterStatusFactory;
import io.failwise.operator.status.Conditions;
import io.failwise.operator.run.SourceLedger;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/** The fleet page's document: regions, their clusters, health, device counts and how fresh each signal is. */
final class FleetView {
  private FleetView() {}

  /** What keeps runs off a cluster now (the run ledger, as admission reads it), if anything. */
  interface Occupancy extends Function<Cluster, Optional<SourceLedger.Claim>> {}

  /**
   * Seconds since the newest data read from a cluster's signal, as the controller serving the page knows
   * it (what failwise_cluster_signal_age_seconds reports), or empty when it does not poll that cluster.
   */
  interface Freshness extends Function<Cluster, java.util.OptionalDouble> {
    Freshness UNKNOWN = c -> java.util.OptionalDouble.empty();
  }

  static Map<String, Object> fleet(List<Region> regions, List<Cluster> clusters, Instant now, Occupancy occupancy) {
    return fleet(regions, clusters, now, occupancy, Freshness.UNKNOWN);
  }

  static Map<String, Object> fleet(List<Region> regions, List<Cluster> clusters, Instant now, Occupancy occupancy, Freshness freshness) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("generatedAt", now.toString());
    List<Map<String, Object>> out = new ArrayList<>();
    List<Cluster> placed = new ArrayList<>();
    for (Region r : regions) {
      Map<String, Object> m = new LinkedHashMap<>();
      String name = r.getMetadata().getName();
      m.put("name", name);
      m.put("displayName", r.getSpec() == null ? null : r.getSpec().displayName);
      m.put("health", r.getStatus() == null || r.getStatus().health == null ? "Unknown" : r.getStatus().health);
      m.put("devices", counts(r.getStatus() == null ? null : r.getStatus().devices));
      // What the region's status says of its clusters (which are affected, which have no signal and are left out of the counts).
      m.put("message", r.getStatus() == null || r.getStatus().conditions == null ? null
          : r.getStatus().conditions.stream().filter(k -> "Healthy".equals(k.getType())).map(Condition::getMessage).findFirst().orElse(null));
      List<Map<String, Object>> cs = new ArrayList<>();
      for (Cluster c : clusters) {
        if (c.getSpec() != null && Objects.equals(name, c.getSpec().region)) {
          cs.add(cluster(c, now, occupancy, freshness));
          placed.add(c);
        }
      }
      m.put("clusters", cs);
      out.add(m);
    }
    root.put("regions", out);
    // Clusters naming a region that does not exist still show: their status says why they are not Ready.
    root.put("clustersWithoutRegion", clusters.stream().filter(c -> !placed.contains(c)).map(c -> cluster(c, now, occupancy, freshness)).toList());
    return root;
  }

  static Map<String, Object> cluster(Cluster c, Instant now, Occupancy occupancy) {
    return cluster(c, now, occupancy, Freshness.UNKNOWN);
  }

  /**
   * One cluster. Its status's lastSignalTime moves only when the counts change (a thousand clusters
   * would otherwise be rewritten at every read), so a cluster flat at 100% offline read "last read 1 h 54
   * min ago" beside a metric of 18 s: the signal's age is the controller's own when it has one, and an
   * observer whose state is Known was read then too.
   */
  static Map<String, Object> cluster(Cluster c, Instant now, Occupancy occupancy, Freshness freshness) {
    Map<String, Object> m = new LinkedHashMap<>();
    java.util.OptionalDouble live = freshness.apply(c);
    ClusterStatus s = c.getStatus();
    m.put("namespace", c.getMetadata().getNamespace());
    m.put("name", c.getMetadata().getName());
    m.put("region", c.getSpec() == null ? null : c.getSpec().region);
    m.put("health", s == null || s.health == null ? "Unknown" : s.health);
    m.put("devices", counts(s == null ? null : s.devices));
    // While the health is Unknown the counts are the last ones read, not current (failwise get clusters prints <unknown>).
    boolean current = s != null && s.health != null && !io.failwise.model.Health.UNKNOWN.displayName().equals(s.health);
    m.put("countsCurrent", current);
    m.put("unknownBecause", current || s == null || s.conditions == null ? null
        : Conditions.find(s.conditions, ClusterStatusFactory.READY).filter(k -> !Conditions.TRUE.equals(k.getStatus()))
            .map(k -> k.getReason() + ": " + k.getMessage()).orElse(null));
    m.put("lastSignalTime", s == null ? null : s.lastSignalTime);
    m.put("signalAgeSeconds", s == null ? null : live.isPresent() ? (Object) Math.round(live.getAsDouble()) : ageSeconds(s.lastSignalTime, now));
    // Static counts are read when the spec changes: their lastSignalTime is when they were written, not an age of the signal.
    m.put("staticCounts", c.getSpec() != null && c.getSpec().signals != null && c.getSpec().signals.staticSignal != null);
    m.put("onsetTime", s == null ? null : s.onsetTime);
    // The Outage condition as `failwise get clusters` shows it: True, False, Unknown, or Silenced (an
    // outage in progress a maintenance window silences: not over), with the condition's message then.
    Optional<Condition> outage =
        s == null ? Optional.empty() : s.conditions == null ? Optional.empty() : s.conditions.stream().filter(k -> "Outage".equals(k.getType())).findFirst();
    boolean silenced = outage.filter(k -> "False".equals(k.getStatus()) && io.failwise.operator.ClusterStatusFactory.SILENCED.equals(k.getReason())).isPresent();
    m.put("outage", outage.map(k -> silenced ? "Silenced" : k.getStatus()).orElse(null));
    m.put("silenced", silenced ? outage.get().getMessage() : null);
    m.put("run", occupancy.apply(c).map(k -> run(k, now)).orElse(null));
    List<Map<String, Object>> observers = new ArrayList<>();
    if (s != null && s.observers != null) {
      for (ObserverStatus o : s.observers) {
        Map<String, Object> om = new LinkedHashMap<>();
        om.put("name", o.name);
        om.put("state", o.state);
        om.put("health", o.health);
        om.put("lastReadTime", o.lastReadTime);
        om.put("ageSeconds", live.isPresent() && "Known".equals(o.state) ? (Object) Math.round(live.getAsDouble()) : ageSeconds(o.lastReadTime, now));
        om.put("message", o.message);
        observers.add(om);
      }
    }
    m.put("observers", observers);
    List<Map<String, Object>> conditions = new ArrayList<>();
    if (s != null && s.conditions != null) {
      for (Condition k : s.conditions) {
        Map<String, Object> km = new LinkedHashMap<>();
        km.put("type", k.getType());
        km.put("status", k.getStatus());
        km.put("reason", k.getReason());
        km.put("message", k.getMessage());
        km.put("lastTransitionTime", k.getLastTransitionTime());
        conditions.add(km);
      }
    }
    m.put("conditions", conditions);
    return m;
  }

  /**
   * The run holding the cluster ({@code role} source or target) or whose moves its counts settle from
   * ({@code role} settling, {@code until} when); {@code text} as {@code failwise get clusters} says it.
   */
  private static Map<String, Object> run(SourceLedger.Claim claim, Instant now) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (claim instanceof SourceLedger.Claim.HeldBy held) {
      m.put("name", held.run());
      m.put("role", held.as() == SourceLedger.Role.TARGET ? "target" : "source");
      m.put("until", null);
    } else if (claim instanceof SourceLedger.Claim.Settling settling) {
      m.put("name", settling.run());
      m.put("role", "settling");
      m.put("until", settling.until().toString());
    } else {
      return null;
    }
    m.put("text", claim.occupancy(now));
    return m;
  }

  private static Map<String, Object> counts(DeviceCounts d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("expected", d == null ? null : d.expected);
    m.put("connected", d == null ? null : d.connected);
    m.put("offline", d == null ? null : d.offline);
    return m;
  }

  /** Seconds since an RFC 3339 time, or null when absent or unreadable. */
  static Long ageSeconds(String time, Instant now) {
    if (time == null) {
      return null;
    }
    try {
      return Math.max(0, Duration.between(Instant.parse(time), now).toSeconds());
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
