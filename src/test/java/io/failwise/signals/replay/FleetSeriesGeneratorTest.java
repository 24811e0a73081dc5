package io.failwise.signals.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FleetSeriesGeneratorTest {
  private static final List<FleetSeries> FLEET = FleetSeriesGenerator.generateFleet(FleetSeriesGenerator.DEFAULT_SEED);
  private static final FleetSeries WEST_1 = FLEET.get(0);

  @Test
  void sameSeedSameSeriesOtherSeedOtherSeries() {
    FleetSeries again = FleetSeriesGenerator.generateFleet(FleetSeriesGenerator.DEFAULT_SEED).get(0);
    assertArrayEquals(WEST_1.connected(), again.connected());
    assertFalse(Arrays.equals(WEST_1.connected(), FleetSeriesGenerator.generateFleet(7).get(0).connected()));
  }

  @Test
  void incidentFollowsTheSeedReport() {
    long before = offline(WEST_1, FleetSeriesGenerator.INCIDENT_ONSET.minusSeconds(15));
    long peak = offline(WEST_1, Instant.parse("2026-03-12T20:30:00Z"));
    long at2245 = offline(WEST_1, Instant.parse("2026-03-12T21:45:00Z"));
    assertTrue(peak - before >= 20_000, "tens of thousands offline during the incident, got " + (peak - before));
    assertTrue(at2245 - before < (peak - before) / 4, "most devices back by 22:45 CET, still " + (at2245 - before));
    assertEquals(FleetSeriesGenerator.INCIDENT_ONSET, WEST_1.onset());
    assertEquals(Instant.parse("2026-03-12T19:45:00Z"), FleetSeriesGenerator.INCIDENT_ONSET, "20:45 CET");
  }

  @Test
  void normalWeekHasADailyRhythmAndOnlySmallDips() {
    for (FleetSeries s : FLEET) {
      long devices = s.expected()[0];
      assertTrue(
          offline(s, Instant.parse("2026-03-06T02:00:00Z")) > offline(s, Instant.parse("2026-03-06T11:00:00Z")) + devices / 100,
          s.cluster() + ": nights should have more devices offline than middays");
      for (FleetSeries.Dip d : s.dips()) {
        assertTrue(d.devices() <= devices * 0.012, "dip larger than 1.2 %: " + d);
      }
      assertTrue(s.dips().stream().filter(d -> d.start().isBefore(FleetSeriesGenerator.WEEK_END)).count() >= 7);
    }
    assertEquals(Duration.ofDays(7), Duration.between(FleetSeriesGenerator.WEEK_START, FleetSeriesGenerator.WEEK_END));
  }

  private static long offline(FleetSeries s, Instant at) {
    int i = s.indexOf(at);
    return s.expected()[i] - s.connected()[i];
  }
}
