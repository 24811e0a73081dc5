package io.failwise.model.estimate;

import static io.failwise.model.estimate.Fixtures.input;
import static io.failwise.model.estimate.Fixtures.source;
import static io.failwise.model.estimate.Fixtures.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Each option's numbers worked out by hand on the fixture (1,000 devices admitted at 60 a minute, 10 min
 * cutovers, failback required; targets admit 120 a minute): recovery times, how many affected devices are
 * worth moving, the 90th percentiles with a wide cutover, and the edges of a target's room.
 */
class OptionCostsTest {
  private final FailoverEstimator estimator = new FailoverEstimator(Fixtures.WHOLE_CAPACITY);

  /** z of the 90th percentile, from mpmath: sqrt(2) erfinv(0.8). */
  private static final double Z90 = 1.2815515655446004;

  /** A prior under which outages usually end within minutes: nothing is worth moving 0 min in. */
  private static EstimateInput shortOutages(EstimateInput in) {
    return new EstimateInput(in.source(), in.targets(), in.outage(), in.at(), new DurationPrior(3, 10), in.zone(), in.targetOrder());
  }

  /** Holding o devices steady for {@code mean} more minutes, then the fixture's queue at 60 a minute. */
  private static HeldCost steady(double o, double mean) {
    return HeldCost.steady(o, mean, 60);
  }

  private static EstimateInput ordered(EstimateInput in, TargetOrder order) {
    return new EstimateInput(in.source(), in.targets(), in.outage(), in.at(), in.prior(), in.zone(), order);
  }

  @Test
  void holdingRecoversWhenTheOutageEndsAndTheOfflineDevicesHaveQueuedBackIn() {
    Estimate e = estimator.estimate(input(100, Duration.ofMinutes(30)));
    // E[R], then 100 devices at 60 a minute.
    assertEquals(e.outlook().meanMinutes() + 100 / 60.0, e.option(Recommendation.HOLD).recoveryMinutes(), 1e-9);
    assertFalse(e.option(Recommendation.FAILOVER).partial());
  }

  @Test
  void movingAffectedDevicesRecoversWhenTheLastOfThemIsInOrTheLastWaitingOneIsBack() {
    // All 300 moved: a 10 min cutover, then 300 at 120 a minute: 12.5 min; nobody waits for the outage.
    Estimate all = estimator.estimate(input(source(Granularity.DEVICE), List.of(target("tgt", 0)), 300, false, Duration.ofHours(2)));
    assertEquals(12.5, all.option(Recommendation.FAILOVER_AFFECTED).recoveryMinutes(), 1e-9);

    // Room for 120: they are in after 10 + 1 min, but the 180 left wait for the outage and then 3 min of queue.
    TargetCluster small = new TargetCluster("small", 0, 1000, 880, 2, true);
    Estimate some = estimator.estimate(input(source(Granularity.DEVICE), List.of(small), 300, false, Duration.ofHours(2)));
    assertEquals(some.outlook().meanMinutes() + 3, some.option(Recommendation.FAILOVER_AFFECTED).recoveryMinutes(), 1e-9);

    // Nothing worth moving: all 300 wait, E[R] (4.7 min under this prior) + 5 min, less than one 10 min cutover.
    Estimate none =
        estimator.estimate(shortOutages(input(source(Granularity.DEVICE), List.of(target("tgt", 0)), 300, false, Duration.ZERO)));
    OptionEstimate a = none.option(Recommendation.FAILOVER_AFFECTED);
    assertEquals(0, a.devicesMoved());
    assertEquals(none.outlook().meanMinutes() + 5, a.recoveryMinutes(), 1e-9);
    assertTrue(a.recoveryMinutes() < 10, "recovery " + a.recoveryMinutes());
    assertEquals("moving a device pays off only if the outage lasts another 15 min", a.reason());
  }

  @Test
  void movesTheNumberOfIntermittentDevicesWhereTheNextOneWouldCostMoreThanItSaves() {
    // 400 offline of 800 affected (share s = 0.5), a target admitting 3 a minute. Moving m of the 800 costs
    // 2 switches of m (10 min cutover + queue at 3, then at 60 a minute), and the 800 - m left lose
    // s (800 - m) a minute and queue s (800 - m) at 60 a minute after the outage. The derivative is zero at
    // m = (s E[R] + s^2 800/60 - 20) / (1/3 + 1/60 + s^2/60).
    TargetCluster slow = new TargetCluster("slow", 0, 100_000, 0, 0.05, true);
    EstimateInput in = input(source(Granularity.DEVICE), List.of(slow), 400, true, Duration.ofHours(3));
    Estimate e = estimator.estimate(in);
    double mean = e.outlook().meanMinutes();
    double m = (0.5 * mean + 0.25 * 800 / 60 - 20) / (1 / 3.0 + 1 / 60.0 + 0.25 / 60);
    assertTrue(m > 300 && m < 400, "m " + m);
    OptionEstimate a = e.option(Recommendation.FAILOVER_AFFECTED);
    assertEquals(Math.round(m), a.devicesMoved());
    assertEquals(800, a.devicesDisrupted());
    double held = 0.5 * (800 - m);
    double fixed = (m * 10 + m * m / 6) + (m * 10 + m * m / 120) + held * held / 120;
    assertEquals(fixed, a.loss().fixed(), 1e-6);
    assertEquals(held, a.loss().perOutageMinute(), 1e-9);
    assertEquals(fixed + held * mean, a.deviceMinutesMean(), 1e-6);
    assertEquals(
        "moving more than " + Math.round(m) + " devices costs more than waiting: later devices queue longer at slow's admission rate",
        a.reason());
    // The sequential decision costs later states with the same model: at this state it agrees with the report.
    OptionCosts costs = OptionCosts.of(in, 1.0);
    assertEquals(a.deviceMinutesMean(), costs.affectedMeanAt(400, 800, steady(400, mean)), 1e-9 * a.deviceMinutesMean());
    // And the estimate's "act now" is that cost when it is the cheapest failover option.
    assertTrue(a.deviceMinutesMean() < e.option(Recommendation.FAILOVER).deviceMinutesMean());
    assertEquals(a.deviceMinutesMean(), e.waiting().actNowMean(), 1e-9 * a.deviceMinutesMean());
  }

  @Test
  void aMoveOfNoDeviceCostsWhatHoldingCostsWhateverTheCountDoes() {
    // 300 of the 1,000 offline, 5 min in, under a prior of short outages: no device is worth its two 10 min
    // cutovers, so the move of affected devices moves none, and it is holding by another name. With the
    // count falling or rising, its row used to cost the 300 as if steady (the straight line) beside a HOLD
    // that followed the trend: two prices for the same plan, and a break-even of "0 s, probability 1".
    EstimateInput base = shortOutages(input(source(Granularity.DEVICE), List.of(target("tgt", 0)), 300, false, Duration.ofMinutes(5)));
    for (long before : new long[] {360, 240}) {
      List<OfflineSample> readings = List.of(new OfflineSample(Fixtures.AT.minus(Duration.ofMinutes(4)), before));
      EstimateInput in =
          new EstimateInput(base.source(), base.targets(), base.outage().withRecent(readings), base.at(), base.prior(), base.zone());
      Estimate e = estimator.estimate(in);
      String trend = e.trend().kind().toString();
      assertTrue(e.trend().kind() != Trend.Kind.STEADY, trend);
      OptionEstimate hold = e.option(Recommendation.HOLD);
      OptionEstimate a = e.option(Recommendation.FAILOVER_AFFECTED);
      assertEquals(0, a.devicesMoved(), trend);
      assertEquals(hold.deviceMinutesMean(), a.deviceMinutesMean(), 1e-9 * hold.deviceMinutesMean(), trend);
      assertEquals(hold.deviceMinutesP90(), a.deviceMinutesP90(), 1e-9 * hold.deviceMinutesP90(), trend);
      assertEquals(hold.recoveryMinutes(), a.recoveryMinutes(), 1e-9, trend);
      assertEquals(Recommendation.HOLD, e.recommendation(), trend);
      assertTrue(e.breakEven().minutes().orElse(Double.POSITIVE_INFINITY) > 10, trend + ": " + e.breakEven());
    }
  }

  @Test
  void thePartOfAPartialMoveLeftBehindHasHoldingsP90AndRecoveryForItsShareAlongTheFall() {
    // 300 offline, falling 2 a minute (zero in 2 h 30 min), 2 h in; the target has room for 120, all worth
    // moving: 180 of the 300 (three fifths) are left to the fall. They lose three fifths of the count's
    // path and queue as three fifths of it (HeldLoss, at the source's rate over 3/5, checked against a
    // Monte Carlo in HeldLossTest); the moved 120 are in after 10 + 1 min.
    TargetCluster small = new TargetCluster("small", 0, 1000, 880, 2, true);
    EstimateInput base = input(source(Granularity.DEVICE), List.of(small), 300, false, Duration.ofHours(2));
    List<OfflineSample> readings = List.of(new OfflineSample(Fixtures.AT.minus(Duration.ofMinutes(5)), 310));
    EstimateInput in = new EstimateInput(base.source(), base.targets(), base.outage().withRecent(readings), base.at(), base.prior(), base.zone());
    Estimate e = estimator.estimate(in);
    assertEquals(Trend.Kind.RECOVERING, e.trend().kind());
    OptionEstimate a = e.option(Recommendation.FAILOVER_AFFECTED);
    assertEquals(120, a.devicesMoved());
    double kept = 180 / 300.0;
    RemainingOutage remaining = in.prior().remainingAfter(in.elapsedMinutes());
    double switching = (120 * 10 + 120.0 * 120 / 240) + (120 * 10 + 120.0 * 120 / 120);
    assertEquals(switching + kept * HeldLoss.p90(e.trend(), remaining, 60 / kept), a.deviceMinutesP90(), 1e-6 * a.deviceMinutesP90());
    assertEquals(Math.max(11, HeldLoss.recoveryMinutes(e.trend(), remaining, 60 / kept)), a.recoveryMinutes(), 1e-9);
    // And its mean: the share of what holding costs from now, in its two parts.
    HeldCost held = e.waiting().holdForever();
    assertEquals(switching + kept * held.offlineMinutes() + kept * kept * held.endQueue(), a.deviceMinutesMean(), 1e-6 * a.deviceMinutesMean());
  }

  @Test
  void theFirstIntermittentDevicePaysOffOnceTheOutageOutlastsItsSwitchesAtItsShareOfTheTime() {
    // 300 offline of 600 (s = 0.5): moving the first device saves s a minute of outage and s^2 600/60 = 2.5
    // device-minutes of queue, against two 10 min cutovers: it pays off after (20 - 2.5) / 0.5 = 35 min.
    EstimateInput in = shortOutages(input(source(Granularity.DEVICE), List.of(target("tgt", 0)), 300, true, Duration.ZERO));
    Estimate e = estimator.estimate(in);
    assertEquals(Recommendation.HOLD, e.recommendation());
    assertEquals(Recommendation.FAILOVER_AFFECTED, e.breakEven().option().orElseThrow());
    assertEquals(35, e.breakEven().minutes().orElseThrow(), 1e-9);
    assertEquals(0, e.option(Recommendation.FAILOVER_AFFECTED).devicesMoved());
    assertTrue(
        e.explanation().startsWith("Hold: moving the 600 affected devices of src to tgt pays off only if the outage lasts another 35 min"),
        e.explanation());
    // All 600 wait: E[R], then their 300 offline at 60 a minute.
    assertEquals(e.outlook().meanMinutes() + 5, e.option(Recommendation.FAILOVER_AFFECTED).recoveryMinutes(), 1e-9);
  }

  @Test
  void aWideCutoverRaisesTheMeanByTheLognormalsFactorAndTheP90ToTheCutoversP90() {
    // Cutover median 10 min, p90 20 min: sigma = ln 2 / z90, the mean is 10 e^(sigma^2/2) = 11.58 min.
    SourceCluster wide =
        new SourceCluster("src", "", 1000, 900, 2000, 1, Duration.ofMinutes(10), Duration.ofMinutes(20), Granularity.DEVICE, true);
    double sigma = Math.log(2) / Z90;
    double c = 10 * Math.exp(sigma * sigma / 2);
    assertEquals(11.575, c, 1e-3);
    assertEquals(c, wide.cutoverMeanMinutes(), 1e-12);
    Estimate e = estimator.estimate(input(wide, List.of(target("tgt", 0)), 300, false, Duration.ofHours(2)));
    // All 300 moved: two switches of 300 (queues 300^2/240 and 300^2/120 = 375 + 750).
    OptionEstimate a = e.option(Recommendation.FAILOVER_AFFECTED);
    assertEquals(300, a.devicesMoved());
    assertEquals(600 * c + 1125, a.deviceMinutesMean(), 1e-6);
    assertEquals(600 * 20 + 1125, a.deviceMinutesP90(), 1e-6);
    // The whole cluster: 1,000 twice, queues 1,000^2/240 + 1,000^2/120 = 12,500.
    OptionEstimate f = e.option(Recommendation.FAILOVER);
    assertEquals(2000 * c + 12_500, f.deviceMinutesMean(), 1e-6);
    assertEquals(2000 * 20 + 12_500, f.deviceMinutesP90(), 1e-6);
    assertEquals(c + 1000 / 120.0, f.recoveryMinutes(), 1e-9);
    // A cutover with no spread keeps its median as the mean, and so does an instant one.
    assertEquals(10, source(Granularity.DEVICE).cutoverMeanMinutes(), 0);
    SourceCluster instant =
        new SourceCluster("src", "", 1000, 900, 2000, 1, Duration.ZERO, Duration.ofMinutes(1), Granularity.DEVICE, true);
    assertEquals(0, instant.cutoverMeanMinutes(), 0);
    // Without a stated p90 it is twice the median, the documented 1.16 x the median on average.
    SourceCluster guessed = new SourceCluster("src", 1000, 900, 2000, 1, Duration.ofMinutes(10), Granularity.DEVICE, true);
    assertEquals(Duration.ofMinutes(20), guessed.cutoverP90());
    assertEquals(c, guessed.cutoverMeanMinutes(), 1e-12);
  }

  @Test
  void aTargetWithRoomForExactlyTheAffectedDevicesTakesThemAllWithNothingLeftOver() {
    TargetCluster exact = new TargetCluster("exact", 0, 300, 0, 2, true);
    Estimate e = estimator.estimate(input(source(Granularity.DEVICE), List.of(exact), 300, false, Duration.ofHours(2)));
    OptionEstimate a = e.option(Recommendation.FAILOVER_AFFECTED);
    assertTrue(a.feasible());
    assertFalse(a.partial());
    assertEquals(0, a.devicesNotFitting());
    assertEquals(300, a.devicesMoved());
    assertEquals("", a.reason());
    // The whole cluster does not fit there: 700 of its 1,000 devices.
    OptionEstimate f = e.option(Recommendation.FAILOVER);
    assertFalse(f.feasible());
    assertEquals(700, f.devicesNotFitting());
    assertEquals(Optional.of("exact"), f.target());
  }

  @Test
  void aTargetWithoutRoomIsPassedOverForTheAffectedDevicesInEitherOrder() {
    TargetCluster full = new TargetCluster("a-full", 0, 1000, 1000, 50, true);
    TargetCluster roomy = target("b-roomy", 1);
    // Nothing worth moving: both targets would cost what holding costs, and priority would break the tie
    // for a-full, but a target with no room is no candidate at all.
    Estimate idle = estimator.estimate(shortOutages(input(source(Granularity.DEVICE), List.of(full, roomy), 300, false, Duration.ZERO)));
    assertEquals(Optional.of("b-roomy"), idle.option(Recommendation.FAILOVER_AFFECTED).target());
    assertFalse(idle.option(Recommendation.FAILOVER_AFFECTED).partial());
    // Under a strict order the first by priority with room, not the first by priority.
    Estimate strict =
        estimator.estimate(ordered(input(source(Granularity.DEVICE), List.of(full, roomy), 300, false, Duration.ofHours(2)), TargetOrder.PRIORITY));
    assertEquals(Optional.of("b-roomy"), strict.option(Recommendation.FAILOVER_AFFECTED).target());
    assertEquals(300, strict.option(Recommendation.FAILOVER_AFFECTED).devicesMoved());
  }

  @Test
  void whenNoTargetHasRoomForAnyAffectedDeviceItSaysSoPerTarget() {
    TargetCluster full = new TargetCluster("a-full", 0, 1000, 1000, 50, true);
    TargetCluster sick = new TargetCluster("b-sick", 1, 10_000, 0, 50, false);
    Estimate e = estimator.estimate(input(source(Granularity.DEVICE), List.of(full, sick), 300, false, Duration.ofHours(2)));
    OptionEstimate a = e.option(Recommendation.FAILOVER_AFFECTED);
    assertFalse(a.feasible());
    assertEquals(Optional.of("a-full"), a.target());
    assertEquals(300, a.devicesNotFitting());
    assertEquals(
        "a-full has room for 0 of the 300 affected devices (300 do not fit at 100% of its capacity); b-sick is not healthy", a.reason());
    // With only an unhealthy target there is no candidate to name, and nothing "does not fit".
    Estimate none = estimator.estimate(input(source(Granularity.DEVICE), List.of(sick), 300, false, Duration.ofHours(2)));
    assertEquals(Optional.empty(), none.option(Recommendation.FAILOVER_AFFECTED).target());
    assertEquals(0, none.option(Recommendation.FAILOVER_AFFECTED).devicesNotFitting());
    assertEquals("b-sick is not healthy", none.option(Recommendation.FAILOVER_AFFECTED).reason());
  }

  @Test
  void withNothingToMoveNeitherOptionIsFeasibleAndItSaysWhy() {
    Estimate e = estimator.estimate(input(source(Granularity.DEVICE), List.of(target("tgt", 0)), 0, false, Duration.ofHours(2)));
    assertFalse(e.option(Recommendation.FAILOVER_AFFECTED).feasible());
    assertEquals("src has no devices offline", e.option(Recommendation.FAILOVER_AFFECTED).reason());
    SourceCluster empty = new SourceCluster("empty", "", 0, 0, 10, 1, Duration.ofMinutes(10), null, Granularity.CLUSTER, true);
    Estimate nothing = estimator.estimate(input(empty, List.of(target("tgt", 0)), 0, false, Duration.ofHours(2)));
    assertFalse(nothing.option(Recommendation.FAILOVER).feasible());
    assertEquals("empty has no devices to move", nothing.option(Recommendation.FAILOVER).reason());
  }

  @Test
  void laterStatesOfTheOutageAreCostedOnlyWhereAMoveOfAffectedDevicesIsPossible() {
    EstimateInput device = input(source(Granularity.DEVICE), List.of(target("tgt", 0)), 300, false, Duration.ofHours(2));
    OptionCosts costs = OptionCosts.of(device, 1.0);
    // 300 moved there and back: 6,000 + 375 + 750, whatever the outage does.
    assertEquals(7125, costs.affectedMeanAt(300, 300, steady(300, 200)), 1e-9);
    // No affected devices, a cluster that moves as one, a target without room: not an option.
    assertEquals(Double.POSITIVE_INFINITY, costs.affectedMeanAt(0, 0, steady(0, 200)));
    EstimateInput cluster = input(source(Granularity.CLUSTER), List.of(target("tgt", 0)), 300, false, Duration.ofHours(2));
    assertEquals(Double.POSITIVE_INFINITY, OptionCosts.of(cluster, 1.0).affectedMeanAt(300, 300, steady(300, 200)));
    EstimateInput noTargets = input(source(Granularity.DEVICE), List.of(), 300, false, Duration.ofHours(2));
    assertEquals(Double.POSITIVE_INFINITY, OptionCosts.of(noTargets, 1.0).affectedMeanAt(300, 300, steady(300, 200)));
    TargetCluster full = new TargetCluster("full", 0, 1000, 1000, 2, true);
    EstimateInput noRoom = input(source(Granularity.DEVICE), List.of(full), 300, false, Duration.ofHours(2));
    assertEquals(Double.POSITIVE_INFINITY, OptionCosts.of(noRoom, 1.0).affectedMeanAt(300, 300, steady(300, 200)));
  }

  @Test
  void laterStatesUnderAStrictOrderAreCostedAtTheFirstTargetByPriorityEvenWhenAnotherIsCheaper() {
    // p0 admits 1 a minute, p1 120 a minute. Moving 100 devices: 2,000 of cutovers, 100^2/120 back, and the
    // queue there: 100^2/2 at p0, 100^2/240 at p1.
    TargetCluster slow = new TargetCluster("p0-slow", 0, 10_000, 0, 1 / 60.0, true);
    TargetCluster fast = target("p1-fast", 1);
    EstimateInput in = input(source(Granularity.DEVICE), List.of(fast, slow), 100, false, Duration.ofHours(2));
    double atFast = 2000 + 10_000 / 240.0 + 10_000 / 120.0;
    assertEquals(atFast, OptionCosts.of(in, 1.0).affectedMeanAt(100, 100, steady(100, 10_000)), 1e-9);
    double atSlow = OptionCosts.of(ordered(in, TargetOrder.PRIORITY), 1.0).affectedMeanAt(100, 100, steady(100, 10_000));
    assertTrue(atSlow > atFast, atSlow + " at p0 against " + atFast);
    assertEquals(
        estimator.estimate(ordered(in, TargetOrder.PRIORITY)).option(Recommendation.FAILOVER_AFFECTED).target(), Optional.of("p0-slow"));
  }
}
