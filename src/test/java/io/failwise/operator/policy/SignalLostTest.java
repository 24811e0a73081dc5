package io.failwise.operator.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.failwise.api.Cluster;
import io.failwise.api.FailoverPolicy;
import io.failwise.api.FailoverPolicySpec;
import io.failwise.api.FailoverPolicyStatus;
import io.failwise.api.FailoverPolicyStatus.Decision;
import io.failwise.api.Fixtures;
import io.failwise.model.DeviceObservation;
import io.failwise.model.HealthThresholds;
import io.failwise.operator.NextClusterStatus;
import io.failwise.operator.observe.Observation;
import io.failwise.signals.SignalReading;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A policy watching an outage whose device counts stop being readable (the exporter went with the
 * broker, Prometheus is down): through the Cluster's next status as the reconciler writes it and the
 * policy's look at it, the clock stepped explicitly. Before, the policy went quiet and its last decision
 * (with a re-evaluation time long past) looked current in `failwise decisions` and the console.
 */
class SignalLostTest extends PolicyDeciderFixture {
  private static final long EXPECTED = 180_000;
  /** 21:30 CET: 50,000 of 180,000 devices offline. */
  private static final Instant OUT = Instant.parse("2026-03-12T20:30:00Z");

  private final Cluster source = Fixtures.cluster("fleet", "go-eu-west-1", "eu-west", EXPECTED, 130_000, "go-eu-north-1");
  private final Cluster target = withStatus(Fixtures.cluster("fleet", "go-eu-north-1", "eu-north", 90_000, 89_700), 90_000, 89_700);
  private final FailoverPolicy policy = policy(FailoverPolicySpec.Mode.Shadow);
  private FailoverPolicyStatus status = new FailoverPolicyStatus();

  SignalLostTest() {
    target.getSpec().capacity.devices = 300_000L;
    source.getSpec().failover.cutoverSeconds = 1200L;
  }

  private void read(long connected, Instant at) {
    var reading = SignalReading.known(new DeviceObservation(EXPECTED, connected, at));
    source.setStatus(NextClusterStatus.of(source, List.of(), new Observation.Reading(reading), HealthThresholds.defaults(), at));
  }

  private void lost(Instant at) {
    var reading = SignalReading.unknown("SignalLost", "the series stopped at 21:34:00 (prometheus-eu-north).");
    source.setStatus(NextClusterStatus.of(source, List.of(), new Observation.Reading(reading), HealthThresholds.defaults(), at));
  }

  private void look(Instant at) {
    status = PolicyReconciler.look(
        decider, policy, status, source, List.of(source, target), Situations.of(source), PolicyReconciler.triggerSettings(policy.getSpec()), at);
  }

  private List<Decision> withAction(String action) {
    return status.decisions.stream().filter(d -> action.equals(d.action)).toList();
  }

  @Test
  void theLossIsSaidOnceWithTheDecisionThatStandsAndTheOutageIsDecidedOnAgainWhenTheCountsReturn() {
    read(130_000, OUT);
    look(OUT.plusSeconds(60)); // the policy's hold-off: a minute of Outage
    assertEquals(1, status.decisions.size());
    Decision first = status.decisions.get(0);
    assertEquals("HOLD", first.recommendation, first.explanation);

    Instant lostAt = OUT.plus(Duration.ofMinutes(5)); // 21:35 CET
    lost(lostAt);
    look(lostAt);
    look(lostAt.plusSeconds(60));
    assertEquals(1, status.decisions.size(), "a minute without counts is the Cluster's to say, not yet the policy's");

    look(lostAt.plus(Duration.ofMinutes(2)));
    assertEquals(2, status.decisions.size());
    Decision said = status.decisions.get(0);
    assertEquals("SignalLost", said.action);
    assertEquals("HOLD", said.recommendation, "the recommendation that stands");
    assertEquals(50_000L, said.offlineDevices, "the count the standing decision was made on, not a current one");
    assertNull(said.reevaluateAt, "no re-evaluation is scheduled while the counts cannot be read");
    assertEquals(
        "The device counts of go-eu-west-1 cannot be read since 21:35 +01:00; its Ready condition says SignalLost: Device counts"
            + " are unknown: the series stopped at 21:34:00 (prometheus-eu-north). The policy cannot decide on its outage since 21:30 +01:00 while they"
            + " cannot: its last decision (HOLD at 21:31 +01:00, with 50,000 devices offline) is not re-evaluated and is not"
            + " current. It decides again on the same outage when the counts can be read, or records the recovery if they show the"
            + " devices back. Until then a person decides; the Cluster's status.observers says what each observer sees.",
        said.explanation);
    assertTrue(Boolean.TRUE.equals(status.watches.get(0).signalLost), "still watched");
    assertTrue(events.stream().anyMatch(e -> e.startsWith("Warning SignalLost: go-eu-west-1: The device counts")), events.toString());

    // Long past the standing decision's re-evaluation time: nothing decided blind, nothing said twice.
    look(lostAt.plus(Duration.ofMinutes(30)));
    look(lostAt.plus(Duration.ofMinutes(50)));
    assertEquals(2, status.decisions.size());

    // The counts return with the outage going on (its Outage condition turns true anew): decided on at once.
    Instant back = lostAt.plus(Duration.ofMinutes(55));
    read(125_000, back);
    look(back);
    assertEquals(3, status.decisions.size());
    Decision again = status.decisions.get(0);
    assertEquals("Recorded", again.action);
    assertEquals(55_000L, again.offlineDevices);
    assertTrue(again.explanation.startsWith("Decided again: the device counts can be read again and the outage goes on."), again.explanation);
    assertNull(status.watches.get(0).signalLost);
  }

  @Test
  void countsThatReturnHealthyRecordTheRecoveryOnce() {
    read(130_000, OUT);
    look(OUT.plusSeconds(60));
    Instant lostAt = OUT.plus(Duration.ofMinutes(5));
    lost(lostAt);
    look(lostAt.plus(Duration.ofMinutes(3)));
    read(179_500, lostAt.plus(Duration.ofMinutes(20)));
    look(lostAt.plus(Duration.ofMinutes(20)));
    look(lostAt.plus(Duration.ofMinutes(21)));
    assertEquals(List.of("Recovered", "SignalLost", "Recorded"), status.decisions.stream().map(d -> d.action).toList());
    assertTrue(status.watches.isEmpty(), "no longer watched");
  }

  @Test
  void aLossBeforeAnyDecisionIsTheClustersToSayAlone() {
    read(130_000, OUT);
    Instant lostAt = OUT.plusSeconds(30); // before the policy's minute of hold-off
    lost(lostAt);
    List<Instant> looks = new ArrayList<>();
    for (Instant t = lostAt; t.isBefore(lostAt.plus(Duration.ofHours(1))); t = t.plus(Duration.ofMinutes(5))) {
      look(t);
      looks.add(t);
    }
    assertEquals(List.of(), status.decisions, "nothing decided, nothing to take back, over " + looks.size() + " looks");
  }
}
