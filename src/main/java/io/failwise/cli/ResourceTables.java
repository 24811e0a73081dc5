package io.failwise.cli;

import io.failwise.api.Cluster;
import io.failwise.api.FailoverPolicy;
import io.failwise.api.Region;
import io.failwise.model.Format;
import io.failwise.operator.status.Conditions;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** The tables {@code failwise get} prints, with the columns an SRE looks for first. */
public final class ResourceTables {
  private ResourceTables() {}

  public static Table regions(List<Region> regions, Instant now) {
    Table t = new Table("NAME", "PROVIDER", "LOCATION", "CLUSTERS", "CONNECTED", "EXPECTED", "OFFLINE", "HEALTH", "AGE");
    regions.stream()
        .sorted(Comparator.comparing(r -> r.getMetadata().getName()))
        .forEach(
            r -> {
              var s = r.getStatus();
              var d = s == null ? null : s.devices;
              t.row(
                  r.getMetadata().getName(),
                  r.getSpec() == null ? null : r.getSpec().provider,
                  r.getSpec() == null ? null : r.getSpec().location,
                  s == null ? null : s.clusters,
                  d == null ? null : count(d.connected),
                  d == null ? null : count(d.expected),
                  d == null ? null : count(d.offline),
                  s == null ? "Pending" : s.health,
                  age(r.getMetadata().getCreationTimestamp(), now));
            });
    return t;
  }

  public static Table clusters(List<Cluster> clusters, Instant now) {
    return clusters(clusters, now, null);
  }

  /**
   * With {@code run} (null: no such column), the RUN column: what keeps runs off each cluster now
   * ({@link ClusterOccupancy}).
   */
  static Table clusters(List<Cluster> clusters, Instant now, java.util.function.Function<Cluster, String> run) {
    List<String> headers =
        new java.util.ArrayList<>(List.of("NAMESPACE", "NAME", "REGION", "CONNECTED", "EXPECTED", "OFFLINE", "HEALTH", "OUTAGE", "MESSAGE"));
    if (run != null) {
      headers.add("RUN");
    }
    headers.add("AGE");
    Table t = new Table(headers.toArray(String[]::new));
    clusters.stream()
        .sorted(Comparator.comparing((Cluster c) -> c.getMetadata().getNamespace()).thenComparing(c -> c.getMetadata().getName()))
        .forEach(
            c -> {
              var s = c.getStatus();
              // An Unknown cluster's status keeps the last counts read (with lastSignalTime): not shown as now.
              var d = s == null || s.devices == null ? null : "Unknown".equals(s.health) ? UNKNOWN_COUNTS : s.devices;
              var conditions = s == null ? null : s.conditions;
              List<String> cells =
                  new java.util.ArrayList<>(
                      java.util.Arrays.asList(
                          c.getMetadata().getNamespace(),
                          c.getMetadata().getName(),
                          c.getSpec() == null ? null : c.getSpec().region,
                          d == null ? null : count(d.connected),
                          d == null ? null : count(d.expected),
                          d == null ? null : count(d.offline),
                          s == null ? "Pending" : s.health,
                          Conditions.find(conditions, "Outage").map(ResourceTables::outage).orElse(null),
                          message(conditions)));
              if (run != null) {
                cells.add(run.apply(c));
              }
              cells.add(age(c.getMetadata().getCreationTimestamp(), now));
              t.row(cells.toArray(String[]::new));
            });
    return t;
  }

  /**
   * The MESSAGE column: why the counts cannot be read (Ready not True), else what the outage is (Outage
   * True, or silenced): an SRE reading the table in an outage sees the devices and the onset, not a blank.
   */
  private static String message(List<io.fabric8.kubernetes.api.model.Condition> conditions) {
    var ready = Conditions.find(conditions, "Ready").filter(x -> !Conditions.TRUE.equals(x.getStatus()));
    if (ready.isPresent()) {
      return ready.get().getMessage();
    }
    return Conditions.find(conditions, "Outage")
        .filter(x -> !"False".equals(outage(x)) && !Conditions.UNKNOWN.equals(x.getStatus()))
        .map(x -> x.getMessage())
        .orElse("");
  }

  /**
   * The OUTAGE column: the condition's status, or Silenced for an outage in progress that a maintenance
   * window silences (status False, reason Silenced): not over, which False alone would say.
   */
  static String outage(io.fabric8.kubernetes.api.model.Condition c) {
    return Conditions.FALSE.equals(c.getStatus()) && io.failwise.operator.ClusterStatusFactory.SILENCED.equals(c.getReason()) ? "Silenced" : c.getStatus();
  }

  public static Table policies(List<FailoverPolicy> policies, Instant now) {
    Table t = new Table("NAMESPACE", "NAME", "MODE", "PLAYBOOK", "READY", "WATCHING", "LAST-DECISION", "AGE");
    policies.stream()
        .sorted(Comparator.comparing((FailoverPolicy p) -> p.getMetadata().getNamespace()).thenComparing(p -> p.getMetadata().getName()))
        .forEach(
            p -> {
              var spec = p.getSpec();
              var s = p.getStatus();
              t.row(
                  p.getMetadata().getNamespace(),
                  p.getMetadata().getName(),
                  spec == null || spec.mode == null ? "Shadow" : spec.mode,
                  spec == null || spec.playbook == null ? "" : spec.playbook,
                  ready(s == null ? null : s.conditions),
                  s == null || s.clustersWatched == null ? 0 : s.clustersWatched,
                  s == null || s.lastDecision == null ? "" : s.lastDecision,
                  age(p.getMetadata().getCreationTimestamp(), now));
            });
    return t;
  }

  /**
   * A policy's Ready condition: "True", or its status and reason ("False (InvalidSpec)", "False
   * (NoClusters)"): a policy that cannot act looked like one that can. "<unknown>" before the controller
   * has written it.
   */
  private static String ready(List<io.fabric8.kubernetes.api.model.Condition> conditions) {
    return Conditions.find(conditions, "Ready")
        .map(c -> Conditions.TRUE.equals(c.getStatus()) || c.getReason() == null ? c.getStatus() : c.getStatus() + " (" + c.getReason() + ")")
        .orElse("<unknown>");
  }

  /** Counts of a cluster whose health is Unknown: the last ones read are in -o yaml, not in the table. */
  private static final io.failwise.api.DeviceCounts UNKNOWN_COUNTS = new io.failwise.api.DeviceCounts();

  private static String count(Long n) {
    return n == null ? "<unknown>" : Format.count(n);
  }

  static String age(String creationTimestamp, Instant now) {
    if (creationTimestamp == null) {
      return "<unknown>";
    }
    Duration d = Duration.between(Instant.parse(creationTimestamp), now);
    long s = Math.max(0, d.toSeconds());
    if (s < 120) {
      return s + "s";
    }
    if (s < 7200) {
      return s / 60 + "m";
    }
    if (s < 172800) {
      return s / 3600 + "h";
    }
    return s / 86400 + "d";
  }
}
