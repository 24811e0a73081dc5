package io.failwise.model.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.model.DeviceObservation;
import io.failwise.model.run.StopReadings.Reading;
import io.failwise.model.run.StopRule.Side;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StopRuleTest {
  private static final Instant NOW = Instant.parse("2026-03-12T21:40:00Z");

  private static Reading counts(long expected, long connected) {
    return Reading.known(new DeviceObservation(expected, connected, NOW));
  }

  private static StopReadings readings(Reading target, Reading source, long baseline, long moved, Instant lastWave) {
    return new StopReadings(NOW, target, source, baseline, moved, lastWave);
  }

  @Test
  void offlineDevicesAtTheTargetAboveTheLimitStopsTheRun() {
    var rule = new StopRule.OfflineDevicesAbove("target-offline", Side.TARGET, 2_000);
    assertEquals(
        Optional.of("2,300 devices are offline at the target, above the limit of 2,000."),
        rule.check(readings(counts(90_000, 87_700), counts(1, 1), 0, 0, null)));
    assertTrue(rule.check(readings(counts(90_000, 88_000), counts(1, 1), 0, 0, null)).isEmpty(), "2,000 is not above 2,000");
  }

  @Test
  void offlineRatioLooksAtTheSideItNames() {
    var rule = new StopRule.OfflineRatioAbove("source-worse", Side.SOURCE, 0.5);
    assertEquals(
        Optional.of("60% of the devices expected at the source are offline, above the limit of 50%."),
        rule.check(readings(counts(100, 100), counts(1_000, 400), 0, 0, null)));
    assertTrue(rule.check(readings(counts(100, 0), counts(1_000, 600), 0, 0, null)).isEmpty());
  }

  @Test
  void offlineRiseComparesWithTheShareOfflineBeforeTheFirstWave() {
    var rule = new StopRule.OfflineRatioRiseAbove("source-worse", Side.SOURCE, 0.02, Duration.ofMinutes(2));
    // 4% was offline before the run (the end of an outage); 5% now is a rise of 1 point: no harm done.
    var before = new StopReadings.Before(0.0, 0.04);
    Instant longAgo = NOW.minusSeconds(600);
    assertTrue(rule.check(new StopReadings(NOW, counts(1, 1), counts(1_000, 950), 0, 0, longAgo, before)).isEmpty());
    assertEquals(
        Optional.of("7.0% of the devices expected at the source are offline, up from 4% before the first wave, a rise above the limit of 2%."),
        rule.check(new StopReadings(NOW, counts(1, 1), counts(1_000, 930), 0, 0, longAgo, before)));
    // The same 7% offline measured against no baseline is a rise from zero.
    assertTrue(rule.check(new StopReadings(NOW, counts(1, 1), counts(1_000, 930), 0, 0, longAgo)).isPresent());
    // A recovering cluster (fewer offline than before) never fires.
    assertTrue(rule.check(new StopReadings(NOW, counts(1, 1), counts(1_000, 1_000), 0, 0, longAgo, before)).isEmpty());
  }

  @Test
  void offlineRiseGivesDevicesInFlightTheGraceAfterEachWave() {
    var rule = new StopRule.OfflineRatioRiseAbove("source-worse", Side.SOURCE, 0.02, Duration.ofMinutes(2));
    var before = new StopReadings.Before(0.01, 0.002);
    // A failback wave just sent 5% of the devices home: offline until they reconnect, not harm.
    Reading home = counts(180_000, 170_820);
    assertTrue(rule.check(new StopReadings(NOW, counts(1, 1), home, 0, 0, NOW.minusSeconds(119), before)).isEmpty(), "within the grace");
    assertTrue(rule.check(new StopReadings(NOW, counts(1, 1), home, 0, 0, NOW.minusSeconds(120), before)).isPresent(), "grace over");
    // The target side uses the target's own baseline: 1% before, 2.5% now is within a 2-point rise.
    var target = new StopRule.OfflineRatioRiseAbove("target-worse", Side.TARGET, 0.02, Duration.ZERO);
    assertTrue(target.check(new StopReadings(NOW, counts(1_000, 975), counts(1, 1), 0, 0, null, before)).isEmpty());
    assertTrue(target.check(new StopReadings(NOW, counts(1_000, 969), counts(1, 1), 0, 0, null, before)).isPresent());
  }

  @Test
  void reconnectedRatioWaitsForItsGraceThenComparesMovedDevicesWithNewConnections() {
    var rule = new StopRule.ReconnectedRatioBelow("slow-reconnect", 0.9, Duration.ofMinutes(2));
    // 1,800 moved, the target had 89,710 connected before: 89,710 + 1,000 = only 1,000 arrived.
    Reading target = counts(91_510, 90_710);
    assertTrue(rule.check(readings(target, counts(1, 1), 89_710, 1_800, NOW.minusSeconds(60))).isEmpty(), "within the grace");
    assertEquals(
        Optional.of(
            "only 1,000 of the 1,800 devices moved have connected at the target (56%) 3 min after the last wave, below 90%."),
        rule.check(readings(target, counts(1, 1), 89_710, 1_800, NOW.minusSeconds(180))));
    Reading arrived = counts(91_510, 91_400);
    assertTrue(rule.check(readings(arrived, counts(1, 1), 89_710, 1_800, NOW.minusSeconds(180))).isEmpty());
    assertTrue(rule.check(readings(target, counts(1, 1), 89_710, 0, NOW.minusSeconds(180))).isEmpty(), "nothing moved yet");
  }

  @Test
  void anUnknownSignalFiresOnlyItsOwnRuleAndOnlyAfterItsDuration() {
    Reading blind = Reading.unknown(NOW.minusSeconds(75), "Unreachable");
    var offline = new StopRule.OfflineDevicesAbove("target-offline", Side.TARGET, 10);
    var unknown = new StopRule.SignalUnknownFor("blind", Side.TARGET, Duration.ofMinutes(1));
    var patient = new StopRule.SignalUnknownFor("blind-long", Side.TARGET, Duration.ofMinutes(5));
    StopReadings r = readings(blind, counts(1, 1), 0, 100, NOW.minusSeconds(300));
    assertTrue(offline.check(r).isEmpty(), "cannot say devices are offline without counts");
    assertEquals(
        Optional.of("the device counts of the target have been unknown for 1 min (Unreachable)."), unknown.check(r));
    assertTrue(patient.check(r).isEmpty());
  }

  @Test
  void theFirstRuleInPlaybookOrderNamesTheStop() {
    List<StopRule> rules =
        List.of(
            new StopRule.OfflineDevicesAbove("a", Side.TARGET, 1_000_000),
            new StopRule.OfflineDevicesAbove("b", Side.TARGET, 10),
            new StopRule.OfflineDevicesAbove("c", Side.TARGET, 5));
    var firing = StopReadings.firstFiring(rules, readings(counts(100, 50), counts(1, 1), 0, 0, null)).orElseThrow();
    assertEquals("b", firing.rule());
    assertTrue(StopReadings.firstFiring(List.of(), readings(counts(100, 0), counts(1, 1), 0, 0, null)).isEmpty());
  }
}
