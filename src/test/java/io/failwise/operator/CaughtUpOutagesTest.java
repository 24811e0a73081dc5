package io.failwise.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.api.Cluster;
import io.failwise.api.ClusterStatus;
import io.failwise.api.Fixtures;
import io.failwise.api.PastOutage;
import io.failwise.api.SignalsSpec;
import io.failwise.model.HealthThresholds;
import io.failwise.model.detect.DetectorSettings;
import io.failwise.model.detect.EndedOutage;
import io.failwise.operator.observe.Observation;
import io.failwise.signals.PrometheusObservers;
import io.failwise.signals.prometheus.PrometheusApi;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * After a restart or a spell without Prometheus, the observers read every sample of the gap at once. An
 * Outage that began and ended inside it used to be in no status, no {@code pastOutages} record and no
 * Event: the controller wrote only the state at the end. What is recorded must not depend on when the
 * controller happened to read.
 */
class CaughtUpOutagesTest {
  private static final String URL = "http://prom:9090";
  private static final String CONNECTED = "sum(iothub_connected_devices{hub=\"h\"})";
  private static final String EXPECTED = "sum(fleet_registered_devices{hub=\"h\"})";
  private static final Duration STEP = Duration.ofSeconds(15);
  private static final long FLEET = 10_000;
  private static final Instant START = Instant.parse("2026-03-12T20:00:00Z");

  /** A loss of {@code offline} devices from {@code from} until {@code to}. */
  private record Loss(Instant from, Instant to, long offline) {}

  private static Instant at(String hhmm) {
    return Instant.parse("2026-03-12T" + hhmm + ":00Z");
  }

  /** A fleet of 10,000 with 100 offline and a little churn, and the losses on top. */
  private static PrometheusApi series(List<Loss> losses) {
    return (baseUrl, query, start, end, step, timeout) -> {
      List<PrometheusApi.Point> points = new ArrayList<>();
      for (Instant t = start; !t.isAfter(end); t = t.plus(step)) {
        long offline = 100 + (t.getEpochSecond() / 15) % 5 * 8;
        for (Loss l : losses) {
          if (!t.isBefore(l.from()) && t.isBefore(l.to())) {
            offline += l.offline();
          }
        }
        points.add(new PrometheusApi.Point(t, query.equals(CONNECTED) ? FLEET - offline : FLEET));
      }
      return points;
    };
  }

  /** One Cluster read by one observer; each read is what a reconcile does with the observers' verdict. */
  private static final class Controller {
    final Cluster cluster = Fixtures.cluster("fleet", "go-eu-west-2", "eu-west", FLEET, FLEET);
    final PrometheusObservers observers;
    final List<EndedOutage> unseen = new ArrayList<>();

    Controller(List<Loss> losses) {
      this(series(losses));
    }

    Controller(PrometheusApi api) {
      this(api, Duration.ofHours(1), DetectorSettings.defaults());
    }

    Controller(PrometheusApi api, Duration history, DetectorSettings detector) {
      observers =
          new PrometheusObservers(api, new PrometheusObservers.Settings(STEP, Duration.ofSeconds(2), Duration.ofSeconds(60), history, detector));
      cluster.getSpec().signals = new SignalsSpec();
      cluster.getSpec().signals.prometheus = List.of(new SignalsSpec.PrometheusObserver("prom", URL, CONNECTED, EXPECTED));
    }

    Controller read(Instant now) {
      Observation o = new Observation.Quorum(observers.observe(cluster, now));
      unseen.addAll(NextClusterStatus.unseen(cluster.getStatus(), NextClusterStatus.endedSince(cluster.getStatus(), o, Optional.empty())));
      cluster.setStatus(NextClusterStatus.of(cluster, List.of(), o, HealthThresholds.defaults(), now));
      return this;
    }

    /** Reads at every step from {@code from} to {@code to}, as a controller that never misses one. */
    Controller live(Instant from, Instant to) {
      for (Instant t = from; !t.isAfter(to); t = t.plus(STEP)) {
        read(t);
      }
      return this;
    }

    ClusterStatus status() {
      return cluster.getStatus();
    }

    List<String> past() {
      List<PastOutage> p = status().pastOutages;
      return p == null ? List.of() : p.stream().map(x -> x.start + "/" + x.end).toList();
    }
  }

  @Test
  void anOutageThatBeganAndEndedBetweenTwoReadingsIsRecordedAsALiveReadingRecordsIt() {
    List<Loss> losses = List.of(new Loss(at("20:30"), at("21:00"), 6_000));
    Controller live = new Controller(losses).live(START, at("21:30"));
    Controller gap = new Controller(losses).read(START).read(at("21:30"));

    assertEquals(1, live.past().size(), "the live controller saw it: " + live.past());
    assertEquals(live.past(), gap.past(), "the same outage, from its onset to when its devices came back");
    assertEquals("Healthy", gap.status().health);
    // No condition turned for it, so the Event is all that tells a person it happened; a live reading needs none.
    assertEquals(1, gap.unseen.size());
    assertEquals(List.of(), live.unseen);
    String event = OutageEvents.betweenReads(gap.unseen.get(0));
    assertTrue(event.startsWith("An outage from 2026-03-12T20:30:00Z to 2026-03-12T21:00:00Z (30 min) began and ended between two readings"), event);
    assertTrue(event.contains("recorded in status.pastOutages"), event);
  }

  /**
   * The status showed the first outage when the reads stopped. It ended in the gap (when its devices came
   * back, not when the controller looked again) and a second began and ended there too: two records, and
   * the Event for the second only, since OutageOver already tells of the first.
   */
  @Test
  void anOutageShownBeforeTheGapEndsWhenItsDevicesCameBackAndOneUnseenAfterItIsRecordedToo() {
    List<Loss> losses = List.of(new Loss(at("20:30"), at("21:00"), 6_000), new Loss(at("21:10"), at("21:20"), 3_000));
    Controller live = new Controller(losses).live(START, at("21:40"));
    Controller gap = new Controller(losses).live(START, at("20:40"));
    assertEquals("Outage", gap.status().health);
    gap.read(at("21:40"));

    assertEquals(2, live.past().size(), live.past().toString());
    assertEquals(live.past(), gap.past());
    assertEquals(1, gap.unseen.size());
    assertEquals(at("21:10"), gap.unseen.get(0).onset());
  }

  /** An outage that ended in the gap and a new one that goes on are two outages, not one from the first onset. */
  @Test
  void anOutageGoingOnAfterTheGapIsANewOneWhenTheShownOneEndedInIt() {
    List<Loss> losses = List.of(new Loss(at("20:30"), at("21:00"), 6_000), new Loss(at("21:10"), at("23:00"), 6_000));
    Controller live = new Controller(losses).live(START, at("21:30"));
    Controller gap = new Controller(losses).live(START, at("20:40"));
    gap.read(at("21:30"));

    assertEquals("Outage", gap.status().health);
    assertEquals(live.status().onsetTime, gap.status().onsetTime);
    assertTrue(Instant.parse(gap.status().onsetTime).isAfter(at("21:05")), gap.status().onsetTime);
    assertEquals(live.past(), gap.past());
    assertEquals(1, gap.past().size());
    assertEquals(List.of(), gap.unseen, "the one that ended was shown; the one going on is shown now");
  }

  /**
   * Generated nights: a few losses of random size and length, read live and read with random gaps. The
   * records are the same either way, and every outage the gaps hid is told by an Event.
   */
  @Test
  void theRecordDoesNotDependOnWhenTheControllerRead() {
    Random random = new Random(7);
    for (int night = 0; night < 20; night++) {
      List<Loss> losses = new ArrayList<>();
      Instant t = START.plus(Duration.ofMinutes(20 + random.nextInt(20)));
      for (int i = 0; i < 1 + random.nextInt(3); i++) {
        Instant end = t.plus(Duration.ofMinutes(6 + random.nextInt(40)));
        losses.add(new Loss(t, end, 2_000 + random.nextInt(6_000)));
        t = end.plus(Duration.ofMinutes(12 + random.nextInt(30)));
      }
      Instant last = t.plus(Duration.ofMinutes(15));
      Controller live = new Controller(losses).live(START, last);
      Controller gaps = new Controller(losses).read(START);
      for (Instant r = START; r.isBefore(last); ) {
        r = r.plus(STEP.multipliedBy(1 + random.nextInt(240)));
        gaps.read(r.isAfter(last) ? last : r);
      }
      String what = "night " + night + ": " + losses;
      assertEquals(losses.size(), live.past().size(), what + " " + live.past());
      assertEquals(live.past(), gaps.past(), what);
      assertEquals(live.status().health, gaps.status().health, what);
      assertTrue(gaps.unseen.size() <= losses.size(), what);
    }
  }

  /**
   * The signal was lost during an outage: Unknown, its onset kept, no end recorded since none was known.
   * When Prometheus answers again, the observer reads the gap and saw the outage end: it is recorded then,
   * ending when its devices came back. OutageOver tells of it, so no second Event.
   */
  @Test
  void anOutageWhoseSignalWasLostIsRecordedWhenTheGapIsReadAndShowsItsEnd() {
    boolean[] down = {false};
    PrometheusApi series = series(List.of(new Loss(at("20:30"), at("21:00"), 6_000)));
    Controller c = new Controller((baseUrl, query, start, end, step, timeout) -> {
      if (down[0]) {
        throw new io.failwise.signals.prometheus.PrometheusQueryException("Unreachable", "cannot reach " + baseUrl, true);
      }
      return series.range(baseUrl, query, start, end, step, timeout);
    });
    c.live(START, at("20:40"));
    assertEquals("Outage", c.status().health);
    String onset = c.status().onsetTime;
    down[0] = true;
    c.read(at("20:50"));
    assertEquals("Unknown", c.status().health);
    assertEquals(onset, c.status().onsetTime);
    assertEquals(List.of(), c.past());
    down[0] = false;
    c.read(at("21:30"));
    assertEquals("Healthy", c.status().health);
    assertEquals(List.of(onset + "/2026-03-12T21:00:00Z"), c.past());
    assertEquals(List.of(), c.unseen);
  }

  /**
   * The controller restarts after it recorded an outage, with a longer recovery hold: its new detector reads
   * the same night from its own history and confirms the end later than the status's last reading. That is
   * the outage on record, not one that began and ended between two readings: no second record, no Event.
   */
  @Test
  void aDetectorMadeAgainAfterARestartDoesNotRecordAnOutageTwice() {
    List<Loss> losses = List.of(new Loss(at("20:30"), at("21:00"), 6_000));
    Controller before = new Controller(losses).live(START, at("21:10"));
    assertEquals("Healthy", before.status().health);
    assertEquals(1, before.past().size(), before.past().toString());
    DetectorSettings d = DetectorSettings.defaults();
    DetectorSettings longerHold = new DetectorSettings(d.step(), d.baselineHalfLife(), d.warmUp(), d.allowanceSigmas(), d.alarmSigmas(),
        d.maxStepSigmas(), d.degradedExcessRatio(), d.minimumDegradedDevices(), d.outageExcessRatio(), d.minimumOutageDevices(),
        d.recoveryRatio(), d.recoveryHold().plusMinutes(20), d.degradedAcceptAfter(), d.confirmSamples());
    // Made with the production's long history (26 h), which reaches back before the onset.
    Controller after = new Controller(series(losses), Duration.ofHours(26), longerHold);
    after.cluster.setStatus(before.status());
    // The premise: the new detector saw the recorded outage end after the status's last reading.
    Observation o = new Observation.Quorum(after.observers.observe(after.cluster, at("21:40")));
    var seen = ((Observation.Quorum) o).verdict().ended();
    assertTrue(seen.stream().anyMatch(e -> e.endedAt().isAfter(Instant.parse(before.status().lastSignalTime))), seen.toString());

    after.read(at("21:40"));
    assertEquals(before.past(), after.past());
    assertEquals(List.of(), after.unseen, "no Event of an outage between two readings");
  }

  /** A run moves the devices out and back: detection sees them leave, which is no outage to learn. */
  @Test
  void nothingIsCaughtUpWhileARunHoldsTheDevices() {
    List<Loss> losses = List.of(new Loss(at("20:30"), at("21:00"), 6_000));
    Controller c = new Controller(losses).read(START);
    Observation o = new Observation.Quorum(c.observers.observe(c.cluster, at("21:30")));
    assertFalse(NextClusterStatus.endedSince(c.status(), o, Optional.empty()).isEmpty());
    assertEquals(List.of(), NextClusterStatus.endedSince(c.status(), o, Optional.of(new DevicesAway("drill-1", at("21:40")))));
  }
}
