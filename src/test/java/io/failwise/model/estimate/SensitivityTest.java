package io.failwise.model.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Where the answer turns: a reported turn must be a turn (the answer of now just inside it, the other
 * answer just beyond), and no turn reported must mean the ends of the range give the answer of now.
 */
class SensitivityTest {
  private static final Instant AT = Instant.parse("2026-03-12T20:40:00Z");
  private final FailoverEstimator estimator = FailoverEstimator.withDefaults();

  /** 12 March at 21:40: 50,000 of 180,000 offline for 55 minutes, a 20-minute cutover, one healthy target. */
  private static EstimateInput twelfthOfMarch(Duration cutover, long offline) {
    SourceCluster west =
        new SourceCluster("go-eu-west-1", 180_000, 180_000 - offline, 250_000, 960, cutover, Granularity.CLUSTER, true);
    TargetCluster north = new TargetCluster("go-eu-north-1", 0, 300_000, 89_710, 960, true);
    return new EstimateInput(
        west, List.of(north), new Outage(AT.minus(Duration.ofMinutes(55)), offline), AT, DurationPrior.DEFAULT, ZoneOffset.ofHours(1));
  }

  @Test
  void onTwelfthOfMarchTheHoldTurnsWithAShorterCutoverOrALargerOutage() {
    // HOLD, because failing over disrupts all 180,000 devices for a 20-minute cutover (40 at p90) and a
    // failback, against 50,000 offline for an outage expected to last 3 h 37 min more. The cost of failing
    // over grows with the cutover and the cost of holding with the devices offline: a shorter cutover or
    // a larger outage makes failing over the better bet somewhere below 20 minutes and above 50,000.
    EstimateInput in = twelfthOfMarch(Duration.ofMinutes(20), 50_000);
    Estimate now = estimator.estimate(in);
    assertEquals(Recommendation.HOLD, now.recommendation());
    Sensitivity s = Sensitivity.of(estimator, in, ActionLimits.NONE, now);

    Sensitivity.Turn cutover = s.cutover().orElseThrow();
    assertEquals(Recommendation.FAILOVER, cutover.to());
    assertEquals(1200, cutover.now(), 1e-9);
    assertTrue(cutover.below() && cutover.value() > 600 && cutover.value() < 1200, "cutover turn " + cutover);
    assertEquals(Recommendation.HOLD, estimator.estimate(twelfthOfMarch(seconds(cutover.value() * 1.001), 50_000)).recommendation());
    assertEquals(Recommendation.FAILOVER, estimator.estimate(twelfthOfMarch(seconds(cutover.value() * 0.999), 50_000)).recommendation());

    Sensitivity.Turn offline = s.offline().orElseThrow();
    assertEquals(Recommendation.FAILOVER, offline.to());
    assertEquals(50_000, offline.now(), 1e-9);
    assertTrue(!offline.below() && offline.value() > 50_000 && offline.value() < 180_000, "offline turn " + offline);
    // The count reported is the first at which the answer is FAILOVER; one device fewer still holds.
    long turnsAt = Math.round(offline.value());
    assertEquals(turnsAt, offline.value(), 0);
    assertEquals(Recommendation.HOLD, estimator.estimate(twelfthOfMarch(Duration.ofMinutes(20), turnsAt - 1)).recommendation());
    assertEquals(Recommendation.FAILOVER, estimator.estimate(twelfthOfMarch(Duration.ofMinutes(20), turnsAt)).recommendation());

    assertEquals(
        "FAILOVER if the median cutover were under " + io.failwise.model.Format.exactDuration(Duration.ofSeconds(Math.round(cutover.value())))
            + " (20 min now); FAILOVER with more than " + io.failwise.model.Format.count(turnsAt - 1) + " devices offline (50,000 now)",
        s.text());
  }

  @Test
  void anIntermittentOutageTurnsWithMoreOfItsDevicesOfflineNotWithFewer() {
    // 50,000 offline of 170,000 an intermittent outage touches, granularity Device: HOLD. The turn used to
    // be searched toward 1 device first, with the touched devices scaled down alike (1 offline of 3), and
    // was reported as "FAILOVER_AFFECTED with fewer than 1 device offline", where 1 device offline of the
    // 170,000 holds. Fewer devices offline never make failing over better: the turn is above the count.
    Outage touched = new Outage(AT.minus(Duration.ofMinutes(55)), 50_000, 170_000, List.of());
    EstimateInput in = withOutage(deviceGranularity(twelfthOfMarch(Duration.ofMinutes(20), 50_000)), touched);
    Estimate now = estimator.estimate(in);
    assertEquals(Recommendation.HOLD, now.recommendation());
    Sensitivity.Turn offline = Sensitivity.of(estimator, in, ActionLimits.NONE, now).offline().orElseThrow();
    assertEquals(Recommendation.FAILOVER_AFFECTED, offline.to());
    assertTrue(!offline.below() && offline.value() > 50_000 && offline.value() <= 170_000, "offline turn " + offline);
    long turnsAt = Math.round(offline.value());
    assertEquals(Recommendation.FAILOVER_AFFECTED, estimator.estimate(withOutage(in, outage(touched, turnsAt))).recommendation());
    assertEquals(Recommendation.HOLD, estimator.estimate(withOutage(in, outage(touched, turnsAt - 1))).recommendation());
    assertEquals(Recommendation.HOLD, estimator.estimate(withOutage(in, outage(touched, 1))).recommendation());
  }

  @Test
  void aFailoverTurnsToHoldWithALongerCutoverOrASmallerOutage() {
    // Every device offline: failing over (5-minute cutover) is the better bet now, and holding becomes it
    // again as the cutover grows or as the outage shrinks toward a handful of devices.
    EstimateInput in = twelfthOfMarch(Duration.ofMinutes(5), 180_000);
    Estimate now = estimator.estimate(in);
    assertEquals(Recommendation.FAILOVER, now.recommendation());
    Sensitivity s = Sensitivity.of(estimator, in, ActionLimits.NONE, now);
    Sensitivity.Turn cutover = s.cutover().orElseThrow();
    assertEquals(Recommendation.HOLD, cutover.to());
    assertTrue(!cutover.below() && cutover.value() > 300, "cutover turn " + cutover);
    Sensitivity.Turn offline = s.offline().orElseThrow();
    assertEquals(Recommendation.HOLD, offline.to());
    assertTrue(offline.below() && offline.value() < 180_000, "offline turn " + offline);
    assertTrue(s.text().matches("HOLD if the median cutover were over .* \\(5 min now\\); HOLD with fewer than .* devices offline \\(180,000 now\\)"),
        s.text());
  }

  /** A source with no devices at all: no offline count can exist to turn the answer (it asked for one device offline of none). */
  @Test
  void aSourceWithoutDevicesTurnsWithNoCount() {
    SourceCluster empty = new SourceCluster("go-eu-west-1", 0, 0, 250_000, 960, Duration.ofMinutes(20), Granularity.CLUSTER, true);
    EstimateInput in = new EstimateInput(
        empty, twelfthOfMarch(Duration.ofMinutes(20), 0).targets(), new Outage(AT.minus(Duration.ofMinutes(55)), 0), AT, DurationPrior.DEFAULT,
        ZoneOffset.ofHours(1));
    Estimate now = estimator.estimate(in);
    assertEquals(Recommendation.HOLD, now.recommendation());
    assertTrue(Sensitivity.of(estimator, in, ActionLimits.NONE, now).offline().isEmpty());
  }

  @Test
  void aBlockedFailoverTurnsWithNothing() {
    // The daily budget is spent: no cutover and no size of outage can make a failover run now, so no
    // turn is reported (the explanation names the block instead).
    EstimateInput in = twelfthOfMarch(Duration.ofMinutes(5), 180_000);
    ActionLimits spent = ActionLimits.of(new ActionBlock(ActionBlock.Cause.BUDGET, "2 of 2 failovers today", Optional.empty()));
    Estimate now = estimator.estimate(in, spent);
    assertEquals(Recommendation.HOLD, now.recommendation());
    assertEquals(Sensitivity.NONE, Sensitivity.of(estimator, in, spent, now));
    assertEquals("neither the cutover nor the offline count alone changes the answer", Sensitivity.NONE.text());
  }

  @Test
  void aLargerOrSmallerCountKeepsItsTrendAndTheDevicesTheOutageTouches() {
    // The offline count is changed with the monitor's recent readings scaled alike, so a trend stays the
    // same trend, steeper or gentler; the devices an intermittent outage touches stay as they are (what a
    // person changes is offlineDevices), or as many as are offline when more are. The cutover is scaled
    // with its p90, so its spread stays. Never fewer than 1 device offline.
    Outage growing =
        new Outage(
            AT.minus(Duration.ofMinutes(40)), 20_000, 50_000,
            List.of(new OfflineSample(AT.minus(Duration.ofMinutes(10)), 14_000), new OfflineSample(AT.minus(Duration.ofMinutes(5)), 17_000)));
    EstimateInput in = withOutage(twelfthOfMarch(Duration.ofMinutes(20), 50_000), growing);
    Outage doubled = Sensitivity.withOffline(in, 40_000).outage();
    assertEquals(40_000, doubled.offlineDevices());
    assertEquals(50_000, doubled.affectedDevices());
    assertEquals(List.of(28_000L, 34_000L), doubled.recent().stream().map(OfflineSample::offlineDevices).toList());
    assertEquals(growing.since(), doubled.since());
    Outage tripled = Sensitivity.withOffline(in, 60_000).outage();
    assertEquals(60_000, tripled.offlineDevices());
    assertEquals(60_000, tripled.affectedDevices());
    assertEquals(1, Sensitivity.withOffline(in, 0).outage().offlineDevices());
    // Nothing offline (a drill on a healthy cluster): that many devices, steady.
    EstimateInput healthy = twelfthOfMarch(Duration.ofMinutes(20), 0);
    Outage some = Sensitivity.withOffline(healthy, 70_000).outage();
    assertEquals(70_000, some.offlineDevices());
    assertEquals(List.of(), some.recent());
    assertEquals(
        "FAILOVER_AFFECTED with any device offline (none now)",
        new Sensitivity(Optional.empty(), Optional.of(new Sensitivity.Turn(Recommendation.FAILOVER_AFFECTED, 1, 0))).text());
    assertEquals(
        "FAILOVER_AFFECTED with more than 9,494 devices offline (none now)",
        new Sensitivity(Optional.empty(), Optional.of(new Sensitivity.Turn(Recommendation.FAILOVER_AFFECTED, 9_495, 0))).text());
    assertEquals(
        "HOLD with fewer than 2 devices offline (40 now)",
        new Sensitivity(Optional.empty(), Optional.of(new Sensitivity.Turn(Recommendation.HOLD, 1, 40))).text());
    SourceCluster halved = Sensitivity.withCutover(in, 0.5).source();
    assertEquals(Duration.ofMinutes(10), halved.cutover());
    assertEquals(Duration.ofMinutes(20), halved.cutoverP90());
  }

  @Test
  void everyReportedTurnIsATurnAndEveryMissingOneIsNone() {
    Random r = new Random(20260312);
    List<String> turns = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      FailoverEstimatorPropertiesTest.Case c = FailoverEstimatorPropertiesTest.generate(r);
      EstimateInput in = touching(c.input(), r);
      Estimate now = estimator.estimate(in);
      boolean acting = acts(now.recommendation());
      Sensitivity s = Sensitivity.of(estimator, in, ActionLimits.NONE, now);
      String what = "case " + i + ": " + c + " " + in.outage() + " " + s;
      if (s.cutover().isPresent()) {
        turns.add("cutover");
        checkTurn(s.cutover().get(), in.source().cutover().toNanos() / 1e9, f -> Sensitivity.withCutover(in, f), acting, what);
      } else if (c.cutoverSeconds() > 0) {
        // No turn: holding or acting from an instant cutover to a hundred times the stated one.
        assertEquals(acting, acts(estimator.estimate(Sensitivity.withCutover(in, 0)).recommendation()), what);
        assertEquals(acting, acts(estimator.estimate(Sensitivity.withCutover(in, Sensitivity.CUTOVER_RANGE)).recommendation()), what);
      }
      if (s.offline().isPresent()) {
        turns.add("offline");
      } else {
        // No turn: the same answer from 1 device offline to every device of the source.
        assertEquals(acting, acts(estimator.estimate(withOutage(in, outage(in.outage(), 1))).recommendation()), what);
        long all = Math.max(c.offline(), c.expected());
        assertEquals(acting, acts(estimator.estimate(withOutage(in, outage(in.outage(), all))).recommendation()), what);
      }
    }
    assertTrue(turns.contains("cutover") && turns.contains("offline") && turns.size() >= 30, "turns found: " + turns);
  }

  @Test
  void theOfflineCountReportedGivesTheAnswerReportedWhenEstimatedAgain() {
    // Whatever "Turns with" says of the offline count, a person who sets offlineDevices to the count it
    // reports (an intermittent outage touching as many devices as before, or that count if more; a steady
    // one steady) and estimates again
    // gets the answer it named; with one device fewer (or more, for a turn below) the answer of now.
    Random r = new Random(42);
    int reported = 0;
    int below = 0;
    for (int i = 0; i < 600; i++) {
      EstimateInput in = touching(FailoverEstimatorPropertiesTest.generate(r).input(), r);
      Estimate now = estimator.estimate(in);
      Optional<Sensitivity.Turn> turn = Sensitivity.of(estimator, in, ActionLimits.NONE, now).offline();
      if (turn.isEmpty()) {
        continue;
      }
      Sensitivity.Turn t = turn.get();
      String what = "case " + i + ": " + in.outage() + " " + in.source() + " now " + now.recommendation() + ", turn " + t;
      long count = Math.round(t.value());
      assertEquals(count, t.value(), 0, what);
      assertTrue(count >= 1 && count <= in.source().expectedDevices(), what);
      assertEquals(t.to(), estimator.estimate(withOutage(in, outage(in.outage(), count))).recommendation(), what);
      assertTrue(acts(t.to()) != acts(now.recommendation()), what);
      long neighbour = t.below() ? count + 1 : count - 1;
      if (neighbour >= 1 && neighbour != t.now()) {
        assertEquals(
            acts(now.recommendation()), acts(estimator.estimate(withOutage(in, outage(in.outage(), neighbour))).recommendation()), what);
      }
      // The sentence names the same count.
      String text = new Sensitivity(Optional.empty(), turn).text();
      assertTrue(
          t.now() == 0 && count == 1
              ? text.contains("with any device offline")
              : text.contains((t.below() ? "fewer than " + io.failwise.model.Format.count(count + 1) : "more than " + io.failwise.model.Format.count(count - 1))),
          text);
      reported++;
      below += t.below() ? 1 : 0;
    }
    assertTrue(reported >= 30 && below >= 5 && reported - below >= 5, reported + " turns, " + below + " below");
  }

  /**
   * The generated input, its outage touching a random number of devices between those offline and every
   * device of the source (an intermittent outage, as often as not).
   */
  private static EstimateInput touching(EstimateInput in, Random r) {
    Outage o = in.outage();
    long devices = in.source().expectedDevices();
    long affected = r.nextBoolean() ? o.offlineDevices() : o.offlineDevices() + (long) (r.nextDouble() * (devices - o.offlineDevices()));
    return withOutage(in, new Outage(o.since(), o.offlineDevices(), affected, o.recent()));
  }

  /**
   * The outage with {@code offline} devices offline, as a person would write it: an intermittent one
   * touching as many devices as before (or {@code offline} if more), a steady one (no affectedDevices
   * written: as many affected as offline) steady.
   */
  private static Outage outage(Outage o, long offline) {
    long affected = o.affectedDevices() > o.offlineDevices() ? Math.max(offline, o.affectedDevices()) : offline;
    return new Outage(o.since(), offline, affected, List.of());
  }

  private static EstimateInput withOutage(EstimateInput in, Outage o) {
    return new EstimateInput(in.source(), in.targets(), o, in.at(), in.prior(), in.zone(), in.targetOrder());
  }

  private static EstimateInput deviceGranularity(EstimateInput in) {
    SourceCluster s = in.source();
    SourceCluster device =
        new SourceCluster(
            s.name(), s.region(), s.expectedDevices(), s.connectedDevices(), s.capacityDevices(), s.admissionDevicesPerSecond(),
            s.cutover(), s.cutoverP90(), Granularity.DEVICE, s.failbackRequired());
    return new EstimateInput(device, in.targets(), in.outage(), in.at(), in.prior(), in.zone(), in.targetOrder());
  }

  /** The answer of now 1% inside the turn, the other one 1% beyond it. */
  private void checkTurn(Sensitivity.Turn t, double now, java.util.function.DoubleFunction<EstimateInput> scaled, boolean acting, String what) {
    double away = Math.max(0.01 * t.value(), 1.5);
    double inside = (t.below() ? t.value() + away : t.value() - away) / now;
    double beyond = Math.max(0, t.below() ? t.value() - away : t.value() + away) / now;
    assertEquals(acting, acts(estimator.estimate(scaled.apply(inside)).recommendation()), "inside, " + what);
    assertEquals(!acting, acts(estimator.estimate(scaled.apply(beyond)).recommendation()), "beyond, " + what);
  }

  private static boolean acts(Recommendation r) {
    return r != Recommendation.HOLD;
  }

  private static Duration seconds(double s) {
    return Duration.ofNanos(Math.round(s * 1e9));
  }
}
