package io.failwise.signals.replay;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates device series for the fleet of the 12 March 2026 incident, deterministically from a
 * seed: a normal week (daily rhythm, churn, noise and small dips) and, on one cluster, the incident
 * (onset 20:45 CET, tens of thousands of devices intermittently offline, recovery from 22:03, most
 * back by 22:45). The assumptions behind each number are in docs/detection.md.
 */
public final class FleetSeriesGenerator {
  public static final ZoneId ZONE = ZoneId.of("Europe/Oslo");
  public static final Duration STEP = Duration.ofSeconds(15);
  /** The normal week: 5 to 11 March 2026, local midnight to midnight. */
  public static final Instant WEEK_START = local(2026, 3, 5, 0, 0);
  public static final Instant WEEK_END = local(2026, 3, 12, 0, 0);
  public static final Instant INCIDENT_ONSET = local(2026, 3, 12, 20, 45);
  public static final Instant RECOVERY_START = local(2026, 3, 12, 22, 3);
  /** The generated data ends here, after the incident's recovery. */
  public static final Instant END = local(2026, 3, 13, 2, 0);
  public static final long DEFAULT_SEED = 20260312L;

  /** One cluster of the fleet; {@code affectedDevices} > 0 puts the incident on it. */
  public record ClusterProfile(String name, long devices, long affectedDevices) {}

  /**
   * The incident's shape.
   *
   * @param dropPerStep chance per 15 s that an affected, connected device loses its connection
   * @param reconnectPerStep chance per 15 s that an affected, offline device gets back on while
   *     capacity is short
   */
  public record Incident(Instant onset, Instant recoveryStart, double dropPerStep, double reconnectPerStep) {
    public static Incident march12() {
      return new Incident(INCIDENT_ONSET, RECOVERY_START, 0.04, 0.02);
    }

    /** The same incident with a gentler onset, for sensitivity runs. */
    public Incident slower(double factor) {
      return new Incident(onset, recoveryStart, dropPerStep * factor, reconnectPerStep);
    }
  }

  private FleetSeriesGenerator() {}

  /** The four clusters of the sample manifests; go-eu-west-1 carries the incident. */
  public static List<ClusterProfile> fleet() {
    return List.of(
        new ClusterProfile("go-eu-west-1", 180_000, 45_000),
        new ClusterProfile("go-eu-west-2", 120_000, 0),
        new ClusterProfile("go-eu-north-1", 90_000, 0),
        new ClusterProfile("go-eu-north-2", 60_000, 0));
  }

  /** The series of {@code cluster} from {@code from} to {@code to}, with the incident if it is affected. */
  public static FleetSeries generate(ClusterProfile cluster, Instant from, Instant to, long seed, Incident incident) {
    return generate(cluster, from, to, seed, incident, 1.0);
  }

  /**
   * The same with the daily rhythm of long absences scaled: 2.0 doubles how far the night departs from
   * midday, for robustness runs on fleets with a sharper rhythm.
   */
  public static FleetSeries generate(
      ClusterProfile cluster, Instant from, Instant to, long seed, Incident incident, double rhythmScale) {
    int n = (int) (Duration.between(from, to).toMillis() / STEP.toMillis());
    SplittableRandom random = new SplittableRandom(seed * 31 + cluster.name().hashCode());
    long devices = cluster.devices();
    long[] connected = new long[n];
    long[] expected = new long[n];
    long[] errors = new long[n];
    List<FleetSeries.Dip> dips = dips(from, to, devices, random.split());
    boolean affected = cluster.affectedDevices() > 0 && incident != null;
    double churnOffline = devices * churnPerHour(from) * MEAN_CHURN_OFFLINE_SECONDS / 3600;
    double longOffline = devices * longOfflineShare(from, rhythmScale);
    double affectedOffline = 0;
    double stuck = 0;
    long errorsTotal = 0;
    for (int i = 0; i < n; i++) {
      Instant t = from.plus(STEP.multipliedBy(i));
      double online = devices - churnOffline - longOffline;
      // Short churn: chargers drop and come back within a minute or two, more in the evening.
      double drops = poisson(random, Math.max(0, online) * churnPerHour(t) * STEP.toSeconds() / 3600);
      double returns = binomial(random, churnOffline, (double) STEP.toSeconds() / MEAN_CHURN_OFFLINE_SECONDS);
      churnOffline = Math.max(0, churnOffline + drops - returns);
      // Long absences follow the daily rhythm with a 10-minute lag (night power saving, routers off).
      double target = devices * longOfflineShare(t, rhythmScale);
      longOffline = Math.max(0, longOffline + poisson(random, target / LONG_TAU_STEPS) - binomial(random, longOffline, 1.0 / LONG_TAU_STEPS));
      double dip = dipOffline(dips, t, devices);
      double failedAttempts = poisson(random, drops * 0.05);
      if (affected && !t.isBefore(incident.onset())) {
        double[] next = incidentStep(random, t, incident, cluster.affectedDevices(), affectedOffline, stuck);
        affectedOffline = next[0];
        stuck = next[1];
        failedAttempts += poisson(random, affectedOffline * 0.3);
      }
      errorsTotal += Math.round(failedAttempts);
      double offline = churnOffline + longOffline + dip + affectedOffline + stuck;
      expected[i] = devices;
      connected[i] = Math.max(0, Math.min(devices, Math.round(devices - offline)));
      errors[i] = errorsTotal;
    }
    return new FleetSeries(cluster.name(), from, STEP, connected, expected, errors, affected ? incident.onset() : null, dips);
  }

  /** The whole fleet from the week's start to the end of the incident night. */
  public static List<FleetSeries> generateFleet(long seed) {
    return generateFleet(seed, 1.0);
  }

  public static List<FleetSeries> generateFleet(long seed, double rhythmScale) {
    List<FleetSeries> all = new ArrayList<>();
    for (ClusterProfile c : fleet()) {
      all.add(generate(c, WEEK_START, END, seed, Incident.march12(), rhythmScale));
    }
    return all;
  }

  private static final double MEAN_CHURN_OFFLINE_SECONDS = 90;
  private static final double LONG_TAU_STEPS = 40;

  /** Disconnects per device and hour by local time: few at night, most in the evening. */
  static double churnPerHour(Instant t) {
    ZonedDateTime z = t.atZone(ZONE);
    double hour = z.getHour() + z.getMinute() / 60.0;
    double weekend = z.getDayOfWeek().getValue() >= 6 ? 0.9 : 1.0;
    return weekend * interpolate(CHURN_BY_HOUR, hour);
  }

  /** Share of devices away for a long time by local time: chargers that sleep or lose Wi-Fi at night. */
  static double longOfflineShare(Instant t, double rhythmScale) {
    ZonedDateTime z = t.atZone(ZONE);
    double share = interpolate(LONG_OFFLINE_BY_HOUR, z.getHour() + z.getMinute() / 60.0);
    return LONG_OFFLINE_MIDDAY + (share - LONG_OFFLINE_MIDDAY) * rhythmScale;
  }

  private static final double LONG_OFFLINE_MIDDAY = 0.012;

  private static final double[] CHURN_BY_HOUR = {
    0.08, 0.07, 0.06, 0.06, 0.07, 0.09, 0.13, 0.18, 0.20, 0.18, 0.17, 0.17,
    0.18, 0.18, 0.19, 0.22, 0.30, 0.40, 0.45, 0.45, 0.42, 0.35, 0.22, 0.12
  };
  private static final double[] LONG_OFFLINE_BY_HOUR = {
    0.030, 0.034, 0.035, 0.035, 0.034, 0.030, 0.022, 0.015, 0.012, 0.012, 0.012, 0.012,
    0.012, 0.012, 0.012, 0.012, 0.013, 0.014, 0.015, 0.015, 0.016, 0.017, 0.020, 0.025
  };

  private static double interpolate(double[] byHour, double hour) {
    int h = (int) Math.floor(hour) % 24;
    double f = hour - Math.floor(hour);
    // Cosine easing: rhythms bend, they do not kink on the hour.
    double w = (1 - Math.cos(Math.PI * f)) / 2;
    return byHour[h] * (1 - w) + byHour[(h + 1) % 24] * w;
  }

  /** About three small dips a day, one at a time: 0.1 to 1.2 % of the devices for 1 to 20 minutes. */
  private static List<FleetSeries.Dip> dips(Instant from, Instant to, long devices, SplittableRandom random) {
    List<FleetSeries.Dip> dips = new ArrayList<>();
    double meanGapSeconds = 8 * 3600;
    Instant t = from.plusSeconds((long) (-Math.log(1 - random.nextDouble()) * meanGapSeconds));
    while (t.isBefore(to)) {
      long size = Math.round(devices * (0.001 + random.nextDouble() * 0.011));
      Duration length = Duration.ofSeconds(60 + random.nextLong(19 * 60));
      dips.add(new FleetSeries.Dip(t, size, length));
      // Dips do not overlap: two at once would be a 2 % loss, which is no longer a small dip.
      t = t.plus(length).plusSeconds(180 + (long) (-Math.log(1 - random.nextDouble()) * meanGapSeconds));
    }
    return List.copyOf(dips);
  }

  /** Devices out because of a dip at {@code t}: a 1-minute fall, a plateau, a 3-minute return. */
  private static double dipOffline(List<FleetSeries.Dip> dips, Instant t, long devices) {
    double offline = 0;
    for (FleetSeries.Dip d : dips) {
      double s = Duration.between(d.start(), t).toMillis() / 1000.0;
      double len = d.length().toSeconds();
      if (s < 0 || s > len + 180) {
        continue;
      }
      double shape = s < 60 ? s / 60 : s <= len ? 1 : 1 - (s - len) / 180;
      offline += d.devices() * shape;
    }
    return offline;
  }

  /**
   * One step of the incident on the affected devices: while capacity is short, connected devices
   * drop and offline ones seldom get back on; from the recovery, drops fade and reconnects succeed,
   * except for a small stuck share that comes back slowly overnight.
   */
  private static double[] incidentStep(
      SplittableRandom random, Instant t, Incident incident, long affected, double offline, double stuck) {
    double minutesIntoRecovery = Duration.between(incident.recoveryStart(), t).toSeconds() / 60.0;
    double drop;
    double reconnect;
    if (minutesIntoRecovery < 0) {
      drop = incident.dropPerStep();
      reconnect = incident.reconnectPerStep();
    } else {
      drop = incident.dropPerStep() * Math.exp(-minutesIntoRecovery / 5);
      reconnect = Math.min(0.06, incident.reconnectPerStep() + 0.004 * minutesIntoRecovery);
    }
    double online = Math.max(0, affected - offline - stuck);
    double dropped = binomial(random, online, drop);
    double back = binomial(random, offline, reconnect);
    double newlyStuck = minutesIntoRecovery < 0 ? binomial(random, dropped, 0.01) : 0;
    double stuckBack = binomial(random, stuck, minutesIntoRecovery < 0 ? 0 : 0.002);
    return new double[] {Math.max(0, offline + dropped - newlyStuck - back), Math.max(0, stuck + newlyStuck - stuckBack)};
  }

  /** Normal approximation of a Poisson count: the counts here are in the tens or more. */
  static double poisson(SplittableRandom random, double mean) {
    if (mean <= 0) {
      return 0;
    }
    if (mean < 30) {
      double l = Math.exp(-mean);
      int k = 0;
      double p = 1;
      do {
        k++;
        p *= random.nextDouble();
      } while (p > l);
      return k - 1;
    }
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(random)));
  }

  static double binomial(SplittableRandom random, double n, double p) {
    if (n <= 0 || p <= 0) {
      return 0;
    }
    if (p >= 1) {
      return n;
    }
    double mean = n * p;
    if (mean < 30) {
      return Math.min(n, poisson(random, mean));
    }
    return Math.max(0, Math.min(n, Math.round(mean + Math.sqrt(mean * (1 - p)) * gaussian(random))));
  }

  private static double gaussian(SplittableRandom random) {
    // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
    double u = 1 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  private static Instant local(int y, int m, int d, int h, int min) {
    return LocalDateTime.of(y, m, d, h, min).atZone(ZONE).toInstant();
  }
}
