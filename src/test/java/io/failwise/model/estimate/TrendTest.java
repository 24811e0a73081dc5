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
    // The readings rise from the first, so the rise is dated from the onset (an hour ago): it goes on for
    // another 60 minutes as likely as not, and, once seen for 75, another 15 with chance 75/90.
    assertEquals(60, slow.riseMinutes(), 1e-9);
    assertEquals(0.5, slow.goesOn(0, 60), 1e-12);
    assertEquals(75.0 / 90, slow.goesOn(15, 15), 1e-12);
    // A count that was higher before its lowest reading began rising at that reading: 4 minutes ago.
    Trend young = trend(600, new long[] {12, 500}, new long[] {8, 300}, new long[] {4, 200}, new long[] {2, 400});
    assertEquals(Trend.Kind.GROWING, young.kind());
    assertEquals(4, young.riseMinutes(), 1e-9);
    assertEquals(0.5, young.goesOn(0, 4), 1e-12);
    // Falling and steady counts have no rise to go on with.
    assertEquals(1, trend(1000).goesOn(0, 15));
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

  @Test
  void theExplanationOfARiseSaysHowLongItHasBeenSeenAndWhereItWouldStop() {
    // 500 offline rising 20 a minute for the hour since the onset: if it goes on, the cluster's 1,000
    // after 25 minutes, 22:05 +01:00.
    Estimate fast = ESTIMATOR.estimate(withOutage(Fixtures.input(500, Duration.ofHours(1)), outage(500, new long[] {10, 300})));
    assertTrue(
        fast.explanation().startsWith(
            "Growing by 20 devices a minute for 1 h so far; if it goes on, 1,000 offline by 22:05 +01:00. A rise seen for 1 h levels"
                + " off within another 1 h as likely as not"),
        fast.explanation());
  }

  static EstimateInput withOutage(EstimateInput in, Outage outage) {
    return new EstimateInput(in.source(), in.targets(), outage, in.at(), in.prior(), in.zone(), in.targetOrder());
  }
}
