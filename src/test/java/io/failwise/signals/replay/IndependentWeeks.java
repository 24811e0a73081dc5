package io.failwise.signals.replay;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A second, independent generator of a normal week, written apart from FleetSeriesGenerator (on
 * which the detector's defaults were argued) so that the tests check the detector on data it was
 * not tuned on: another daily shape (a night dip of 3.6 % on weekdays, a deeper and later 6.6 % at
 * weekends), Poisson churn with exponential offline times, measurement noise, small ISP dips and
 * shard glitches (one of 40 broker shards missing from the sum for one or two samples).
 */
final class IndependentWeeks {
  static final Duration STEP = Duration.ofSeconds(15);
  static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  static final int SHARDS = 40;

  /** A generated week: its rows (connected, expected) and when glitches and dips happened. */
  record Week(Instant start, long devices, long[] connected, List<Instant> glitches) {
    List<SeriesCsv.Row> rows() {
      List<SeriesCsv.Row> rows = new ArrayList<>(connected.length);
      for (int i = 0; i < connected.length; i++) {
        rows.add(new SeriesCsv.Row(time(i), connected[i] < 0 ? null : connected[i], devices));
      }
      return rows;
    }

    Instant time(int i) {
      return start.plus(STEP.multipliedBy(i));
    }

    int index(Instant t) {
      return (int) (Duration.between(start, t).toMillis() / STEP.toMillis());
    }
  }

  private IndependentWeeks() {}

  /** Week {@code n} (Monday 00:00 local onwards) of a 180,000-device cluster, from {@code seed}. */
  static Week week(long seed, int n) {
    long devices = 180_000;
    Instant start = ZonedDateTime.of(2026, 1, 5, 0, 0, 0, 0, ZONE).plusWeeks(n).toInstant();
    int steps = (int) (Duration.ofDays(7).toMillis() / STEP.toMillis());
    SplittableRandom random = new SplittableRandom(seed * 1_000_003L + n);
    long[] connected = new long[steps];
    List<Instant> glitches = new ArrayList<>();
    double away = devices * awayShare(start);
    double churned = 0;
    int glitchLeft = 0;
    int sinceGlitch = 1_000;
    double dip = 0;
    double dipTarget = 0;
    int dipLeft = 0;
    for (int i = 0; i < steps; i++) {
      Instant t = start.plus(STEP.multipliedBy(i));
      // Long absences relax towards the daily shape: arrivals and departures are Poisson.
      double target = devices * awayShare(t);
      away = Math.max(0, away + poisson(random, Math.max(0, target - away) / 30 + target / 600)
          - poisson(random, Math.max(0, away - target) / 30 + target / 600));
      // Churn: each online device drops at a rate by hour; offline times are exponential, mean 75 s.
      double online = devices - away - churned;
      churned = Math.max(0, churned + poisson(random, online * churnPerHour(t) / 240) - poisson(random, churned * 15 / 75.0));
      // Small ISP dips, about two a day: 0.1 to 1 % for 2 to 15 minutes, a 30-second fall.
      if (dipLeft == 0 && random.nextDouble() < 2.0 / 5760) {
        dipTarget = devices * (0.001 + 0.009 * random.nextDouble());
        dipLeft = 8 + random.nextInt(53);
      }
      if (dipLeft > 0) {
        dip = Math.min(dipTarget, dip + dipTarget / 2);
        dipLeft--;
      } else {
        dip = Math.max(0, dip - dipTarget / 6);
      }
      double value = devices - away - churned - dip + 25 * gaussian(random);
      // Shard glitches, about three a day: one shard's share missing from the sum for 1 or 2 samples.
      // Glitches are separate events: two back to back would be a three-sample loss, not a glitch.
      if (glitchLeft == 0 && sinceGlitch > 4 && random.nextDouble() < 3.0 / 5760) {
        glitchLeft = 1 + random.nextInt(2);
        glitches.add(t);
      }
      sinceGlitch++;
      if (glitchLeft > 0) {
        value *= (SHARDS - 1) / (double) SHARDS;
        glitchLeft--;
        sinceGlitch = 0;
      }
      connected[i] = Math.max(0, Math.round(value));
    }
    return new Week(start, devices, connected, glitches);
  }

  /** Share of devices away: 1 % by day; a night dip of 3.6 % on weekdays, 6.6 % later at weekends. */
  static double awayShare(Instant t) {
    ZonedDateTime z = t.atZone(ZONE);
    double hour = z.getHour() + z.getMinute() / 60.0 + z.getSecond() / 3600.0;
    boolean weekend = z.getDayOfWeek() == DayOfWeek.SATURDAY || z.getDayOfWeek() == DayOfWeek.SUNDAY;
    double centre = weekend ? 5.5 : 3.5;
    double width = weekend ? 3.2 : 2.4;
    double depth = weekend ? 0.066 : 0.036;
    double d = Math.min(Math.abs(hour - centre), 24 - Math.abs(hour - centre));
    return 0.01 + (depth - 0.01) * Math.exp(-d * d / (2 * width * width));
  }

  /** Disconnects per device-hour: a morning and a large evening peak. */
  static double churnPerHour(Instant t) {
    double hour = t.atZone(ZONE).getHour() + t.atZone(ZONE).getMinute() / 60.0;
    return 0.05 + 0.12 * Math.exp(-Math.pow((hour - 8) / 1.5, 2)) + 0.3 * Math.exp(-Math.pow((hour - 19.5) / 2, 2));
  }

  static long poisson(SplittableRandom random, double mean) {
    if (mean <= 0) {
      return 0;
    }
    if (mean > 50) {
      return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(random)));
    }
    double l = Math.exp(-mean);
    long k = 0;
    double p = random.nextDouble();
    while (p > l) {
      k++;
      p *= random.nextDouble();
    }
    return k;
  }

  static double gaussian(SplittableRandom random) {
    double u = 1 - random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
  }
}
