package io.failwise.model.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The trend of the monitor's readings against lines fitted and integrated by hand: the slope a reader
 * sees in the explanation, when a move counts as material, and the device-minutes it projects.
 */
class TrendTest {
  private static final FailoverEstimator ESTIMATOR = new FailoverEstimator(Fixtures.WHOLE_CAPACITY);

  /** An outage of {@code now} offline devices (of the fixture's 1,000) with readings {minutes ago, offline}. */
  private static Outage outage(long now, long[]... readings) {
    List<OfflineSample> samples =
        java.util.Arrays.stream(readings)
            .map(r -> new OfflineSample(Fixtures.AT.minus(Duration.ofMinutes(r[0])), r[1]))
            .toList();
    return new Outage(Fixtures.AT.minus(Duration.ofHours(1)), now, now, samples);
  }

  /** The same, with the onset {@code elapsed} ago. */
  private static Outage outage(Duration elapsed, long now, long[]... readings) {
    Outage o = outage(now, readings);
    return new Outage(Fixtures.AT.minus(elapsed), now, now, o.recent());
  }

  private static Trend trend(long now, long[]... readings) {
    return Trend.of(outage(now, readings), Fixtures.AT, 1000);
  }

  @Test
  void theSlopeIsTheLeastSquaresLineThroughTheReadingsAndTheCountNow() {
    // Points (-10, 1,300), (-5, 1,100), (0, 1,000): mean x = -5, mean y = 3,400/3.
    // Sxy = (-5)(1,300 - 3,400/3) + 0 + 5(1,000 - 3,400/3) = -833.3 - 666.7 = -1,500; Sxx = 25 + 0 + 25 = 50.
    // Slope -30 devices a minute (the two-point slopes are -40 and -20: the fit is neither).
    Trend t = Trend.of(outage(1000, new long[] {10, 1300}, new long[] {5, 1100}), Fixtures.AT, 2000);
    assertEquals(Trend.Kind.RECOVERING, t.kind());
    assertEquals(-30, t.devicesPerMinute(), 1e-9);
    assertEquals(1000, t.offlineNow());
    // Down along the line: 1,000 - 30 x 5 = 850 after 5 minutes; zero after 1,000 / 30 = 33.3 minutes, and it stays there.
    assertEquals(850, t.offlineAfter(5), 1e-9);
    assertEquals(1000 / 30.0, t.minutesToZero(), 1e-9);
    assertEquals(0, t.offlineAfter(40));
  }

  @Test
  void aMoveOfLessThanATenthWithinFifteenMinutesIsNoiseAndAMoveOfExactlyATenthCounts() {
    // 1,000 offline, 1,100 ten minutes ago: -10 a minute, 150 within 15 minutes, above a tenth (100).
    Trend tenth = Trend.of(outage(1000, new long[] {10, 1100}), Fixtures.AT, 2000);
    assertEquals(Trend.Kind.RECOVERING, tenth.kind());
    // 1,500 offline, 1,600 ten minutes ago: -10 a minute, 150 within 15 minutes, exactly a tenth of 1,500.
    Trend exactly = Trend.of(outage(1500, new long[] {10, 1600}), Fixtures.AT, 2000);
    assertEquals(Trend.Kind.RECOVERING, exactly.kind(), "exactly a tenth within the window is material");
    assertEquals(-10, exactly.devicesPerMinute(), 1e-12);
    // 1,000 offline, 1,050 ten minutes ago: -5 a minute, 75 within 15 minutes, below the tenth (100): steady.
    Trend noise = trend(1000, new long[] {10, 1050});
    assertEquals(Trend.Kind.STEADY, noise.kind());
    assertEquals(0, noise.devicesPerMinute());
    assertEquals(1000, noise.offlineAfter(60));
    assertEquals(Double.POSITIVE_INFINITY, noise.minutesToZero());
  }

  @Test
  void readingsMustSpanTwoMinutesAndBeWithinTheLastFifteen() {
    // Exactly 2 minutes ago is enough span; a reading 1 minute ago alone is not, nor one 16 minutes ago.
    assertEquals(Trend.Kind.RECOVERING, trend(500, new long[] {2, 800}).kind());
    assertEquals(Trend.Kind.STEADY, trend(500, new long[] {1, 800}).kind());
    assertEquals(Trend.Kind.STEADY, trend(500, new long[] {16, 900}).kind());
    // 15 minutes ago is still inside the window: 500 from 800 is -20 a minute.
    assertEquals(-20, trend(500, new long[] {15, 800}).devicesPerMinute(), 1e-9);
  }

  @Test
  void aRiseIsProjectedAlongItsLineUpToTheClustersDevicesWithAChanceToGoOnThatFallsWithHowLongItIsLooked() {
    // 500 offline, 400 ten minutes ago: +10 a minute; if it goes on, 650 after 15 minutes and the
    // cluster's 1,000 after 50.
    Trend slow = trend(500, new long[] {10, 400});
    assertEquals(Trend.Kind.GROWING, slow.kind());
    assertEquals(10, slow.devicesPerMinute(), 1e-9);
    assertEquals(1000, slow.cap(), 1e-9);
    assertEquals(650, slow.offlineAfter(15), 1e-9);
    assertEquals(1000, slow.offlineAfter(60), 1e-9);
    assertEquals(Double.POSITIVE_INFINITY, slow.minutesToZero());
    // The readings rise from the first, so the rise began before it: at the onset an hour ago at the
    // earliest, but at 10 a minute the 400 of ten minutes ago were 0 forty minutes before that, so it has
    // risen for at most 50 minutes (it used to be dated from the onset, 60: a count of -100 then). It
    // goes on for another 50 minutes as likely as not, and, once seen for 65, another 15 with chance 65/80.
    assertEquals(50, slow.riseMinutes(), 1e-9);
    assertEquals(0.5, slow.goesOn(0, 50), 1e-12);
    assertEquals(65.0 / 80, slow.goesOn(15, 15), 1e-12);
    // With an onset 30 minutes ago the rise is dated from it: the count was 200 then.
    assertEquals(30, Trend.of(outage(Duration.ofMinutes(30), 500, new long[] {10, 400}), Fixtures.AT, 1000).riseMinutes(), 1e-9);
    // A count that was higher before its lowest reading began rising at that reading: 4 minutes ago.
    Trend young = trend(600, new long[] {12, 500}, new long[] {8, 300}, new long[] {4, 200}, new long[] {2, 400});
    assertEquals(Trend.Kind.GROWING, young.kind());
    assertEquals(4, young.riseMinutes(), 1e-9);
    assertEquals(0.5, young.goesOn(0, 4), 1e-12);
    // Falling and steady counts have no rise to go on with.
    assertEquals(1, trend(1000).goesOn(0, 15));
  }

  @Test
  void aRiseIsNeverDatedFurtherBackThanTheCountCouldHaveRisenFromZero() {
    // 12 March's 50,000 of 180,000 offline 55 minutes after the onset, 20,000 five minutes ago: 6,000 a
    // minute. Dated from the onset the rise would have been seen for 55 minutes, 330,000 devices at that
    // slope; from 20,000 at 6,000 a minute it began at most 3 min 20 s before the reading: 8 min 20 s ago.
    Outage rising =
        new Outage(Fixtures.AT.minus(Duration.ofMinutes(55)), 50_000, 50_000, List.of(new OfflineSample(Fixtures.AT.minus(Duration.ofMinutes(5)), 20_000)));
    Trend t = Trend.of(rising, Fixtures.AT, 180_000);
    assertEquals(Trend.Kind.GROWING, t.kind());
    assertEquals(6_000, t.devicesPerMinute(), 1e-9);
    assertEquals(5 + 20_000 / 6_000.0, t.riseMinutes(), 1e-9);
    SourceCluster big = new SourceCluster("src", "", 180_000, 130_000, 250_000, 960, Duration.ofMinutes(20), Duration.ofMinutes(40), Granularity.CLUSTER, true);
    EstimateInput in = new EstimateInput(big, List.of(new TargetCluster("tgt", 0, 300_000, 89_710, 960, true)), rising, Fixtures.AT, DurationPrior.DEFAULT, java.time.ZoneOffset.ofHours(1));
    String explanation = ESTIMATOR.estimate(in).explanation();
    assertTrue(explanation.startsWith("Growing by 6,000 devices a minute for 8 min so far;"), explanation);
    assertTrue(Trend.said(explanation), "the console tells a trend's decision from its steady chart by these words");
    assertTrue(explanation.contains("A rise seen for 8 min levels off within another 8 min as likely as not"), explanation);

    // On generated rising readings: the rise is at least as old as the readings that show it, never older
    // than the onset, and the count, taken back along the slope from the first reading over the time the
    // rise is dated before it, is never below zero.
    java.util.Random r = new java.util.Random(3);
    int growing = 0;
    for (int i = 0; i < 2_000; i++) {
      long devices = 1 + r.nextInt(500_000);
      int n = 1 + r.nextInt(6);
      java.util.List<OfflineSample> readings = new java.util.ArrayList<>();
      long minutesAgo = 1 + r.nextInt(15);
      for (int k = 0; k < n && minutesAgo > 0; k++) {
        readings.add(new OfflineSample(Fixtures.AT.minus(Duration.ofSeconds(minutesAgo * 60 - r.nextInt(30))), (long) (r.nextDouble() * devices)));
        minutesAgo -= 1 + r.nextInt(4);
      }
      long now = (long) (r.nextDouble() * devices);
      Duration elapsed = Duration.ofMinutes(16 + r.nextInt(600));
      Outage o = new Outage(Fixtures.AT.minus(elapsed), now, now, readings);
      Trend g = Trend.of(o, Fixtures.AT, devices);
      if (g.kind() != Trend.Kind.GROWING) {
        continue;
      }
      growing++;
      String what = "case " + i + ": " + o + " " + g;
      double span = Duration.between(readings.get(0).at(), Fixtures.AT).toMillis() / 60_000.0;
      assertTrue(g.riseMinutes() <= Math.max(span, elapsed.toMinutes()) + 1e-9, what);
      assertTrue(g.riseMinutes() >= 2 - 1e-9, what);
      boolean risesFromTheFirst = readings.stream().skip(1).allMatch(x -> x.offlineDevices() > readings.get(0).offlineDevices());
      if (risesFromTheFirst && g.riseMinutes() > span) {
        assertTrue(readings.get(0).offlineDevices() - g.devicesPerMinute() * (g.riseMinutes() - span) >= -1e-6, what);
      }
    }
    assertTrue(growing > 200, growing + " rising cases");
  }

  @Test
  void aCountThatRoseAlongItsLineThroughTheWindowIsDatedFromBeforeItsFirstReading() {
    // Readings on a rising line from the first, a minute apart for 15 minutes: the rise has been seen for
    // the whole span, and began before it (the first reading is above zero), however steep or shallow.
    java.util.Random r = new java.util.Random(5);
    for (int i = 0; i < 500; i++) {
      double first = 100 + r.nextInt(100_000);
      double perMinute = 10 + r.nextInt(5_000);
      long devices = (long) (first + perMinute * 60);
      long[][] readings = new long[15][];
      for (int k = 0; k < 15; k++) {
        readings[k] = new long[] {15 - k, Math.round(first + perMinute * k)};
      }
      long now = Math.round(first + perMinute * 15);
      Trend t = Trend.of(outage(Duration.ofHours(10), now, readings), Fixtures.AT, devices);
      String what = "case " + i + ": " + first + " + " + perMinute + "/min: " + t;
      if (t.kind() == Trend.Kind.GROWING) {
        assertTrue(t.riseMinutes() >= 15 - 1e-9, what);
        assertEquals(15 + first / perMinute, t.riseMinutes(), 1e-6, what);
      }
    }
  }

  @Test
  void aCountLevelUntilAJumpRoseOnlyForTheClimbOfTheJump() {
    // The 12 March file with 100,000 offline now: 49,900 give or take 100 for ten minutes, 49,900 four
    // minutes ago. The latest 5 minutes' slope is (100,000 - 49,900) / 4 = 12,525 a minute; from the
    // lowest reading (49,800) that climb takes (100,000 - 49,800) / 12,525 = 4.0 min. The readings span
    // 15 minutes and the count could have risen from zero at that slope for 4 minutes before the first,
    // which dated the rise 19 minutes old; the readings before the jump were level, so it is 4.
    long[][] level = {{15, 49_900}, {14, 49_800}, {13, 50_000}, {12, 49_900}, {11, 49_950}, {10, 49_850}, {9, 49_900},
        {8, 49_950}, {7, 49_900}, {6, 49_850}, {4, 49_900}};
    Trend jump = Trend.of(outage(Duration.ofMinutes(40), 100_000, level), Fixtures.AT, 180_000);
    assertEquals(Trend.Kind.GROWING, jump.kind());
    assertEquals(12_525, jump.devicesPerMinute(), 1e-6);
    assertEquals((100_000 - 49_800) / 12_525.0, jump.riseMinutes(), 1e-9);
    // As likely as not to level off within another 4 minutes, where 19 gave it 19.
    assertEquals(0.5, jump.levelsOffWithin(jump.riseMinutes()), 1e-12);

    // On generated level-then-jump readings: never older than the climb from the lowest reading at the
    // slope (nor younger than the 2 minutes a trend must span), so always younger than the readings' span.
    java.util.Random r = new java.util.Random(7);
    for (int i = 0; i < 500; i++) {
      double base = 1_000 + r.nextInt(200_000);
      int jumpedAgo = 2 + r.nextInt(3); // the jump lies within the latest 5 minutes
      long[][] readings = new long[15 - jumpedAgo + 1][];
      double lowest = Double.MAX_VALUE;
      for (int k = 0; k < readings.length; k++) {
        long v = Math.round(base * (1 + (r.nextDouble() - 0.5) * 0.01)); // level, give or take half a percent
        readings[k] = new long[] {15 - k, v};
        lowest = Math.min(lowest, v);
      }
      long now = Math.round(base * (1.5 + r.nextDouble() * 2));
      Trend t = Trend.of(outage(Duration.ofHours(3), now, readings), Fixtures.AT, (long) (base * 5));
      String what = "case " + i + ": level " + base + ", now " + now + ": " + t;
      assertEquals(Trend.Kind.GROWING, t.kind(), what);
      assertTrue(t.riseMinutes() <= Math.max(2, (now - lowest) / t.devicesPerMinute()) + 1e-9, what);
      assertTrue(t.riseMinutes() >= 2 - 1e-9, what);
      assertTrue(t.riseMinutes() < 15, what);
    }
  }

  @Test
  void theSlopeIsTheLatestFiveMinutesWhenTheySpanTwoSoALevelledRiseIsSteady() {
    // Rose from 0 to 900 between 14 and 8 minutes ago, level at 900 since: the line through the whole
    // window still rises (58 a minute), the readings younger than 5 minutes (3 and 1 minutes ago) are flat.
    Trend levelled =
        trend(900, new long[] {14, 0}, new long[] {12, 300}, new long[] {10, 600}, new long[] {8, 900}, new long[] {5, 900},
            new long[] {3, 900}, new long[] {1, 900});
    assertEquals(Trend.Kind.STEADY, levelled.kind());
    // Readings 10 and 5 minutes ago only: none is younger than 5 minutes, so the whole window counts:
    // points (-10, 600), (-5, 550), (0, 500) lie on a line of -10 a minute.
    assertEquals(-10, trend(500, new long[] {10, 600}, new long[] {5, 550}).devicesPerMinute(), 1e-9);
  }

  @Test
  void deviceMinutesAreTheAreaUnderTheProjectionOnEachSideOfItsKink() {
    // Recovering from 1,000 at 30 a minute: a trapezoid (1,000 + 550) / 2 x 15 over the first 15 minutes;
    // between 30 and 45 minutes only the triangle before zero at 33.3 minutes: 100 / 2 x 3.33; the whole
    // decline is the triangle 1,000 x 33.3 / 2.
    Trend down = Trend.of(outage(1000, new long[] {10, 1300}, new long[] {5, 1100}), Fixtures.AT, 2000);
    assertEquals(11_625, down.deviceMinutesBetween(0, 15), 1e-6);
    assertEquals(0.5 * 100 * (100 / 30.0), down.deviceMinutesBetween(30, 45), 1e-6);
    assertEquals(0, down.deviceMinutesBetween(40, 55), 1e-9);
    assertEquals(1000 * (1000 / 30.0) / 2, down.deviceMinutesBetween(0, 60), 1e-6);
    // Growing from 500 at 10 a minute, if it goes on, to the cluster's 1,000 at 50 minutes: from 15 to 45
    // minutes the trapezoid (650 + 950) / 2 x 30; from 45 to 60, (950 + 1,000) / 2 x 5 then 1,000 x 10.
    Trend up = trend(500, new long[] {10, 400});
    assertEquals(24_000, up.deviceMinutesBetween(15, 45), 1e-6);
    assertEquals(4_875 + 10_000, up.deviceMinutesBetween(45, 60), 1e-6);
    assertEquals((500 + 600) / 2.0 * 10, up.deviceMinutesBetween(0, 10), 1e-6);
    // Steady: the count times the minutes.
    assertEquals(1000 * 7.5, trend(1000).deviceMinutesBetween(2.5, 10), 1e-9);
  }

  @Test
  void theExplanationSaysHowFastTheCountMovesAndWhenItWouldBeBack() {
    // 500 of the 1,000 offline, 800 ten and 600 five minutes ago: the same fit as above, -30 a minute
    // (Sxy = (-5)(800 - 633.3) + 5(500 - 633.3) = -1,500, Sxx = 50), so zero 16 min 40 s after 21:40 +01:00:
    // 21:56:40, printed to the minute as 21:56.
    Outage falling = outage(500, new long[] {10, 800}, new long[] {5, 600});
    Estimate e = ESTIMATOR.estimate(withOutage(Fixtures.input(500, Duration.ofHours(1)), falling));
    assertTrue(
        e.explanation().startsWith("Recovering at 30 devices a minute; back by about 21:56 +01:00 at this rate. "), e.explanation());
  }

  /**
   * A recovery that reached zero: the count fell 300, 200, 100 at 10, 5 and... 0 now. Taken as a steady
   * outage of none it read as "RECOVERY 3 h 37 min" on the HOLD row (the prior's remaining outage) with
   * nothing saying it had recovered; it is the fall's end: holding costs nothing and recovers now.
   */
  @Test
  void aFallThatReachedZeroIsARecoveryNotASteadyOutageOfNone() {
    Outage recovered = outage(0, new long[] {10, 300}, new long[] {5, 200}, new long[] {2, 80});
    Trend t = Trend.of(recovered, Fixtures.AT, 1000);
    assertEquals(Trend.Kind.RECOVERING, t.kind());
    assertEquals(0, t.minutesToZero(), 1e-9);
    Estimate e = ESTIMATOR.estimate(withOutage(Fixtures.input(0, Duration.ofHours(1)), recovered));
    assertEquals(Recommendation.HOLD, e.recommendation());
    OptionEstimate hold = e.options().stream().filter(o -> o.option() == Recommendation.HOLD).findFirst().orElseThrow();
    assertEquals(0, hold.recoveryMinutes(), 1e-9, "back now, not after the prior's remaining outage");
    assertTrue(e.explanation().startsWith("Recovered: the offline count fell to none, by "), e.explanation());
    assertTrue(e.explanation().contains("Hold: no devices are offline"), e.explanation());
    assertTrue(!e.explanation().contains("the 0 offline devices"), e.explanation());
  }

  /** 20 offline falling 30 a minute: zero within 40 s, said so, not "back by about 21:40" beside an estimate of 21:40:00. */
  @Test
  void aRecoveryDueWithinTheMinuteSaysSo() {
    Outage almost = outage(20, new long[] {10, 320}, new long[] {5, 170});
    Estimate e = ESTIMATOR.estimate(withOutage(Fixtures.input(20, Duration.ofHours(1)), almost));
    assertTrue(e.explanation().startsWith("Recovering at 30 devices a minute; back within a minute at this rate. "), e.explanation());
    assertTrue(Trend.said(e.explanation()));
  }

  @Test
  void theExplanationOfARiseSaysHowLongItHasBeenSeenAndWhereItWouldStop() {
    // 500 offline rising 20 a minute, 300 ten minutes ago, an hour after the onset: from zero at that
    // slope the rise is at most 25 minutes old (an hour of it would be 1,200 devices, more than the
    // cluster's 1,000; it used to say "for 1 h so far"). If it goes on, the cluster's 1,000 after 25
    // minutes, 22:05 +01:00.
    Estimate fast = ESTIMATOR.estimate(withOutage(Fixtures.input(500, Duration.ofHours(1)), outage(500, new long[] {10, 300})));
    assertTrue(
        fast.explanation().startsWith(
            "Growing by 20 devices a minute for 25 min so far; if it goes on, 1,000 offline by 22:05 +01:00. A rise seen for 25 min"
                + " levels off within another 25 min as likely as not"),
        fast.explanation());
  }

  static EstimateInput withOutage(EstimateInput in, Outage outage) {
    return new EstimateInput(in.source(), in.targets(), outage, in.at(), in.prior(), in.zone(), in.targetOrder());
  }
}
