package io.failwise.model.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * HOLD's p90 and recovery under a trend, against a Monte Carlo of the same process: the outage's
 * remainder drawn from the prior, a rise's duration from P(S > s) = a / (a + s), the count following the
 * projection, then the reconnection queue. Before this, a recovering count 13 minutes from zero showed a
 * p90 of 6.1 M device-minutes and a recovery of 3 h 37 min (the steady count's), and a young rise a p90
 * equal to its mean.
 */
class HeldLossTest {
  private static final double RATE = 720 * 60.0; // devices a minute the source admits
  private final RemainingOutage remaining = DurationPrior.DEFAULT.remainingAfter(30);

  @Test
  void aSteadyCountIsTheCountTimesTheOutagesP90AndItsQueue() {
    Trend steady = Trend.steady(40_000);
    assertEquals(40_000 * remaining.p90Minutes() + 40_000.0 * 40_000 / (2 * RATE), HeldLoss.p90(steady, remaining, RATE), 1e-6);
    assertEquals(remaining.meanMinutes() + 40_000 / RATE, HeldLoss.recoveryMinutes(steady, remaining, RATE), 1e-9);
  }

  @Test
  void aFallingCountCostsAtMostItsWayToZeroAndIsBackWhenItGetsThere() {
    // 12,000 offline falling by 900 a minute: zero in 13 min 20 s, 80,000 device-minutes on the way. The
    // outage outlasts that with probability 0.9 and more, so its p90 is the whole way down.
    Trend falling = new Trend(Trend.Kind.RECOVERING, 12_000, -900, 12_000, 0);
    assertEquals(80_000, HeldLoss.p90(falling, remaining, RATE), 1e-6);
    Monte carlo = monteCarlo(falling, 200_000);
    assertEquals(carlo.p90, HeldLoss.p90(falling, remaining, RATE), carlo.p90 * 0.01);
    assertEquals(carlo.recovery, HeldLoss.recoveryMinutes(falling, remaining, RATE), carlo.recovery * 0.01);
    assertTrue(HeldLoss.recoveryMinutes(falling, remaining, RATE) < 14, "back in about 13 min, not in the outage's hours");
  }

  @Test
  void aSlowFallAndAFallFasterThanTheSourceAdmitsAgreeWithTheMonteCarlo() {
    Trend slow = new Trend(Trend.Kind.RECOVERING, 100_000, -150, 100_000, 0); // 11 h to zero
    Monte slowCarlo = monteCarlo(slow, 200_000);
    assertEquals(slowCarlo.p90, HeldLoss.p90(slow, remaining, RATE), slowCarlo.p90 * 0.01);
    assertEquals(slowCarlo.recovery, HeldLoss.recoveryMinutes(slow, remaining, RATE), slowCarlo.recovery * 0.01);
    // Falling faster than the source admits, the queue of an early end outweighs the minutes it saves.
    double slowRate = 200;
    Trend fast = new Trend(Trend.Kind.RECOVERING, 20_000, -400, 20_000, 0);
    Monte fastCarlo = monteCarlo(fast, 200_000, slowRate);
    assertEquals(fastCarlo.p90, HeldLoss.p90(fast, remaining, slowRate), fastCarlo.p90 * 0.01);
  }

  @Test
  void aRiseAgreesWithTheMonteCarloAndItsP90IsAboveItsMean() {
    for (double age : new double[] {0.5, 3, 20}) {
      Trend rising = new Trend(Trend.Kind.GROWING, 40_000, 14_100, 180_000, age);
      Monte carlo = monteCarlo(rising, 400_000);
      double p90 = HeldLoss.p90(rising, remaining, RATE);
      assertEquals(carlo.p90, p90, carlo.p90 * 0.015, "rise seen for " + age + " min");
      assertEquals(carlo.recovery, HeldLoss.recoveryMinutes(rising, remaining, RATE), carlo.recovery * 0.01, "rise seen for " + age + " min");
      assertTrue(p90 > carlo.mean * 1.5, "the p90 carries the rise's and the outage's uncertainty: " + p90 + " against " + carlo.mean);
    }
  }

  @Test
  void aSlowRiseStillGoingAtTheP90AgreesWithTheMonteCarlo() {
    // 10,000 offline rising 200 a minute for 30 min so far, far below the cluster's million devices: the
    // p90 of the loss is mostly reached while the count still rises (the quadratic branch), not after it
    // levelled off. A young one too, and a share of it left behind by a partial move.
    for (double age : new double[] {30, 2}) {
      Trend slow = new Trend(Trend.Kind.GROWING, 10_000, 200, 1_000_000, age);
      Monte carlo = monteCarlo(slow, 400_000);
      assertEquals(carlo.p90, HeldLoss.p90(slow, remaining, RATE), carlo.p90 * 0.015, "rise seen for " + age + " min");
      Monte third = monteCarlo(slow, 400_000, RATE, 1 / 3.0);
      assertEquals(third.p90, HeldLoss.p90(slow, remaining, RATE * 3) / 3, third.p90 * 0.015, "a third, rise seen for " + age + " min");
    }
  }

  @Test
  void anOlderRiseHasTheHigherP90() {
    double previous = 0;
    for (double age = 0.5; age < 60; age *= 2) {
      double p90 = HeldLoss.p90(new Trend(Trend.Kind.GROWING, 40_000, 5_000, 180_000, age), remaining, RATE);
      assertTrue(p90 >= previous, "a rise seen longer is likelier to go on: " + p90 + " after " + previous + " at age " + age);
      previous = p90;
    }
  }

  @Test
  void aFailoverPaysOffAlongTheFallLaterThanAtTheCountNowOrNever() {
    // 100,000 offline falling by 150 a minute (zero in 11 h); failing over costs 4 M device-minutes of
    // switching and leaves a fifth of the count offline (a partial move), which falls with it.
    Trend falling = new Trend(Trend.Kind.RECOVERING, 100_000, -150, 100_000, 0);
    double leftOffline = 20_000;
    DeviceMinuteLoss failover = new DeviceMinuteLoss(4e6 + leftOffline * leftOffline / (2 * RATE), leftOffline);
    DeviceMinuteLoss steadyHold = new DeviceMinuteLoss(100_000.0 * 100_000 / (2 * RATE), 100_000);
    double alongTheFall = HeldLoss.breakEvenAlong(failover, falling, remaining, RATE);
    assertTrue(alongTheFall > failover.breakEvenAgainst(steadyHold), "a falling count never makes failing over pay off sooner");
    // Brute force: both losses along the path, minute by hundredth of a minute, with the test's own integral.
    double r = 0;
    double held = 0;
    double moved = 0;
    while (r < 2_000) {
      double c = count(falling, r);
      if (4e6 + moved + (0.2 * c) * (0.2 * c) / (2 * RATE) <= held + c * c / (2 * RATE)) {
        break;
      }
      double next = r + 0.01;
      double area = 0.5 * (c + count(falling, next)) * 0.01;
      held += area;
      moved += 0.2 * area;
      r = next;
    }
    assertEquals(r, alongTheFall, 0.02);
    // A fall that ends sooner than the switching is worth: never.
    Trend quick = new Trend(Trend.Kind.RECOVERING, 12_000, -900, 12_000, 0);
    assertEquals(Double.POSITIVE_INFINITY, HeldLoss.breakEvenAlong(failover, quick, remaining, RATE));
  }

  @Test
  void theDevicesAPartialMoveLeavesFollowTheCountAndQueueAsFewerDevices() {
    // A third of the offline devices left to the outage, the rest moved: along a slow fall, a fall faster
    // than the source admits, and a young rise. The estimator's p90 and recovery for them are a third of
    // holding's at three times the source's rate (the queue is quadratic in the devices queuing); the
    // Monte Carlo draws the same process with a third of the count.
    double third = 1 / 3.0;
    Trend slow = new Trend(Trend.Kind.RECOVERING, 100_000, -150, 100_000, 0);
    Trend fast = new Trend(Trend.Kind.RECOVERING, 20_000, -400, 20_000, 0);
    Trend rising = new Trend(Trend.Kind.GROWING, 40_000, 14_100, 180_000, 3);
    for (Object[] c : new Object[][] {{slow, RATE}, {fast, 200.0}, {rising, RATE}}) {
      Trend t = (Trend) c[0];
      double rate = (double) c[1];
      Monte carlo = monteCarlo(t, 300_000, rate, third);
      double p90 = third * HeldLoss.p90(t, remaining, rate / third);
      assertEquals(carlo.p90, p90, carlo.p90 * 0.015, t.toString());
      assertEquals(carlo.recovery, HeldLoss.recoveryMinutes(t, remaining, rate / third), carlo.recovery * 0.01, t.toString());
      // Its expected loss at r is the chart's curve for the option: switching plus this share along the path.
      DeviceMinuteLoss partial = new DeviceMinuteLoss(1e6 + OptionCosts.queue(third * t.offlineNow(), rate), third * t.offlineNow());
      for (double r : new double[] {5, 60, 600}) {
        assertEquals(1e6 + third * HeldLoss.expectedAt(t, r, rate / third), HeldLoss.optionAt(partial, t, r, rate), 1e-6 * 1e6, t + " at " + r);
      }
    }
    // Steady, the option's curve is its straight line.
    Trend steady = Trend.steady(60_000);
    DeviceMinuteLoss line = new DeviceMinuteLoss(1e6 + OptionCosts.queue(20_000, RATE), 20_000);
    assertEquals(line.at(90), HeldLoss.optionAt(line, steady, 90, RATE), 1e-6);
  }

  @Test
  void theFirstDevicePaysOffWhenItsShareOfTheCountsPathOutweighsItsSwitches() {
    // Steady, the closed form: (switch - s^2 a / rate) / s with s = 1 here.
    Trend steady = Trend.steady(60_000);
    double closed = (20 - 60_000 / RATE);
    assertEquals(closed, HeldLoss.firstDeviceAlong(20, 60_000, steady, remaining, RATE), 1e-6);
    // Falling 400 a minute from 60,000 (zero at 150 min): the first device saves (∫c + 2 queue(c)) / a by
    // r, checked by the test's own sum; it needs longer than at the steady count, and a fall that ends
    // before the device's 100 minutes of switches are saved never pays for it.
    Trend falling = new Trend(Trend.Kind.RECOVERING, 60_000, -400, 60_000, 0);
    double along = HeldLoss.firstDeviceAlong(20, 60_000, falling, remaining, RATE);
    double r = 0;
    while ((60_000 * r - 200 * r * r + 2 * OptionCosts.queue(60_000 - 400 * r, RATE)) / 60_000 < 20) {
      r += 0.001;
    }
    assertEquals(r, along, 0.01);
    assertTrue(along > closed, along + " against " + closed);
    assertEquals(Double.POSITIVE_INFINITY, HeldLoss.firstDeviceAlong(100, 60_000, falling, remaining, RATE));
    // The first device is the limit of a move of one: its break-even is that of moving one device of the
    // 60,000 (switching 20 device-minutes, the other 59,999 left), steady, falling or rising, to 1/a.
    Trend rising = new Trend(Trend.Kind.GROWING, 60_000, 2_000, 180_000, 5);
    for (Trend t : new Trend[] {steady, falling, rising}) {
      double leftOffline = 59_999;
      DeviceMinuteLoss one = new DeviceMinuteLoss(20 + OptionCosts.queue(leftOffline, RATE), leftOffline);
      double first = HeldLoss.firstDeviceAlong(20, 60_000, t, remaining, RATE);
      assertEquals(HeldLoss.breakEvenAlong(one, t, remaining, RATE), first, Math.max(1e-3, first * 1e-3), t.toString());
    }
    // Rising, the path only adds offline minutes: the first device pays off sooner than at the count now.
    assertTrue(HeldLoss.firstDeviceAlong(20, 60_000, rising, remaining, RATE) < closed);
  }

  private record Monte(double p90, double mean, double recovery) {}

  private Monte monteCarlo(Trend trend, int draws) {
    return monteCarlo(trend, draws, RATE);
  }

  private Monte monteCarlo(Trend trend, int draws, double rate) {
    return monteCarlo(trend, draws, rate, 1);
  }

  /**
   * The process itself, drawn: no formula of HeldLoss is used. {@code held} is the share of the offline
   * devices left to the outage (the rest moved away): they follow the count, and queue at its end.
   */
  private Monte monteCarlo(Trend trend, int draws, double rate, double held) {
    SplittableRandom random = new SplittableRandom(12);
    double[] losses = new double[draws];
    double sum = 0;
    double recovery = 0;
    double v = trend.devicesPerMinute();
    double o = trend.offlineNow();
    for (int i = 0; i < draws; i++) {
      double r = remaining.quantileMinutes(random.nextDouble());
      double u = random.nextDouble();
      double s = trend.kind() == Trend.Kind.GROWING ? trend.riseMinutes() * u / (1 - u) : Double.POSITIVE_INFINITY;
      double ends = Math.min(r, trend.kind() == Trend.Kind.RECOVERING ? o / -v : Double.POSITIVE_INFINITY);
      // The path is a line until the rise stops or the count meets the devices or zero, then flat: the
      // trapezoid is exact on each piece.
      double kink = v > 0 ? (trend.cap() - o) / v : v < 0 ? o / -v : Double.POSITIVE_INFINITY;
      double[] cuts = {0, Math.min(ends, Math.min(s, kink)), ends};
      double lost = 0;
      for (int k = 1; k < cuts.length; k++) {
        double a = cuts[k - 1];
        double b = cuts[k];
        lost += 0.5 * (count(trend, Math.min(a, s)) + count(trend, Math.min(b, s))) * (b - a);
      }
      double last = count(trend, Math.min(ends, s));
      if (trend.kind() == Trend.Kind.RECOVERING && ends < r) {
        last = 0;
      }
      losses[i] = held * lost + (held * last) * (held * last) / (2 * rate);
      sum += losses[i];
      recovery += ends + held * last / rate;
    }
    Arrays.sort(losses);
    return new Monte(losses[(int) (0.9 * draws)], sum / draws, recovery / draws);
  }

  private static double count(Trend trend, double minutes) {
    double c = trend.offlineNow() + trend.devicesPerMinute() * minutes;
    return trend.kind() == Trend.Kind.GROWING ? Math.min(trend.cap(), c) : Math.max(0, c);
  }
}
