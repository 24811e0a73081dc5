package io.failwise.signals.replay;

import io.failwise.model.detect.MaintenanceSchedule;
import io.failwise.model.detect.MaintenanceWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The shapes of trouble a detector meets besides the textbook outage, each put into a generated
 * normal week of one 180,000-device cluster (FleetSeriesGenerator, no incident) on its last day, at a
 * time drawn from the seed. What each shape asks of a method is its {@link Measure}.
 */
public final class DetectionShapes {
  private DetectionShapes() {}

  /** What a shape measures. */
  public enum Measure {
    /** How long from the onset until the alert (Failwise: the Outage condition). */
    TIME_TO_ALERT,
    /** How many alerts there are where nothing needs a person. */
    FALSE_ALERTS,
    /** How long from the onset until the method says the signal is gone (Failwise: SignalLost). */
    TIME_TO_NOTICE,
    /** Whether the loss is still shown six hours after its onset (Failwise: Degraded or Outage). */
    VISIBLE_AFTER_6H
  }

  /** A shape, with what it measures and one line of what it is. */
  public enum Shape {
    SHARD_GLITCHES(Measure.FALSE_ALERTS, "one of 40 broker shards missing from the sum for 1-2 samples, about 3 a day, all week"),
    MAINTENANCE(Measure.FALSE_ALERTS, "8 % of devices drop at once and reconnect within 3 min, inside a declared 30-min window at 02:00"),
    VANISHED(Measure.TIME_TO_NOTICE, "the series disappears for 30 min on a healthy afternoon"),
    FLAPPING(Measure.TIME_TO_ALERT, "10 % of devices drop and return together, 1 min off and 1 min on, for an hour"),
    SLOW_RAMP(Measure.TIME_TO_ALERT, "a loss growing evenly from 0 to 10 % over an hour"),
    NIGHT_TROUGH(Measure.TIME_TO_ALERT, "a sudden 3 % loss at 03:30, the deepest of the night's rhythm, for an hour"),
    STEP_1PCT(Measure.VISIBLE_AFTER_6H, "a 1 % loss that persists for 8 hours"),
    SUDDEN_2PCT(Measure.TIME_TO_ALERT, "a sudden 2 % loss for 30 min"),
    SUDDEN_5PCT(Measure.TIME_TO_ALERT, "a sudden 5 % loss for 30 min"),
    SUDDEN_20PCT(Measure.TIME_TO_ALERT, "a sudden 20 % loss for 30 min");

    private final Measure measure;
    private final String description;

    Shape(Measure measure, String description) {
      this.measure = measure;
      this.description = description;
    }

    public Measure measure() {
      return measure;
    }

    public String description() {
      return description;
    }

    /** The shape's name on a command line and in JSON: shard-glitches, step-1pct. */
    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  /**
   * One generated week with a shape in it.
   *
   * @param onset when the shape begins (for SHARD_GLITCHES, the start of day 2: the rules and the
   *     detector have a day of history from there)
   * @param until the end of the stretch in which the shape's alerts are counted
   * @param windows the maintenance windows a user declared (the detector reads them; the rules cannot)
   */
  public record Case(Shape shape, FleetSeries series, Instant onset, Instant until, MaintenanceSchedule windows) {}

  public static final long DEVICES = 180_000;
  private static final int SHARDS = 40;
  private static final FleetSeriesGenerator.ClusterProfile CLUSTER =
      new FleetSeriesGenerator.ClusterProfile("go-eu-west-1", DEVICES, 0);
  /** The last day of the generated week, on which every shape but the glitches happens. */
  private static final LocalDate LAST_DAY = LocalDate.of(2026, 3, 11);

  /** The normal week of {@code seed} with {@code shape} in it, deterministically. */
  public static Case generate(Shape shape, long seed) {
    FleetSeries base = FleetSeriesGenerator.generate(
        CLUSTER, FleetSeriesGenerator.WEEK_START, FleetSeriesGenerator.WEEK_END, seed, null);
    long[] c = base.connected().clone();
    SplittableRandom random = new SplittableRandom(seed * 7919 + shape.ordinal());
    // Daytime shapes start between 09:00 and 12:00 local, so that 8 hours fit in the day.
    Instant day = at(LocalTime.of(9, 0)).plusSeconds(15L * random.nextInt(720));
    int i0 = base.indexOf(day);
    MaintenanceSchedule windows = MaintenanceSchedule.NONE;
    Instant onset = base.time(i0);
    Instant until = base.time(Math.min(c.length - 1, i0 + 240));
    switch (shape) {
      case SHARD_GLITCHES -> {
        int since = 1_000;
        int left = 0;
        for (int i = base.indexOf(FleetSeriesGenerator.WEEK_START.plus(Duration.ofDays(1))); i < c.length; i++, since++) {
          if (left == 0 && since > 4 && random.nextDouble() < 3.0 / 5760) {
            left = 1 + random.nextInt(2);
          }
          if (left > 0) {
            c[i] = Math.round(c[i] * (SHARDS - 1) / (double) SHARDS);
            left--;
            since = 0;
          }
        }
        onset = FleetSeriesGenerator.WEEK_START.plus(Duration.ofDays(1));
        until = base.time(c.length - 1);
      }
      case MAINTENANCE -> {
        Instant start = at(LocalTime.of(2, 0));
        windows = new MaintenanceSchedule(List.of(MaintenanceWindow.once("broker upgrade", start, start.plus(Duration.ofMinutes(30)))));
        int w = base.indexOf(start.plus(Duration.ofMinutes(5)));
        // All at once, then back evenly over 3 minutes (12 samples).
        for (int k = 0; k < 13; k++) {
          c[w + k] -= Math.round(DEVICES * 0.08 * (12 - k) / 12.0);
        }
        onset = start;
        until = start.plus(Duration.ofMinutes(60));
      }
      case VANISHED -> {
        for (int k = 0; k < 120; k++) {
          c[i0 + k] = -1;
        }
        until = base.time(i0 + 120);
      }
      case FLAPPING -> {
        for (int k = 0; k < 240; k++) {
          if ((k / 4) % 2 == 0) {
            c[i0 + k] -= Math.round(DEVICES * 0.10);
          }
        }
      }
      case SLOW_RAMP -> {
        for (int k = 0; k < 360; k++) {
          c[i0 + k] -= Math.round(DEVICES * 0.10 * Math.min(1.0, (k + 1) / 240.0));
        }
        until = base.time(i0 + 360);
      }
      case NIGHT_TROUGH -> {
        i0 = base.indexOf(at(LocalTime.of(3, 30)));
        onset = base.time(i0);
        for (int k = 0; k < 240; k++) {
          c[i0 + k] -= Math.round(DEVICES * 0.03);
        }
        until = base.time(i0 + 240);
      }
      case STEP_1PCT -> {
        for (int k = 0; k < 8 * 240 && i0 + k < c.length; k++) {
          c[i0 + k] -= Math.round(DEVICES * 0.01);
        }
        until = onset.plus(Duration.ofHours(8));
      }
      case SUDDEN_2PCT, SUDDEN_5PCT, SUDDEN_20PCT -> {
        double share = shape == Shape.SUDDEN_2PCT ? 0.02 : shape == Shape.SUDDEN_5PCT ? 0.05 : 0.20;
        for (int k = 0; k < 120; k++) {
          c[i0 + k] -= Math.round(DEVICES * share);
        }
        until = base.time(i0 + 120);
      }
    }
    for (int i = 0; i < c.length; i++) {
      c[i] = c[i] < 0 && shape != Shape.VANISHED ? 0 : c[i];
    }
    FleetSeries series = new FleetSeries(
        base.cluster(), base.start(), base.step(), c, base.expected(), base.connectionErrorsTotal(), onset, base.dips());
    return new Case(shape, series, onset, until, windows);
  }

  private static Instant at(LocalTime time) {
    return LAST_DAY.atTime(time).atZone(FleetSeriesGenerator.ZONE).toInstant();
  }
}
