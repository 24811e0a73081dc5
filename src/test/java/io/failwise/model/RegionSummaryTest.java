package io.failwise.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a region's status says, from its clusters: totals, the worst health, and whom to look at. */
class RegionSummaryTest {
  private static RegionSummary.Member member(String name, Health health, long expected, long connected) {
    return new RegionSummary.Member(name, health, new DeviceObservation(expected, connected, Instant.EPOCH));
  }

  @Test
  void aHealthyRegionCountsItsClustersAndConnectedDevices() {
    RegionSummary s =
        RegionSummary.of(List.of(member("b", Health.HEALTHY, 100_000, 99_900), member("a", Health.HEALTHY, 80_000, 80_100)));
    assertEquals(2, s.clusters());
    assertEquals(180_000, s.expected());
    assertEquals(180_000, s.connected());
    assertEquals(100, s.offline(), "a surplus on one cluster does not hide the other's offline devices");
    assertEquals(Health.HEALTHY, s.health());
    assertEquals(List.of(), s.affected());
    assertEquals("Both clusters healthy; 180,000 devices connected.", s.message());
  }

  @Test
  void degradedAndOutageClustersAreNamedInOrderAndTheWorstDecides() {
    RegionSummary s =
        RegionSummary.of(
            List.of(
                member("eu-3", Health.DEGRADED, 50_000, 48_000),
                member("eu-1", Health.HEALTHY, 50_000, 49_950),
                member("eu-2", Health.UNKNOWN, 50_000, 50_000),
                member("eu-0", Health.OUTAGE, 50_000, 30_000)));
    assertEquals(Health.OUTAGE, s.health());
    assertEquals(List.of("eu-0", "eu-3"), s.affected());
    assertEquals(150_000, s.expected(), "eu-2's last counts are not current: left out");
    assertEquals("22,050 devices offline; affected: eu-0, eu-3. No signal from eu-2 (left out of the counts).", s.message());
  }

  @Test
  void withoutAffectedClustersTheSilentOnesAreNamed() {
    RegionSummary s =
        RegionSummary.of(
            List.of(
                new RegionSummary.Member("eu-2", Health.UNKNOWN, null),
                member("eu-0", Health.HEALTHY, 1_000, 1_000),
                member("eu-1", Health.UNKNOWN, 50_000, 10_000)));
    assertEquals(Health.UNKNOWN, s.health());
    assertEquals(3, s.clusters());
    assertEquals(1_000, s.expected(), "a cluster without a reading, or whose last reading is stale, adds no devices");
    assertEquals(1_000, s.connected());
    assertEquals(0, s.offline(), "eu-1's 40,000 offline of its last reading are not said as current");
    assertEquals("No signal from eu-1, eu-2 (left out of the counts).", s.message());
  }

  @Test
  void aRegionNoClusterNamesIsUnknown() {
    RegionSummary s = RegionSummary.of(List.of());
    assertEquals(Health.UNKNOWN, s.health());
    assertEquals(0, s.clusters());
    assertEquals("No clusters name this region.", s.message());
  }

  /** Counts are bounded where they are read; a sum must still never wrap into a negative total (a status the API server refuses). */
  @Test
  void totalsSaturateInsteadOfWrapping() {
    RegionSummary s =
        RegionSummary.of(List.of(member("a", Health.HEALTHY, Long.MAX_VALUE, Long.MAX_VALUE), member("b", Health.HEALTHY, 1000, 990)));
    assertEquals(Long.MAX_VALUE, s.expected());
    assertEquals(Long.MAX_VALUE, s.connected());
  }
}
