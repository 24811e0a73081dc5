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
  private final FailoverEstimator estimator = FailoverEstimator.withDefaults();

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
  void intermittentlyOfflineDevicesLoseTheirShareOfTheTime() {
    Estimate steady = estimator.estimate(input(source(Granularity.CLUSTER), List.of(target("tgt", 0)), 400, false, Duration.ofMinutes(30)));
    Estimate flapping = estimator.estimate(input(source(Granularity.CLUSTER), List.of(target("tgt", 0)), 400, true, Duration.ofMinutes(30)));
    assertEquals(400, steady.option(Recommendation.HOLD).loss().perOutageMinute());
    assertEquals(200, flapping.option(Recommendation.HOLD).loss().perOutageMinute());
    assertTrue(flapping.breakEven().minutes().getAsDouble() > steady.breakEven().minutes().getAsDouble());
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
    assertTrue(text.startsWith("Hold: failing src over to tgt would disrupt 1,000 devices, more devices than the outage has (100, intermittently offline)"), text);
    assertTrue(text.contains("Failover pays off only if the outage lasts another " + io.failwise.model.Format.minutes(e.breakEven().minutes().orElseThrow())), text);
    assertTrue(text.contains("(probability " + Explanation.probability(e.breakEven().probability()) + ")"), text);
    // 20:40 UTC is 21:40 at +01:00; the break-even is hours away, so 15 minutes later.
    assertTrue(text.endsWith("Re-evaluate at 21:55."), text);
    assertEquals(Fixtures.AT.plus(Duration.ofMinutes(15)), e.reevaluateAt());
  }

  @Test
  void saysWhenHoldingStopsBeingTheBetterBetIfTheOutageGoesOn() {
    Estimate e = estimator.estimate(input(100, Duration.ofMinutes(30)));
    Instant flip = e.flipsAt().orElseThrow();
    // With the same devices offline, the answer is HOLD a minute before the flip and FAILOVER a minute after.
    Duration elapsedAtFlip = Duration.between(Fixtures.AT.minus(Duration.ofMinutes(30)), flip);
    assertEquals(Recommendation.HOLD, estimator.estimate(input(100, elapsedAtFlip.minusMinutes(1))).recommendation());
    assertEquals(Recommendation.FAILOVER, estimator.estimate(input(100, elapsedAtFlip.plusMinutes(1))).recommendation());
    // The expected remainder at the flip is the break-even.
    double remainingThen = DurationPrior.DEFAULT.remainingAfter(elapsedAtFlip.toSeconds() / 60.0).meanMinutes();
    assertEquals(e.breakEven().minutes().orElseThrow(), remainingThen, 0.05);
    // At +01:00 the flip falls on the next day, so the date is given.
    String when = java.time.format.DateTimeFormatter.ofPattern("d MMM HH:mm", java.util.Locale.ROOT).format(flip.atZone(java.time.ZoneOffset.ofHours(1)));
    assertTrue(e.explanation().contains("If it is still going at " + when + ", failing over becomes the better bet."), e.explanation());
  }

  @Test
  void reevaluatesWhenTheAnswerWouldFlipIfThatComesSoonerButNotWithinFiveMinutes() {
    Estimate soon = estimator.estimate(input(145, Duration.ofMinutes(60)));
    Duration untilFlip = Duration.between(Fixtures.AT, soon.flipsAt().orElseThrow());
    assertTrue(untilFlip.toMinutes() >= 5 && untilFlip.toMinutes() < 15, "flip in " + untilFlip);
    assertEquals(soon.flipsAt().orElseThrow(), soon.reevaluateAt());

    Estimate verySoon = estimator.estimate(input(155, Duration.ofMinutes(30)));
    assertTrue(Duration.between(Fixtures.AT, verySoon.flipsAt().orElseThrow()).toMinutes() < 5);
    assertEquals(Fixtures.AT.plus(Duration.ofMinutes(5)), verySoon.reevaluateAt());

    Estimate failover = estimator.estimate(input(900, Duration.ofHours(3)));
    assertTrue(failover.flipsAt().isEmpty());
    assertEquals(Fixtures.AT.plus(Duration.ofMinutes(15)), failover.reevaluateAt());
  }

  @Test
  void picksTheHealthyTargetWithTheLowestPriorityNumberThatHasRoom() {
    TargetCluster sick = new TargetCluster("a-sick", 0, 10_000, 0, 50, false);
    TargetCluster full = new TargetCluster("b-full", 1, 10_000, 9_500, 50, true);
    TargetCluster roomy = new TargetCluster("c-roomy", 2, 10_000, 0, 1, true);
    TargetCluster later = new TargetCluster("d-later", 3, 10_000, 0, 50, true);
    Estimate e = estimator.estimate(input(source(Granularity.CLUSTER), List.of(later, roomy, full, sick), 900, false, Duration.ofHours(3)));
    assertEquals("c-roomy", e.option(Recommendation.FAILOVER).target().orElseThrow());
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
    assertEquals("small has room for 600 of the 1,000 devices (400 do not fit); sick is not healthy", f.reason());
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
    assertEquals(3000 + 90_000 / 240.0 + 3000 + 90_000 / 120.0, a.deviceMinutesMean(), 1e-6);
    assertTrue(a.deviceMinutesMean() < device.option(Recommendation.FAILOVER).deviceMinutesMean());
    // The first moved device pays off once the outage outlasts its two cutovers, less the queue it skips.
    assertEquals(20 - 300.0 / 60, device.breakEven().minutes().orElseThrow(), 1e-9);
    assertTrue(device.explanation().startsWith("Move only the offline devices of src to tgt: all 300 offline devices"), device.explanation());
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
    assertEquals("small has room for 120 of the 300 offline devices: 180 do not fit", a.reason());
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
            + " again at failback: failover never pays off. Re-evaluate at 21:55.",
        e.explanation());
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
        e.explanation().startsWith("Hold: moving the 300 offline devices of src to tgt pays off only if the outage lasts another 15 min"),
        e.explanation());
    assertTrue(e.explanation().contains("each move disconnects a device for a 10 min cutover and again at failback"), e.explanation());
  }

  @Test
  void saysSoWhenFailingOverIsRightThoughTheBreakEvenIsUnlikely() {
    // A heavy-tailed prior: most outages end soon, but the rare long ones cost holding more than a failover.
    EstimateInput in = input(900, Duration.ZERO);
    Estimate e = estimator.estimate(new EstimateInput(in.source(), in.targets(), in.outage(), in.at(), new DurationPrior(15, 600), in.zone()));
    assertEquals(Recommendation.FAILOVER, e.recommendation(), e.explanation());
    assertTrue(e.breakEven().probability() < 0.5, "probability " + e.breakEven().probability());
    assertTrue(e.explanation().contains("less likely than not, but the long outages it guards against cost more than the failover"), e.explanation());
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
