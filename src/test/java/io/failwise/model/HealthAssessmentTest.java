package io.failwise.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthAssessmentTest {
  private static final HealthThresholds T = HealthThresholds.defaults();

  private static HealthAssessment assess(long expected, long connected) {
    return HealthAssessment.of(new DeviceObservation(expected, connected, Instant.EPOCH), T);
  }

  @Test
  void theSeedIncidentIsAnOutage() {
    HealthAssessment a = assess(180_000, 130_000);
    assertEquals(Health.OUTAGE, a.health());
    assertEquals("50,000 of 180,000 devices are offline (28%).", a.message());
  }

  @Test
  void normalChurnIsHealthyAndASmallClusterNeedsEnoughOfflineDevices() {
    assertEquals(Health.HEALTHY, assess(180_000, 179_420).health());
    assertEquals(Health.DEGRADED, assess(180_000, 175_000).health());
    // 50% of a 60-device test cluster is still below the minimum of offline devices.
    assertEquals(Health.HEALTHY, assess(60, 30).health());
    assertEquals(Health.HEALTHY, assess(0, 0).health());
  }

  @Test
  void moreConnectionsThanExpectedIsNotNegativeOffline() {
    assertEquals(0, new DeviceObservation(100, 120, Instant.EPOCH).offline());
  }

  @Test
  void rejectsThresholdsThatContradict() {
    assertThrows(IllegalArgumentException.class, () -> new HealthThresholds(0.2, 0.1, 0));
    assertThrows(IllegalArgumentException.class, () -> new DeviceObservation(-1, 0, Instant.EPOCH));
  }

  @Test
  void aRegionIsAsBadAsItsWorstClusterAndNamesIt() {
    var ok = new DeviceObservation(100_000, 99_900, Instant.EPOCH);
    var down = new DeviceObservation(180_000, 130_000, Instant.EPOCH);
    RegionSummary s =
        RegionSummary.of(
            List.of(
                new RegionSummary.Member("fleet/b", Health.HEALTHY, ok),
                new RegionSummary.Member("fleet/a", Health.OUTAGE, down)));
    assertEquals(Health.OUTAGE, s.health());
    assertEquals(List.of("fleet/a"), s.affected());
    assertEquals(280_000, s.expected());
    assertEquals(50_100, s.offline());
    assertTrue(s.message().contains("fleet/a"), s.message());
    assertEquals(Health.UNKNOWN, RegionSummary.of(List.of()).health());
  }

  @Test
  void durationsReadLikeAPersonWouldSayThem() {
    assertEquals("45 s", Format.duration(java.time.Duration.ofSeconds(45)));
    assertEquals("25 min", Format.duration(java.time.Duration.ofMinutes(25)));
    assertEquals("3 h 10 min", Format.duration(java.time.Duration.ofMinutes(190)));
    assertEquals("2 d 4 h", Format.duration(java.time.Duration.ofHours(52)));
  }
}
