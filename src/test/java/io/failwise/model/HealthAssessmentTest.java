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

  @Test
  void eachThresholdIsReachedAtItsValueNotJustAbove() {
    // Defaults: Degraded from 2 %, Outage from 10 %, and never with fewer than 100 devices offline.
    HealthAssessment outage = assess(1_000, 900);
    assertEquals(Health.OUTAGE, outage.health());
    assertEquals("DevicesOffline", outage.reason());
    assertEquals("100 of 1,000 devices are offline (10%).", outage.message());
    HealthAssessment degraded = assess(5_000, 4_900);
    assertEquals(Health.DEGRADED, degraded.health());
    assertEquals("DevicesOffline", degraded.reason());
    assertEquals("100 of 5,000 devices are offline (2%).", degraded.message());
    assertEquals(Health.DEGRADED, assess(1_001, 901).health(), "just under 10 % is Degraded");
    HealthAssessment healthy = assess(5_000, 4_901);
    assertEquals(Health.HEALTHY, healthy.health(), "99 offline is under the minimum");
    assertEquals("DevicesConnected", healthy.reason());
    assertEquals("4,901 of 5,000 devices are connected.", healthy.message());
    assertEquals(Health.HEALTHY, assess(10_000, 9_801).health(), "199 offline is 1.99 %: under Degraded");
    assertEquals(Health.OUTAGE, assess(1_000, 0).health(), "all offline");
  }

  @Test
  void aClusterExpectingNoDevicesIsHealthyAndSaysSo() {
    HealthAssessment a = assess(0, 0);
    assertEquals("NoDevicesExpected", a.reason());
    assertEquals("No devices are expected on this cluster.", a.message());
    assertEquals(0.0, new DeviceObservation(0, 0, Instant.EPOCH).offlineRatio());
    assertEquals(0.25, new DeviceObservation(1_000, 750, Instant.EPOCH).offlineRatio(), 1e-12);
    HealthAssessment lowMinimum = HealthAssessment.of(new DeviceObservation(0, 5, Instant.EPOCH), new HealthThresholds(0.1, 0.5, 0));
    assertEquals(Health.HEALTHY, lowMinimum.health(), "nothing expected is never an outage, even with no minimum");
  }

  @Test
  void thresholdsThatCannotBeMetOrContradictAreRefusedSayingWhy() {
    assertEquals(0.1, new HealthThresholds(0.1, 0.1, 0).outageOfflineRatio(), "equal ratios: Degraded is skipped");
    assertEquals(1.0, new HealthThresholds(0.5, 1.0, 0).outageOfflineRatio());
    for (double[] bad : new double[][] {{0, 0.1}, {-0.1, 0.1}, {0.2, 0.1}, {0.1, 1.01}}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> new HealthThresholds(bad[0], bad[1], 10));
      assertEquals(
          "health thresholds need 0 < degradedOfflineRatio <= outageOfflineRatio <= 1, got " + bad[0] + " and " + bad[1],
          e.getMessage());
    }
    IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> new HealthThresholds(0.1, 0.2, -1));
    assertEquals("minimumOfflineDevices cannot be negative: -1", negative.getMessage());
    IllegalArgumentException counts = assertThrows(IllegalArgumentException.class, () -> new DeviceObservation(10, -1, Instant.EPOCH));
    assertEquals("device counts cannot be negative: expected=10, connected=-1", counts.getMessage());
  }
}
