package io.failwise.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.api.Cluster;
import io.failwise.api.ClusterStatus;
import io.failwise.api.Fixtures;
import io.failwise.model.DeviceObservation;
import io.failwise.model.HealthThresholds;
import io.failwise.model.detect.DetectionState;
import io.failwise.model.detect.DetectionVerdict;
import io.failwise.model.detect.ObserverVerdict;
import io.failwise.model.detect.QuorumVerdict;
import io.failwise.model.policy.PolicyTrigger;
import io.failwise.model.policy.TriggerSettings;
import io.failwise.model.policy.WatchState;
import io.failwise.operator.observe.Observation;
import io.failwise.operator.policy.Situations;
import io.failwise.operator.status.Conditions;
import io.failwise.signals.SignalReading;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A failover moves the source's devices out: its counts then read "0 of 0 devices", or only the connected
 * ones after a move of the affected devices. That is no recovery. An outage in progress goes on while a
 * run has the devices away (DevicesMovedOut), is not recorded as ended, and no policy reads the falling
 * count as a trend; it ends, once, when the counts of the devices back home show it over.
 */
class DevicesAwayTest {
  private static final Instant ONSET = Instant.parse("2026-03-12T20:40:00Z");
  private static final DevicesAway FAILING_OVER = new DevicesAway("incident", null);

  /** The next status of {@code c} after reading {@code connected} of {@code expected} at {@code at}, with {@code away}. */
  private static ClusterStatus read(Cluster c, long expected, long connected, Instant at, Optional<DevicesAway> away) {
    var reading = new Observation.Reading(SignalReading.known(new DeviceObservation(expected, connected, at)));
    ClusterStatus next = NextClusterStatus.of(c, List.of(), reading, HealthThresholds.defaults(), at, away);
    c.setStatus(next);
    return next;
  }

  private static Cluster inOutage() {
    Cluster c = Fixtures.cluster("fleet", "go-eu-west-1", "eu-west", 180_000, 100_000);
    read(c, 180_000, 100_000, ONSET, Optional.empty());
    assertEquals("Outage", c.getStatus().health);
    return c;
  }

  @Test
  void anEvacuatedSourceStaysInOutageUntilItsDevicesAreBack() {
    Cluster c = inOutage();
    String since = Conditions.find(c.getStatus().conditions, "Outage").orElseThrow().getLastTransitionTime();
    // Half moved: 40,000 of the 90,000 left are offline; the count fell from 80,000 as offline devices left with the rest.
    ClusterStatus half = read(c, 90_000, 50_000, ONSET.plusSeconds(600), Optional.of(FAILING_OVER));
    assertEquals("Outage", half.health);
    var outage = Conditions.find(half.conditions, "Outage").orElseThrow();
    assertEquals(DevicesAway.REASON, outage.getReason(), "the counts still show it, and say why they fall");
    assertEquals(since, outage.getLastTransitionTime());
    // All moved: "0 of 0 devices", Healthy by the counts. Taken as going on: no end recorded.
    ClusterStatus empty = read(c, 0, 0, ONSET.plusSeconds(1200), Optional.of(FAILING_OVER));
    assertEquals("Outage", empty.health);
    outage = Conditions.find(empty.conditions, "Outage").orElseThrow();
    assertEquals("True", outage.getStatus());
    assertEquals(since, outage.getLastTransitionTime(), "one outage, not an end and a new start");
    assertEquals("Run incident is moving go-eu-west-1's devices (0 of 0 devices connected here now), so its counts cannot show whether"
        + " the outage since 2026-03-12T20:40:00Z is over: it is taken as going on until they are back.", outage.getMessage());
    assertEquals(0L, empty.devices.expected, "the counts shown are the counts read");
    assertNull(empty.pastOutages, "no outage recorded as ended");
    assertTrue(Situations.of(c).devicesAway());
    assertTrue(Situations.of(c).outage());
    // Back and settled, and the devices connect: it ends now, once, from its onset.
    read(c, 180_000, 100_000, ONSET.plusSeconds(3000), Optional.of(new DevicesAway("incident", ONSET.plusSeconds(3300))));
    assertEquals("Outage", c.getStatus().health, "back, still offline: the same outage");
    ClusterStatus over = read(c, 180_000, 179_500, ONSET.plusSeconds(3600), Optional.empty());
    assertEquals("Healthy", over.health);
    assertEquals(1, over.pastOutages.size());
    assertEquals(ONSET.toString(), over.pastOutages.get(0).start);
    assertEquals(ONSET.plusSeconds(3600).toString(), over.pastOutages.get(0).end);
    // Its end is when the run brought the devices back, not one the counts showed: the prior does not learn it
    // (learned, every failover would lengthen the prior and make the next failover look better).
    assertTrue(over.pastOutages.get(0).endHidden(), "ended while a run held the devices");
    assertEquals(0, io.failwise.operator.estimate.PastOutages.prior(io.failwise.model.estimate.DurationPrior.DEFAULT, List.of(c),
        io.failwise.operator.estimate.PastOutages.Learning.DEFAULT).pastOutages(), "learned from none");
    assertFalse(Situations.of(c).devicesAway());
  }

  /** A run that ended Failed holds the cluster until resolved: it is no longer "moving" anything. */
  @Test
  void aFailedHolderIsSaidToHaveEndedNotToBeMoving() {
    Cluster c = inOutage();
    ClusterStatus held = read(c, 180_000, 100_000, ONSET.plusSeconds(600), Optional.of(new DevicesAway("incident", null, "Failed")));
    assertEquals(
        "Run incident moved go-eu-west-1's devices and ended Failed; it holds go-eu-west-1 until a person resolves it (`failwise resolve"
            + " incident`) (100,000 of 180,000 devices connected here now), so its counts cannot show whether the outage since"
            + " 2026-03-12T20:40:00Z is over: it is taken as going on until they are back.",
        Conditions.find(held.conditions, "Outage").orElseThrow().getMessage());
  }

  @Test
  void aRunNeverMakesAnOutageNorHidesALostSignal() {
    Cluster healthy = Fixtures.cluster("fleet", "go-eu-west-1", "eu-west", 180_000, 179_000);
    read(healthy, 180_000, 179_000, ONSET, Optional.empty());
    assertEquals("Healthy", read(healthy, 9_000, 9_000, ONSET.plusSeconds(60), Optional.of(FAILING_OVER)).health, "a drill of a healthy cluster");
    Cluster c = inOutage();
    var lost = new Observation.Reading(SignalReading.unknown("Unreachable", "Prometheus did not answer."));
    ClusterStatus unknown = NextClusterStatus.of(c, List.of(), lost, HealthThresholds.defaults(), ONSET.plusSeconds(60), Optional.of(FAILING_OVER));
    assertEquals("Unknown", unknown.health);
  }

  /** A policy neither decides on the counts of an outage whose devices a run moved out nor calls it recovered. */
  @Test
  void aPolicyWaitsWhileTheDevicesAreAway() {
    Cluster c = inOutage();
    read(c, 0, 0, ONSET.plusSeconds(1200), Optional.of(FAILING_OVER));
    var watch = Optional.of(new WatchState(ONSET, 80_000, ONSET.plusSeconds(1800)));
    var verdict = PolicyTrigger.evaluate(Situations.of(c), new TriggerSettings(java.time.Duration.ZERO, 1, 0.2), watch, ONSET.plusSeconds(3600));
    assertEquals(PolicyTrigger.Next.WAIT, verdict.next(), "the re-decision is due, but the counts are the run's");
  }

  /**
   * Through detection (Prometheus observers, as in the embedded world): the detector saw the devices
   * leave and come back, and dates the offline devices it sees on their return as a change of its own,
   * a new onset. It is the same outage (it never showed over): the status keeps its first onset once the
   * run has let go of the cluster, and the outage is recorded from it. It was recorded from the return,
   * the failback's time: a failover at 22:12 of an outage that began at 20:04 taught the prior an outage
   * of 1 h 8 min.
   */
  @Test
  void anOutageKeepsItsFirstOnsetWhenDetectionDatesTheReturnedDevicesAnew() {
    Cluster c = Fixtures.cluster("fleet", "go-eu-west-1", "eu-west", 180_000, 100_000);
    detect(c, DetectionState.OUTAGE, 180_000, 100_000, ONSET, ONSET.plusSeconds(300), null, Optional.empty());
    assertEquals(ONSET.toString(), c.getStatus().onsetTime);
    detect(c, DetectionState.NORMAL, 0, 0, null, ONSET.plusSeconds(1200), null, Optional.of(FAILING_OVER));
    Instant back = ONSET.plusSeconds(5400);
    detect(c, DetectionState.OUTAGE, 180_000, 100_000, back, back.plusSeconds(300), null, Optional.of(new DevicesAway("incident", back.plusSeconds(600))));
    ClusterStatus settled = detect(c, DetectionState.OUTAGE, 180_000, 100_000, back, back.plusSeconds(900), null, Optional.empty());
    assertEquals("Outage", settled.health);
    assertEquals(ONSET.toString(), settled.onsetTime, "one outage, from its first onset");
    Instant over = back.plusSeconds(1800);
    ClusterStatus ended = detect(c, DetectionState.NORMAL, 180_000, 179_500, null, over.plusSeconds(300), over, Optional.empty());
    assertEquals("Healthy", ended.health);
    assertEquals(1, ended.pastOutages.size());
    assertEquals(ONSET.toString(), ended.pastOutages.get(0).start, "recorded from its first onset");
    assertEquals(over.toString(), ended.pastOutages.get(0).end, "to when the devices came back");
    assertFalse(ended.pastOutages.get(0).endHidden(), "the devices were home when it ended: the counts showed its end");
  }

  /** A detector's verdict on the cluster at {@code at}, through one observer, the next status written. */
  private static ClusterStatus detect(
      Cluster c, DetectionState state, long expected, long connected, Instant onset, Instant at, Instant backAt, Optional<DevicesAway> away) {
    long excess = state.alarmed() ? expected - connected : 0;
    var verdict = new DetectionVerdict(state, at, connected, expected, excess, expected, onset, 9, false, false, backAt);
    var quorum = new Observation.Quorum(QuorumVerdict.of(List.of(ObserverVerdict.known("prom-a", verdict)), 1));
    ClusterStatus next = NextClusterStatus.of(c, List.of(), quorum, HealthThresholds.defaults(), at, away);
    c.setStatus(next);
    return next;
  }
}
