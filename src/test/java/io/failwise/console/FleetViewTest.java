package io.failwise.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.api.Cluster;
import io.failwise.api.Fixtures;
import io.failwise.operator.run.SourceLedger.Claim;
import io.failwise.operator.run.SourceLedger.Role;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The fleet page's document: which run keeps each cluster busy, as `failwise get clusters` names it. */
class FleetViewTest {
  private static final Instant NOW = Instant.parse("2026-03-12T21:40:00Z");

  @Test
  void eachClusterNamesTheRunHoldingItAndInWhichRoleOrWhoseMovesItsCountsSettleFrom() {
    Cluster west = Fixtures.cluster("fleet", "go-eu-west-1", "eu-west", 180_000, 155_000, "go-eu-north-1");
    Cluster north = Fixtures.cluster("fleet", "go-eu-north-1", "eu-north", 90_000, 90_000);
    Cluster south = Fixtures.cluster("fleet", "go-eu-south-1", "eu-south", 50_000, 50_000);
    FleetView.Occupancy ledger =
        c -> switch (c.getMetadata().getName()) {
          case "go-eu-west-1" -> Optional.of(new Claim.HeldBy("drill-q4", Role.SOURCE));
          case "go-eu-north-1" -> Optional.of(new Claim.HeldBy("drill-q4", Role.TARGET));
          default -> Optional.of(new Claim.Settling("drill-q3", NOW.plusSeconds(240)));
        };

    Map<String, Object> fleet =
        FleetView.fleet(List.of(Fixtures.region("eu-west"), Fixtures.region("eu-north")), List.of(west, north, south), NOW, ledger);

    Map<String, Object> westRun = run(regionCluster(fleet, 0));
    assertEquals(Map.of("name", "drill-q4", "role", "source", "text", "drill-q4 (source)"), withoutNulls(westRun));
    assertNull(westRun.get("until"), "a run's hold has no known end");
    assertEquals("drill-q4 (target)", run(regionCluster(fleet, 1)).get("text"));
    // A cluster whose region does not exist is still shown, with its settle time.
    @SuppressWarnings("unchecked")
    Map<String, Object> orphan = ((List<Map<String, Object>>) fleet.get("clustersWithoutRegion")).get(0);
    assertEquals(
        Map.of("name", "drill-q3", "role", "settling", "until", "2026-03-12T21:44:00Z", "text", "settles 4 min (after drill-q3)"),
        run(orphan));
  }

  /**
   * A cluster flat at 100% offline: its status is not rewritten while the counts do not move, so its
   * lastSignalTime was 1 h 54 min old while the controller read it every 15 s (the metric said 18 s), and
   * the page said "last read 1 h 54 min ago" of the worst-hit cluster, as if its signal were lost.
   */
  @Test
  void theSignalsAgeIsTheControllersWhenItPollsTheClusterNotTheAgeOfTheStatus() {
    Cluster west = Fixtures.cluster("fleet", "go-eu-west-1", "eu-west", 180_000, 0);
    west.setStatus(new io.failwise.api.ClusterStatus());
    west.getStatus().health = "Outage";
    west.getStatus().lastSignalTime = NOW.minusSeconds(6_891).toString();
    io.failwise.api.ObserverStatus known = new io.failwise.api.ObserverStatus();
    known.name = "prometheus-a";
    known.state = "Known";
    known.lastReadTime = NOW.minusSeconds(6_891).toString();
    io.failwise.api.ObserverStatus unknown = new io.failwise.api.ObserverStatus();
    unknown.name = "prometheus-b";
    unknown.state = "Unknown";
    unknown.lastReadTime = NOW.minusSeconds(900).toString();
    west.getStatus().observers = List.of(known, unknown);

    Map<String, Object> live = FleetView.cluster(west, NOW, c -> Optional.empty(), c -> java.util.OptionalDouble.of(18.2));
    assertEquals(18L, live.get("signalAgeSeconds"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> observers = (List<Map<String, Object>>) live.get("observers");
    assertEquals(18L, observers.get(0).get("ageSeconds"), "an observer Known was read then");
    assertEquals(900L, observers.get(1).get("ageSeconds"), "one that stopped answering keeps the age of its last reading");

    // A controller that does not poll it (another replica leads, static counts): the status's own age.
    assertEquals(6_891L, FleetView.cluster(west, NOW, c -> Optional.empty()).get("signalAgeSeconds"));
  }

  @Test
  void aClusterNoRunKeepsBusyHasNoRun() {
    Cluster west = Fixtures.cluster("fleet", "go-eu-west-1", "eu-west", 180_000, 155_000);
    Map<String, Object> shown = FleetView.cluster(west, NOW, c -> Optional.empty());
    assertEquals(true, shown.containsKey("run"), "the field is there, null, so a client can rely on it");
    assertNull(shown.get("run"));
    // An outcome of taking a cluster is not an occupant: nothing to show.
    assertNull(FleetView.cluster(west, NOW, c -> Optional.of(new Claim.Acquired())).get("run"));
  }

  @Test
  void anOutageASilenceBeganDuringShowsAsSilencedWithItsMessageNotAsOver() {
    Cluster west = Fixtures.cluster("fleet", "go-eu-west-2", "eu-west", 120_000, 48_000);
    west.setStatus(new io.failwise.api.ClusterStatus());
    west.getStatus().health = "Degraded";
    west.getStatus().conditions =
        io.failwise.operator.status.Conditions.set(
            List.of(), "Outage", "False", "Silenced", "The outage since 15:20 is silenced by maintenance window 'broker upgrade CHG-1'", 1L, NOW);
    Map<String, Object> shown = FleetView.cluster(west, NOW, c -> Optional.empty());
    assertEquals("Silenced", shown.get("outage"));
    assertEquals("The outage since 15:20 is silenced by maintenance window 'broker upgrade CHG-1'", shown.get("silenced"));
    // `failwise get clusters` says the same in its OUTAGE column.
    List<String> lines = io.failwise.cli.ResourceTables.clusters(List.of(west), NOW).lines();
    assertEquals("OUTAGE", lines.get(0).trim().split("\\s+")[7]);
    assertEquals(List.of("Degraded", "Silenced"), List.of(lines.get(1).trim().split("\\s+")).subList(6, 8), lines.get(1));
    // And its MESSAGE what the outage is (it was blank for a cluster in Outage or silenced).
    assertTrue(lines.get(1).contains("The outage since 15:20 is silenced by maintenance window 'broker upgrade CHG-1'"), lines.get(1));
    west.getStatus().health = "Outage";
    west.getStatus().conditions = io.failwise.operator.status.Conditions.set(west.getStatus().conditions, "Outage", "True", "DevicesDropping",
        "72,000 devices went offline above normal churn since about 15:20:45", 1L, NOW);
    assertTrue(io.failwise.cli.ResourceTables.clusters(List.of(west), NOW).lines().get(1)
        .contains("72,000 devices went offline above normal churn since about 15:20:45"));

    west.getStatus().conditions =
        io.failwise.operator.status.Conditions.set(west.getStatus().conditions, "Outage", "False", "NormalChurn", "normal", 1L, NOW);
    assertEquals("False", FleetView.cluster(west, NOW, c -> Optional.empty()).get("outage"));
    assertNull(FleetView.cluster(west, NOW, c -> Optional.empty()).get("silenced"));
  }

  /**
   * A cluster whose signal is lost keeps its last counts in status: the console said them as current
   * (failwise get clusters prints <unknown>). They are marked not current, with the Ready condition's why.
   */
  @Test
  void theLastCountsOfAClusterWhoseSignalIsLostAreNotShownAsCurrent() {
    Cluster north = Fixtures.cluster("fleet", "go-eu-north-2", "eu-north", 60_000, 59_896);
    north.setStatus(new io.failwise.api.ClusterStatus());
    north.getStatus().health = "Unknown";
    north.getStatus().devices = new io.failwise.api.DeviceCounts(60_000L, 59_896L, 104L);
    north.getStatus().conditions =
        io.failwise.operator.status.Conditions.set(List.of(), "Ready", "False", "Unreachable", "Device counts are unknown: connection refused.", 1L, NOW);
    Map<String, Object> shown = FleetView.cluster(north, NOW, c -> Optional.empty());
    assertEquals(false, shown.get("countsCurrent"));
    assertEquals("Unreachable: Device counts are unknown: connection refused.", shown.get("unknownBecause"));

    north.getStatus().health = "Healthy";
    north.getStatus().conditions = io.failwise.operator.status.Conditions.set(List.of(), "Ready", "True", "SignalRead", "read", 1L, NOW);
    shown = FleetView.cluster(north, NOW, c -> Optional.empty());
    assertEquals(true, shown.get("countsCurrent"));
    assertNull(shown.get("unknownBecause"));
    assertEquals(true, shown.get("staticCounts"), "static counts: their time is when they were written, not a signal's age");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> regionCluster(Map<String, Object> fleet, int region) {
    List<Map<String, Object>> regions = (List<Map<String, Object>>) fleet.get("regions");
    return ((List<Map<String, Object>>) regions.get(region).get("clusters")).get(0);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> run(Map<String, Object> cluster) {
    return (Map<String, Object>) cluster.get("run");
  }

  private static Map<String, Object> withoutNulls(Map<String, Object> m) {
    Map<String, Object> out = new java.util.HashMap<>(m);
    out.values().removeIf(java.util.Objects::isNull);
    return out;
  }
}
