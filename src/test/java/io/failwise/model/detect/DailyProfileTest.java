package io.failwise.model.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/** The daily rhythm's baseline: expected values worked out by hand from 15-minute bucket means. */
class DailyProfileTest {
  private static final Duration STEP = Duration.ofSeconds(15);
  private static final Instant DAY = Instant.parse("2026-03-10T00:00:00Z");
  private static final long BUCKET = 900;

  /** Feeds whole buckets [from, to) of one day, each at the value {@code level} gives its index. */
  private static void feed(DailyProfile p, Instant day, int from, int to, IntToDoubleFunction level) {
    for (long s = from * BUCKET; s < to * BUCKET; s += STEP.toSeconds()) {
      p.add(day.plusSeconds(s), level.applyAsDouble((int) (s / BUCKET)));
    }
  }

  private static Instant centre(Instant day, int bucket) {
    return day.plusSeconds(bucket * BUCKET + BUCKET / 2);
  }

  @Test
  void knowsNothingBeforeADayOfSamplesAndThenTheRhythmBetweenTwoMoments() {
    DailyProfile p = new DailyProfile(STEP);
    assertTrue(Double.isNaN(p.change(centre(DAY, 2), centre(DAY, 5))));
    feed(p, DAY, 0, 96, b -> 10.0 * b);
    p.add(DAY.plus(Duration.ofDays(1)), 0); // the next day's first sample folds the last bucket in
    assertEquals(30.0, p.change(centre(DAY, 2), centre(DAY, 5)), 1e-9);
    assertEquals(-30.0, p.change(centre(DAY, 5), centre(DAY, 2)), 1e-9);
    assertEquals(0.0, p.change(centre(DAY, 7), centre(DAY.plus(Duration.ofDays(3)), 7)), 1e-9, "any day, same time of day");
    // Between bucket centres it is linear: the boundary of buckets 2 and 3 is half-way from 20 to 30.
    assertEquals(5.0, p.change(centre(DAY, 2), DAY.plusSeconds(3 * BUCKET)), 1e-9);
    assertEquals(2.5, p.change(centre(DAY, 2), DAY.plusSeconds(2 * BUCKET + BUCKET * 3 / 4)), 1e-9);
    // Midnight lies between the last bucket (950) and the first (0).
    assertEquals(475.0 - 20.0, p.change(centre(DAY, 2), DAY.plus(Duration.ofDays(1))), 1e-9);
    assertEquals(950.0 - 20.0, p.change(centre(DAY, 2), centre(DAY, 95)), 1e-9);
  }

  @Test
  void aNewDayMovesABucketByItsWeightNotAllTheWay() {
    DailyProfile p = new DailyProfile(STEP);
    feed(p, DAY, 0, 96, b -> 10.0 * b);
    Instant day2 = DAY.plus(Duration.ofDays(1));
    feed(p, day2, 0, 3, b -> b == 2 ? 120.0 : 10.0 * b);
    p.add(day2.plusSeconds(3 * BUCKET), 30); // folds bucket 2 of day 2 in
    // Bucket 2: 0.7 x 20 + 0.3 x 120 = 50; bucket 3 still 30.
    assertEquals(-20.0, p.change(centre(DAY, 2), centre(DAY, 3)), 1e-9);
  }

  @Test
  void aBucketSeenForLessThanAThirdOfItsSamplesIsNotLearned() {
    DailyProfile p = new DailyProfile(STEP);
    feed(p, DAY, 0, 7, b -> 10.0 * b);
    for (int i = 0; i < 19; i++) { // 19 of 60 samples: under a third
      p.add(DAY.plusSeconds(7 * BUCKET + i * STEP.toSeconds()), 1_000);
    }
    feed(p, DAY, 8, 11, b -> 10.0 * b);
    p.add(DAY.plusSeconds(11 * BUCKET), 0); // a bucket centre's value needs the next bucket too
    assertTrue(Double.isNaN(p.change(centre(DAY, 2), centre(DAY, 7))), "bucket 7 is unknown");
    assertEquals(10.0, p.change(centre(DAY, 8), centre(DAY, 9)), 1e-9);
    DailyProfile enough = new DailyProfile(STEP);
    feed(enough, DAY, 6, 7, b -> 60.0);
    for (int i = 0; i < 20; i++) { // 20 of 60: a third, enough
      enough.add(DAY.plusSeconds(7 * BUCKET + i * STEP.toSeconds()), 1_000);
    }
    feed(enough, DAY, 8, 9, b -> 2_000.0);
    enough.add(DAY.plusSeconds(9 * BUCKET), 0);
    assertEquals(940.0, enough.change(centre(DAY, 6), centre(DAY, 7)), 1e-9);
  }
}
