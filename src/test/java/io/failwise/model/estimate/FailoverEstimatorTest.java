package io.failwise.model.estimate;

import static io.failwise.model.estimate.Fixtures.input;
import static io.failwise.model.estimate.Fixtures.source;
import static io.failwise.model.estimate.Fixtures.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailoverEstimatorTest {
  private final FailoverEstimator estimator = new FailoverEstimator(Fixtures.WHOLE_CAPACITY);

  @Test
  void failoverCostsEveryDeviceTheCutoverAndItsPlaceInTheAdmissionQueueThereAndBack() {
    Estimate e = estimator.estimate(input(100, Duration.ofMinutes(30)));
    OptionEstimate f = e.option(Recommendation.FAILOVER);
    // There: 1,000 x 10 min + 1,000^2 / (2 x 120/min); back: 1,000 x 10 min + 1,000^2 / (2 x 60/min).
    double expected = (10_000 + 1_000_000 / 240.0) + (10_000 + 1_000_000 / 120.0);
    assertEquals(expected, f.loss().fixed(), 1e-6);
    assertEquals(0, f.loss().perOutageMinute());
    assertEquals(expected, f.deviceMinutesMean(), 1e-6);
    assertEquals(expected, f.deviceMinutesP90(), 1e-6);
    assertEquals(1000, f.devicesDisrupted());
    assertEquals(10 + 1000 / 120.0, f.recoveryMinutes(), 1e-9);
    assertEquals("tgt", f.target().orElseThrow());
  }

  @Test
  void holdCostsTheOfflineDevicesTheRemainingOutageThenTheirReconnection() {
    Estimate e = estimator.estimate(input(100, Duration.ofMinutes(30)));
    OptionEstimate h = e.option(Recommendation.HOLD);
    double queue = 100.0 * 100 / (2 * 60);
    assertEquals(100, h.loss().perOutageMinute());
    assertEquals(queue, h.loss().fixed(), 1e-9);
    assertEquals(100 * e.outlook().meanMinutes() + queue, h.deviceMinutesMean(), 1e-6);
    assertEquals(100 * e.outlook().p90Minutes() + queue, h.deviceMinutesP90(), 1e-6);
    assertEquals(100, h.devicesDisrupted());
  }

  @Test
  void offlineDevicesAreWhatTheOutageCostsPerMinuteWhateverHowManyItTouches() {
    // offlineDevices is what a monitor counts offline now: 400 cost 400 device-minutes a minute, however
    // many devices take turns (affected 800); there is no hidden share.
    Estimate steady = estimator.estimate(input(source(Granularity.CLUSTER), List.of(target("tgt", 0)), 400, false, Duration.ofMinutes(30)));
    Estimate flapping = estimator.estimate(input(source(Granularity.CLUSTER), List.of(target("tgt", 0)), 400, true, Duration.ofMinutes(30)));
    assertEquals(400, steady.option(Recommendation.HOLD).loss().perOutageMinute());
    assertEquals(400, flapping.option(Recommendation.HOLD).loss().perOutageMinute());
    assertEquals(steady.recommendation(), flapping.recommendation());
    assertEquals(steady.breakEven().minutes().getAsDouble(), flapping.breakEven().minutes().getAsDouble(), 1e-9);
    // Moving only the affected devices would move the 800 it touches, each offline half of the time.
    Estimate device = estimator.estimate(input(source(Granularity.DEVICE), List.of(target("tgt", 0)), 400, true, Duration.ofHours(3)));
    assertEquals(800, device.option(Recommendation.FAILOVER_AFFECTED).devicesDisrupted());
  }

  @Test
  void breakEvenIsWhereBothLossesMeetAndItsProbabilityComesFromTheConditionedPrior() {
    Estimate e = estimator.estimate(input(100, Duration.ofMinutes(30)));
    double r = e.breakEven().minutes().orElseThrow();
    DeviceMinuteLoss hold = e.option(Recommendation.HOLD).loss();
    DeviceMinuteLoss failover = e.option(Recommendation.FAILOVER).loss();
    assertEquals(hold.at(r), failover.at(r), 1e-6);
    assertEquals((32_500 - 100.0 * 100 / 120) / 100, r, 1e-9);
    assertEquals(DurationPrior.DEFAULT.remainingAfter(30).probabilityLongerThan(r), e.breakEven().probability(), 1e-15);
    assertEquals(Recommendation.FAILOVER, e.breakEven().option().orElseThrow());
  }

  @Test
  void recommendsTheOptionWithFewerExpectedDeviceMinutes() {
    Estimate few = estimator.estimate(input(100, Duration.ofMinutes(30)));
    assertEquals(Recommendation.HOLD, few.recommendation());
    assertTrue(few.target().isEmpty());
    Estimate most = estimator.estimate(input(900, Duration.ofHours(3)));
    assertEquals(Recommendation.FAILOVER, most.recommendation());
    assertEquals("tgt", most.target().orElseThrow());
    assertTrue(most.recommended().deviceMinutesMean() < most.option(Recommendation.HOLD).deviceMinutesMean());
    assertTrue(most.explanation().startsWith("Fail over src to tgt: 900 devices are offline now"), most.explanation());
  }

  @Test
  void theHoldExplanationSaysFailoverWouldDisruptMoreDevicesThanTheOutageHasAndWhenItWouldPayOff() {
    Estimate e = estimator.estimate(input(source(Granularity.CLUSTER), List.of(target("tgt", 0)), 100, true, Duration.ofMinutes(55)));
    String text = e.explanation();
    assertTrue(text.startsWith("Hold: failing src over to tgt would disrupt 1,000 devices, more devices than the outage has (100 offline, 200 affected)"), text);
    assertTrue(text.contains("Failover pays off only if the outage lasts another " + io.failwise.model.Format.minutes(e.breakEven().minutes().orElseThrow())), text);
    assertTrue(text.contains("(probability " + Explanation.probability(e.breakEven().probability()) + ")"), text);
    // 20:40 UTC is 21:40 at +01:00; the break-even is hours away, so 15 minutes later.
    assertTrue(text.endsWith("Re-evaluate at 21:55 +01:00."), text);
    assertEquals(Fixtures.AT.plus(Duration.ofMinutes(15)), e.reevaluateAt());
  }

  @Test
  void flipsAtTheFirstReDecisionAtWhichTheSameRuleWouldFailOver() {
    Estimate e = estimator.estimate(input(100, Duration.ofMinutes(30)));
    assertEquals(Recommendation.HOLD, e.recommendation());
    Instant flip = e.flipsAt().orElseThrow();
    // Flips fall on the policy's schedule: a whole number of 15-minute steps from now.
    Duration ahead = Duration.between(Fixtures.AT, flip);
    assertEquals(0, ahead.toMinutes() % 15, "flip " + ahead);
    // Deciding again at the flip with the same count fails over; at the step before, it still holds.
    Duration elapsedAtFlip = Duration.ofMinutes(30).plus(ahead);
    assertEquals(Recommendation.FAILOVER, estimator.estimate(input(100, elapsedAtFlip)).recommendation());
    assertEquals(Recommendation.HOLD, estimator.estimate(input(100, elapsedAtFlip.minusMinutes(15))).recommendation());
    String when = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", java.util.Locale.ROOT).format(flip.atZone(java.time.ZoneOffset.ofHours(1))) + " +01:00";
    assertTrue(e.explanation().contains("If it is still going as it is at " + when + ", failing over becomes the better bet."), e.explanation());
  }

  @Test
  void reevaluatesAtTheNextStepOfThePolicysSchedule() {
    Estimate hold = estimator.estimate(input(100, Duration.ofMinutes(60)));
    assertEquals(Recommendation.HOLD, hold.recommendation());
    assertEquals(Fixtures.AT.plus(Duration.ofMinutes(15)), hold.reevaluateAt());

    Estimate failover = estimator.estimate(input(900, Duration.ofHours(3)));
    assertTrue(failover.flipsAt().isEmpty());
    assertEquals(Fixtures.AT.plus(Duration.ofMinutes(15)), failover.reevaluateAt());
  }

  @Test
  void aRiseIsReEvaluatedNoLaterThanItsFlipOrTheEndOfItsWaitStep() {
    // A young rise (the keep-alives of a sudden loss expiring): 180,000 devices, 40,000 offline three
    // minutes after the onset, rising 14,100 a minute. Holding is right for the 34 s until the count has
    // moved by a fifth and the policy decides again; if it is still rising then, failing over is. The
    // time to look again was the 5-minute minimum, 4.5 minutes after that flip.
    EstimateInput in = youngRise();
    Estimate e = estimator.estimate(in);
    assertEquals(Recommendation.HOLD, e.recommendation());
    assertEquals(Trend.Kind.GROWING, e.trend().kind());
    Instant flip = e.flipsAt().orElseThrow();
    Instant stepEnds = in.at().plusNanos(Math.round(e.waiting().stepMinutes() * 60e9));
    assertTrue(e.waiting().stepMinutes() < 5, "a step of " + e.waiting().stepMinutes() + " min");
    assertFalse(e.reevaluateAt().isAfter(flip), e.reevaluateAt() + " after the flip at " + flip);
    assertFalse(e.reevaluateAt().isAfter(stepEnds), e.reevaluateAt() + " after the step's end at " + stepEnds);
    assertTrue(e.reevaluateAt().isAfter(in.at()));
    String when = io.failwise.model.Format.timeToTheSecond(e.reevaluateAt(), in.at(), java.time.ZoneOffset.ofHours(1)); // with its seconds
    assertTrue(when.matches("..:..:.. \\+01:00") && e.explanation().endsWith("Re-evaluate at " + when + "."), e.explanation());
  }

  /** young-rise.yaml's outage in the model's terms: readings every 30 s as the keep-alives expire. */
  private static EstimateInput youngRise() {
    Instant at = Fixtures.AT;
    long[][] readings = {{172, 200}, {142, 1_500}, {112, 7_000}, {82, 13_000}, {52, 24_000}, {22, 32_000}};
    List<OfflineSample> recent =
        java.util.Arrays.stream(readings).map(r -> new OfflineSample(at.minusSeconds(r[0]), r[1])).toList();
    SourceCluster west =
        new SourceCluster("src", "", 180_000, 140_000, 250_000, 960, Duration.ofMinutes(20), Duration.ofMinutes(40), Granularity.CLUSTER, true);
    TargetCluster north = new TargetCluster("tgt", 0, 300_000, 89_710, 960, true);
    return new EstimateInput(
        west, List.of(north), new Outage(at.minusSeconds(173), 40_000, 40_000, recent), at, DurationPrior.DEFAULT, java.time.ZoneOffset.ofHours(1));
  }

  @Test
  void picksTheCheapestHealthyTargetWithRoomAndPriorityBreaksTies() {
    TargetCluster sick = new TargetCluster("a-sick", 0, 10_000, 0, 50, false);
    TargetCluster full = new TargetCluster("b-full", 1, 10_000, 9_500, 50, true);
    TargetCluster slow = new TargetCluster("c-slow", 2, 10_000, 0, 1, true);
    TargetCluster fast = new TargetCluster("d-fast", 3, 10_000, 0, 50, true);
    TargetCluster twin = new TargetCluster("e-twin", 4, 10_000, 0, 50, true);
    Estimate e = estimator.estimate(input(source(Granularity.CLUSTER), List.of(twin, fast, slow, full, sick), 900, false, Duration.ofHours(3)));
    // c-slow has the better priority, but admits 1 device a second: 1,000 devices queue for 8 min more.
    // d-fast and e-twin cost the same; d-fast has the lower priority number.
    assertEquals("d-fast", e.option(Recommendation.FAILOVER).target().orElseThrow());
  }

  @Test
  void withoutTargetsItHoldsAndSaysWhy() {
    Estimate e = estimator.estimate(input(source(Granularity.CLUSTER), List.of(), 1000, false, Duration.ofHours(5)));
    assertEquals(Recommendation.HOLD, e.recommendation());
    assertFalse(e.option(Recommendation.FAILOVER).feasible());
    assertFalse(e.breakEven().option().isPresent());
    assertEquals(0.0, e.breakEven().probability());
    assertTrue(e.explanation().startsWith("Hold: src has no feasible failover: src lists no failover targets."), e.explanation());
  }

  @Test
  void whenNoTargetHasRoomItSaysByHowManyDevices() {
    TargetCluster small = new TargetCluster("small", 0, 700, 100, 10, true);
    TargetCluster sick = new TargetCluster("sick", 1, 10_000, 0, 10, false);
    Estimate e = estimator.estimate(input(source(Granularity.CLUSTER), List.of(small, sick), 1000, false, Duration.ofHours(5)));
    OptionEstimate f = e.option(Recommendation.FAILOVER);
    assertEquals(Recommendation.HOLD, e.recommendation());
    assertFalse(f.feasible());
    assertEquals(400, f.devicesNotFitting());
    assertEquals("small has room for 600 of the 1,000 devices (400 do not fit at 100% of its capacity); sick is not healthy", f.reason());
    assertTrue(e.explanation().contains(f.reason()), e.explanation());
  }

  @Test
  void movingOnlyTheAffectedDevicesNeedsDeviceGranularity() {
    Estimate cluster = estimator.estimate(input(source(Granularity.CLUSTER), List.of(target("tgt", 0)), 300, false, Duration.ofHours(2)));
    assertFalse(cluster.option(Recommendation.FAILOVER_AFFECTED).feasible());
    assertEquals("src moves its devices together (granularity Cluster)", cluster.option(Recommendation.FAILOVER_AFFECTED).reason());

    Estimate device = estimator.estimate(input(source(Granularity.DEVICE), List.of(target("tgt", 0)), 300, false, Duration.ofHours(2)));
    OptionEstimate a = device.option(Recommendation.FAILOVER_AFFECTED);
    assertEquals(Recommendation.FAILOVER_AFFECTED, device.recommendation());
    assertEquals(300, a.devicesMoved());
    assertEquals(300, a.devicesDisrupted());
    // 300 devices there and back: 300 x 10 min + 300^2/(2 x 120) + 300 x 10 min + 300^2/(2 x 60).
    double move = 3000 + 90_000 / 240.0 + 3000 + 90_000 / 120.0;
    assertEquals(move, a.deviceMinutesMean(), 1e-6);
    assertTrue(a.deviceMinutesMean() < device.option(Recommendation.FAILOVER).deviceMinutesMean());
    // The break-even of the plan recommended (all 300 moved), not of its first device: moving them costs
    // 7,125 device-minutes; holding costs 300 a minute plus the 750 of their reconnection queue.
    assertEquals((move - 90_000 / 120.0) / 300, device.breakEven().minutes().orElseThrow(), 1e-9);
    assertTrue(device.explanation().startsWith("Move only the affected devices of src to tgt: all 300 affected devices"), device.explanation());
  }

  @Test
  void aTargetWithRoomForSomeAffectedDevicesTakesThoseAndTheRestWait() {
    TargetCluster small = new TargetCluster("small", 0, 1000, 880, 2, true);
    Estimate e = estimator.estimate(input(source(Granularity.DEVICE), List.of(small), 300, false, Duration.ofHours(2)));
    OptionEstimate a = e.option(Recommendation.FAILOVER_AFFECTED);
    assertTrue(a.feasible() && a.partial());
    assertEquals(120, a.devicesMoved());
    assertEquals(180, a.devicesNotFitting());
    assertEquals(180, a.loss().perOutageMinute(), 1e-9);
    assertEquals("small has room for 120 of the 300 affected devices: 180 do not fit", a.reason());
  }

  @Test
  void movesNoMoreAffectedDevicesThanPaysOff() {
    // A slow target (1.2 per minute): later devices would queue for hours, so only some are worth moving.
    TargetCluster slow = new TargetCluster("slow", 0, 100_000, 0, 0.02, true);
    Estimate unbounded = estimator.estimate(input(source(Granularity.DEVICE), List.of(slow), 1000, false, Duration.ofHours(2)));
    OptionEstimate best = unbounded.option(Recommendation.FAILOVER_AFFECTED);
    assertTrue(best.devicesMoved() > 0 && best.devicesMoved() < 1000, "moved " + best.devicesMoved());
    assertTrue(best.reason().startsWith("moving more than"), best.reason());
    // Capping the room below that number costs more; above it, nothing changes: it is the optimum.
    for (long room : new long[] {best.devicesMoved() / 4, best.devicesMoved() / 2, best.devicesMoved() - 5}) {
      double capped = estimator
          .estimate(input(source(Granularity.DEVICE), List.of(new TargetCluster("slow", 0, room, 0, 0.02, true)), 1000, false, Duration.ofHours(2)))
          .option(Recommendation.FAILOVER_AFFECTED).deviceMinutesMean();
      assertTrue(capped > best.deviceMinutesMean(), "room " + room);
    }
    double roomier = estimator
        .estimate(input(source(Granularity.DEVICE), List.of(new TargetCluster("slow", 0, best.devicesMoved() + 50, 0, 0.02, true)), 1000, false, Duration.ofHours(2)))
        .option(Recommendation.FAILOVER_AFFECTED).deviceMinutesMean();
    assertEquals(best.deviceMinutesMean(), roomier, 1e-9 * roomier);
  }

  @Test
  void withNothingOfflineFailoverNeverPaysOff() {
    Estimate e = estimator.estimate(input(0, Duration.ofHours(1)));
    assertEquals(Recommendation.HOLD, e.recommendation());
    assertTrue(e.breakEven().option().isPresent());
    assertFalse(e.breakEven().reachable());
    assertEquals(0.0, e.breakEven().probability());
    assertEquals(
        "Hold: no devices are offline, so failing src over to tgt could only disrupt its 1,000 devices for about 18 min and"
            + " again at failback: failover never pays off. Re-evaluate at 21:55 +01:00.",
        e.explanation());
  }

  @Test
  void anIntermittentOutageWithNoDeviceOfflineThisInstantHoldsAndSaysWhy() {
    // Devices touched by an intermittent outage, none of them offline at this moment: nothing is lost
    // while none is offline, so moving them (or the whole cluster) never pays off. This used to end in
    // "No value present" while explaining the hold.
    for (long touched : new long[] {1, 300}) {
      Estimate e =
          estimator.estimate(
              new EstimateInput(
                  source(Granularity.DEVICE), List.of(target("tgt", 0)), new Outage(Fixtures.AT.minus(Duration.ofHours(1)), 0, touched, List.of()),
                  Fixtures.AT, DurationPrior.DEFAULT, java.time.ZoneOffset.ofHours(1)));
      assertEquals(Recommendation.HOLD, e.recommendation());
      assertFalse(e.breakEven().reachable());
      assertEquals(0.0, e.breakEven().probability());
      OptionEstimate a = e.option(Recommendation.FAILOVER_AFFECTED);
      assertEquals(0, a.devicesMoved());
      assertEquals("no affected device is offline now: moving one saves nothing", a.reason());
      assertEquals(
          "Hold: no devices are offline now (" + io.failwise.model.Format.count(touched) + " intermittently affected), so moving the"
              + " affected devices of src to tgt could only disconnect each for a 10 min cutover and again at failback: failover never"
              + " pays off while none is offline. Re-evaluate at 21:55 +01:00.",
          e.explanation());
    }
  }

  @Test
  void holdsWhenEvenTheFirstAffectedDeviceWouldNotPayOffAndSaysWhen() {
    // Outages here usually end within minutes: shorter than a device's two 10-minute cutovers.
    EstimateInput in = input(source(Granularity.DEVICE), List.of(target("tgt", 0)), 300, false, Duration.ZERO);
    Estimate e = estimator.estimate(new EstimateInput(in.source(), in.targets(), in.outage(), in.at(), new DurationPrior(3, 10), in.zone()));
    assertEquals(Recommendation.HOLD, e.recommendation());
    OptionEstimate a = e.option(Recommendation.FAILOVER_AFFECTED);
    assertTrue(a.feasible());
    assertEquals(0, a.devicesMoved());
    assertEquals(Recommendation.FAILOVER_AFFECTED, e.breakEven().option().orElseThrow());
    assertEquals(15, e.breakEven().minutes().orElseThrow(), 1e-9);
    assertTrue(
        e.explanation().startsWith("Hold: moving the 300 affected devices of src to tgt pays off only if the outage lasts another 15 min"),
        e.explanation());
    assertTrue(e.explanation().contains("each move disconnects a device for a 10 min cutover and again at failback"), e.explanation());
  }

  @Test
  void aHeavyTailedPriorFailsOverOnceTheShortOutagesAreBehind() {
    // A heavy-tailed prior: most outages end soon, but the rare long ones cost holding more than a failover.
    // After an hour the short ones are behind us, and waiting another 15 minutes is no longer worth it.
    EstimateInput in = input(900, Duration.ofMinutes(60));
    Estimate e = estimator.estimate(new EstimateInput(in.source(), in.targets(), in.outage(), in.at(), new DurationPrior(15, 600), in.zone()));
    assertEquals(Recommendation.FAILOVER, e.recommendation(), e.explanation());
    assertTrue(e.explanation().contains("Waiting is not worth it: holding another 15 min and deciding again"), e.explanation());
  }

  @Test
  void rejectsInputsThatDescribeNoPossibleOutage() {
    SourceCluster src = source(Granularity.CLUSTER);
    assertThrows(IllegalArgumentException.class, () -> input(src, List.of(), 1001, false, Duration.ZERO));
    Instant at = Fixtures.AT;
    assertThrows(
        IllegalArgumentException.class,
        () -> new EstimateInput(src, List.of(), new Outage(at.plusSeconds(1), 1), at, DurationPrior.DEFAULT));
    assertThrows(IllegalArgumentException.class, () -> new TargetCluster("t", 0, 10, 0, 0, true));
    assertThrows(IllegalArgumentException.class, () -> new Outage(at, -1));
  }
}
