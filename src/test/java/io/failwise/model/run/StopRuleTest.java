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
  void everyRuleIsEvaluatedAndEveryOneThatFiresIsNamedMostTellingFirst() {
    // The drill of the exploratory test: the canary's 9,000 devices had arrived, then 5% of the target's devices
    // went offline. The canary rule comes first in the playbook, yet the target's own offline devices tell more.
    List<StopRule> rules =
        List.of(
            new StopRule.ReconnectedRatioBelow("canary-lost", 0.9, Duration.ofMinutes(2)),
            new StopRule.OfflineDevicesAbove("target-offline", Side.TARGET, 1_000),
            new StopRule.OfflineRatioRiseAbove("source-worse", Side.SOURCE, 0.02, Duration.ofMinutes(2)),
            new StopRule.SignalUnknownFor("target-blind", Side.TARGET, Duration.ofMinutes(1)));
    Reading target = counts(99_000, 94_500);
    var before = new StopReadings.Before(290 / 90_000.0, 0.003, 290);
    var r = new StopReadings(NOW, target, counts(171_000, 170_500), 89_710, 9_000, NOW.minusSeconds(600), before, NOW.minusSeconds(420));
    StopReadings.Evaluation e = StopReadings.evaluate(rules, r);
    assertEquals(List.of("target-offline", "canary-lost"), e.fired().stream().map(StopReadings.Verdict::rule).toList());
    assertEquals("4,500 devices are offline at the target, above the limit of 1,000.", e.fired().get(0).reading());
    assertEquals(
        List.of("target-offline=FIRED", "canary-lost=FIRED", "source-worse=NOT_FIRED", "target-blind=NOT_FIRED"),
        e.firedFirst().stream().map(v -> v.rule() + "=" + v.state()).toList());
    assertEquals(
        List.of("canary-lost", "target-offline", "source-worse", "target-blind"), e.all().stream().map(StopReadings.Verdict::rule).toList(),
        "every rule, in the playbook's order");
    assertEquals("0.3% of the devices expected at the source are offline, as 0.3% before the first wave, within a rise of 2%.",
        e.all().get(2).reading());
    assertEquals("the device counts of the target are known.", e.all().get(3).reading());
    assertTrue(StopReadings.evaluate(List.of(), r).fired().isEmpty());
  }

  @Test
  void rulesOfTheSameWeightKeepThePlaybooksOrder() {
    List<StopRule> rules =
        List.of(
            new StopRule.OfflineDevicesAbove("a", Side.TARGET, 1_000_000),
            new StopRule.OfflineDevicesAbove("b", Side.TARGET, 10),
            new StopRule.OfflineDevicesAbove("c", Side.TARGET, 5),
            new StopRule.OfflineRatioAbove("d", Side.SOURCE, 0.1));
    var e = StopReadings.evaluate(rules, readings(counts(100, 50), counts(10, 0), 0, 0, null));
    assertEquals(List.of("b", "c", "d"), e.fired().stream().map(StopReadings.Verdict::rule).toList(), "the target's before the source's");
    assertEquals(StopRule.State.NOT_FIRED, e.all().get(0).state());
    assertEquals("50 devices are offline at the target, within the limit of 1,000,000.", e.all().get(0).reading());
  }

  @Test
  void aRuleThatCannotBeCheckedSaysWhyInsteadOfNotFiring() {
    var blind = Reading.unknown(NOW.minusSeconds(30), "Unreachable");
    var r = readings(blind, counts(1, 1), 89_710, 1_800, NOW.minusSeconds(60));
    assertEquals(
        new StopRule.Outcome(StopRule.State.NOT_EVALUATED, "the device counts of the target are unknown (Unreachable)."),
        new StopRule.OfflineDevicesAbove("target-offline", Side.TARGET, 10).evaluate(r));
    assertEquals(
        new StopRule.Outcome(StopRule.State.NOT_EVALUATED, "not checked until 2 min after the last wave."),
        new StopRule.ReconnectedRatioBelow("canary-lost", 0.9, Duration.ofMinutes(2)).evaluate(r));
    assertEquals(
        new StopRule.Outcome(StopRule.State.NOT_EVALUATED, "no devices moved to the target yet."),
        new StopRule.ReconnectedRatioBelow("canary-lost", 0.9, Duration.ofMinutes(2)).evaluate(readings(blind, counts(1, 1), 0, 0, null)));
    assertEquals(
        new StopRule.Outcome(StopRule.State.NOT_FIRED, "the device counts of the target have been unknown for 30 s (Unreachable), less than 1 min."),
        new StopRule.SignalUnknownFor("target-blind", Side.TARGET, Duration.ofMinutes(1)).evaluate(r));
  }

  @Test
  void aMissingCanarySaysWhenTheTargetsOwnDevicesAreOfflineToo() {
    var rule = new StopRule.ReconnectedRatioBelow("canary-lost", 0.9, Duration.ofMinutes(2));
    // 20% of the target's own 90,000 devices go offline while the 9,000 moved are all connected: 18,000 offline,
    // 290 before the first wave, a rise of 17,710: more than all 9,000 moved could be.
    var before = new StopReadings.Before(290 / 90_000.0, 0.0, 290);
    var target = counts(99_000, 81_000);
    assertEquals(
        Optional.of("only 0 of the 9,000 devices moved have connected at the target (0%) 10 min after the last wave, below 90%;"
            + " the target's own devices are offline too: 18,000 of its 99,000 devices are offline, 290 before the first wave,"
            + " so at least 8,710 of them are not devices this run moved."),
        rule.check(new StopReadings(NOW, target, counts(1, 1), 89_710, 9_000, NOW.minusSeconds(600), before)));
    // 5%: 4,500 offline, within what the canary could explain; but the canary had arrived 7 min ago.
    var five = counts(99_000, 94_500);
    assertEquals(
        Optional.of("only 4,790 of the 9,000 devices moved are connected at the target now (53%) 10 min after the last wave, below 90%;"
            + " the moved devices had arrived (95% of them connected) 7 min ago, so devices have gone offline at the target itself since:"
            + " 4,500 of its 99,000 devices are offline now, 290 before the first wave."),
        rule.check(new StopReadings(NOW, five, counts(1, 1), 89_710, 9_000, NOW.minusSeconds(600), before, NOW.minusSeconds(420))));
    // Canary devices that never arrive: nothing points at the target, and the sentence stays as it was.
    var lost = counts(99_000, 94_500);
    assertEquals(
        Optional.of("only 4,790 of the 9,000 devices moved have connected at the target (53%) 10 min after the last wave, below 90%."),
        rule.check(new StopReadings(NOW, lost, counts(1, 1), 89_710, 9_000, NOW.minusSeconds(600), before)));
  }
}
