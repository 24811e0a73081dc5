package io.failwise.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.api.Cluster;
import io.failwise.api.ClusterStatus;
import io.failwise.api.Fixtures;
import io.failwise.api.PastOutage;
import io.failwise.api.validation.Problem;
import io.failwise.model.DeviceObservation;
import io.failwise.model.HealthAssessment;
import io.failwise.model.HealthThresholds;
import io.failwise.operator.observe.Observation;
import io.failwise.operator.status.Conditions;
import io.failwise.operator.status.StatusDiff;
import io.failwise.signals.SignalReading;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClusterStatusFactoryTest {
  private static final Instant T0 = Instant.parse("2026-03-12T19:45:00Z");

  private static ClusterStatus observe(Cluster c, long expected, long connected, Instant at) {
    var obs = new DeviceObservation(expected, connected, at);
    return io.failwise.operator.status.Heartbeats.withoutHeartbeat(
        c.getStatus(), ClusterStatusFactory.observed(c, obs, HealthAssessment.of(obs, HealthThresholds.defaults()), at));
  }

  @Test
  void anOutageSetsOutageAndDegradedAndKeepsReady() {
    Cluster c = Fixtures.cluster("fleet", "west-1", "eu-west", 180_000, 130_000);
    ClusterStatus s = observe(c, 180_000, 130_000, T0);
    assertEquals("Outage", s.health);
    assertEquals(50_000L, s.devices.offline);
    assertTrue(Conditions.isTrue(s.conditions, "Outage"));
    assertTrue(Conditions.isTrue(s.conditions, "Degraded"));
    assertTrue(Conditions.isTrue(s.conditions, "Ready"));
    assertEquals(1L, s.observedGeneration);
  }

  @Test
  void aSteadyClusterIsNeverRewrittenNoHeartbeat() {
    Cluster c = Fixtures.cluster("fleet", "west-1", "eu-west", 180_000, 179_000);
    c.setStatus(observe(c, 180_000, 179_000, T0));
    assertEquals("2026-03-12T19:45:00Z", c.getStatus().lastSignalTime);
    for (int minutes : new int[] {1, 2, 10, 60 * 24}) {
      ClusterStatus later = observe(c, 180_000, 179_000, T0.plusSeconds(60L * minutes));
      assertFalse(StatusDiff.changed(c.getStatus(), later), "nothing a person sees changed after " + minutes + " min: no write");
    }
  }

  @Test
  void theReadingTimeMovesWithWhatChanged() {
    Cluster c = Fixtures.cluster("fleet", "west-1", "eu-west", 180_000, 179_000);
    c.setStatus(observe(c, 180_000, 179_000, T0));
    ClusterStatus later = observe(c, 180_000, 178_000, T0.plusSeconds(300));
    assertTrue(StatusDiff.changed(c.getStatus(), later));
    assertEquals(178_000L, later.devices.connected);
    assertEquals("2026-03-12T19:50:00Z", later.lastSignalTime, "the counts shown come with the time they were read");
  }

  @Test
  void anUnknownSignalIsNeverHealthyAndKeepsTheLastCounts() {
    Cluster c = Fixtures.cluster("fleet", "west-1", "eu-west", 180_000, 179_000);
    c.setStatus(observe(c, 180_000, 179_000, T0));
    ClusterStatus s =
        ClusterStatusFactory.unknownSignal(c, SignalReading.unknown("Unreachable", "Prometheus did not answer."), T0);
    assertEquals("Unknown", s.health);
    assertEquals(179_000L, s.devices.connected);
    assertEquals("Unknown", Conditions.find(s.conditions, "Outage").orElseThrow().getStatus());
    assertEquals("Unreachable", Conditions.find(s.conditions, "Ready").orElseThrow().getReason());
  }

  /**
   * The signal of a cluster in Outage is lost: Unknown, but the outage has not ended as far as anyone
   * knows. The status keeps its onset (here the Outage condition's turn to True: a static reading has no
   * detector onset) and failwise_cluster_outage stays 1; a lost signal after a healthy reading keeps none.
   */
  @Test
  void aLostSignalDuringAnOutageKeepsItsOnsetSoThePageDoesNotResolve() {
    Cluster c = Fixtures.cluster("fleet", "west-1", "eu-west", 180_000, 130_000);
    c.setStatus(next(c, 130_000, T0));
    var lost = new Observation.Reading(SignalReading.unknown("Unreachable", "Prometheus did not answer."));
    ClusterStatus unknown = NextClusterStatus.of(c, List.of(), lost, HealthThresholds.defaults(), T0.plusSeconds(60));
    assertEquals("Unknown", unknown.health);
    assertEquals(T0.toString(), unknown.onsetTime);
    assertTrue(ClusterStatusFactory.outageNotOver(unknown));
    c.setStatus(unknown);
    ClusterStatus stillLost = NextClusterStatus.of(c, List.of(), lost, HealthThresholds.defaults(), T0.plusSeconds(120));
    assertEquals(T0.toString(), stillLost.onsetTime, "for as long as it stays unknown");
    c.setStatus(stillLost);
    ClusterStatus back = next(c, 179_500, T0.plusSeconds(600));
    assertFalse(ClusterStatusFactory.outageNotOver(back), "the counts show it over");

    Cluster healthy = Fixtures.cluster("fleet", "west-2", "eu-west", 180_000, 179_000);
    healthy.setStatus(next(healthy, 179_000, T0));
    ClusterStatus lostHealthy = NextClusterStatus.of(healthy, List.of(), lost, HealthThresholds.defaults(), T0.plusSeconds(60));
    assertEquals(null, lostHealthy.onsetTime);
    assertFalse(ClusterStatusFactory.outageNotOver(lostHealthy));
  }

  @Test
  void anInvalidSpecSaysWhyInTheReadyCondition() {
    Cluster c = Fixtures.cluster("fleet", "west-1", "nowhere", 10, 10);
    ClusterStatus s = ClusterStatusFactory.invalid(c, List.of(new Problem("spec.region", "Region 'nowhere' does not exist")), T0);
    var ready = Conditions.find(s.conditions, "Ready").orElseThrow();
    assertEquals("False", ready.getStatus());
    assertEquals("InvalidSpec", ready.getReason());
    assertEquals("The spec is invalid: spec.region: Region 'nowhere' does not exist.", ready.getMessage());
    assertNotNull(ready.getLastTransitionTime());
  }

  // status.pastOutages: NextClusterStatus records each outage that ends, for the estimator's duration prior.

  /** The next status of {@code c} after a static reading of {@code connected} of 180,000 devices at {@code at}. */
  private static ClusterStatus next(Cluster c, long connected, Instant at) {
    var reading = new Observation.Reading(SignalReading.known(new DeviceObservation(180_000, connected, at)));
    return NextClusterStatus.of(c, List.of(), reading, HealthThresholds.defaults(), at);
  }

  private static Cluster inOutageSince(Instant since) {
    Cluster c = Fixtures.cluster("fleet", "west-1", "eu-west", 180_000, 130_000);
    c.setStatus(next(c, 130_000, since));
    assertEquals("Outage", c.getStatus().health);
    return c;
  }

  private static List<String> spans(ClusterStatus s) {
    return s.pastOutages == null ? List.of() : s.pastOutages.stream().map(p -> p.start + "/" + p.end).toList();
  }

  @Test
  void anOutageThatClearsIsRecordedFromItsOnsetToWhenItCleared() {
    Cluster c = inOutageSince(T0);
    c.getStatus().onsetTime = "2026-03-12T19:38:00Z"; // the change point, before the verdict
    ClusterStatus healthy = next(c, 179_500, T0.plusSeconds(40 * 60));
    assertEquals("Healthy", healthy.health);
    assertEquals(List.of("2026-03-12T19:38:00Z/2026-03-12T20:25:00Z"), spans(healthy));
    assertTrue(StatusDiff.changed(c.getStatus(), healthy));
  }

  /**
   * Detection confirms a return only after its recovery hold (5 min): the outage ended when the devices
   * came back, and a prior that learned "cleared" would learn every outage 5 minutes long, a third of a
   * 13-minute blip. A return from before this outage began (an observer's last one) is not its end; nor is
   * a return detection saw while a run had moved the devices out: they left, they did not come back.
   */
  @Test
  void anOutageEndsWhenItsDevicesCameBackNotWhenDetectionConfirmedIt() {
    Cluster c = inOutageSince(T0);
    c.getStatus().onsetTime = "2026-03-12T19:38:00Z";
    ClusterStatus healthy = next(c, 179_500, T0.plusSeconds(40 * 60));
    Instant back = T0.plusSeconds(35 * 60);
    assertEquals(
        List.of("2026-03-12T19:38:00Z/2026-03-12T20:20:00Z"),
        spans(withPast(healthy, NextClusterStatus.pastOutages(c.getStatus(), healthy, Optional.of(back), T0.plusSeconds(40 * 60)))));
    assertEquals(
        List.of("2026-03-12T19:38:00Z/2026-03-12T20:25:00Z"),
        spans(withPast(healthy, NextClusterStatus.pastOutages(c.getStatus(), healthy, Optional.of(Instant.parse("2026-03-12T19:30:00Z")), T0.plusSeconds(40 * 60)))),
        "a return before the onset is another outage's");
    c.getStatus().conditions =
        Conditions.set(c.getStatus().conditions, ClusterStatusFactory.OUTAGE, Conditions.TRUE, DevicesAway.REASON, "moved out", 1L, T0);
    assertEquals(
        List.of("2026-03-12T19:38:00Z/2026-03-12T20:25:00Z"),
        spans(withPast(healthy, NextClusterStatus.pastOutages(c.getStatus(), healthy, Optional.of(back), T0.plusSeconds(40 * 60)))),
        "held by a run: it ends when the devices are home and counted");
  }

  private static ClusterStatus withPast(ClusterStatus s, List<PastOutage> past) {
    s.pastOutages = past;
    return s;
  }

  @Test
  void withoutAnOnsetTheOutageStartsWhenItsConditionTurnedTrue() {
    Cluster c = inOutageSince(T0); // static readings find no change point: no onsetTime
    assertEquals(null, c.getStatus().onsetTime);
    ClusterStatus degraded = next(c, 175_000, T0.plusSeconds(90));
    assertEquals("Degraded", degraded.health, "an outage that eases into Degraded has ended as an outage");
    assertEquals(List.of("2026-03-12T19:45:00Z/2026-03-12T19:46:30Z"), spans(degraded));
  }

  @Test
  void anOutageThatTurnsUnknownIsNotRecordedItsEndIsNotKnown() {
    Cluster c = inOutageSince(T0);
    var lost = new Observation.Reading(SignalReading.unknown("Unreachable", "Prometheus did not answer."));
    ClusterStatus unknown = NextClusterStatus.of(c, List.of(), lost, HealthThresholds.defaults(), T0.plusSeconds(600));
    assertEquals("Unknown", unknown.health);
    assertEquals(List.of(), spans(unknown));
    ClusterStatus invalid =
        NextClusterStatus.of(c, List.of(new Problem("spec.region", "Region 'x' does not exist")), null, HealthThresholds.defaults(), T0.plusSeconds(600));
    assertEquals(List.of(), spans(invalid));

    // And once Unknown, the recovery that follows is not an outage's end either.
    c.setStatus(unknown);
    assertEquals(List.of(), spans(next(c, 179_500, T0.plusSeconds(1200))));
  }

  @Test
  void thePastOutagesAreCarriedAcrossEveryOtherUpdateAndWriteNothingByThemselves() {
    Cluster c = Fixtures.cluster("fleet", "west-1", "eu-west", 180_000, 179_000);
    c.setStatus(next(c, 179_000, T0));
    c.getStatus().pastOutages = new ArrayList<>(List.of(new PastOutage("2026-03-01T10:00:00Z", "2026-03-01T10:20:00Z")));
    List<String> before = spans(c.getStatus());

    ClusterStatus same = next(c, 179_000, T0.plusSeconds(3600));
    assertEquals(before, spans(same));
    assertFalse(StatusDiff.changed(c.getStatus(), same), "a reading that changes nothing still writes nothing");

    ClusterStatus moved = next(c, 178_000, T0.plusSeconds(7200));
    assertEquals(before, spans(moved), "new counts");
    ClusterStatus outage = next(c, 100_000, T0.plusSeconds(7200));
    assertEquals(before, spans(outage), "an outage beginning");
    var lost = new Observation.Reading(SignalReading.unknown("Unreachable", "Prometheus did not answer."));
    assertEquals(before, spans(NextClusterStatus.of(c, List.of(), lost, HealthThresholds.defaults(), T0)), "the signal lost");
    assertEquals(
        before,
        spans(NextClusterStatus.of(c, List.of(new Problem("spec.region", "no such region")), null, HealthThresholds.defaults(), T0)),
        "an invalid spec");
  }

  @Test
  void anOutageThatEasesToDegradedAndComesBackIsOneOutageNotTwo() {
    // Onset 19:38; eased to Degraded at 19:55 (recorded 19:38-19:55), back to Outage with the same onset
    // (detection keeps the change point while degraded), cleared at 20:25. Two entries would count
    // 19:38-19:55 twice and teach the prior a 17-minute and a 47-minute outage where there was one of 47.
    Cluster c = inOutageSince(T0);
    c.getStatus().onsetTime = "2026-03-12T19:38:00Z";
    ClusterStatus degraded = next(c, 175_000, T0.plusSeconds(10 * 60));
    assertEquals("Degraded", degraded.health);
    assertEquals(List.of("2026-03-12T19:38:00Z/2026-03-12T19:55:00Z"), spans(degraded));
    c.setStatus(degraded);
    ClusterStatus again = next(c, 130_000, T0.plusSeconds(20 * 60));
    assertEquals("Outage", again.health);
    again.onsetTime = "2026-03-12T19:38:00Z";
    c.setStatus(again);
    ClusterStatus healthy = next(c, 179_500, T0.plusSeconds(40 * 60));
    assertEquals(List.of("2026-03-12T19:38:00Z/2026-03-12T20:25:00Z"), spans(healthy));

    // A new outage that began after the last one ended is a new entry.
    c.setStatus(healthy);
    ClusterStatus third = next(c, 130_000, T0.plusSeconds(60 * 60));
    third.onsetTime = "2026-03-12T20:44:00Z";
    c.setStatus(third);
    assertEquals(
        List.of("2026-03-12T19:38:00Z/2026-03-12T20:25:00Z", "2026-03-12T20:44:00Z/2026-03-12T21:05:00Z"),
        spans(next(c, 179_500, T0.plusSeconds(80 * 60))));
  }

  /** The status a silence shows while it silences an outage in progress (see DetectionStatus). */
  private static ClusterStatus silenced(Cluster c, Instant at) {
    ClusterStatus s = next(c, 175_000, at); // Degraded by the counts
    s.onsetTime = c.getStatus().onsetTime;
    s.conditions = Conditions.set(s.conditions, ClusterStatusFactory.OUTAGE, Conditions.FALSE, ClusterStatusFactory.SILENCED, "silenced", 1L, at);
    s.pastOutages = NextClusterStatus.pastOutages(c.getStatus(), s, java.util.Optional.empty(), at);
    return s;
  }

  @Test
  void aSilenceDoesNotEndAnOutageItEndsOnceWhenTheDevicesComeBackOrNotAtAllIfItResumes() {
    Cluster c = inOutageSince(T0);
    c.getStatus().onsetTime = "2026-03-12T19:38:00Z";
    ClusterStatus quiet = silenced(c, T0.plusSeconds(10 * 60));
    assertEquals("Degraded", quiet.health);
    assertEquals(List.of(), spans(quiet), "silenced is not over");
    c.setStatus(quiet);
    ClusterStatus still = silenced(c, T0.plusSeconds(30 * 60));
    assertEquals(List.of(), spans(still));
    c.setStatus(still);

    // The window ends with the devices still offline: the same outage, nothing recorded.
    ClusterStatus again = next(c, 130_000, T0.plusSeconds(130 * 60));
    assertEquals("Outage", again.health);
    assertEquals(List.of(), spans(again));

    // Or the devices come back inside the window: it ends then, from its onset, once.
    ClusterStatus back = next(c, 179_500, T0.plusSeconds(40 * 60));
    assertEquals("Healthy", back.health);
    assertEquals(List.of("2026-03-12T19:38:00Z/2026-03-12T20:25:00Z"), spans(back));
    ClusterStatus partly = next(c, 175_000, T0.plusSeconds(40 * 60));
    assertEquals("Degraded", partly.health);
    assertEquals(List.of("2026-03-12T19:38:00Z/2026-03-12T20:25:00Z"), spans(partly), "half back: ended as an Outage eases to Degraded");
  }

  @Test
  void theTwentyFirstPastOutageDropsTheOldest() {
    Cluster c = inOutageSince(T0);
    List<PastOutage> twenty = new ArrayList<>();
    for (int day = 1; day <= ClusterStatus.MAX_PAST_OUTAGES; day++) {
      String date = String.format("2026-02-%02d", day);
      twenty.add(new PastOutage(date + "T10:00:00Z", date + "T10:30:00Z"));
    }
    c.getStatus().pastOutages = twenty;
    ClusterStatus healthy = next(c, 179_500, T0.plusSeconds(600));
    assertEquals(20, healthy.pastOutages.size());
    assertEquals("2026-02-02T10:00:00Z", healthy.pastOutages.get(0).start, "the oldest, 1 February, is dropped");
    assertEquals("2026-03-12T19:55:00Z", healthy.pastOutages.get(19).end, "the newest is last");
    assertEquals(20, twenty.size(), "the previous status's list is not changed");
  }
}
